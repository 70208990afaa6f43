/**
 * One page of GET /api/school/signings at a time, paged by the server's keyset cursor
 * (lib/use-cursor-pages.ts): only one page of rows is ever loaded and rendered, however many
 * signings match (10 000 or more). A new filter or sort starts again at the first page.
 */
import { api } from '../../api/client';
import type { DeskPage } from '../../api/types';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { type DeskFilter, apiQueryOf } from './desk-query';

export function useDeskPage(filter: DeskFilter) {
  const pages = useCursorPages(JSON.stringify(filter), async (cursor) => {
    const { data } = await api.GET('/api/school/signings', {
      params: { query: { ...apiQueryOf(filter), limit: filter.limit, ...(cursor ? { cursor } : {}) } },
    });
    return data as unknown as DeskPage;
  });
  /** The position of the page's first row. */
  return { ...pages, offset: (pages.pageNumber - 1) * filter.limit };
}
