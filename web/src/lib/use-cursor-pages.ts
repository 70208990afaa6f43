/**
 * One keyset page of a list at a time, paged by the server's cursor: 下一页 follows the page's
 * `nextCursor`, 上一页 goes back along the cursors already visited. Only one page of rows is ever
 * loaded and rendered, however many match. A new `key` (the filter) starts again at the first page.
 */
import { useState } from 'react';
import { type Loaded, useLoad } from './use-load';

export interface CursorPages<T> {
  loaded: Loaded<T>;
  /** 1-based number of the page shown. */
  pageNumber: number;
  hasPrevious: boolean;
  hasNext: boolean;
  next(): void;
  previous(): void;
}

export function useCursorPages<T extends { nextCursor: string | null }>(key: string, load: (cursor: string | undefined) => Promise<T>): CursorPages<T> {
  // The cursors of the pages visited for this key; the last one is the page shown.
  const [trail, setTrail] = useState<{ key: string; cursors: (string | undefined)[] }>({ key, cursors: [undefined] });
  const cursors = trail.key === key ? trail.cursors : [undefined];
  const cursor = cursors.at(-1);

  const loaded = useLoad(() => load(cursor), [key, cursor]);

  const nextCursor = loaded.data?.nextCursor ?? null;
  return {
    loaded,
    pageNumber: cursors.length,
    hasPrevious: cursors.length > 1,
    hasNext: nextCursor !== null && !loaded.loading,
    next() {
      if (nextCursor) setTrail({ key, cursors: [...cursors, nextCursor] });
    },
    previous() {
      if (cursors.length > 1) setTrail({ key, cursors: cursors.slice(0, -1) });
    },
  };
}
