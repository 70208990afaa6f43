/**
 * 单位地区: a Cascader 省 → 市 → 区/县 over GET /api/codes/regions, searchable by name or code. The
 * form value is ONE code, the last level chosen (`'310104'` for 上海市 / 徐汇区); any level may be chosen (changeOnSelect), the server checks the code is a real one.
 * Shown as `上海市 / 徐汇区（310104）`. Use it as the direct child of an antd Form.Item.
 */
import { Cascader, type CascaderProps, Grid } from 'antd';
import { useMemo } from 'react';
import { CodeListError } from './CodeListError';
import { type RegionNode, useCodeList } from './use-code-list';

/** The nodes from the root down to `code`, or undefined if the tree does not hold it. */
export function regionPath(tree: readonly RegionNode[], code: string): RegionNode[] | undefined {
  for (const node of tree) {
    if (node.code === code) return [node];
    if (node.children) {
      const below = regionPath(node.children, code);
      if (below) return [node, ...below];
    }
  }
  return undefined;
}

/** `上海市 徐汇区` → the names along the path, for showing a stored code. */
export function regionText(tree: readonly RegionNode[], code: string): string {
  const path = regionPath(tree, code);
  return path ? `${path.map((n) => n.name).join(' / ')}（${code}）` : code;
}

type Props = Omit<CascaderProps<RegionNode>, 'value' | 'onChange' | 'options' | 'multiple' | 'showSearch' | 'fieldNames'> & {
  value?: string | null;
  onChange?: (code: string | undefined) => void;
};

const FIELD_NAMES = { label: 'name', value: 'code', children: 'children' } as const;

export function RegionCascader({ value, onChange, placeholder = '请选择省 / 市 / 区县，或输入名称搜索', ...rest }: Props) {
  const { items, error, retry } = useCodeList('regions');
  // On a phone the three columns share the screen's width (names wrap) instead of running off it.
  const phone = !Grid.useBreakpoint().sm;
  const path = useMemo(() => (items && value ? regionPath(items, value)?.map((n) => n.code) : undefined), [items, value]);

  return (
    <>
      <Cascader<RegionNode>
        {...rest}
        options={items ?? []}
        fieldNames={FIELD_NAMES}
        value={path ?? (value ? [value] : undefined)}
        onChange={(codes) => onChange?.(codes && codes.length ? String(codes[codes.length - 1]) : undefined)}
        changeOnSelect
        popupMenuColumnStyle={phone ? { width: 'calc((100vw - 56px) / 3)', minWidth: 0, whiteSpace: 'normal' } : undefined}
        expandTrigger="click"
        placeholder={error ? '地区列表加载失败' : placeholder}
        notFoundContent={items ? '没有匹配的地区' : error ? '地区列表加载失败' : '正在加载…'}
        status={error ? 'error' : rest.status}
        displayRender={(labels, selected) => {
          const last = selected?.[selected.length - 1];
          return last ? `${labels.join(' / ')}（${last.code}）` : labels.join(' / ');
        }}
        showSearch={{
          filter: (input, nodes) => {
            const q = input.trim();
            return nodes.some((n) => n.name.includes(q) || n.code.startsWith(q));
          },
          render: (_input, nodes) => `${nodes.map((n) => n.name).join(' / ')}（${nodes[nodes.length - 1]?.code ?? ''}）`,
          limit: 50,
        }}
        style={{ width: '100%', ...rest.style }}
      />
      {error && <CodeListError error={error} onRetry={retry} />}
    </>
  );
}
