/**
 * The OpenAPI document and the declared routes, without a server: the document passes a real
 * OpenAPI 3.1 validator (the official 3.1 JSON Schema, via @seriousme/openapi-schema-validator),
 * what that schema cannot check (unique operationIds, path templates vs. declared parameters) holds,
 * and the route helpers behave as the fuzzing and authorization suites will use them.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../api/routes';
import { buildOpenApiDocument } from '../../api/openapi/document';
import { ROUTES, findRoute } from '../../api/routes';
import { ANY_PARTY, allowedRoles, errorStatuses, expressPath, fillPath, pathParamNames, requestJsonSchemas, routeKey } from '../../api/http/route-spec';
import { employerDeskQuerySchema } from '../../api/desk/params';
import { applicationSchema, loginSchema } from '../../domain/schemas';

type Operation = {
  operationId: string;
  security: unknown[];
  'x-roles': string[];
  parameters?: Array<{ in?: string; name?: string; required?: boolean; $ref?: string }>;
  requestBody?: { required?: boolean; content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, unknown>;
};

const doc = openApiDocument() as unknown as {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, unknown>; parameters: Record<string, { in: string; name: string }> };
};

function operations(): Array<{ method: string; path: string; op: Operation }> {
  return Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ method, path, op })));
}

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1 for a real validator', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc) as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(doc.openapi).toBe('3.1.0');
  });

  it('is checked by a validator that does reject a broken document', async () => {
    const broken = structuredClone(doc);
    broken.paths['/api/signings']!.get!.parameters![0]!.in = 'nowhere';
    const result = await new Validator().validate(broken as Record<string, unknown>);
    expect(result.valid).toBe(false);
  });

  it('has exactly one operation per table route, each with a unique operationId', () => {
    expect(operations().map(({ method, path }) => `${method.toUpperCase()} ${path}`).sort()).toEqual(ROUTES.map(routeKey).sort());
    const ids = operations().map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('declares every templated path parameter as a required path parameter, and no other', () => {
    for (const { path, op } of operations()) {
      const declared = (op.parameters ?? []).filter((p) => p.in === 'path');
      expect(declared.map((p) => p.name).sort(), path).toEqual(pathParamNames({ path }).sort());
      for (const p of declared) expect(p.required, `${path} ${p.name}`).toBe(true);
    }
  });

  it('states the roles (x-roles) and the security of every operation: bearer token or session cookie for the parties', () => {
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.cookieAuth).toEqual(expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'wq_session' }));
    for (const r of ROUTES) {
      const op = doc.paths[r.path]![r.method]!;
      expect(op['x-roles'], routeKey(r)).toEqual(r.roles === 'anyone' ? ['anyone'] : [...r.roles]);
      const party = [{ bearerAuth: [] }, { cookieAuth: [] }];
      expect(op.security, routeKey(r)).toEqual(r.roles === 'anyone' ? [] : r.path.startsWith('/codec/') ? [{ bearerAuth: [] }, { basicAuth: [] }] : party);
      for (const status of errorStatuses(r)) expect(op.responses[String(status)], `${routeKey(r)} ${status}`).toBeDefined();
    }
  });

  it('offers the Idempotency-Key header on the POSTs behind the idempotency middleware', () => {
    const param = doc.components.parameters.IdempotencyKey;
    expect(param).toEqual(expect.objectContaining({ in: 'header', name: 'Idempotency-Key' }));
    const ref = { $ref: '#/components/parameters/IdempotencyKey' };
    expect(doc.paths['/api/signings/{id}/employer-sign']!.post!.parameters).toContainEqual(ref);
    expect(doc.paths['/api/signings']!.post!.parameters).toContainEqual(ref);
    // Not where the middleware does not run: before login, and the responses carrying passwords.
    expect(doc.paths['/api/auth/login']!.post!.parameters ?? []).not.toContainEqual(ref);
    expect(doc.paths['/api/school/students/import']!.post!.parameters ?? []).not.toContainEqual(ref);
  });

  it('renders request bodies from the handlers’ zod schemas (required fields as zod has them)', () => {
    const login = doc.paths['/api/auth/login']!.post!.requestBody!.content['application/json']!.schema;
    expect(login.required).toEqual(Object.keys(loginSchema.shape));
    expect(login.additionalProperties).toBe(false);
    const application = doc.paths['/api/signings']!.post!.requestBody!.content['application/json']!.schema;
    expect(Object.keys(application.properties as object).sort()).toEqual(Object.keys(applicationSchema.shape).sort());
    const csv = doc.paths['/api/school/students/import']!.post!.requestBody!.content;
    expect(Object.keys(csv)).toEqual(['text/csv']);
  });

  it('lists the printable agreement’s HTML and PDF beside its JSON', () => {
    const ok = doc.paths['/api/signings/{id}/agreement']!.get!.responses['200'] as { content: Record<string, unknown> };
    expect(Object.keys(ok.content).sort()).toEqual(['application/json', 'application/pdf', 'text/html']);
  });

  it('writes no `\\s` into a pattern a generator would honour: it stands for U+000B and U+000C too (and in Python U+001C–U+001F, U+0085), which every text refuses', () => {
    const patterns: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (typeof node === 'object' && node !== null) {
        for (const [key, value] of Object.entries(node)) {
          if (key === 'pattern' && typeof value === 'string') patterns.push(value);
          else walk(value);
        }
      }
    };
    walk(doc.paths);
    expect(patterns.length).toBeGreaterThan(50);
    // A negated class such as [^\s#] never generates a space; only a positive \s does.
    expect(patterns.filter((p) => /\\s/.test(p.replace(/\[\^(?:\\.|[^\]])*\]/g, '')))).toEqual([]);
  });

  it('documents the desks’ dates as the server reads them: calendar days of 1900–2999, surrounding space trimmed', () => {
    const param = doc.paths['/api/employer/signings']!.get!.parameters!.find((p) => p.name === 'submittedFrom') as { schema: { pattern: string } };
    const documented = new RegExp(param.schema.pattern, 'u');
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    const disagreements: string[] = [];
    for (const year of [0, 4, 50, 99, 100, 1899, 1900, 1904, 2000, 2024, 2026, 2100, 2999, 3000, 9999]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const value = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
          const accepted = employerDeskQuerySchema.safeParse({ submittedFrom: value }).success;
          if (accepted !== documented.test(value)) disagreements.push(`${value}: server ${accepted}`);
        }
      }
    }
    for (const value of ['0000-01-01T00:00Z', '9999-12-31T23:59:59.999-23:59', '2999-12-31T23:59-23:59', '1900-01-01T00:00+23:59', '2026-06-01T08:00Z', '2026-06-01T08:00:00.123+08:00', ' \u30002026-06-01\n', '2026-06-01T24:00Z', '2026-02-30T08:00Z', '2026-06-01\u3000']) {
      const accepted = employerDeskQuerySchema.safeParse({ submittedFrom: value }).success;
      if (accepted !== documented.test(value)) disagreements.push(`${JSON.stringify(value)}: server ${accepted}`);
    }
    expect(disagreements).toEqual([]);
    // Outside the years, refused with the reason (PostgreSQL could not store year 0 nor past 9999: a 500 once).
    const early = employerDeskQuerySchema.safeParse({ submittedFrom: '0000-01-01T00:00Z' });
    expect(early.success ? [] : early.error.issues.map((i) => i.message)).toEqual(['年份应在 1900–2999 之间']);
  });

  it('refuses a table that lists one operation twice', () => {
    expect(() => buildOpenApiDocument([ROUTES[0]!, ROUTES[0]!])).toThrow(/listed twice/);
  });
});

describe('the route table API', () => {
  const getSigning = findRoute('GET', '/api/signings/{id}')!;

  it('fills path parameters, percent-encoding each into one segment', () => {
    expect(fillPath(getSigning, { id: 'abc' })).toBe('/api/signings/abc');
    expect(fillPath(getSigning, { id: '../x?y=1#z' })).toBe('/api/signings/..%2Fx%3Fy%3D1%23z');
    expect(() => fillPath(getSigning, {})).toThrow(/missing path parameter "id"/);
    expect(expressPath(getSigning)).toBe('/api/signings/:id');
  });

  it('derives the implied error codes from access and inputs', () => {
    expect(errorStatuses(findRoute('GET', '/healthz')!)).toEqual([]);
    expect(errorStatuses(getSigning).sort()).toEqual([401, 403, 404]);
    const employerSign = findRoute('POST', '/api/signings/{id}/employer-sign')!;
    // 415: any JSON-body operation can be sent another media type (api/http/json-body.ts).
    expect(errorStatuses(employerSign).sort()).toEqual([400, 401, 403, 404, 409, 413, 415]);
    // An Idempotency-Key: malformed 400, reused or in progress 409 — also on an operation without a body.
    expect(errorStatuses(findRoute('POST', '/api/me/notifications/{id}/read')!).sort()).toEqual([400, 401, 403, 404, 409]);
    expect(employerSign.roles).toEqual(['employer']);
    expect(employerSign.action).toBe('employerSign');
    expect(findRoute('POST', '/api/signings/{id}/return')!.roles).toEqual(['student', 'school']);
    expect(allowedRoles(findRoute('POST', '/api/auth/login')!)).toEqual(['student', 'employer', 'school', 'operator']);
    expect(allowedRoles(getSigning)).toEqual(ANY_PARTY);
  });

  it('gives every route’s inputs as JSON Schema for generators', () => {
    for (const r of ROUTES) {
      const schemas = requestJsonSchemas(r);
      expect(Boolean(schemas.body), routeKey(r)).toBe(Boolean(r.schemas.body));
      expect(Boolean(schemas.query), routeKey(r)).toBe(Boolean(r.schemas.query));
      if (r.schemas.params) expect(Object.keys((schemas.params as { properties: object }).properties).sort(), routeKey(r)).toEqual(pathParamNames(r).sort());
    }
  });

  it('names a resource for every route with a path parameter', () => {
    for (const r of ROUTES) {
      const names = pathParamNames(r);
      if (names.length === 0) continue;
      expect(r.owns?.param, routeKey(r)).toBe(names[0]);
      expect(Object.keys(r.schemas.params?.shape ?? {}), routeKey(r)).toEqual(names);
    }
  });
});
