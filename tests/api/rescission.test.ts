/**
 * 解约 over HTTP on the real stack (Temporal dev server + PostgreSQL), docs/design.md §11: the whole
 * path to a new signing with another employer, the letter, each rejection and the withdrawal, the
 * school's limit, refusals that change nothing (409 out of turn, 404 for foreign parties, 403 for
 * the wrong role), and the races the workflows decide.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications, schools, signingEvents } from '../../db/schema';
import { type Parties, newParties, signingIn } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';
import { type WebhookReceiver, startWebhookReceiver } from '../support/webhook-receiver';
import { verifyWebhookSignature } from '../../domain/webhook-signature';
import { sampleApplication, sampleEmployerSign } from '../support/sample-data';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const REASON = '已考取研究生，无法按期报到';
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')]);
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

async function completed(): Promise<{ p: Parties; id: string }> {
  const p = await newParties(h);
  const { id } = await signingIn(p, 'COMPLETED');
  return { p, id };
}

async function trail(signingId: string) {
  const rows = await h.database.db.select().from(signingEvents).where(eq(signingEvents.signingId, signingId));
  return rows.sort((a, b) => a.seq - b.seq).map((e) => `${e.seq}:${e.action}:${e.actorRole}→${e.toStatus}`);
}

function form(fields: Record<string, string>, file?: { bytes: Buffer; name: string; type: string }): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  if (file) f.append('letter', new Blob([file.bytes], { type: file.type }), file.name);
  return f;
}

describe('解约: the whole path', () => {
  it('employer asks → student agrees → school approves: 已解约, the plan withdrawn and kept, and the student signs with another employer', async () => {
    const { p, id } = await completed();
    const before = await p.employer.get(`/api/signings/${id}`);
    expect(before.body).toMatchObject({ status: 'COMPLETED', rescission: null, canRequestRescission: true });
    expect((await p.school.get(`/api/signings/${id}`)).body.canRequestRescission).toBe(false);

    const asked = await p.employer.post(`/api/signings/${id}/rescission`, { reason: '岗位调整，无法录用' });
    expect(asked.status).toBe(201);
    expect(asked.headers.get('location')).toBe(`/api/signings/${id}`);
    expect(asked.body).toMatchObject({
      status: 'COMPLETED',
      canRequestRescission: false,
      rescission: {
        status: 'PENDING_COUNTERPARTY',
        statusLabel: '待对方同意',
        requestedBy: { role: 'employer', roleLabel: '用人单位' },
        reason: '岗位调整，无法录用',
        awaiting: 'student',
        allowedActions: ['withdraw'],
        letter: null,
      },
    });
    expect(Date.parse(asked.body.rescission.deadlineAt)).toBeGreaterThan(Date.now());
    const studentView = await p.student.get(`/api/signings/${id}`);
    expect(studentView.body.rescission).toMatchObject({ allowedActions: ['agree', 'reject'], nextStep: '请处理解约申请：同意或拒绝' });
    expect(asked.body.rescission.nextStep).toBe('等待学生同意');
    // The employer's desk shows the request's state and whose turn it is.
    const desk = await p.employer.get('/api/employer/signings?status=all');
    expect(desk.body.items.find((r: { id: string }) => r.id === id).rescission).toMatchObject({ status: 'PENDING_COUNTERPARTY', statusLabel: '待对方同意', awaiting: 'student' });

    const agreed = await p.student.post(`/api/signings/${id}/rescission/agree`);
    expect(agreed.status).toBe(200);
    expect(agreed.body.rescission).toMatchObject({ status: 'PENDING_SCHOOL', statusLabel: '待学校审批', awaiting: 'school', allowedActions: [] });
    expect((await p.school.get(`/api/signings/${id}`)).body.rescission.allowedActions).toEqual(['reject', 'approve']);

    const approved = await p.school.post(`/api/signings/${id}/rescission/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'RESCINDED',
      statusLabel: '已解约',
      allowedActions: [],
      canRequestRescission: false,
      rescission: { status: 'APPROVED', statusLabel: '已批准', awaiting: null, deadlineAt: null, allowedActions: [] },
    });
    const schoolDesk = await p.school.get(`/api/school/signings?status=RESCINDED&q=${p.world.student.examineeNo}`);
    expect(schoolDesk.body.items).toEqual([expect.objectContaining({ id, status: 'RESCINDED', statusLabel: '已解约', rescission: expect.objectContaining({ status: 'APPROVED', statusLabel: '已批准' }) })]);

    // The signing's own actions are over, and say why.
    const cancel = await p.student.post(`/api/signings/${id}/cancel`, { reason: '再取消一次' });
    expect(cancel.status).toBe(409);
    expect(cancel.body.error.message).toContain('已解约');

    // The audit trail goes on after completion: every step with its actor.
    expect((await trail(id)).slice(4)).toEqual([
      '5:rescission_request:employer→COMPLETED',
      '6:rescission_agree:student→COMPLETED',
      '7:rescission_approve:school→RESCINDED',
    ]);
    const events = await p.student.get(`/api/signings/${id}/events`);
    expect(events.body.items.at(-1)).toMatchObject({ action: 'rescission_approve', actionLabel: '学校批准解约', toStatusLabel: '已解约', rescissionId: approved.body.rescission.id });

    // 未填报 again; 个人中心 keeps the withdrawn plan; the old agreement stays printable, marked 已解约.
    expect((await p.student.get('/api/me/plan')).status).toBe(404);
    const me = await p.student.get('/api/me');
    expect(me.body.summary.employmentPlan).toBe('未填报');
    // The rescinded signing's 档案接收 no longer counts either.
    expect(me.body).toMatchObject({ archive: null, summary: { archive: '无' } });
    expect(me.body.withdrawnPlans).toEqual([
      expect.objectContaining({ signingId: id, employerName: expect.any(String), withdrawnAt: expect.any(String), withdrawnBy: expect.any(String), rescissionId: approved.body.rescission.id }),
    ]);
    const printed = await p.student.get(`/api/signings/${id}/agreement?format=html`);
    expect(printed.status).toBe(200);
    expect(printed.body).toContain('已解约：经学校批准，本协议已于');

    // Each step told all three parties.
    const types = await h.database.db.select({ type: notifications.type }).from(notifications).where(eq(notifications.signingId, id));
    for (const type of ['signing.rescission_requested', 'signing.rescission_agreed', 'signing.rescinded']) {
      expect(types.filter((t) => t.type === type)).toHaveLength(3);
    }

    // 改签: a new plan with another employer, through to completion.
    const second = await p.student.post('/api/signings', sampleApplication(p.world.otherEmployer.creditCode));
    expect(second.status).toBe(201);
    const signed = await p.otherEmployer.post(`/api/signings/${second.body.id}/employer-sign`, sampleEmployerSign());
    expect(signed.status).toBe(200);
    expect((await p.student.post(`/api/signings/${second.body.id}/student-confirm`, { agreementHash: signed.body.agreement.hash, previewed: true })).status).toBe(200);
    expect((await p.school.post(`/api/signings/${second.body.id}/school-confirm`)).body.status).toBe('COMPLETED');
    const plan = await p.student.get('/api/me/plan');
    expect(plan.status).toBe(200);
    expect(plan.body).toMatchObject({ signingId: second.body.id, creditCode: p.world.otherEmployer.creditCode });

    // The school's limit (1 by default) is reached: a second 解约 is refused, with the count.
    const again = await p.student.post(`/api/signings/${second.body.id}/rescission`, { reason: REASON });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('至多解约 1 次'), details: { limit: 1, used: 1 } });
  });

  it('takes the 解约函 as multipart, sniffs its kind, and gives it to the signing’s parties only', async () => {
    const { p, id } = await completed();
    const asked = await p.student.postForm(`/api/signings/${id}/rescission`, form({ reason: REASON }, { bytes: PDF, name: 'letter.png', type: 'image/png' }));
    expect(asked.status).toBe(201);
    expect(asked.body.rescission.letter).toEqual({ contentType: 'application/pdf', size: PDF.length });
    for (const party of [p.student, p.employer, p.school]) {
      const got = await party.download(`/api/signings/${id}/rescission/letter`);
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toBe('application/pdf');
      expect(got.headers.get('content-disposition')).toMatch(/^attachment;/);
      expect(got.bytes.equals(PDF)).toBe(true);
    }
    expect((await p.otherEmployer.download(`/api/signings/${id}/rescission/letter`)).status).toBe(404);
  });

  it('an Idempotency-Key covers the form: the same form repeated gets the first answer, another reason or letter is refused', async () => {
    const { p, id } = await completed();
    const key = { 'Idempotency-Key': `rescind-${id}` };
    const first = await p.student.postForm(`/api/signings/${id}/rescission`, form({ reason: REASON }, { bytes: PDF, name: 'a.pdf', type: 'application/pdf' }), key);
    expect(first.status).toBe(201);
    const again = await p.student.postForm(`/api/signings/${id}/rescission`, form({ reason: REASON }, { bytes: PDF, name: 'a.pdf', type: 'application/pdf' }), key);
    expect(again.status).toBe(201);
    expect(again.body.rescission.id).toBe(first.body.rescission.id);
    const otherReason = await p.student.postForm(`/api/signings/${id}/rescission`, form({ reason: '另一个原因' }, { bytes: PDF, name: 'a.pdf', type: 'application/pdf' }), key);
    expect(otherReason.status).toBe(409);
    expect(otherReason.body.error.details).toMatchObject({ reason: 'IDEMPOTENCY_KEY_REUSED' });
    const otherLetter = await p.student.postForm(`/api/signings/${id}/rescission`, form({ reason: REASON }, { bytes: PNG, name: 'a.pdf', type: 'application/pdf' }), key);
    expect(otherLetter.status).toBe(409);
    expect(otherLetter.body.error.details).toMatchObject({ reason: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('refuses a letter that is not a PDF, PNG or JPEG, or too large, and keeps nothing', async () => {
    const { p, id } = await completed();
    const events = await trail(id);
    const text = await p.student.postForm(`/api/signings/${id}/rescission`, form({ reason: REASON }, { bytes: Buffer.from('not a pdf'), name: 'a.pdf', type: 'application/pdf' }));
    expect(text.status).toBe(400);
    expect(text.body.error.details).toEqual([expect.objectContaining({ path: 'letter' })]);
    const big = await p.student.postForm(`/api/signings/${id}/rescission`, form({ reason: REASON }, { bytes: Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]), name: 'a.png', type: 'image/png' }));
    expect(big.status).toBe(413);
    const noReason = await p.student.postForm(`/api/signings/${id}/rescission`, form({}, { bytes: PNG, name: 'a.png', type: 'image/png' }));
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details).toEqual([expect.objectContaining({ path: 'reason' })]);
    const extra = await p.student.postForm(`/api/signings/${id}/rescission`, form({ reason: REASON, other: 'x' }));
    expect(extra.status).toBe(400);
    expect(await trail(id)).toEqual(events);
    expect((await p.student.get(`/api/signings/${id}`)).body.rescission).toBeNull();
  });

  // Found by tests/fuzz (multipart): a file whose name has no last segment ("/", "..", "dir/") was
  // dropped by multer as "no file", and the request went through without its letter (and unsniffed).
  it('keeps a letter whatever its file name, and sniffs it: a name without a last segment is no way round', async () => {
    const { p, id } = await completed();
    const html = await p.student.postForm(`/api/signings/${id}/rescission`, form({ reason: REASON }, { bytes: Buffer.from('<html></html>'), name: '/', type: 'application/pdf' }));
    expect(html.status).toBe(400);
    expect(html.body.error.details).toEqual([expect.objectContaining({ path: 'letter' })]);
    const empty = await p.student.postForm(`/api/signings/${id}/rescission`, form({ reason: REASON }, { bytes: Buffer.alloc(0), name: '..', type: 'image/png' }));
    expect(empty.status).toBe(400);
    expect((await p.student.get(`/api/signings/${id}`)).body.rescission).toBeNull();
    const kept = await p.student.postForm(`/api/signings/${id}/rescission`, form({ reason: REASON }, { bytes: PDF, name: 'scans/', type: 'application/pdf' }));
    expect(kept.status).toBe(201);
    expect(kept.body.rescission.letter).toEqual({ contentType: 'application/pdf', size: PDF.length });
  });

  // Found by tests/fuzz (multipart): busboy decodes a text field leniently, so bytes that are not
  // UTF-8 were stored as U+FFFD — the JSON body refuses them (api/http/json-body.ts); so does the form.
  it('refuses a reason whose bytes are not UTF-8, as the JSON body does, and keeps nothing', async () => {
    const { p, id } = await completed();
    const boundary = 'wq-test-boundary';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="reason"\r\n\r\n原因`),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(`说明\r\n--${boundary}--\r\n`),
    ]);
    const res = await fetch(`${h.baseUrl}/api/signings/${id}/rescission`, {
      method: 'POST',
      headers: { ...p.student.credentialHeaders(), 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: unknown }).error).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path: 'reason' })] });
    expect((await p.student.get(`/api/signings/${id}`)).body.rescission).toBeNull();
  });

  it('reads a file input left empty (no file name, no bytes, as browsers send it) as no letter', async () => {
    const { p, id } = await completed();
    const asked = await p.employer.postForm(`/api/signings/${id}/rescission`, form({ reason: REASON }, { bytes: Buffer.alloc(0), name: '', type: 'application/octet-stream' }));
    expect(asked.status).toBe(201);
    expect(asked.body.rescission.letter).toBeNull();
  });
});

describe('解约: rejections and withdrawal', () => {
  it('the counterparty rejects with a reason; a new request may follow', async () => {
    const { p, id } = await completed();
    expect((await p.student.post(`/api/signings/${id}/rescission`, { reason: REASON })).status).toBe(201);
    const noReason = await p.employer.post(`/api/signings/${id}/rescission/reject`, {});
    expect(noReason.status).toBe(400);
    const rejected = await p.employer.post(`/api/signings/${id}/rescission/reject`, { reason: '岗位已为其保留，不同意解约' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'COMPLETED', canRequestRescission: true, rescission: { status: 'REJECTED', statusLabel: '已拒绝', decisionReason: '岗位已为其保留，不同意解约' } });
    expect((await p.employer.post(`/api/signings/${id}/rescission`, { reason: '协商一致解约' })).status).toBe(201);
  });

  it('the school rejects with a reason', async () => {
    const { p, id } = await completed();
    await p.employer.post(`/api/signings/${id}/rescission`, { reason: '岗位调整' });
    await p.student.post(`/api/signings/${id}/rescission/agree`);
    const rejected = await p.school.post(`/api/signings/${id}/rescission/reject`, { reason: '解约材料不全，请补充后重新申请' });
    expect(rejected.body).toMatchObject({ status: 'COMPLETED', rescission: { status: 'REJECTED', decisionReason: '解约材料不全，请补充后重新申请' } });
    expect((await p.student.get('/api/me/plan')).status).toBe(200);
  });

  it('only the requester withdraws, in either pending stage', async () => {
    const { p, id } = await completed();
    await p.student.post(`/api/signings/${id}/rescission`, { reason: REASON });
    const byOther = await p.employer.post(`/api/signings/${id}/rescission/withdraw`);
    expect(byOther.status).toBe(409);
    expect(byOther.body.error.message).toBe('只有提出解约的一方可以撤回申请');
    await p.employer.post(`/api/signings/${id}/rescission/agree`);
    const withdrawn = await p.student.post(`/api/signings/${id}/rescission/withdraw`);
    expect(withdrawn.body).toMatchObject({ status: 'COMPLETED', rescission: { status: 'WITHDRAWN', statusLabel: '已撤回' } });
  });
});

describe('解约: refusals change nothing', () => {
  it('409 out of turn or out of state, 404 for foreign parties, 403 for the wrong role', async () => {
    const { p, id } = await completed();
    const pending = await signingIn(p, 'PENDING_EMPLOYER').catch(() => null);
    expect(pending).toBeNull(); // one active signing per student: the completed one blocks
    const events = await trail(id);
    // No request yet: nothing to answer.
    for (const action of ['agree', 'withdraw'] as const) {
      expect((await p.student.post(`/api/signings/${id}/rescission/${action}`)).status).toBe(409);
    }
    expect((await p.school.post(`/api/signings/${id}/rescission/approve`)).status).toBe(409);
    // Foreign parties: not found. Wrong role: forbidden.
    expect((await p.otherEmployer.post(`/api/signings/${id}/rescission`, { reason: REASON })).status).toBe(404);
    expect((await p.otherStudent.post(`/api/signings/${id}/rescission`, { reason: REASON })).status).toBe(404);
    expect((await p.school.post(`/api/signings/${id}/rescission`, { reason: REASON })).status).toBe(403);
    expect(await trail(id)).toEqual(events);

    await p.student.post(`/api/signings/${id}/rescission`, { reason: REASON });
    const after = await trail(id);
    const refusals: Array<[ReturnType<typeof p.student.post>, number]> = [
      [p.student.post(`/api/signings/${id}/rescission`, { reason: REASON }), 409],
      [p.employer.post(`/api/signings/${id}/rescission`, { reason: REASON }), 409],
      [p.student.post(`/api/signings/${id}/rescission/agree`), 409],
      [p.school.post(`/api/signings/${id}/rescission/approve`), 409],
      [p.school.post(`/api/signings/${id}/rescission/reject`, { reason: '不同意' }), 409],
      [p.otherSchool.post(`/api/signings/${id}/rescission/approve`), 404],
      [p.otherEmployer.post(`/api/signings/${id}/rescission/agree`), 404],
      [p.student.post(`/api/signings/${id}/rescission/approve`), 403],
      [p.school.post(`/api/signings/${id}/rescission/withdraw`), 403],
      [p.school.post(`/api/signings/${id}/rescission/agree`), 403],
    ];
    for (const [request, status] of refusals) expect((await request).status).toBe(status);
    expect(await trail(id)).toEqual(after);
    expect((await p.student.get(`/api/signings/${id}`)).body.rescission).toMatchObject({ status: 'PENDING_COUNTERPARTY' });

    // After the end, every answer is 409.
    await p.student.post(`/api/signings/${id}/rescission/withdraw`);
    for (const [client, action] of [[p.employer, 'agree'], [p.student, 'withdraw'], [p.school, 'approve']] as const) {
      const res = await client.post(`/api/signings/${id}/rescission/${action}`);
      expect(res.status).toBe(409);
      expect(res.body.error.message).toContain('已撤回');
    }
  });

  it('only a completed signing can be rescinded', async () => {
    const p = await newParties(h);
    const { id } = await signingIn(p, 'PENDING_SCHOOL');
    const res = await p.student.post(`/api/signings/${id}/rescission`, { reason: REASON });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('当前状态为「待学校确认」，只有已完成的网签可以申请解约');
  });

  it('a school that allows no 解约 refuses the request with a clear message', async () => {
    const { p, id } = await completed();
    await h.database.db.update(schools).set({ rescissionLimit: 0 }).where(eq(schools.code, p.world.schoolCode));
    const res = await p.employer.post(`/api/signings/${id}/rescission`, { reason: '岗位调整' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('学校未开放解约申请');
  });
});

describe('解约: a decision names the request it decides', () => {
  it('an approval of a request replaced since (withdrawn, asked again, agreed) is refused, and the new one is untouched', async () => {
    const { p, id } = await completed();
    const first = await p.student.post(`/api/signings/${id}/rescission`, { reason: REASON });
    await p.employer.post(`/api/signings/${id}/rescission/agree`);
    const seen: string = first.body.rescission.id;
    await p.student.post(`/api/signings/${id}/rescission/withdraw`, { rescissionId: seen });
    const second = await p.student.postForm(`/api/signings/${id}/rescission`, form({ reason: '已与另一家单位签约意向' }, { bytes: PNG, name: 'b.png', type: 'image/png' }));
    await p.employer.post(`/api/signings/${id}/rescission/agree`, { rescissionId: second.body.rescission.id });
    const stale = await p.school.post(`/api/signings/${id}/rescission/approve`, { rescissionId: seen });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toContain('请刷新后查看再办理');
    const staleBatch = await p.school.post('/api/school/rescissions/approve', { ids: [seen] });
    expect(staleBatch.body.results[0]).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await p.school.get(`/api/signings/${id}`)).body).toMatchObject({ status: 'COMPLETED', rescission: { id: second.body.rescission.id, status: 'PENDING_SCHOOL' } });
    // Each request's own letter: the first had none, the second a PNG.
    expect((await p.school.download(`/api/signings/${id}/rescission/letter?rescissionId=${seen}`)).status).toBe(404);
    const letter = await p.school.download(`/api/signings/${id}/rescission/letter?rescissionId=${second.body.rescission.id}`);
    expect(letter.headers.get('content-type')).toBe('image/png');
    // A request of another signing is not this signing's.
    const other = await completed();
    const otherAsk = await other.p.student.postForm(`/api/signings/${other.id}/rescission`, form({ reason: REASON }, { bytes: PDF, name: 'a.pdf', type: 'application/pdf' }));
    expect((await p.school.download(`/api/signings/${id}/rescission/letter?rescissionId=${otherAsk.body.rescission.id}`)).status).toBe(404);
  });
});

describe('解约: races decided by the workflows and the database', () => {
  it('two requests at once (student and employer): exactly one is reserved', async () => {
    const { p, id } = await completed();
    const outcomes = await Promise.all([
      p.student.post(`/api/signings/${id}/rescission`, { reason: REASON }),
      p.employer.post(`/api/signings/${id}/rescission`, { reason: '岗位调整' }),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual([201, 409]);
    expect((await trail(id)).filter((e) => e.includes('rescission_request'))).toHaveLength(1);
  });

  it('an approval racing a withdrawal: exactly one wins, and the database agrees', async () => {
    const { p, id } = await completed();
    await p.student.post(`/api/signings/${id}/rescission`, { reason: REASON });
    await p.employer.post(`/api/signings/${id}/rescission/agree`);
    const [approve, withdraw] = await Promise.all([p.school.post(`/api/signings/${id}/rescission/approve`), p.student.post(`/api/signings/${id}/rescission/withdraw`)]);
    expect([approve.status, withdraw.status].sort()).toEqual([200, 409]);
    const final = (await p.school.get(`/api/signings/${id}`)).body;
    if (approve.status === 200) expect(final).toMatchObject({ status: 'RESCINDED', rescission: { status: 'APPROVED' } });
    else expect(final).toMatchObject({ status: 'COMPLETED', rescission: { status: 'WITHDRAWN' } });
    expect((await p.student.get('/api/me/plan')).status).toBe(approve.status === 200 ? 404 : 200);
  });
});

describe('解约审批: the school desk', () => {
  it('lists its requests (default 待学校审批), filters, exports CSV, and approves in a batch with per-id results', async () => {
    const p = await newParties(h);
    const first = await signingIn(p, 'COMPLETED');
    // The school's second student, with the other employer, completed too.
    const second = await p.otherStudent.post('/api/signings', sampleApplication(p.world.otherEmployer.creditCode));
    const signed = await p.otherEmployer.post(`/api/signings/${second.body.id}/employer-sign`, sampleEmployerSign());
    await p.otherStudent.post(`/api/signings/${second.body.id}/student-confirm`, { agreementHash: signed.body.agreement.hash, previewed: true });
    await p.school.post(`/api/signings/${second.body.id}/school-confirm`);

    await p.employer.post(`/api/signings/${first.id}/rescission`, { reason: '岗位调整' });
    await p.student.post(`/api/signings/${first.id}/rescission/agree`);
    await p.otherStudent.post(`/api/signings/${second.body.id}/rescission`, { reason: REASON });

    const pending = await p.school.get('/api/school/rescissions');
    expect(pending.status).toBe(200);
    expect(pending.body.items.map((r: { signingId: string }) => r.signingId)).toEqual([first.id]);
    expect(pending.body.items[0]).toMatchObject({
      statusLabel: '待学校审批',
      requestedBy: { role: 'employer', roleLabel: '用人单位' },
      reason: '岗位调整',
      hasLetter: false,
      approvedCount: 0,
      limit: 1,
      student: { name: '于同学' },
    });
    const all = await p.school.get('/api/school/rescissions?status=all');
    expect(all.body.items).toHaveLength(2);
    const byName = await p.school.get(`/api/school/rescissions?status=all&q=${encodeURIComponent('李同学')}`);
    expect(byName.body.items.map((r: { signingId: string }) => r.signingId)).toEqual([second.body.id]);
    const paged = await p.school.get('/api/school/rescissions?status=all&limit=1');
    expect(paged.body.items).toHaveLength(1);
    const next = await p.school.get(`/api/school/rescissions?status=all&limit=1&cursor=${paged.body.nextCursor}`);
    expect(next.body.items[0].id).not.toBe(paged.body.items[0].id);
    expect((await p.school.get('/api/school/rescissions?status=NOPE')).status).toBe(400);
    expect((await p.otherSchool.get('/api/school/rescissions?status=all')).body.items).toEqual([]);
    expect((await p.student.get('/api/school/rescissions')).status).toBe(403);

    const csv = await p.school.download('/api/school/rescissions?status=all&format=csv');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = csv.bytes.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('协议书编号,学生姓名,考生号');
    expect(text.trim().split('\r\n')).toHaveLength(3);

    // The batch names the requests (the rows' ids), not their signings.
    const requestOf = (signingId: string) => all.body.items.find((r: { signingId: string }) => r.signingId === signingId).id;
    const foreign = await completed();
    const foreignAsk = await foreign.p.student.post(`/api/signings/${foreign.id}/rescission`, { reason: REASON });
    const batch = await p.school.post('/api/school/rescissions/approve', { ids: [requestOf(first.id), requestOf(second.body.id), foreignAsk.body.rescission.id] });
    expect(batch.status).toBe(200);
    expect(batch.body).toMatchObject({ succeeded: 1, failed: 2 });
    expect(batch.body.results[0]).toMatchObject({ id: requestOf(first.id), ok: true, status: 'RESCINDED', statusLabel: '已解约' });
    expect(batch.body.results[1]).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(batch.body.results[2]).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await p.school.get('/api/school/rescissions?status=APPROVED')).body.items[0]).toMatchObject({ signingId: first.id, approvedCount: 1 });
  });
});

describe('解约: operators', () => {
  it('filter open requests in Temporal by RescissionStatus, SchoolCode and AwaitingParty', async () => {
    const { p, id } = await completed();
    const asked = await p.employer.post(`/api/signings/${id}/rescission`, { reason: '岗位调整' });
    await p.student.post(`/api/signings/${id}/rescission/agree`);
    const workflowId = `rescission-${asked.body.rescission.id}`;
    const query = `WorkflowType = 'rescissionWorkflow' AND RescissionStatus = 'PENDING_SCHOOL' AND SchoolCode = '${p.world.schoolCode}' AND AwaitingParty = 'school'`;
    const listed = async () => {
      const ids: string[] = [];
      for await (const wf of h.client.workflow.list({ query })) ids.push(wf.workflowId);
      return ids;
    };
    await expect.poll(listed, { timeout: 30_000 }).toEqual([workflowId]);
    const described = await h.client.workflow.getHandle(workflowId).describe();
    const summary = await described.staticSummary();
    expect(summary).toMatch(new RegExp(`^解约申请 \\d{4}-${p.world.schoolCode}-\\d{6} · 学校 ${p.world.schoolCode} · 单位 ${p.world.employer.creditCode}$`));
    expect(`${summary} ${await described.staticDetails()}`).not.toMatch(/于同学|岗位调整/);
  });
});

describe('解约: webhooks', () => {
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
  });

  it('delivers each step to the employer’s endpoint, signed, with the request in data.rescission and no personal data', async () => {
    const { p, id } = await completed();
    const registered = await p.employer.post('/api/webhooks', { url: receiver.url, description: '人事系统' });
    expect(registered.status).toBe(201);
    receiver.secret = registered.body.secret;
    const asked = await p.student.post(`/api/signings/${id}/rescission`, { reason: REASON });
    const rescissionId: string = asked.body.rescission.id;
    await p.employer.post(`/api/signings/${id}/rescission/agree`);
    await p.school.post(`/api/signings/${id}/rescission/approve`);

    const ids = [1, 2, 3].map((seq) => `rescission-${rescissionId}.${seq}`);
    await expect.poll(() => ids.filter((e) => receiver.processed.has(e)).length, { timeout: 30_000 }).toBe(3);
    const events = ids.map((e) => receiver.processed.get(e));
    expect(events.map((e) => e.type)).toEqual(['signing.rescission_requested', 'signing.rescission_agreed', 'signing.rescinded']);
    expect(events[0].data).toMatchObject({ signingId: id, status: 'COMPLETED', awaiting: 'employer', reason: REASON, rescission: { id: rescissionId, status: 'PENDING_COUNTERPARTY', statusLabel: '待对方同意' } });
    expect(events[2].data).toMatchObject({ status: 'RESCINDED', statusLabel: '已解约', awaiting: null, rescission: { status: 'APPROVED' } });
    for (const request of receiver.requests.filter((r) => ids.includes(r.eventId ?? ''))) {
      expect(verifyWebhookSignature(receiver.secret, request.signature, request.rawBody)).toBe(true);
      expect(request.rawBody).not.toContain('于同学');
    }
  });
});
