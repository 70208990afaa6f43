/**
 * The OpenAPI links (api/openapi/links.ts) as the served document carries them: every link leaves
 * an operation that answers with a body, names an operation that exists, fills only parameters that
 * operation has (in the location it has them) and every path parameter it needs, and its runtime
 * expressions point at fields the source's response schema documents. A pointer into a response the
 * document leaves open (`{}` with no properties) cannot be checked here; those are resolved against
 * real answers by tests/contract/schemathesis.test.ts ("every link resolves on a real answer").
 */
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../api/routes';
import { LINKS, type LinkSpec } from '../../api/openapi/links';
import { ROUTES } from '../../api/routes';
import { type RouteSpec, pathParamNames, requestJsonSchemas } from '../../api/http/route-spec';

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
};
type Operation = { operationId: string; responses: Record<string, { content?: Record<string, { schema?: JsonSchema }>; links?: Record<string, LinkSpec> }> };

const doc = openApiDocument() as unknown as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema> };
};
const byId = new Map(ROUTES.map((r) => [r.operationId, r]));
const operationOf = (r: RouteSpec) => doc.paths[r.path]![r.method]!;

function deref(schema: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = doc.components.schemas[name];
  if (!target) throw new Error(`unresolvable $ref ${schema.$ref}`);
  return deref(target);
}

/** 'ok', 'open' (the schema documents no fields there), or why the pointer names nothing. */
function resolvePointer(schema: JsonSchema, pointer: string): 'ok' | 'open' | string {
  const segments = pointer.split('/').slice(1);
  let candidates = [deref(schema)];
  for (const segment of segments) {
    const next: JsonSchema[] = [];
    let open = false;
    for (const s of candidates.flatMap((c) => [c, ...(c.anyOf ?? []), ...(c.oneOf ?? [])].map(deref))) {
      if (/^\d+$/.test(segment) && s.items) next.push(deref(s.items));
      else if (s.properties?.[segment]) next.push(deref(s.properties[segment]));
      else if ((s.type === 'object' || s.type === undefined) && s.properties && Object.keys(s.properties).length === 0) open = true;
    }
    if (next.length === 0) return open ? 'open' : `no field "${segment}" in ${pointer}`;
    candidates = next;
  }
  return 'ok';
}

const EXPRESSION = /^\$response\.body#((?:\/[^/]+)+)$/;

interface Checked {
  from: string;
  name: string;
  link: LinkSpec;
  where: string;
  expression: string;
}

/** Every runtime expression of every link, parameters and body values alike. */
function expressions(): Checked[] {
  return Object.entries(LINKS).flatMap(([from, links]) =>
    Object.entries(links).flatMap(([name, link]) => [
      ...Object.entries(link.parameters).map(([param, expression]) => ({ from, name, link, where: `parameter ${param}`, expression })),
      ...Object.entries(link.requestBody ?? {})
        .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].startsWith('$'))
        .map(([field, expression]) => ({ from, name, link, where: `body field ${field}`, expression })),
    ]),
  );
}

describe('OpenAPI links', () => {
  it('reach the workflow: creating a signing links to reading it and to every party action on it', () => {
    const targets = Object.values(LINKS.signing_create ?? {}).map((l) => l.operationId);
    const actions = ROUTES.filter((r) => r.action && r.owns?.resource === 'signing').map((r) => r.operationId);
    expect(actions.length).toBeGreaterThan(0);
    for (const op of ['signing_get', ...actions]) expect(targets).toContain(op);
  });

  it('are in the served document, on every success response of their source', () => {
    for (const [from, links] of Object.entries(LINKS)) {
      const route = byId.get(from);
      expect(route, `link source ${from} is not an operationId`).toBeDefined();
      for (const s of route!.success) {
        expect(Object.keys(operationOf(route!).responses[String(s.status)]?.links ?? {}).sort()).toEqual(Object.keys(links).sort());
      }
    }
  });

  it('leave operations whose success answers with a JSON body', () => {
    for (const from of Object.keys(LINKS)) {
      const route = byId.get(from)!;
      expect(route.success.every((s) => s.formats.includes('json')), from).toBe(true);
    }
  });

  it('name existing operations, their parameters in the right location, and every path parameter they need', () => {
    for (const [from, links] of Object.entries(LINKS)) {
      for (const [name, link] of Object.entries(links)) {
        const label = `${from} → ${name}`;
        expect(name, label).toMatch(/^[A-Za-z0-9._-]+$/);
        const target = byId.get(link.operationId);
        expect(target, `${label}: no operation ${link.operationId}`).toBeDefined();
        const pathParams = pathParamNames(target!);
        const queryParams = Object.keys((requestJsonSchemas(target!).query as { properties?: object } | undefined)?.properties ?? {});
        const given = Object.keys(link.parameters).map((p) => {
          const [location, param] = p.includes('.') ? (p.split('.') as [string, string]) : [pathParams.includes(p) ? 'path' : 'query', p];
          const known = location === 'path' ? pathParams : location === 'query' ? queryParams : [];
          expect(known, `${label}: ${link.operationId} has no ${location} parameter ${param}`).toContain(param);
          return location === 'path' ? param : undefined;
        });
        for (const p of pathParams) expect(given, `${label}: path parameter ${p} of ${link.operationId} not filled`).toContain(p);
        if (link.requestBody) {
          const body = requestJsonSchemas(target!).body as JsonSchema | undefined;
          expect(body, `${label}: ${link.operationId} takes no body`).toBeDefined();
          for (const field of Object.keys(link.requestBody)) {
            expect(Object.keys(body!.properties ?? {}), `${label}: ${link.operationId}'s body has no field ${field}`).toContain(field);
          }
        }
      }
    }
  });

  it('point at fields of the source response that its schema documents', () => {
    const open: string[] = [];
    for (const { from, name, where, expression } of expressions()) {
      const label = `${from} → ${name} (${where}): ${expression}`;
      const match = EXPRESSION.exec(expression);
      expect(match, `${label}: not a $response.body#/… expression`).not.toBeNull();
      const route = byId.get(from)!;
      for (const s of route.success) {
        const schema = operationOf(route).responses[String(s.status)]?.content?.['application/json']?.schema;
        expect(schema, label).toBeDefined();
        const verdict = resolvePointer(schema!, match![1]!);
        if (verdict === 'open') open.push(`${from} ${expression}`);
        else expect(verdict, label).toBe('ok');
      }
    }
    // The signing links, the ones the workflow is reached through, are all checkable here.
    expect(open.filter((o) => o.startsWith('signing_'))).toEqual([]);
  });

  it('catch a pointer to a field the schema does not have', () => {
    const signing = operationOf(byId.get('signing_get')!).responses['200']!.content!['application/json']!.schema!;
    expect(resolvePointer(signing, '/id')).toBe('ok');
    expect(resolvePointer(signing, '/agreement/hash')).toBe('ok');
    expect(resolvePointer(signing, '/signingId')).toMatch(/no field/);
    const page = operationOf(byId.get('signing_list')!).responses['200']!.content!['application/json']!.schema!;
    expect(resolvePointer(page, '/items/0/id')).toBe('ok');
    expect(resolvePointer(page, '/items/0/nope')).toMatch(/no field/);
  });
});
