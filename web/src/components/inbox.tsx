/**
 * The inbox (站内信) every party has: the unread count for the header's badge, refreshed as the user
 * moves between pages and every 30 s, and the list with 标为已读 and a link to the signing.
 */
import { Badge, Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { api } from '../api/client';
import { beijingTime } from '../lib/beijing-time';
import { useLoad } from '../lib/use-load';
import { useMe } from '../session/SessionProvider';
import { LoadState } from './LoadState';

const REFRESH_MS = 30_000;
const listeners = new Set<() => void>();
/** Tells the badge to count again (after marking read, after an action that notifies). */
export function inboxChanged(): void {
  for (const listener of listeners) listener();
}

export function useUnreadCount(): number {
  const [unread, setUnread] = useState(0);
  const location = useLocation();
  const count = useCallback(() => {
    api.GET('/api/me/notifications', { params: { query: { limit: 1 } } }).then(
      ({ data }) => setUnread(Number((data as { unreadCount?: number } | undefined)?.unreadCount ?? 0)),
      () => undefined,
    );
  }, []);
  useEffect(() => {
    count();
    const timer = setInterval(count, REFRESH_MS);
    listeners.add(count);
    return () => {
      clearInterval(timer);
      listeners.delete(count);
    };
  }, [count, location.pathname]);
  return unread;
}

interface Notification {
  id: string;
  type: string;
  signingId: string | null;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

/** Where a notification's signing opens for each party. */
const SIGNING_PAGE = {
  student: (id: string) => `/student/signings/${id}`,
  employer: (id: string) => `/employer/signings/${id}`,
  school: (id: string) => `/school/signings/${id}`,
} as const;

export function InboxPage() {
  const me = useMe();
  const loaded = useLoad(async () => {
    const { data } = await api.GET('/api/me/notifications', { params: { query: { limit: 50 } } });
    return data as unknown as { items: Notification[]; unreadCount: number };
  }, []);

  async function markRead(id: string) {
    await api.POST('/api/me/notifications/{id}/read', { params: { path: { id } } });
    inboxChanged();
    await loaded.reload();
  }

  return (
    <Card title="通知" extra={loaded.data ? <Badge count={loaded.data.unreadCount} showZero={false} title="未读" /> : null}>
      <LoadState loaded={loaded}>
        {({ items }) =>
          items.length === 0 ? (
            <Empty description="暂无通知" />
          ) : (
            <List
              itemLayout="vertical"
              dataSource={items}
              renderItem={(n) => (
                <List.Item
                  key={n.id}
                  actions={[
                    n.signingId ? (
                      <Link key="open" to={SIGNING_PAGE[me.role](n.signingId)}>
                        查看网签
                      </Link>
                    ) : null,
                    !n.readAt ? (
                      <Button key="read" size="small" onClick={() => void markRead(n.id)}>
                        标为已读
                      </Button>
                    ) : null,
                  ].filter(Boolean)}
                >
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        {!n.readAt && <Tag color="blue">未读</Tag>}
                        <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                      </Space>
                    }
                    description={beijingTime(n.createdAt)}
                  />
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{n.body}</Typography.Paragraph>
                </List.Item>
              )}
            />
          )
        }
      </LoadState>
    </Card>
  );
}
