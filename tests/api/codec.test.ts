/**
 * Personal data encrypted in Temporal history, on the real stack: a signing with distinctive
 * personal values runs to COMPLETED; the raw history fetched from the server (the signing's and its
 * notification children's, not decoded by the client) contains none of them, while the API returns
 * them and /codec/decode gives them back to an operator (Bearer or Basic). Also: operator accounts
 * and their CLI, the codec endpoint's authentication, its browser sign-in page, CORS, rate limit
 * (credential-less calls not counted) and input errors (depth cap included).
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import proto from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../api/app';
import { upsertStudent } from '../../db/master-data';
import { createOperator, parseOperatorArgs } from '../../scripts/create-operator';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, METADATA_KEY_ID, generatePayloadKey } from '../../temporal/payload-codec';
import { singleKeyring } from '../../temporal/payload-keys';
import { resolveTemporalCli } from '../../launcher/temporal-cli';
import { signingWorkflowId } from '../../workflows/messages';
import { type Parties, newParties } from '../support/flows';
import { CODEC_UI_ORIGINS, type Harness, TEST_PASSWORD, startHarness } from '../support/harness';
import { ApiClient } from '../support/http';
import { type WebhookReceiver, startWebhookReceiver } from '../support/webhook-receiver';
import { sampleAgreement, sampleApplication } from '../support/sample-data';

type HistoryEvent = proto.temporal.api.history.v1.IHistoryEvent;

const run = promisify(execFile);
const OPERATOR_PASSWORD = 'Operator-pass-2026';
const UI_ORIGIN = CODEC_UI_ORIGINS[0]!;

let h: Harness;
let operatorUsername: string;

beforeAll(async () => {
  h = await startHarness();
  operatorUsername = `ops${randomUUID().slice(0, 8)}`;
  const args = parseOperatorArgs(['--username', operatorUsername, '--name', '测试运维', '--password-stdin']);
  if (args === 'help') throw new Error('unexpected help');
  await createOperator(inject('databaseUrl'), args, OPERATOR_PASSWORD);
});

afterAll(async () => {
  await h?.close();
});

const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
const utf8 = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString('utf8');
const toJson = (p: Payload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});
const codecCall = (path: string, body: unknown, headers: Record<string, string>) => new ApiClient(h.baseUrl).post(path, body, headers);

/** The raw history as the server stores it: through workflowService, not the client's data converter. */
async function rawHistory(workflowId: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await h.client.workflowService.getWorkflowExecutionHistory({ namespace: 'default', execution: { workflowId }, nextPageToken: nextPageToken ?? null });
    events.push(...(page.history?.events ?? []));
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
  return events;
}

/** Every payload in `value`, with the path of object keys that led to it. */
function payloadsIn(value: unknown, path: string[] = [], found: Array<{ path: string[]; payload: Payload }> = []) {
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return found;
  const candidate = value as Payload;
  if (candidate.metadata && typeof candidate.metadata === 'object' && candidate.metadata.encoding instanceof Uint8Array) {
    found.push({ path, payload: candidate });
    return found;
  }
  for (const [key, child] of Object.entries(value)) payloadsIn(child, [...path, key], found);
  return found;
}

