/**
 * 协议版本: every version the employer sent (第 N 版), newest first, each with its field changes
 * against the one before (字段 / 原内容 / 新内容, from GET …/agreement/versions) and, on demand, the
 * whole version with the changed fields highlighted (AgreementSections).
 */
import { Button, Collapse, Empty, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { AgreementFieldChange, AgreementVersionView, AgreementVersionsView } from '../../api/types';
import { AgreementSections } from '../../components/agreement/AgreementSections';
import { LoadState } from '../../components/LoadState';
import { beijingTime } from '../../lib/beijing-time';
import { useLoad } from '../../lib/use-load';

type Version = AgreementVersionsView['items'][number];

function FullVersion({ signingId, version }: { signingId: string; version: Version }) {
  const loaded = useLoad(async () => {
    const { data } = await api.GET('/api/signings/{id}/agreement', { params: { path: { id: signingId }, query: { version: version.version } } });
    return data as unknown as AgreementVersionView;
  }, [signingId, version.version]);
  return (
    <LoadState loaded={loaded}>
      {(doc) => <AgreementSections document={{ ...doc, archive: doc.archive ? { ...doc.archive } : null }} changes={version.changes} title={`第 ${version.version} 版全文`} />}
    </LoadState>
  );
}

function Changes({ changes }: { changes: AgreementFieldChange[] | null }) {
  if (changes === null) return <Typography.Text type="secondary">首次发送的版本。</Typography.Text>;
  if (changes.length === 0) return <Typography.Text type="secondary">与上一版相比无修改。</Typography.Text>;
  return (
    <Table<AgreementFieldChange>
      rowKey="path"
      size="small"
      pagination={false}
      tableLayout="fixed"
      dataSource={changes}
      columns={[
        {
          title: '字段',
          key: 'label',
          width: '34%',
          render: (_, c) => (
            <Space vertical size={0}>
              <span>{c.label}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {c.section}
              </Typography.Text>
            </Space>
          ),
        },
        { title: '原内容', dataIndex: 'fromText', key: 'from', render: (t: string) => <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{t}</span> },
        { title: '新内容', dataIndex: 'toText', key: 'to', render: (t: string) => <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontWeight: 600 }}>{t}</span> },
      ]}
    />
  );
}

function VersionBody({ signingId, version }: { signingId: string; version: Version }) {
  const [full, setFull] = useState(false);
  return (
    <Space vertical style={{ width: '100%' }} size="middle">
      <Changes changes={version.changes} />
      {full ? (
        <FullVersion signingId={signingId} version={version} />
      ) : (
        <Button size="small" onClick={() => setFull(true)}>
          查看第 {version.version} 版全文
        </Button>
      )}
    </Space>
  );
}

export function VersionsPanel({ signingId, versions }: { signingId: string; versions: AgreementVersionsView }) {
  if (versions.items.length === 0) return <Empty description="尚未发送协议" />;
  const newestFirst = [...versions.items].reverse();
  return (
    <Collapse
      defaultActiveKey={[String(newestFirst[0]!.version)]}
      items={newestFirst.map((v) => ({
        key: String(v.version),
        label: (
          <Space wrap size={4}>
            <strong>第 {v.version} 版</strong>
            {v.current && <Tag color="blue">当前版本</Tag>}
            {v.changes && v.changes.length > 0 && <Tag color="orange">修改 {v.changes.length} 处</Tag>}
            <Typography.Text type="secondary">
              {beijingTime(v.sentAt)} 由{v.sentBy.name ?? '用人单位'}发送
            </Typography.Text>
          </Space>
        ),
        children: <VersionBody signingId={signingId} version={v} />,
      }))}
    />
  );
}
