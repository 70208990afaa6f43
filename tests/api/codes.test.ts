/**
 * The open code lists (api/codes/routes.ts) against the running app: the GB/T 2260 tree with the
 * municipalities' districts directly under them, the flat lists with their known entries, each body typed by
 * the OpenAPI document's schemas, and caching (Cache-Control, a strong ETag, 304 on If-None-Match).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeListSchema, regionTreeSchema } from '../../api/openapi/responses';
import { REGION_CODE_COUNT, regionName } from '../../domain/region';
import type { RegionNode } from '../../domain/region-tree';
import { type Harness, startHarness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

async function getJson(path: string) {
  const res = await fetch(`${h.baseUrl}${path}`);
  expect(res.status, path).toBe(200);
  expect(res.headers.get('content-type'), path).toMatch(/^application\/json/);
  return { res, body: (await res.json()) as unknown };
}

const count = (nodes: RegionNode[]): number => nodes.reduce((n, node) => n + 1 + count(node.children ?? []), 0);

describe('GET /api/codes/regions', () => {
  it('is the 省 → 地 → 县 tree of every code, without a login', async () => {
    const { body } = await getJson('/api/codes/regions');
    const tree = regionTreeSchema.parse(body) as RegionNode[];
    expect(count(tree)).toBe(REGION_CODE_COUNT);

    const shanghai = tree.find((n) => n.code === '310000')!;
    expect(shanghai.name).toBe('上海市');
    // A municipality's districts hang directly under it: the MCA list has no 310100 市辖区 row.
    expect(shanghai.children).toContainEqual({ code: '310104', name: '徐汇区' });
    expect(shanghai.children!.find((n) => n.code === '310100')).toBeUndefined();
    expect(regionName('310104')).toBe('上海市徐汇区');

    const guangdong = tree.find((n) => n.code === '440000')!;
    const shenzhen = guangdong.children!.find((n) => n.code === '440300')!;
    expect(shenzhen.name).toBe('深圳市');
    expect(shenzhen.children).toContainEqual({ code: '440305', name: '南山区' });
    // A prefecture without counties is a leaf: no children at all.
    expect(guangdong.children!.find((n) => n.code === '441900')).toEqual({ code: '441900', name: '东莞市' });

    // Children in code order at every level.
    const ordered = (nodes: RegionNode[]): boolean =>
      nodes.every((n, i) => (i === 0 || nodes[i - 1]!.code < n.code) && ordered(n.children ?? []));
    expect(ordered(tree)).toBe(true);
  });
});

describe('the flat code lists', () => {
  it.each([
    ['/api/codes/industries', { code: '65', name: '软件和信息技术服务业' }, 97],
    ['/api/codes/unit-natures', { code: '39', name: '其他企业' }, undefined],
    ['/api/codes/job-categories', { code: '13', name: '工程技术人员' }, undefined],
    ['/api/codes/graduation-destinations', { code: '01', name: '派遣网上签约' }, 1],
  ])('%s has its known entries, in code order', async (path, entry, size) => {
    const list = codeListSchema.parse((await getJson(path)).body);
    expect(list).toContainEqual(entry);
    if (size !== undefined) expect(list).toHaveLength(size);
    expect(list.map((e) => e.code)).toEqual(list.map((e) => e.code).sort());
    for (const e of list) expect(Object.keys(e).sort()).toEqual(['code', 'name']);
  });
});

describe('caching', () => {
  it('a strong ETag and an hour of public caching; If-None-Match answers 304 without a body', async () => {
    for (const path of ['/api/codes/regions', '/api/codes/industries']) {
      const { res } = await getJson(path);
      expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
      const etag = res.headers.get('etag')!;
      expect(etag).toMatch(/^"[^"]+"$/);
      // The same body, the same tag (built once per process).
      expect((await fetch(`${h.baseUrl}${path}`)).headers.get('etag')).toBe(etag);

      const again = await fetch(`${h.baseUrl}${path}`, { headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
      expect(again.headers.get('etag')).toBe(etag);
      expect(await again.text()).toBe('');
      // A weak form of the same tag matches too (If-None-Match compares weakly), another tag does not.
      expect((await fetch(`${h.baseUrl}${path}`, { headers: { 'if-none-match': `W/${etag}` } })).status).toBe(304);
      expect((await fetch(`${h.baseUrl}${path}`, { headers: { 'if-none-match': '"other"' } })).status).toBe(200);
    }
    const regions = (await fetch(`${h.baseUrl}/api/codes/regions`)).headers.get('etag');
    const industries = (await fetch(`${h.baseUrl}/api/codes/industries`)).headers.get('etag');
    expect(regions).not.toBe(industries);
  });
});
