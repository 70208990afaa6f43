/**
 * Request bodies the API refuses while reading them (api/http/json-body.ts, api/http/errors.ts): every body
 * parser has a limit and an oversize body is 413 with a Chinese error naming it; malformed JSON,
 * bytes that are not UTF-8, a charset other than UTF-8, a body in another media type, JSON nested
 * 10 000 deep, a corrupt gzip body and an undecodable path are 4xx — never 500 — and act on nothing.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_MAX_DEPTH, nestsDeeperThan } from '../../api/http/json-verify';
import { newParties, signingIn, type Parties } from '../support/flows';
import { type Harness, TEST_PASSWORD, startHarness } from '../support/harness';
import { createAccount } from '../../db/master-data';

let h: Harness;
let p: Parties;
let pendingSchool: string;
let operatorAuth: string;

beforeAll(async () => {
  h = await startHarness();
  p = await newParties(h);
  pendingSchool = (await signingIn(p, 'PENDING_SCHOOL')).id;
  const username = `ops-limits-${Date.now()}`;
  await createAccount(h.database.db, { username, password: TEST_PASSWORD, displayName: '运维' }, { role: 'operator' });
  operatorAuth = `Basic ${Buffer.from(`${username}:${TEST_PASSWORD}`).toString('base64')}`;
});
afterAll(async () => {
  await h?.close();
});

const bearer = (token: string | undefined) => ({ authorization: `Bearer ${token}` });

async function send(path: string, init: { method?: string; body?: string | Uint8Array; headers?: Record<string, string> }) {
  const res = await fetch(`${h.baseUrl}${path}`, { method: init.method ?? 'POST', ...(init.body === undefined ? {} : { body: init.body }), headers: init.headers ?? {} });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', text, json: JSON.parse(text) as { error: { code: string; message: string; details?: unknown } } };
}

async function statusOf(id: string): Promise<string> {
  return (await p.school.get(`/api/signings/${id}`)).body.status;
}

describe('size limits: 413 with a Chinese error naming the limit', () => {
  it('a JSON body over 256 KB', async () => {
    const res = await send('/api/signings', { body: JSON.stringify({ x: 'a'.repeat(300_000) }), headers: { 'content-type': 'application/json', ...bearer(p.student.token) } });
    expect(res.status).toBe(413);
    expect(res.json.error).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: '请求体过大（上限 256 KB）' });
  });

  it('a CSV roster over 1 MB', async () => {
    const res = await send('/api/school/students/import', { body: `考生号,姓名\n${'1'.repeat(1_100_000)}`, headers: { 'content-type': 'text/csv', ...bearer(p.school.token) } });
    expect(res.status).toBe(413);
    expect(res.json.error).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: '请求体过大（上限 1 MB）' });
  });

  it('a codec body over 8 MB (an operator, so the body is read)', async () => {
    const res = await send('/codec/decode', { body: JSON.stringify({ payloads: [{ data: 'A'.repeat(9_000_000) }] }), headers: { 'content-type': 'application/json', authorization: operatorAuth } });
    expect(res.status).toBe(413);
    expect(res.json.error).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: '请求体过大（上限 8 MB）' });
  });

  it('the limit counts the inflated size of a gzip body', async () => {
    const res = await send('/api/auth/login', {
      body: gzipSync(JSON.stringify({ username: 'x', password: 'y'.repeat(1_000_000) })),
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expect(res.status).toBe(413);
  });
});

describe('bodies that cannot be read are 4xx naming the problem', () => {
  it('malformed JSON: 400 with where it breaks', async () => {
    const res = await send('/api/auth/login', { body: '{"username": "a",}', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('VALIDATION_FAILED');
    expect(res.json.error.message).toMatch(/^请求体不是合法的 JSON（第 \d+ 个字符处有误）$/);
  });

  it('bytes that are not UTF-8: 400, not U+FFFD stored in the data', async () => {
    const body = Buffer.concat([Buffer.from('{"username":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('","password":"x"}')]);
    const res = await send('/api/auth/login', { body, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: 'VALIDATION_FAILED', message: '请求体含有不是 UTF-8 编码的字节，请以 UTF-8 发送 JSON' });
  });

  it.each(['latin1', 'utf-16', 'klingon'])('charset=%s: 415', async (charset) => {
    const res = await send('/api/auth/login', { body: '{}', headers: { 'content-type': `application/json; charset=${charset}` } });
    expect(res.status).toBe(415);
    expect(res.json.error).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', message: '请求体编码不受支持，请使用 UTF-8' });
  });

  it('a text/plain body on an action whose body is optional: 415, and nothing happens', async () => {
    const res = await send(`/api/signings/${pendingSchool}/school-confirm`, { body: 'confirm please', headers: { 'content-type': 'text/plain', ...bearer(p.school.token) } });
    expect(res.status).toBe(415);
    expect(res.json.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(res.json.error.message).toContain('application/json');
    expect(await statusOf(pendingSchool)).toBe('PENDING_SCHOOL');
  });

  it('a body without a Content-Type: 415', async () => {
    const res = await send(`/api/signings/${pendingSchool}/school-confirm`, { body: new TextEncoder().encode('{}'), headers: bearer(p.school.token) });
    expect(res.status).toBe(415);
    expect(res.json.error.message).toContain('未注明类型');
  });

  it('a form body on the login: 415', async () => {
    const res = await send('/api/auth/login', { body: 'username=a&password=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(415);
  });

  it.each([
    ['arrays', `${'['.repeat(10_000)}${']'.repeat(10_000)}`],
    ['objects', `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`],
  ])('JSON %s nested 10 000 deep: 400, also with an Idempotency-Key (once a 500)', async (_kind, body) => {
    for (const extra of [{}, { 'idempotency-key': `deep-${Math.random()}` }] as Record<string, string>[]) {
      const res = await send(`/api/signings/${pendingSchool}/school-confirm`, { body, headers: { 'content-type': 'application/json', ...bearer(p.school.token), ...extra } });
      expect(res.status).toBe(400);
      expect(res.json.error).toMatchObject({ code: 'VALIDATION_FAILED', message: `请求体的 JSON 嵌套过深（最多 ${JSON_MAX_DEPTH} 层）` });
    }
    expect(await statusOf(pendingSchool)).toBe('PENDING_SCHOOL');
  });

  it('a corrupt gzip body: 400 (once a 500)', async () => {
    const res = await send('/api/auth/login', { body: 'not gzip at all', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toBe('请求体的压缩数据已损坏，无法按 Content-Encoding 解压');
  });

  it('an unknown Content-Encoding: 415', async () => {
    const res = await send('/api/auth/login', { body: '{}', headers: { 'content-type': 'application/json', 'content-encoding': 'klingon' } });
    expect(res.status).toBe(415);
  });

  it('a path parameter that is not valid percent-encoding: 404 (once a 500)', async () => {
    const res = await send('/api/signings/%E0%A4%A/events', { method: 'GET', headers: bearer(p.student.token) });
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('NOT_FOUND');
  });
});

describe('nestsDeeperThan', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  it('counts brackets outside strings only', () => {
    expect(nestsDeeperThan(bytes('[[[1]]]'), 3)).toBe(false);
    expect(nestsDeeperThan(bytes('[[[[1]]]]'), 3)).toBe(true);
    expect(nestsDeeperThan(bytes('{"a":"[[[[[[\\"{{{{"}'), 2)).toBe(false);
    expect(nestsDeeperThan(bytes('[{"k":"中文[[["},[{}]]'), 3)).toBe(false);
    expect(nestsDeeperThan(bytes('[{"k":"\\\\"},[[{}]]]'), 3)).toBe(true);
  });
});
