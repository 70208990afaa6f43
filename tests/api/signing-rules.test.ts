/**
 * The contract's refusals on the real stack: 409 for an action that does not fit the status (and
 * nothing changes), 400 naming each bad field, 404 for another party's signing, 403 for a wrong
 * role, one winner among racing submissions, cancel at each stage, and Idempotency-Key replays.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SigningStatus } from '../../domain/status';
import { type Parties, newParties, signingIn } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';
import { ApiClient } from '../support/http';
import { sampleApplication, sampleEmployerSign } from '../support/sample-data';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

type Attempt = { path: string; as: keyof Pick<Parties, 'student' | 'employer' | 'school'>; body?: unknown; fits: SigningStatus[] };

function attempts(hash: string | null): Attempt[] {
  return [
    { path: 'employer-sign', as: 'employer', body: sampleEmployerSign(), fits: ['PENDING_EMPLOYER'] },
    { path: 'student-confirm', as: 'student', body: { agreementHash: hash ?? 'a'.repeat(64), previewed: true }, fits: ['PENDING_STUDENT'] },
    { path: 'return', as: 'student', body: { reason: '学生退回测试' }, fits: ['PENDING_STUDENT'] },
    { path: 'return', as: 'school', body: { reason: '学校退回测试' }, fits: ['PENDING_SCHOOL'] },
    { path: 'school-confirm', as: 'school', fits: ['PENDING_SCHOOL'] },
    { path: 'cancel', as: 'employer', body: { reason: '单位取消测试' }, fits: ['PENDING_EMPLOYER', 'PENDING_STUDENT', 'PENDING_SCHOOL'] },
  ];
}

async function snapshot(p: Parties, id: string) {
  const [signing, events] = await Promise.all([p.student.get(`/api/signings/${id}`), p.student.get(`/api/signings/${id}/events`)]);
  return { signing: signing.body, events: events.body };
}

describe('actions that do not fit the status', () => {
  const statuses: SigningStatus[] = ['PENDING_EMPLOYER', 'PENDING_STUDENT', 'PENDING_SCHOOL', 'COMPLETED', 'CANCELLED'];
  it.each(statuses)('are refused with 409 in %s and change nothing', async (status) => {
    const p = await newParties(h);
    const { id, hash } = await signingIn(p, status);
    const before = await snapshot(p, id);
    for (const a of attempts(hash).filter((x) => !x.fits.includes(status))) {
      const res = await p[a.as].post(`/api/signings/${id}/${a.path}`, a.body);
      expect(res.status, `${a.as} ${a.path} in ${status}`).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'CONFLICT', details: { status } });
      expect(res.body.error.message).toMatch(/当前状态/);
    }
    expect(await snapshot(p, id)).toEqual(before);
  });
});

describe('bad input', () => {
  it('names each bad field of an application and creates nothing', async () => {
    const p = await newParties(h);
    const bad = { ...sampleApplication('000000001111111170'), regionCode: '999999', industryCode: '00', extra: 1 };
    const res = await p.student.post('/api/signings', bad);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const byPath = Object.fromEntries(res.body.error.details.map((d: { path: string; message: string }) => [d.path, d.message]));
    // The source's placeholder code: no registration authority 0 (GB 32100), said before the check character.
    expect(byPath['employer.creditCode']).toMatch(/^统一社会信用代码第 1 位（登记管理部门代码）“0”不存在/);
    expect(Object.keys(byPath)).toEqual(expect.arrayContaining(['employer.creditCode', 'regionCode', 'industryCode']));
    expect((await p.student.get('/api/signings')).body.items).toHaveLength(0);
  });

  it('names the agreement rules that fail and leaves the signing pending the employer', async () => {
    const p = await newParties(h);
    const { id } = await signingIn(p, 'PENDING_EMPLOYER');
    const body = sampleEmployerSign();
    body.agreement.employmentTerms.probationMonths = 3; // 12-month term allows at most 2
    body.agreement.employmentTerms.monthlySalaryAfterTax = 6000; // more than pre-tax 5000
    (body as { previewed: unknown }).previewed = false;
    body.contact.postcode = '12345';
    const res = await p.employer.post(`/api/signings/${id}/employer-sign`, body);
    expect(res.status).toBe(400);
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'agreement.employmentTerms.probationMonths',
        'agreement.employmentTerms.monthlySalaryAfterTax',
        'previewed',
        'contact.postcode',
      ]),
    );
    expect((await p.employer.get(`/api/signings/${id}`)).body.status).toBe('PENDING_EMPLOYER');
  });

  it('refuses malformed JSON, empty reasons and a malformed hash with 400', async () => {
    const p = await newParties(h);
    const { id } = await signingIn(p, 'PENDING_STUDENT');
    const malformed = await p.student.request('POST', `/api/signings/${id}/cancel`, '{"reason":', { 'content-type': 'application/json' });
    expect(malformed.status).toBe(400);
    const empty = await p.student.post(`/api/signings/${id}/return`, { reason: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details[0].path).toBe('reason');
    const hash = await p.student.post(`/api/signings/${id}/student-confirm`, { agreementHash: 'xyz', previewed: true });
    expect(hash.status).toBe(400);
    expect(hash.body.error.details[0].path).toBe('agreementHash');
    const list = await p.student.get('/api/signings?limit=0&status=DONE');
    expect(list.status).toBe(400);
    expect(list.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['query.limit', 'query.status']);
    expect((await p.student.get(`/api/signings/${id}`)).body.status).toBe('PENDING_STUDENT');
  });
});

describe('who may see and do what', () => {
  it('hides another party’s signing as 404', async () => {
    const p = await newParties(h);
    const { id } = await signingIn(p, 'PENDING_EMPLOYER');
    for (const other of [p.otherStudent, p.otherEmployer, p.otherSchool]) {
      expect((await other.get(`/api/signings/${id}`)).status).toBe(404);
      expect((await other.get(`/api/signings/${id}/events`)).status).toBe(404);
      expect((await other.post(`/api/signings/${id}/cancel`, { reason: '不是我的网签' })).status).toBe(404);
      expect((await other.get('/api/signings')).body.items.map((s: { id: string }) => s.id)).not.toContain(id);
    }
    expect((await p.otherEmployer.post(`/api/signings/${id}/employer-sign`, sampleEmployerSign())).status).toBe(404);
    expect((await p.student.get(`/api/signings/not-a-uuid`)).status).toBe(404);
    expect((await p.student.get(`/api/signings/${randomUUID()}`)).status).toBe(404);
    expect((await p.employer.get(`/api/signings/${id}`)).body.status).toBe('PENDING_EMPLOYER');
  });

  it('refuses a wrong role with 403 and no token with 401', async () => {
    const p = await newParties(h);
    const { id, hash } = await signingIn(p, 'PENDING_STUDENT');
    expect((await p.student.post(`/api/signings/${id}/employer-sign`, sampleEmployerSign())).status).toBe(403);
    expect((await p.employer.post(`/api/signings/${id}/student-confirm`, { agreementHash: hash, previewed: true })).status).toBe(403);
    expect((await p.employer.post(`/api/signings/${id}/return`, { reason: '单位不能退回' })).status).toBe(403);
    expect((await p.student.post(`/api/signings/${id}/school-confirm`)).status).toBe(403);
    const school = await p.school.post('/api/signings', sampleApplication());
    expect(school.status).toBe(403);
    expect(school.body.error.code).toBe('FORBIDDEN');
    expect((await p.employer.get('/api/me/plan')).status).toBe(403);
    const anonymous = new ApiClient(h.baseUrl);
    expect((await anonymous.get('/api/signings')).status).toBe(401);
    expect((await new ApiClient(h.baseUrl, 'forged.token.value').get('/api/me')).status).toBe(401);
    expect((await anonymous.post('/api/auth/login', { username: p.world.student.username, password: 'wrong-password' })).status).toBe(401);
    expect((await p.student.get(`/api/signings/${id}`)).body.status).toBe('PENDING_STUDENT');
  });
});

describe('one active signing per student', () => {
  it('lets exactly one of two concurrent submissions win', async () => {
    const p = await newParties(h);
    const results = await Promise.all([
      p.student.post('/api/signings', sampleApplication(p.world.employer.creditCode)),
      p.student.post('/api/signings', sampleApplication(p.world.otherEmployer.creditCode)),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.body.error.details).toMatchObject({ status: 'PENDING_EMPLOYER' });
    expect((await p.student.get('/api/signings')).body.items).toHaveLength(1);
  });

  it('cancels at each of the three stages, each by a different party, and allows a new signing after', async () => {
    const p = await newParties(h);
    const stages: Array<[SigningStatus, 'employer' | 'school' | 'student']> = [
      ['PENDING_EMPLOYER', 'employer'],
      ['PENDING_STUDENT', 'school'],
      ['PENDING_SCHOOL', 'student'],
    ];
    for (const [status, by] of stages) {
      const { id } = await signingIn(p, status);
      const res = await p[by].post(`/api/signings/${id}/cancel`, { reason: `${status} 阶段取消` });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'CANCELLED', statusLabel: '已取消', allowedActions: [] });
      const events = (await p.student.get(`/api/signings/${id}/events`)).body.items;
      expect(events.at(-1)).toMatchObject({ action: 'cancel', fromStatus: status, toStatus: 'CANCELLED', reason: `${status} 阶段取消`, actor: { role: by } });
    }
    expect((await p.student.get('/api/signings?status=CANCELLED')).body.items).toHaveLength(3);
  });
});

describe('Idempotency-Key', () => {
  it('replays a repeated create with the same answer and one signing', async () => {
    const p = await newParties(h);
    const key = randomUUID();
    const body = sampleApplication(p.world.employer.creditCode);
    const first = await p.student.post('/api/signings', body, { 'Idempotency-Key': key });
    const second = await p.student.post('/api/signings', body, { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect((await p.student.get('/api/signings')).body.items).toHaveLength(1);
    const reused = await p.student.post('/api/signings', sampleApplication(p.world.otherEmployer.creditCode), { 'Idempotency-Key': key });
    expect(reused.status).toBe(409);
    expect(reused.body.error.details).toMatchObject({ reason: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('the same key on another action is refused as reused, and changes nothing', async () => {
    const p = await newParties(h);
    const { id } = await signingIn(p, 'PENDING_STUDENT');
    const key = randomUUID();
    const returned = await p.student.post(`/api/signings/${id}/return`, { reason: '岗位与约定不符' }, { 'Idempotency-Key': key });
    expect(returned.status).toBe(200);
    const reused = await p.student.post(`/api/signings/${id}/cancel`, { reason: '不再签约' }, { 'Idempotency-Key': key });
    expect(reused.status).toBe(409);
    expect(reused.body.error.details).toMatchObject({ reason: 'IDEMPOTENCY_KEY_REUSED' });
    expect((await p.student.get(`/api/signings/${id}`)).body.status).toBe('PENDING_EMPLOYER');
  });

  it('a refusal is stored like a success: the repeat gets the same 409, replayed', async () => {
    const p = await newParties(h);
    const { id } = await signingIn(p, 'PENDING_EMPLOYER');
    const key = randomUUID();
    const first = await p.school.post(`/api/signings/${id}/school-confirm`, undefined, { 'Idempotency-Key': key });
    expect(first.status).toBe(409);
    const again = await p.school.post(`/api/signings/${id}/school-confirm`, undefined, { 'Idempotency-Key': key });
    expect(again.status).toBe(409);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
  });

  it('replays a repeated action with one transition', async () => {
    const p = await newParties(h);
    const { id } = await signingIn(p, 'PENDING_EMPLOYER');
    const key = randomUUID();
    const results = await Promise.all([1, 2].map(() => p.employer.post(`/api/signings/${id}/employer-sign`, sampleEmployerSign(), { 'Idempotency-Key': key })));
    // Both get the one outcome (one Update id); the copy that lost storing it replays the stored answer.
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(results.map((r) => r.headers.get('idempotent-replayed')).sort()).toEqual(['true', null].sort());
    expect(results[1]!.body).toEqual(results[0]!.body);
    const again = await p.employer.post(`/api/signings/${id}/employer-sign`, sampleEmployerSign(), { 'Idempotency-Key': key });
    expect(again.status).toBe(200);
    expect(again.body.agreement.version).toBe(1);
    const events = (await p.employer.get(`/api/signings/${id}/events`)).body.items;
    expect(events.filter((e: { action: string }) => e.action === 'employerSign')).toHaveLength(1);
  });
});
