/**
 * The OpenAPI document against the running app (issue 5 item 3): /openapi.json and the offline
 * /docs page (its assets served here);
 * requests that break the documented schema get 400 naming the very fields the document marks
 * required (one source); and the documented response shapes parse what the API really sends.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../api/routes';
import {
  agreementVersionResponseSchema,
  batchResultsSchema,
  errorBodySchema,
  healthSchema,
  loginResponseSchema,
  readinessSchema,
  signingEventsSchema,
  signingPageSchema,
  signingResponseSchema,
} from '../../api/openapi/responses';
import { findRoute } from '../../api/routes';
import { fillPath } from '../../api/http/route-spec';
import { newParties, signingIn } from '../support/flows';
import { type Harness, TEST_PASSWORD, startHarness } from '../support/harness';
import { ApiClient } from '../support/http';
import { sampleApplication, sampleEmployerSign } from '../support/sample-data';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

type JsonSchema = { required?: string[]; properties?: Record<string, JsonSchema>; minimum?: number };
type Doc = {
  paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string; schema: JsonSchema }>; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>;
};
const doc = openApiDocument() as unknown as Doc;

function bodySchema(method: string, path: string): JsonSchema {
  return doc.paths[path]![method]!.requestBody!.content['application/json']!.schema;
}

function detailPaths(body: { error: { details?: Array<{ path: string }> } }): string[] {
  return [...new Set((body.error.details ?? []).map((d) => d.path))].sort();
}

describe('GET /openapi.json and GET /docs', () => {
  it('serves the generated document', async () => {
    const res = await fetch(`${h.baseUrl}/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });

  it('serves an interactive page whose every asset comes from this server', async () => {
    const res = await fetch(`${h.baseUrl}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await res.text();
    expect(page).toContain('SwaggerUIBundle');
    expect(page).toContain('"/openapi.json"');
    // Nothing from another host: the machines that run this have no internet.
    expect(page).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);

    const assets = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toEqual(expect.arrayContaining(['/docs/assets/swagger-ui-bundle.js', '/docs/assets/swagger-ui.css']));
    for (const asset of assets) {
      const a = await fetch(`${h.baseUrl}${asset}`);
      expect(a.status, asset).toBe(200);
      expect((await a.arrayBuffer()).byteLength, asset).toBeGreaterThan(500);
    }
    const bundle = await fetch(`${h.baseUrl}/docs/assets/swagger-ui-bundle.js`);
    expect(bundle.headers.get('content-type')).toMatch(/javascript/);
    expect(await bundle.text()).toContain('SwaggerUIBundle');

    // The inline start-up script is the one the Content-Security-Policy allows by hash.
    const csp = res.headers.get('content-security-policy') ?? '';
    const inline = /<script>([\s\S]*?)<\/script>/.exec(page)?.[1] ?? '';
    expect(csp).toContain(`'sha256-${createHash('sha256').update(inline).digest('base64')}'`);
    expect(csp).toContain("default-src 'none'");
  });

  it('answers an unknown asset with the JSON 404', async () => {
    const res = await fetch(`${h.baseUrl}/docs/assets/nope.js`);
    expect(res.status).toBe(404);
    expect(errorBodySchema.parse(await res.json()).error.code).toBe('NOT_FOUND');
  });
});

describe('one source: the API refuses what the document rules out', () => {
  it('login without its fields: 400 naming exactly the fields the document requires', async () => {
    const res = await new ApiClient(h.baseUrl).post('/api/auth/login', {});
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const required = bodySchema('post', '/api/auth/login').required ?? [];
    expect(required.length).toBeGreaterThan(0);
    expect(detailPaths(res.body)).toEqual([...required].sort());
  });

  it('a student’s application without its fields: 400 naming the document’s required fields', async () => {
    const p = await newParties(h);
    const res = await p.student.post('/api/signings', {});
    expect(res.status).toBe(400);
    expect(detailPaths(res.body)).toEqual([...(bodySchema('post', '/api/signings').required ?? [])].sort());

    // A nested one too: the employer object's required fields, as the document has them.
    const employerRequired = bodySchema('post', '/api/signings').properties!.employer!.required ?? [];
    const partial = await p.student.post('/api/signings', { ...sampleApplication(p.world.employer.creditCode), employer: {} });
    expect(partial.status).toBe(400);
    expect(detailPaths(partial.body)).toEqual(employerRequired.map((f) => `employer.${f}`).sort());
  });

  it('a return without its reason: 400 on the field the document requires', async () => {
    const p = await newParties(h);
    const { id } = await signingIn(p, 'PENDING_STUDENT');
    const path = fillPath(findRoute('POST', '/api/signings/{id}/return')!, { id });
    const res = await p.student.post(path, {});
    expect(res.status).toBe(400);
    expect(detailPaths(res.body)).toEqual(bodySchema('post', '/api/signings/{id}/return').required);
  });

  it('a list query outside the documented bounds or with an undocumented parameter: 400 naming it', async () => {
    const p = await newParties(h);
    const params = doc.paths['/api/signings']!.get!.parameters!;
    const limit = params.find((q) => q.in === 'query' && q.name === 'limit')!;
    const below = await p.student.get(`/api/signings?limit=${limit.schema.minimum! - 1}`);
    expect(below.status).toBe(400);
    expect(detailPaths(below.body)).toEqual(['query.limit']);
    expect(params.map((q) => q.name)).not.toContain('colour');
    const unknown = await p.student.get('/api/signings?colour=red');
    expect(unknown.status).toBe(400);
    expect(detailPaths(unknown.body)).toEqual(['query.colour']);
  });
});

describe('documented response shapes parse real responses', () => {
  it('health, login, signing, list, events, agreement, batch and error bodies', async () => {
    healthSchema.parse(await (await fetch(`${h.baseUrl}/healthz`)).json());
    readinessSchema.parse(await (await fetch(`${h.baseUrl}/readyz`)).json());

    const p = await newParties(h);
    const login = await new ApiClient(h.baseUrl).post('/api/auth/login', { username: p.world.student.username, password: TEST_PASSWORD });
    loginResponseSchema.parse(login.body);

    const created = await p.student.post('/api/signings', sampleApplication(p.world.employer.creditCode));
    expect(created.status).toBe(201);
    signingResponseSchema.parse(created.body);
    const id: string = created.body.id;
    signingPageSchema.parse((await p.student.get('/api/signings')).body);

    const signed = await p.employer.post(`/api/signings/${id}/employer-sign`, sampleEmployerSign());
    expect(signed.status).toBe(200);
    signingResponseSchema.parse(signed.body);
    agreementVersionResponseSchema.parse((await p.student.get(`/api/signings/${id}/agreement`)).body);
    signingEventsSchema.parse((await p.employer.get(`/api/signings/${id}/events`)).body);

    const batch = await p.school.post('/api/signings/school-confirm', { ids: [id] });
    expect(batch.status).toBe(200);
    batchResultsSchema.parse(batch.body);

    const conflict = await p.employer.post(`/api/signings/${id}/employer-sign`, sampleEmployerSign());
    expect(conflict.status).toBe(409);
    errorBodySchema.parse(conflict.body);
    const foreign = await p.otherStudent.get(`/api/signings/${id}`);
    expect(foreign.status).toBe(404);
    errorBodySchema.parse(foreign.body);
  });
});
