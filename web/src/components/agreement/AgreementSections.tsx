/**
 * The agreement as people read it: 单位性质 and 单位联系方式, the eight sections (第一条 … 第八条) and
 * 档案接收, every field with its Chinese label — the one field catalogue the server's diff uses
 * (domain/agreement-diff.ts), so a field the screen shows and a change the server reports always
 * agree. A partial document (an employer's draft) shows what is filled and 未填写 for the rest.
 *
 * `changes` (from GET …/agreement/versions) highlights the fields the employer changed since the
 * version before, each with its previous value, so a student who returned the agreement sees
 * exactly what is different.
 */
import { Card, Descriptions, Space, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { AGREEMENT_FIELDS, type FieldChange, fieldValue } from '../../../../domain/agreement-diff';

export interface AgreementDocument {
  unitNature?: string | null;
  contact?: Record<string, unknown> | null;
  agreement?: Record<string, unknown> | null;
  archive?: Record<string, unknown> | null;
}

const EMPTY = '未填写';
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八'];

/** `2 劳动或聘用合同有关条款的约定` → `第二条 劳动或聘用合同有关条款的约定`; other groups as they are. */
function groupTitle(section: string): string {
  const match = /^(\d) (.+)$/.exec(section);
  return match ? `第${NUMERALS[Number(match[1]) - 1]}条 ${match[2]}` : section;
}

export function AgreementSections({
  document,
  changes,
  title = '就业协议书内容',
  extra,
}: {
  document: AgreementDocument;
  changes?: readonly FieldChange[] | null;
  title?: ReactNode;
  /** The card's header actions (e.g. 打印协议书 / 下载 PDF links). */
  extra?: ReactNode;
}) {
  const changed = new Map((changes ?? []).map((c) => [c.path, c]));
  const groups = new Map<string, typeof AGREEMENT_FIELDS[number][]>();
  for (const field of AGREEMENT_FIELDS) {
    if (field.path.startsWith('archive.') && !document.archive) continue;
    if ((field.path === 'unitNature' || field.path.startsWith('contact.')) && !document.unitNature && !document.contact) continue;
    groups.set(field.section, [...(groups.get(field.section) ?? []), field]);
  }

  return (
    <Card title={title} extra={extra} size="small" styles={{ body: { display: 'flex', flexDirection: 'column', gap: 16 } }}>
      {changed.size > 0 && (
        <Typography.Text type="warning">
          与上一版相比，用人单位修改了 {changed.size} 处（已用黄色标出，悬停或点按查看原内容）。
        </Typography.Text>
      )}
      {[...groups].map(([section, fields]) => (
        <Descriptions
          key={section}
          title={groupTitle(section)}
          bordered
          size="small"
          column={{ xs: 1, sm: 1, md: 2, lg: 2 }}
          items={fields.map((field) => {
            // fieldValue, not the value at the path: 合同期限 is the kind and the months together.
            const raw = fieldValue(document, field);
            const present = raw !== undefined && raw !== null && raw !== '';
            const text = present ? (field.format ? field.format(raw as string | number | boolean) : String(raw)) : EMPTY;
            const change = changed.get(field.path);
            const long = typeof raw === 'string' && raw.length > 40;
            return {
              key: field.path,
              label: field.label,
              span: long ? ('filled' as const) : 1,
              children: change ? (
                <Tooltip title={`原内容：${change.fromText}`}>
                  <span className="field-changed" data-changed-field={field.path} tabIndex={0} aria-label={`${field.label}：${text}（已修改，原内容：${change.fromText}）`}>
                    <Space size={4} wrap>
                      <span style={{ whiteSpace: 'pre-wrap' }}>{text}</span>
                      <Tag color="orange">已修改</Tag>
                    </Space>
                  </span>
                </Tooltip>
              ) : (
                <span style={{ whiteSpace: 'pre-wrap', color: present ? undefined : '#bfbfbf' }}>{text}</span>
              ),
            };
          })}
        />
      ))}
    </Card>
  );
}
