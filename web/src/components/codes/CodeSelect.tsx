/**
 * A searchable Select over one flat code list of GET /api/codes/* (行业类别, 单位性质, 工作职位类别,
 * 毕业去向). The form value is the code itself (`'65'`); the option reads as the source shows it:
 * `65 软件和信息技术服务业` (format `code-name`, the default) or `派遣网上签约(01)` (`name-code`).
 * Typing filters by code or name. Use it as the direct child of an antd Form.Item, which passes
 * `id` (tying the label to the input), `value` and `onChange`.
 */
import { Select, type SelectProps } from 'antd';
import { useMemo } from 'react';
import { CodeListError } from './CodeListError';
import { type CodeItem, type FlatCodeList, useCodeList } from './use-code-list';

export type CodeFormat = 'code-name' | 'name-code';

export function codeText(item: CodeItem, format: CodeFormat = 'code-name'): string {
  return format === 'code-name' ? `${item.code} ${item.name}` : `${item.name}(${item.code})`;
}

export interface CodeSelectProps extends Omit<SelectProps<string>, 'options' | 'mode' | 'showSearch' | 'loading'> {
  list: FlatCodeList;
  format?: CodeFormat;
}

export function CodeSelect({ list, format = 'code-name', placeholder = '请选择', ...rest }: CodeSelectProps) {
  const { items, error, retry } = useCodeList(list);
  const options = useMemo(() => (items ?? []).map((item) => ({ value: item.code, label: codeText(item, format) })), [items, format]);
  return (
    <>
      <Select<string>
        {...rest}
        options={options}
        loading={!items && !error}
        placeholder={error ? '选项加载失败' : placeholder}
        showSearch={{ optionFilterProp: 'label' }}
        notFoundContent={items ? '没有匹配的选项' : error ? '选项加载失败' : '正在加载…'}
        status={error ? 'error' : rest.status}
      />
      {error && <CodeListError error={error} onRetry={retry} />}
    </>
  );
}