async function waitClosed(workflowId: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while ((await h.client.workflow.getHandle(workflowId).describe()).status.name === 'RUNNING') {
    if (Date.now() > deadline) throw new Error(`${workflowId} still running after 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('personal data in Temporal history', () => {
  let p: Parties;
  let signingId: string;
  let histories: Map<string, HistoryEvent[]>;
  let receiver: WebhookReceiver | undefined;
  const tag = randomUUID().slice(0, 6);
  const personal = {
    name: `蔺觅秋${tag}`,
    examineeNo: '',
    monthlySalaryPreTax: 28765,
    monthlySalaryAfterTax: 23456,
    phone: '021-87654329',
    email: `lin.miqiu.${tag}@example.cn`,
    contactPerson: `岑晓岚${tag}`,
    archiveRecipient: `龚雨霏${tag}`,
    archivePhone: '021-65432178',
  };
  const searched = () => [
    personal.name,
    personal.examineeNo,
    String(personal.monthlySalaryPreTax),
    String(personal.monthlySalaryAfterTax),
    personal.phone,
    personal.email,
    personal.contactPerson,
    personal.archiveRecipient,
    personal.archivePhone,
  ];

  beforeAll(async () => {
    p = await newParties(h);
    personal.examineeNo = p.world.student.examineeNo;
    // The student's name as the school's roster has it: the API shows it, the workflow never should in clear.
    await upsertStudent(h.database.db, { schoolCode: p.world.schoolCode, examineeNo: personal.examineeNo, name: personal.name });
    // The employer's webhook: each event is then delivered by a notification child workflow.
    receiver = await startWebhookReceiver();
    const hook = await p.employer.post('/api/webhooks', { url: receiver.url, description: '加密测试' });
    expect(hook.status).toBe(201);
    receiver.secret = hook.body.secret;

    const created = await p.student.post('/api/signings', sampleApplication(p.world.employer.creditCode));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    signingId = created.body.id;
    const signed = await p.employer.post(`/api/signings/${signingId}/employer-sign`, {
      unitNature: '39',
      contact: { phone: personal.phone, address: '上海市宝山区上大路99号', postcode: '200444', contactPerson: personal.contactPerson, email: personal.email },
      agreement: sampleAgreement({ monthlySalaryPreTax: personal.monthlySalaryPreTax, monthlySalaryAfterTax: personal.monthlySalaryAfterTax }),
      archive: { unitName: '上海市学生事务中心', postcode: '200032', recipient: personal.archiveRecipient, phone: personal.archivePhone, address: '上海市徐汇区零陵路599号' },
      previewed: true,
    });
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    const confirmed = await p.student.post(`/api/signings/${signingId}/student-confirm`, { agreementHash: signed.body.agreement.hash, previewed: true });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    const completed = await p.school.post(`/api/signings/${signingId}/school-confirm`);
    expect(completed.status, JSON.stringify(completed.body)).toBe(200);

    const workflowId = signingWorkflowId(signingId);
    await waitClosed(workflowId);
    histories = new Map([[workflowId, await rawHistory(workflowId)]]);
    const children = histories.get(workflowId)!.flatMap((e) => e.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId ?? []);
    for (const child of children) await waitClosed(child);
    for (const child of children) histories.set(child, await rawHistory(child));
  }, 180_000);

  afterAll(async () => {
    await receiver?.close();
  });

  it('the API returns the personal values to the parties', async () => {
    const signing = await p.student.get(`/api/signings/${signingId}`);
    expect(signing.body).toMatchObject({
      status: 'COMPLETED',
      student: { name: personal.name, examineeNo: personal.examineeNo },
      employer: { contact: { phone: personal.phone, email: personal.email, contactPerson: personal.contactPerson } },
      archive: { recipient: personal.archiveRecipient, phone: personal.archivePhone },
    });
    const agreement = await p.student.get(`/api/signings/${signingId}/agreement`);
    expect(agreement.body.agreement.employmentTerms).toMatchObject({
      monthlySalaryPreTax: personal.monthlySalaryPreTax,
      monthlySalaryAfterTax: personal.monthlySalaryAfterTax,
    });
  });

  it('the raw history (signing and notification children) contains none of them', () => {
    expect(histories.size).toBeGreaterThan(1); // the notification children are in too
    for (const [workflowId, events] of histories) {
      const raw = Buffer.from(proto.temporal.api.history.v1.History.encode({ events }).finish());
      // The search works: the employer's credit code (a search attribute, no personal data) is there in clear.
      if (workflowId === signingWorkflowId(signingId)) expect(raw.includes(Buffer.from(p.world.employer.creditCode))).toBe(true);
      for (const value of searched()) {
        expect(raw.includes(Buffer.from(value, 'utf8')), `${value} in the raw history of ${workflowId}`).toBe(false);
      }
    }
  });

  it('every payload in it is encrypted (inputs, results, update arguments, failures, summaries), except search attributes and headers', () => {
    let encrypted = 0;
    for (const events of histories.values()) {
      for (const { path, payload } of payloadsIn(events)) {
        // Written by the server or the SDK's core, not by the data converter: search attributes
        // (codes only, by design), message headers (request ids) and patch markers (patch ids).
        if (path.includes('searchAttributes') || path.includes('header') || path.includes('patch-data')) continue;
        expect(utf8(payload.metadata!.encoding), path.join('.')).toBe(ENCRYPTED_ENCODING);
        expect(utf8(payload.metadata![METADATA_KEY_ID])).toBe('test');
        encrypted += 1;
      }
    }
    expect(encrypted).toBeGreaterThan(20);
  });

  it('decrypted with the key, the history holds the values the workflow carries (so the encryption is what hides them)', async () => {
    const plain: string[] = [];
    for (const events of histories.values()) {
      for (const { payload } of payloadsIn(events)) plain.push(utf8((await h.payloadCodec.decode([payload]))[0]!.data));
    }
    const text = plain.join('\n');
    for (const value of [personal.phone, personal.email, personal.contactPerson, personal.archiveRecipient, String(personal.monthlySalaryPreTax)]) {
      expect(text).toContain(value);
    }
  });

  it('/codec/decode gives an operator the plaintext, by Bearer token and by Basic credentials', async () => {
    const encrypted = payloadsIn(histories.get(signingWorkflowId(signingId))).map((x) => x.payload);
    const carrying: Payload[] = [];
    for (const payload of encrypted) {
      if (utf8((await h.payloadCodec.decode([payload]))[0]!.data).includes(personal.phone)) carrying.push(payload);
    }
    expect(carrying.length).toBeGreaterThan(0);
    const body = { payloads: carrying.map(toJson) };
    const operator = await ApiClient.login(h.baseUrl, operatorUsername, OPERATOR_PASSWORD);
    for (const authorization of [`Bearer ${operator.token}`, basic(operatorUsername, OPERATOR_PASSWORD)]) {
      const res = await codecCall('/codec/decode', body, { authorization, 'x-namespace': 'default' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.payloads).toHaveLength(carrying.length);
      const first = res.body.payloads[0];
      expect(Buffer.from(first.metadata.encoding, 'base64').toString()).toBe('json/plain');
      const value = Buffer.from(first.data, 'base64').toString('utf8');
      expect(value).toContain(personal.phone);
      expect(value).toContain(personal.email);
    }
  });

  it('the Temporal CLI reads the plaintext through /codec (--codec-endpoint, --codec-auth), and ciphertext without it', async () => {
    const cli = await resolveTemporalCli();
    const operator = await ApiClient.login(h.baseUrl, operatorUsername, OPERATOR_PASSWORD);
    const show = (...extra: string[]) =>
      run(cli, ['workflow', 'show', '--address', inject('temporalAddress'), '--namespace', 'default', '-w', signingWorkflowId(signingId), '-o', 'json', ...extra], {
        maxBuffer: 32 * 1024 * 1024,
      }).then((r) => r.stdout);
    // -o json prints each payload as proto JSON: metadata and data in base64.
    const payloadTexts = (json: string) => {
      const found: Array<{ encoding: string; data: string }> = [];
      const walk = (v: unknown): void => {
        if (typeof v !== 'object' || v === null) return;
        const { metadata, data } = v as { metadata?: { encoding?: unknown }; data?: unknown };
        if (typeof metadata?.encoding === 'string') {
          found.push({ encoding: Buffer.from(metadata.encoding, 'base64').toString(), data: Buffer.from(typeof data === 'string' ? data : '', 'base64').toString('utf8') });
          return;
        }
        Object.values(v).forEach(walk);
      };
      walk(JSON.parse(json));
      return found;
    };
    const decoded = payloadTexts(await show('--codec-endpoint', `${h.baseUrl}/codec`, '--codec-auth', `Bearer ${operator.token}`));
    expect(decoded.filter((p) => p.encoding === ENCRYPTED_ENCODING)).toEqual([]);
    expect(decoded.map((p) => p.data).join('\n')).toContain(personal.phone);
    const raw = payloadTexts(await show());
    expect(raw.filter((p) => p.encoding === ENCRYPTED_ENCODING).length).toBeGreaterThan(10);
    expect(raw.map((p) => p.data).join('\n')).not.toContain(personal.phone);
  });
});

describe('operator accounts', () => {
  it('log in with role operator; the party API refuses their token with 403', async () => {
    const login = await new ApiClient(h.baseUrl).post('/api/auth/login', { username: operatorUsername, password: OPERATOR_PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ role: 'operator', name: '测试运维', username: operatorUsername });
    const operator = new ApiClient(h.baseUrl, login.body.token);
    for (const path of ['/api/me', '/api/signings', '/api/school/signings', `/api/signings/${randomUUID()}`, '/api/me/notifications']) {
      const res = await operator.get(path);
      expect(res.status, path).toBe(403);
      expect(res.body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('运维账号不能使用网签业务接口') });
    }
    const created = await operator.post('/api/signings', sampleApplication());
    expect(created.status).toBe(403);
    const imported = await operator.request('POST', '/api/school/students/import', 'a,b\n', { 'content-type': 'text/csv' });
    expect(imported.status).toBe(403);
  });

  it('npm run operator:create prints a generated password once; a second run changes nothing; a taken username is refused', async () => {
    const cli = (args: string[]) =>
      run('npx', ['tsx', 'scripts/create-operator.ts', ...args], { env: { ...process.env, DATABASE_URL: inject('databaseUrl') }, cwd: process.cwd() }).then(
        (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
      );
    const username = `ops${randomUUID().slice(0, 8)}`;
    const first = await cli(['--username', username, '--name', '值班运维', '--email', 'ops@example.edu.cn']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`已创建运维账号：${username}（值班运维）`);
    const password = /初始密码（只显示这一次，请妥善转交）：(\S+)/.exec(first.stdout)?.[1];
    expect(password).toBeDefined();
    const res = await codecCall('/codec/encode', { payloads: [] }, { authorization: basic(username, password!) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);

    const again = await cli(['--username', username]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`运维账号已存在，未修改：${username}`);
    expect(again.stdout).not.toContain('初始密码');

    const world = await newParties(h);
    const taken = await cli(['--username', world.world.student.username]);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('已被其他账号使用');
    const bad = await cli(['--username', '1x']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--username：');
    expect(bad.stderr).toContain('用法 (usage)');
  }, 120_000);

  it('operator:create refuses a password from stdin that fails the policy', async () => {
    const args = parseOperatorArgs(['--username', `ops${randomUUID().slice(0, 8)}`, '--password-stdin']);
    if (args === 'help') throw new Error('unexpected help');
    await expect(createOperator(inject('databaseUrl'), args, 'short')).rejects.toThrow(/密码不符合要求/);
  });
});

describe('the codec endpoint', () => {
  const sample = () => ({ payloads: [{ metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from('"于同学"').toString('base64') }] });

  it('encodes and decodes a round trip for an operator', async () => {
    const auth = { authorization: basic(operatorUsername, OPERATOR_PASSWORD), 'x-namespace': 'default' };
    const encoded = await codecCall('/codec/encode', sample(), auth);
    expect(encoded.status).toBe(200);
    const [payload] = encoded.body.payloads;
    expect(Buffer.from(payload.metadata.encoding, 'base64').toString()).toBe(ENCRYPTED_ENCODING);
    expect(Buffer.from(payload.metadata[METADATA_KEY_ID], 'base64').toString()).toBe('test');
    expect(Buffer.from(payload.data, 'base64').includes(Buffer.from('于同学'))).toBe(false);
    const decoded = await codecCall('/codec/decode', encoded.body, auth);
    expect(decoded.status).toBe(200);
    expect(decoded.body).toEqual(sample());
  });

  it('refuses without credentials or with wrong ones (401 with a Basic challenge), and parties (403)', async () => {
    const none = await codecCall('/codec/decode', sample(), {});
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('UNAUTHENTICATED');
    const challenge = Buffer.from(none.headers.get('www-authenticate') ?? '', 'latin1').toString('utf8');
    expect(challenge).toBe('Basic realm="网上签约 codec", charset="UTF-8"');

    for (const authorization of [basic(operatorUsername, 'Wrong-password-1'), basic(`nobody${randomUUID().slice(0, 6)}`, OPERATOR_PASSWORD), 'Bearer not-a-token', 'Basic !!!']) {
      const res = await codecCall('/codec/decode', sample(), { authorization });
      expect(res.status, authorization).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    }

    const { world, student, school } = await newParties(h);
    for (const authorization of [`Bearer ${student.token}`, `Bearer ${school.token}`, basic(world.student.username, TEST_PASSWORD)]) {
      const res = await codecCall('/codec/encode', sample(), { authorization });
      expect(res.status, authorization).toBe(403);
      expect(res.body.error).toMatchObject({ code: 'FORBIDDEN', message: 'codec 接口仅限运维人员' });
    }
  });

  it('answers 400 naming the field for a bad body, an undecryptable payload or another namespace', async () => {
    const auth = { authorization: basic(operatorUsername, OPERATOR_PASSWORD) };
    const noPayloads = await codecCall('/codec/decode', {}, auth);
    expect(noPayloads.status).toBe(400);
    expect(noPayloads.body.error.details).toEqual([expect.objectContaining({ path: 'payloads' })]);
    const badData = await codecCall('/codec/decode', { payloads: [{ metadata: {}, data: '***' }] }, auth);
    expect(badData.status).toBe(400);
    expect(badData.body.error.details).toEqual([{ path: 'payloads[0].data', message: '应为 base64 编码' }]);
    const notJson = await codecCall('/codec/decode', '{"payloads":', auth);
    expect(notJson.status).toBe(400);

    // Encrypted with a key this service does not have.
    const foreign = await new AesGcmPayloadCodec(singleKeyring(generatePayloadKey('elsewhere'))).encode([
      { metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('1') },
    ]);
    const unknownKey = await codecCall('/codec/decode', { payloads: [sample().payloads[0], toJson(foreign[0]!)] }, auth);
    expect(unknownKey.status).toBe(400);
    expect(unknownKey.body.error.details).toEqual([{ path: 'payloads[1]', message: expect.stringContaining('未知的加密密钥 id「elsewhere」') }]);

    const otherNamespace = await codecCall('/codec/decode', sample(), { ...auth, 'x-namespace': 'someone-else' });
    expect(otherNamespace.status).toBe(400);
    expect(otherNamespace.body.error.details).toEqual([{ path: 'header.x-namespace', message: '应为 default' }]);
  });

  it('refuses JSON nested deeper than 64 levels with a 400 naming the limit, as the main API does', async () => {
    const auth = { authorization: basic(operatorUsername, OPERATOR_PASSWORD), 'content-type': 'application/json' };
    const nested = (depth: number) => `{"payloads":[{"metadata":{"x":${'['.repeat(depth)}${']'.repeat(depth)}}}]}`;
    // 4 levels of envelope (body, payloads, payload, metadata) + 60 arrays = 64: parsed, and refused by the schema.
    const atLimit = await new ApiClient(h.baseUrl).request('POST', '/codec/decode', nested(60), auth);
    expect(atLimit.status).toBe(400);
    expect(atLimit.body.error.message).not.toContain('嵌套过深');
    for (const depth of [61, 100_000]) {
      const res = await new ApiClient(h.baseUrl).request('POST', '/codec/decode', nested(depth), auth);
      expect(res.status, String(depth)).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: '请求体的 JSON 嵌套过深（最多 64 层）' });
    }
  });

  it('GET /codec/login is where a browser signs in: a Basic challenge without credentials, a page naming the operator with them', async () => {
    const none = await fetch(`${h.baseUrl}/codec/login`, { headers: { accept: 'text/html' } });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    expect(((await none.json()) as { error: { message: string } }).error.message).toContain('需要运维账号登录');
    const page = await fetch(`${h.baseUrl}/codec/login`, { headers: { accept: 'text/html', authorization: basic(operatorUsername, OPERATOR_PASSWORD) } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('已以运维账号登录 codec');
    expect(html).toContain('测试运维');
    expect(html).toContain(`href="${UI_ORIGIN}"`);
  });

  it('CORS: answers the UI origin’s preflight without credentials, with credentials allowed; not another origin', async () => {
    const preflight = (origin: string) =>
      fetch(`${h.baseUrl}/codec/decode`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace' },
      });
    for (const origin of CODEC_UI_ORIGINS) {
      const res = await preflight(origin);
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('access-control-allow-credentials')).toBe('true');
      expect(res.headers.get('access-control-allow-headers')).toBe('content-type,x-namespace,authorization');
      expect(res.headers.get('access-control-allow-methods')).toBe('POST');
    }
    const foreign = await preflight('http://evil.example');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();

    // The real requests carry the headers too, refusals included, so the UI can read them.
    const ok = await codecCall('/codec/decode', sample(), { origin: UI_ORIGIN, authorization: basic(operatorUsername, OPERATOR_PASSWORD) });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    const refused = await codecCall('/codec/decode', sample(), { origin: UI_ORIGIN });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    const elsewhere = await codecCall('/codec/decode', sample(), { origin: 'http://evil.example', authorization: basic(operatorUsername, OPERATOR_PASSWORD) });
    expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();
  });

  describe('failed credentials are rate limited', () => {
    let server: Server;
    let baseUrl: string;
    let connection: Connection;
    beforeAll(async () => {
      connection = await Connection.connect({ address: inject('temporalAddress') });
      const app = createApp({
        database: h.database,
        temporal: h.client,
        connection,
        taskQueue: h.taskQueue,
        jwtSecret: randomUUID() + randomUUID(),
        codec: { codec: h.payloadCodec, uiOrigins: CODEC_UI_ORIGINS, namespace: 'default', rateLimit: { limit: 2, windowMs: 60_000 } },
      });
      server = await new Promise((resolve) => {
        const s = app.listen(0, '127.0.0.1', () => resolve(s));
      });
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await new Promise((resolve) => server?.close(resolve));
      await connection?.close();
    });

    it('calls without any credentials (a UI page before sign-in) are 401 需要运维账号登录 and do not use up the sign-in budget', async () => {
      const username = `ops${randomUUID().slice(0, 8)}`;
      const args = parseOperatorArgs(['--username', username, '--name', '值班运维', '--password-stdin']);
      if (args === 'help') throw new Error('unexpected help');
      await createOperator(inject('databaseUrl'), args, OPERATOR_PASSWORD);
      const client = new ApiClient(baseUrl);
      // The UI sends a burst of decode calls per workflow page (BENCHMARKS.md, "Figures behind code comments");
      // 30 such calls are far over the limit of 2.
      for (let i = 0; i < 30; i++) {
        const res = await client.post('/codec/decode', sample(), { origin: UI_ORIGIN });
        expect(res.status, `call ${i}`).toBe(401);
        expect(res.body.error).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringContaining('需要运维账号登录') });
        expect(res.body.error.message).not.toContain('失败');
        expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
        expect(res.headers.get('ratelimit-policy')).toBeNull();
      }
      // The browser's first request to the sign-in page carries no credentials either.
      expect((await fetch(`${baseUrl}/codec/login`)).status).toBe(401);
      // The operator then signs in, first try.
      const signIn = await fetch(`${baseUrl}/codec/login`, { headers: { authorization: basic(username, OPERATOR_PASSWORD) } });
      expect(signIn.status).toBe(200);
      const decoded = await client.post('/codec/decode', sample(), { origin: UI_ORIGIN, authorization: basic(username, OPERATOR_PASSWORD) });
      expect(decoded.status).toBe(200);
      // Wrong passwords for that username still count, and still lock it.
      for (const password of ['Wrong-password-1', 'Wrong-password-2']) {
        expect((await client.post('/codec/decode', sample(), { authorization: basic(username, password) })).status).toBe(401);
      }
      const limited = await client.post('/codec/decode', sample(), { authorization: basic(username, OPERATOR_PASSWORD) });
      expect(limited.status).toBe(429);
      expect(limited.body.error.message).toMatch(/^运维账号登录失败次数过多，请 \d+ 分钟后再试$/);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    });

    it('answers 429 after N refused attempts for a username, even with the right password; successes do not count', async () => {
      const client = new ApiClient(baseUrl);
      const attempt = (password: string) => client.post('/codec/encode', { payloads: [] }, { authorization: basic(operatorUsername, password) });
      for (let i = 0; i < 3; i++) expect((await attempt(OPERATOR_PASSWORD)).status).toBe(200);
      expect((await attempt('Wrong-password-1')).status).toBe(401);
      expect((await attempt('Wrong-password-2')).status).toBe(401);
      const limited = await attempt(OPERATOR_PASSWORD);
      expect(limited.status).toBe(429);
      expect(limited.body.error).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringContaining('登录失败次数过多') });
    });
  });
});
