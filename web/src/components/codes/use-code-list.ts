/**
 * The code lists of GET /api/codes/* (no login needed), loaded once per page visit and shared by
 * every input that shows them: a form with 单位地区 and 行业类别 asks the server once for each list,
 * however many fields or re-renders use it. A failed load is forgotten, so 重试 asks again.
 */
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';

/** One code of a flat list: `{code: '65', name: '软件和信息技术服务业'}`. */
export interface CodeItem {
  code: string;
  name: string;
}

/** One node of the region tree (province → city → county). */
export interface RegionNode extends CodeItem {
  children?: RegionNode[];
}

export type FlatCodeList = 'industries' | 'unit-natures' | 'job-categories' | 'graduation-destinations';
export type CodeListName = FlatCodeList | 'regions';

type ItemOf<N extends CodeListName> = N extends 'regions' ? RegionNode : CodeItem;

const cache = new Map<CodeListName, Promise<unknown>>();

function fetchList(name: CodeListName): Promise<unknown> {
  switch (name) {
    case 'regions':
      return api.GET('/api/codes/regions').then((r) => r.data);
    case 'industries':
      return api.GET('/api/codes/industries').then((r) => r.data);
    case 'unit-natures':
      return api.GET('/api/codes/unit-natures').then((r) => r.data);
    case 'job-categories':
      return api.GET('/api/codes/job-categories').then((r) => r.data);
    case 'graduation-destinations':
      return api.GET('/api/codes/graduation-destinations').then((r) => r.data);
  }
}

/** The list as an array, whether the server sends `[…]` or `{items: […]}`. */
function itemsOf<T>(data: unknown): T[] {
  if (Array.isArray(data)) return data as T[];
  const items = (data as { items?: unknown } | undefined)?.items;
  if (Array.isArray(items)) return items as T[];
  throw new Error('代码表格式不正确');
}

export function loadCodeList<N extends CodeListName>(name: N): Promise<ItemOf<N>[]> {
  let promise = cache.get(name);
  if (!promise) {
    promise = fetchList(name).then(itemsOf<ItemOf<N>>);
    promise.catch(() => cache.delete(name));
    cache.set(name, promise);
  }
  return promise as Promise<ItemOf<N>[]>;
}

export interface CodeListState<T> {
  items: T[] | undefined;
  error: Error | undefined;
  retry(): void;
}

export function useCodeList<N extends CodeListName>(name: N): CodeListState<ItemOf<N>> {
  const [state, setState] = useState<{ items?: ItemOf<N>[]; error?: Error }>({});
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    loadCodeList(name).then(
      (items) => live && setState({ items }),
      (err: unknown) => live && setState({ error: err instanceof Error ? err : new Error(String(err)) }),
    );
    return () => {
      live = false;
    };
  }, [name, attempt]);
  const retry = useCallback(() => {
    setState({});
    setAttempt((n) => n + 1);
  }, []);
  return { items: state.items, error: state.error, retry };
}
