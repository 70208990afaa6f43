/**
 * One page of GET /api/school/signings at a time, paged by the server's keyset cursor: 下一页 follows
 * the page's `nextCursor`, 上一页 goes back along the cursors already visited. Only one page of rows
 * is ever loaded and rendered, however many signings match (10 000 or more). A new filter or sort
 * starts again at the first page.
 */
import { useState } from 'react';
import { api } from '../../api/client';
import type { DeskPage } from '../../api/types';
import { useLoad } from '../../lib/use-load';
import { type DeskFilter, apiQueryOf } from './desk-query';

export function useDeskPage(filter: DeskFilter) {
  const key = JSON.stringify(filter);
  // The cursors of the pages visited for this filter; the last one is the page shown.
  const [trail, setTrail] = useState<{ key: string; cursors: (string | undefined)[] }>({ key, cursors: [undefined] });
  const cursors = trail.key === key ? trail.cursors : [undefined];
  const cursor = cursors.at(-1);

  const loaded = useLoad(async () => {
    const { data } = await api.GET('/api/school/signings', {
      params: { query: { ...apiQueryOf(filter), limit: filter.limit, ...(cursor ? { cursor } : {}) } },
    });
    return data as unknown as DeskPage;
  }, [key, cursor]);

  const nextCursor = loaded.data?.nextCursor ?? null;
  return {
    loaded,
    /** 1-based number of the page shown, and the position of its first row. */
    pageNumber: cursors.length,
    offset: (cursors.length - 1) * filter.limit,
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
