/**
 * The code lists the portal's forms choose from, open to anyone (no login: the registration page
 * needs them too): `GET /api/codes/regions` (the GB/T 2260 tree, domain/region-tree.ts) and the
 * flat `[{code, name}]` lists of industries, unit natures, job categories and graduation
 * destinations (domain/codes/). They change only with a release, so each body is built and
 * serialised once per process with a strong ETag of its bytes; browsers keep them an hour
 * (Cache-Control) and then revalidate with If-None-Match (304, no body).
 */
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { GRADUATION_DESTINATIONS, INDUSTRIES, JOB_CATEGORIES, UNIT_NATURES } from '../../domain/codes';
import { sortedCodes } from '../../domain/codes/code-list';
import { buildRegionTree } from '../../domain/region-tree';
import { defineRoute, routeGroup } from '../http/define-route';
import { type SuccessResponse, TAGS, json } from '../http/route-spec';
import { codeListSchema, regionTreeSchema } from '../openapi/responses';

export type CodeList = 'regions' | 'industries' | 'unit-natures' | 'job-categories' | 'graduation-destinations';

const flat = (record: Record<string, string>) => () => sortedCodes(record).map((code) => ({ code, name: record[code]! }));

const BUILDERS: Record<CodeList, () => unknown> = {
  regions: buildRegionTree,
  industries: flat(INDUSTRIES),
  'unit-natures': flat(UNIT_NATURES),
  'job-categories': flat(JOB_CATEGORIES),
  'graduation-destinations': flat(GRADUATION_DESTINATIONS),
};

interface Cached {
  body: string;
  etag: string;
}
const cache = new Map<CodeList, Cached>();

function cached(list: CodeList): Cached {
  let entry = cache.get(list);
  if (!entry) {
    const body = JSON.stringify(BUILDERS[list]());
    entry = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
    cache.set(list, entry);
  }
  return entry;
}

/**
 * Whether If-None-Match names this tag (weak comparison, as RFC 9110 has it for this header). Not
 * Express's req.fresh: that answers 200 whenever the request says `Cache-Control: no-cache`, which
 * fetch() adds to every request carrying its own If-None-Match.
 */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

function send(list: CodeList) {
  return (req: Request, res: Response) => {
    const { body, etag } = cached(list);
    res.set({ 'Cache-Control': 'public, max-age=3600', ETag: etag });
    if (matches(req.get('if-none-match'), etag)) {
      res.status(304).end();
      return;
    }
    res.type('json').send(body);
  };
}

const CODES_CACHING = '无需登录。`Cache-Control: public, max-age=3600`，并带强 ETag：以 `If-None-Match` 重新验证，未变时 304（无响应体）。';

function codeRoute(list: CodeList, operationId: string, summary: string, response: SuccessResponse) {
  return defineRoute({
    operationId,
    method: 'get',
    path: `/api/codes/${list}`,
    tag: TAGS.codes,
    summary,
    description: CODES_CACHING,
    roles: 'anyone',
    schemas: {},
    success: [response],
    handle: () => send(list),
  });
}

const flatList = (list: Exclude<CodeList, 'regions'>, operationId: string, name: string) =>
  codeRoute(list, operationId, `${name}代码表`, json(200, '代码表 [{code, name}]', codeListSchema));

/** Open code lists (no login; an hour's caching, ETag / If-None-Match → 304). */
export const codeRoutes = routeGroup<unknown>('codes', [
  codeRoute('regions', 'codes_regions', '单位地区：GB/T 2260 行政区划树（省级 → 地级 → 县级）', json(200, '行政区划树', regionTreeSchema)),
  flatList('industries', 'codes_industries', '行业类别（GB/T 4754-2017 大类）'),
  flatList('unit-natures', 'codes_unitNatures', '单位性质'),
  flatList('job-categories', 'codes_jobCategories', '工作职位类别'),
  flatList('graduation-destinations', 'codes_graduationDestinations', '毕业去向'),
]);
