/**
 * A Select over one of the flat code lists (GET /api/codes/unit-natures, /job-categories), shown as
 * `39 其他企业`, searchable by code or name; a failed load says so with 重试 beside the field.
 */
import { Button, Select, Space, Typography } from 'antd';
import { type FlatCodeList, useCodeList } from '../../../components/codes/use-code-list';

export function CodeSelect({
  list,
  id,
  value,
  onChange,
  placeholder,
  ...aria
}: {
  list: FlatCodeList;
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  'aria-invalid'?: boolean;
}) {
  const codes = useCodeList(list);
  if (codes.error) {
    return (
      <Space wrap>
        <Typography.Text type="danger">代码表加载失败：{codes.error.message}</Typography.Text>
        <Button size="small" onClick={codes.retry}>
          重试
        </Button>
      </Space>
    );
  }
  return (
    <Select
      {...aria}
      id={id}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      loading={!codes.items}
      placeholder={placeholder ?? '请选择'}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear
      options={codes.items?.map((c) => ({ value: c.code, label: `${c.code} ${c.name}` }))}
    />
  );
}
