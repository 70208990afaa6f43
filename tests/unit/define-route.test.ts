/**
 * Routes are declared once (api/http/define-route.ts): the declaration is what Express serves
 * and what the route list (api/routes.ts) documents. These check the guarantees that replace a
 * second table: every operation is declared once, a group is mounted only if listed, and
 * createApp's check names a listed group it never mounted.
 */
import { describe, expect, it } from 'vitest';
import { defineRoute, routeGroup, routeMounter, routerOf } from '../../api/http/define-route';
import { TAGS, json, routeKey } from '../../api/http/route-spec';
import { ROUTES, ROUTE_GROUPS } from '../../api/routes';

const probe = (path: string) =>
  defineRoute({
    operationId: `probe_${path.replace(/\W/g, '_')}`,
    method: 'get',
    path,
    tag: TAGS.ops,
    summary: 'probe',
    roles: 'anyone',
    schemas: {},
    success: [json(200, 'ok')],
    handle: () => (_req, res) => {
      res.json({});
    },
  });

describe('declared routes', () => {
  it('declare each operation once: unique (method, path) and operationId', () => {
    expect(new Set(ROUTES.map(routeKey)).size).toBe(ROUTES.length);
    expect(new Set(ROUTES.map((r) => r.operationId)).size).toBe(ROUTES.length);
    expect(new Set(ROUTE_GROUPS.map((g) => g.name)).size).toBe(ROUTE_GROUPS.length);
  });

  it('a group is mounted only if api/routes.ts lists it, and the unmounted ones are named', () => {
    const listed = routeGroup('listed', [probe('/a')]);
    const other = routeGroup('other', [probe('/b')]);
    const { mount, unmounted } = routeMounter([listed, other]);
    expect(unmounted()).toEqual(['listed', 'other']);
    mount(listed, undefined);
    expect(unmounted()).toEqual(['other']);
    expect(() => mount(routeGroup('stray', [probe('/c')]), undefined)).toThrow(/"stray" is not listed in api\/routes.ts/);
  });

  it('a router mounted below a prefix refuses a route outside it', () => {
    expect(() => routerOf(routeGroup('g', [probe('/api/x')]), undefined, '/codec')).toThrow(/GET \/api\/x is not under \/codec/);
  });
});
