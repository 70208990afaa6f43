/**
 * What the outside tools (Schemathesis, Swagger UI) found the API answering differently from its
 * document: a method a path does not have (405 with Allow, before authentication), a student's
 * Idempotency-Key on a school action (403, not 409 about the key), integers in query strings that
 * are not plain decimal, and the PDF's media type in the document.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../api/routes';
import { newParties, signingIn } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';
import { ApiClient } from '../support/http';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** node:http, not fetch: fetch refuses to send TRACE. */
function raw(method: string, path: string): Promise<{ status: number; allow: string | undefined; json: any }> {
  return new Promise((resolve, reject) => {
    const req = request(`${h.baseUrl}${path}`, { method }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, allow: res.headers.allow, json: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('a method the path does not have', () => {
  it.each([
    ['TRACE', '/healthz', 'GET, HEAD, OPTIONS'],
    ['DELETE', '/api/signings', 'GET, HEAD, POST, OPTIONS'],
    ['DELETE', '/api/codes/regions', 'GET, HEAD, OPTIONS'],
    ['PUT', '/api/auth/login', 'POST, OPTIONS'],
    ['PATCH', '/api/signings/00000000-0000-4000-8000-000000000000', 'GET, HEAD, OPTIONS'],
    // A concrete path wins over a template, as in OpenAPI: not GET /api/signings/{id} with id "school-confirm".
    ['GET', '/api/signings/school-confirm', 'POST, OPTIONS'],
  ])('%s %s is 405 with Allow: %s, without any token', async (method, path, allow) => {
    const res = await raw(method, path);
    expect(res.status).toBe(405);
    expect(res.allow).toBe(allow);
    expect(res.json.error).toMatchObject({ code: 'METHOD_NOT_ALLOWED', message: expect.stringContaining(method) });
  });

  it('an /api path nobody serves is 404 before authentication; a served one still asks for a login', async () => {
    expect((await raw('GET', '/api/no-such-thing')).status).toBe(404);
    expect((await raw('GET', '/api/signings')).status).toBe(401);
    expect((await raw('GET', '/api/codes/regions')).status).toBe(200);
  });

  it('OPTIONS still answers with the methods, and HEAD follows GET', async () => {
    const options = await raw('OPTIONS', '/api/signings');
    expect(options.status).toBe(204);
    expect(options.allow).toBe('GET, HEAD, POST, OPTIONS');
    expect((await fetch(`${h.baseUrl}/healthz`, { method: 'HEAD' })).status).toBe(200);
  });
});

describe('authorization before the Idempotency-Key', () => {
  it('a student or employer posting to school-confirm with a key gets 403, every time, and the key stays unused', async () => {
    const p = await newParties(h);
    const { id } = await signingIn(p, 'PENDING_SCHOOL');
    const key = `authz-${crypto.randomUUID()}`;
    for (const caller of [p.student, p.employer, p.student]) {
      const res = await caller.post('/api/signings/school-confirm', { ids: [id] }, { 'idempotency-key': key });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    const single = await p.student.post(`/api/signings/${id}/school-confirm`, undefined, { 'idempotency-key': key });
    expect(single.status).toBe(403);
    // The school may still use that very key: the refusals never reserved it.
    const school = await p.school.post('/api/signings/school-confirm', { ids: [id] }, { 'idempotency-key': key });
    expect(school.status).toBe(200);
  });
});

describe('the order of refusals, and how characters are counted', () => {
  it('an anonymous body with NUL on a signed-in route is 401, not a field-level 400', async () => {
    const res = await new ApiClient(h.baseUrl).post('/api/webhooks', { url: 'https://example.com/\u0000' });
    expect(res.status).toBe(401);
  });

  it('lengths count code points, as the document’s maxLength does: 26 astral characters fit a 50-character field', async () => {
    const p = await newParties(h);
    const { id } = await signingIn(p, 'PENDING_STUDENT');
    const archive = { unitName: '上海市学生事务中心', postcode: '200032', recipient: '𝐀'.repeat(26), phone: '021-64826000', address: '上海市徐汇区零陵路599号' };
    expect((await p.student.request('PUT', `/api/signings/${id}/archive`, archive)).status).toBe(200);
    const over = await p.student.request('PUT', `/api/signings/${id}/archive`, { ...archive, recipient: '𝐀'.repeat(51) });
    expect(over.status).toBe(400);
    expect(over.body.error.details).toEqual([{ path: 'recipient', message: '收件人最多 50 个字符' }]);
  });
});

describe('integers in a query string are plain decimal', () => {
  it.each(['0x5', '1e1', '+5', ' 5', '5.0', '05', ''])('limit=%j is 400 naming query.limit', async (limit) => {
    const p = await newParties(h);
    const res = await p.student.get(`/api/signings?limit=${encodeURIComponent(limit)}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toContainEqual({ path: 'query.limit', message: expect.stringContaining('十进制整数') });
  });

  it('limit=5 works, and the bounds are named', async () => {
    const school = await newParties(h).then((p) => p.school);
    expect((await school.get('/api/school/signings?limit=5')).status).toBe(200);
    const over = await school.get('/api/school/signings?limit=201');
    expect(over.status).toBe(400);
    expect(over.body.error.details).toEqual([{ path: 'query.limit', message: '每页条数不能大于 200' }]);
  });

  it.each(['0000-01-01T00:00Z', '9999-12-31T23:59:59.999-23:59', '0001-01-01'])('desk date %s (PostgreSQL cannot store it) is 400, not 500', async (date) => {
    const school = await newParties(h).then((p) => p.school);
    const res = await school.get(`/api/school/signings?status=all&submittedFrom=${encodeURIComponent(date)}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: 'query.submittedFrom', message: '年份应在 1900–2999 之间' }]);
  });
});

describe('the document', () => {
  it('declares the PDF as a binary string and every JSON-body operation 415', () => {
    const doc = openApiDocument() as any;
    const agreement = doc.paths['/api/signings/{id}/agreement'].get.responses['200'].content;
    expect(agreement['application/pdf'].schema).toEqual({ type: 'string', format: 'binary' });
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        if (op.requestBody?.content?.['application/json']) expect(op.responses['415'], `${method} ${path}`).toBeDefined();
      }
    }
  });

  it('shows query integers as integers and keeps anyone-endpoints open', async () => {
    const doc = openApiDocument() as any;
    const limit = doc.paths['/api/signings'].get.parameters.find((p: any) => p.name === 'limit');
    expect(limit.schema).toEqual({ type: 'integer', minimum: 1, maximum: 100, default: 20 });
    expect((await new ApiClient(h.baseUrl).get('/api/codes/unit-natures')).status).toBe(200);
  });
});
