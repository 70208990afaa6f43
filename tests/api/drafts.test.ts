/**
 * Drafts, templates and versions over HTTP on the real stack (Temporal dev server + PostgreSQL):
 * the employer builds the agreement section by section and sends the draft; a template serves two
 * graduates; a returned agreement is changed in one field and the student sees exactly that change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Parties, newParties, signingIn } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';
import type { ApiClient } from '../support/http';
import {
  sampleAgreement,
  sampleApplication,
  sampleArchive,
  sampleContact,
  sampleEmployerSign,
  sampleLegacyAgreement,
  sampleTaskAgreement,
} from '../support/sample-data';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const put = (client: ApiClient, path: string, body?: unknown) => client.request('PUT', path, body);
const del = (client: ApiClient, path: string) => client.request('DELETE', path);
const draftPath = (id: string) => `/api/signings/${id}/agreement/draft`;

function progressOf(body: any) {
  return {
    next: body.completeness.next,
    complete: body.completeness.complete,
    done: body.completeness.sections.filter((s: any) => s.complete).map((s: any) => s.key),
  };
}

/** The terms the template test fills once. */
function templateTerms() {
  return { unitNature: '39', contact: sampleContact(), agreement: sampleAgreement({ monthlySalaryPreTax: 8000, monthlySalaryAfterTax: 7000 }) };
}

describe('agreement drafts', () => {
  it('are built section by section and sent with useDraft', async () => {
    const p = await newParties(h);
    const { id } = await signingIn(p, 'PENDING_EMPLOYER');
    const full = sampleAgreement({ monthlySalaryPreTax: 7000, monthlySalaryAfterTax: 6500 });
    expect((await p.employer.get(draftPath(id))).status).toBe(404);

    // 单位性质 and 联系方式 first, then the eight sections, one 保存并进入下一条 at a time.
    const s1 = await put(p.employer, draftPath(id), { unitNature: '39', contact: sampleContact() });
    expect(s1.status).toBe(200);
    expect(s1.body).toMatchObject({ signingId: id, unitNature: '39', labels: { unitNature: '其他企业' }, agreement: {}, archive: null });
    expect(s1.body.completeness).toMatchObject({ complete: false, completedSections: 5, totalSections: 11, next: 'agreement.subject' });
    expect(s1.body.completeness.sections[2]).toMatchObject({ key: 'agreement.subject', no: 1, label: '协议标的', filled: false, complete: false });

    // A half-filled section is saved as it stands (blank inputs are "not filled in").
    const s2 = await put(p.employer, draftPath(id), { agreement: { subject: { position: '软件工程师', jobCategoryCode: '', workLocation: '' } } });
    expect(s2.status).toBe(200);
    expect(s2.body.agreement.subject).toEqual({ position: '软件工程师' });
    const subject = s2.body.completeness.sections.find((s: any) => s.key === 'agreement.subject');
    expect(subject).toMatchObject({ filled: true, complete: false });
    expect(subject.issues.map((i: any) => i.path)).toEqual(['agreement.subject.jobCategoryCode', 'agreement.subject.workLocation']);

    // An invalid field is refused by name and leaves the draft as it was.
    const bad = await put(p.employer, draftPath(id), { agreement: { employmentTerms: { ...full.employmentTerms, probationMonths: 3 } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([{ path: 'agreement.employmentTerms.probationMonths', message: expect.stringContaining('试用期最多 2 个月') }]);

    const steps = [
      { agreement: { subject: full.subject } },
      { agreement: { employmentTerms: full.employmentTerms } },
      { agreement: { rescission: full.rescission } },
      { agreement: { breachLiability: full.breachLiability } },
      { agreement: { supplementaryClauses: full.supplementaryClauses } },
      { agreement: { effectiveness: full.effectiveness } },
      { agreement: { termination: full.termination } },
      { agreement: { text: full.text }, archive: sampleArchive() },
    ];
    const nexts: (string | null)[] = [];
    for (const step of steps) {
      const res = await put(p.employer, draftPath(id), step);
      expect(res.status).toBe(200);
      nexts.push(progressOf(res.body).next);
    }
    expect(nexts).toEqual([
      'agreement.employmentTerms',
      'agreement.rescission',
      'agreement.breachLiability',
      'agreement.effectiveness',
      'agreement.effectiveness',
      'agreement.termination',
      null,
      null,
    ]);

    const draft = await p.employer.get(draftPath(id));
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ unitNature: '39', contact: sampleContact(), agreement: full, archive: sampleArchive() });
    expect(draft.body.completeness).toMatchObject({ complete: true, completedSections: 11, next: null });

    // 预览 then send what was previewed.
    const sent = await p.employer.post(`/api/signings/${id}/employer-sign`, { useDraft: true, previewed: true, draftUpdatedAt: draft.body.updatedAt });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ status: 'PENDING_STUDENT', statusLabel: '待学生确认', agreement: { version: 1 } });
    const agreement = await p.student.get(`/api/signings/${id}/agreement`);
    expect(agreement.body).toMatchObject({
      version: 1,
      hash: sent.body.agreement.hash,
      unitNature: '39',
      contact: sampleContact(),
      agreement: full,
      archive: sampleArchive(),
    });

    // The draft stays (it is what was sent), but cannot be edited until the agreement comes back.
    const after = await p.employer.get(draftPath(id));
    expect(after.status).toBe(200);
    expect(after.body.agreement).toEqual(full);
    // 档案接收 now lives on the signing; the draft shows it from there.
    expect(after.body).toMatchObject({ archive: sampleArchive(), archiveSource: 'signing' });
    const locked = await put(p.employer, draftPath(id), { agreement: { rescission: '改' } });
    expect(locked.status).toBe(409);
    expect(locked.body.error).toMatchObject({ code: 'CONFLICT', details: { status: 'PENDING_STUDENT', statusLabel: '待学生确认' } });
  });

  it('keep the contract term kind (劳动合同法第十二条): a draft without one sends 固定期限, a task-based one its kind and no months', async () => {
    const p = await newParties(h);
    // A draft saved before kinds existed (no contractTermKind) is complete, and is sent as 固定期限.
    const legacy = (await signingIn(p, 'PENDING_EMPLOYER')).id;
    expect((await put(p.employer, draftPath(legacy), { unitNature: '39', contact: sampleContact(), agreement: sampleLegacyAgreement() })).status).toBe(200);
    expect((await p.employer.post(`/api/signings/${legacy}/employer-sign`, { useDraft: true, previewed: true })).status).toBe(200);
    const fixed = (await p.student.get(`/api/signings/${legacy}/agreement`)).body.agreement.employmentTerms;
    expect(fixed).toMatchObject({ contractTermKind: 'fixed', contractTermMonths: 12 });

    // A student has one signing under way at a time: the second draft is another student's.
    const q = await newParties(h);
    const { id } = await signingIn(q, 'PENDING_EMPLOYER');
    expect((await put(q.employer, draftPath(id), { unitNature: '39', contact: sampleContact(), agreement: sampleLegacyAgreement() })).status).toBe(200);
    // Switching to 以完成一定工作任务为期限 with the months still in is refused by name; without them it saves.
    const task = sampleTaskAgreement().employmentTerms;
    const withMonths = await put(q.employer, draftPath(id), { agreement: { employmentTerms: { ...task, contractTermMonths: 12 } } });
    expect(withMonths.status).toBe(400);
    expect(withMonths.body.error.details.map((d: any) => d.path)).toEqual(['agreement.employmentTerms.contractTermMonths']);
    const saved = await put(q.employer, draftPath(id), { agreement: { employmentTerms: task } });
    expect(saved.status).toBe(200);
    expect(saved.body.completeness.complete).toBe(true);
    expect((await q.employer.post(`/api/signings/${id}/employer-sign`, { useDraft: true, previewed: true })).status).toBe(200);
    expect((await q.student.get(`/api/signings/${id}/agreement`)).body.agreement.employmentTerms).toEqual(task);
  });

  it('refuses to send an incomplete draft, naming the missing fields, and changes nothing', async () => {
    const p = await newParties(h);
    const { id } = await signingIn(p, 'PENDING_EMPLOYER');

    const none = await p.employer.post(`/api/signings/${id}/employer-sign`, { useDraft: true, previewed: true });
    expect(none.status).toBe(409);
    expect(none.body.error).toMatchObject({ code: 'CONFLICT', details: { reason: 'DRAFT_INCOMPLETE', status: 'PENDING_EMPLOYER' } });
    expect(none.body.error.message).toContain('尚未保存协议草稿');

    const partial = sampleAgreement();
    const { employmentTerms, ...withoutTerms } = partial;
    await put(p.employer, draftPath(id), {
      unitNature: '39',
      contact: { ...sampleContact(), email: undefined },
      agreement: { ...withoutTerms, employmentTerms: { contractTermMonths: employmentTerms.contractTermMonths } },
    });
    const before = await p.employer.get(draftPath(id));

    const res = await p.employer.post(`/api/signings/${id}/employer-sign`, { useDraft: true, previewed: true });
    // The request is well formed; the saved draft is what is not ready: 409, the fields in details.issues.
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('协议草稿尚未填写完整'), details: { reason: 'DRAFT_INCOMPLETE' } });
    expect(res.body.error.details.issues.map((d: any) => d.path)).toEqual([
      'contact.email',
      'agreement.employmentTerms.servicePeriodMonths',
      'agreement.employmentTerms.probationMonths',
      'agreement.employmentTerms.benefits',
      'agreement.employmentTerms.monthlySalaryPreTax',
      'agreement.employmentTerms.monthlySalaryAfterTax',
    ]);

    // The body is either the draft send or the full agreement, never a mix; the tick is required.
    const mixed = await p.employer.post(`/api/signings/${id}/employer-sign`, { useDraft: true, previewed: true, unitNature: '31' });
    expect(mixed.status).toBe(400);
    expect(mixed.body.error.details).toEqual([{ path: 'unitNature', message: '不支持的字段' }]);
    const unticked = await p.employer.post(`/api/signings/${id}/employer-sign`, { useDraft: true });
    expect(unticked.body.error.details).toEqual([{ path: 'previewed', message: '须先预览就业协议内容' }]);

    // Nothing changed: no version, no event, the same draft.
    const signing = await p.employer.get(`/api/signings/${id}`);
    expect(signing.body).toMatchObject({ status: 'PENDING_EMPLOYER', agreement: null });
    const events = await p.employer.get(`/api/signings/${id}/events`);
    expect(events.body.items.map((e: any) => e.action)).toEqual(['submit']);
    expect((await p.employer.get(draftPath(id))).body).toEqual(before.body);

    // A draft changed after it was previewed is not sent.
    await put(p.employer, draftPath(id), { agreement: { employmentTerms } , contact: sampleContact() });
    const stale = await p.employer.post(`/api/signings/${id}/employer-sign`, { useDraft: true, previewed: true, draftUpdatedAt: before.body.updatedAt });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details).toMatchObject({ reason: 'DRAFT_CHANGED', status: 'PENDING_EMPLOYER' });
    expect((await p.employer.get(`/api/signings/${id}`)).body.status).toBe('PENDING_EMPLOYER');
  });

  it('are the employer\'s own: other employers get 404, students and schools 403, other statuses 409', async () => {
    const p = await newParties(h);
    const { id } = await signingIn(p, 'PENDING_EMPLOYER');
    await put(p.employer, draftPath(id), { unitNature: '39' });

    for (const res of [
      await p.otherEmployer.get(draftPath(id)),
      await put(p.otherEmployer, draftPath(id), { unitNature: '31' }),
      await p.otherEmployer.post(`${draftPath(id)}/from-template`, { templateId: '00000000-0000-4000-8000-000000000000' }),
      await p.otherEmployer.post(`/api/signings/${id}/employer-sign`, { useDraft: true, previewed: true }),
      await p.employer.get(draftPath('not-a-uuid')),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    for (const client of [p.student, p.school]) {
      expect((await client.get(draftPath(id))).status).toBe(403);
      expect((await put(client, draftPath(id), { unitNature: '31' })).status).toBe(403);
      expect((await client.post(`${draftPath(id)}/from-template`, { templateId: '00000000-0000-4000-8000-000000000000' })).status).toBe(403);
      expect((await client.post(`/api/signings/${id}/employer-sign`, { useDraft: true, previewed: true })).status).toBe(403);
    }
    expect((await p.employer.get(draftPath(id))).body.unitNature).toBe('39');

    const cancelled = await signingIn({ ...p, student: p.otherStudent } as Parties, 'CANCELLED');
    const refused = await put(p.employer, draftPath(cancelled.id), { unitNature: '31' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toMatchObject({ status: 'CANCELLED', statusLabel: '已取消' });
    const send = await p.employer.post(`/api/signings/${cancelled.id}/employer-sign`, { useDraft: true, previewed: true });
    expect(send.status).toBe(409);
    expect(send.body.error.details).toMatchObject({ status: 'CANCELLED' });
  });
});

describe('agreement templates', () => {
  it('fill the terms once for two graduates', async () => {
    const p = await newParties(h);
    const created = await p.employer.post('/api/employer/templates', { name: '2026 校招软件岗', ...templateTerms() });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/employer/templates/${created.body.id}`);
    expect(created.body).toMatchObject({ name: '2026 校招软件岗', unitNature: '39', archive: null, completeness: { complete: true } });
    const templateId: string = created.body.id;

    const first = await signingIn(p, 'PENDING_EMPLOYER');
    const second = (await p.otherStudent.post('/api/signings', sampleApplication(p.world.employer.creditCode))).body.id as string;

    const hashes: string[] = [];
    for (const [signingId, student] of [
      [first.id, p.student],
      [second, p.otherStudent],
    ] as const) {
      const draft = await p.employer.post(`${draftPath(signingId)}/from-template`, { templateId });
      expect(draft.status).toBe(200);
      expect(draft.body).toMatchObject({ ...templateTerms(), completeness: { complete: true } });
      const sent = await p.employer.post(`/api/signings/${signingId}/employer-sign`, { useDraft: true, previewed: true });
      expect(sent.status).toBe(200);
      expect(sent.body.status).toBe('PENDING_STUDENT');
      const agreement = await student.get(`/api/signings/${signingId}/agreement`);
      expect(agreement.body.agreement.employmentTerms).toMatchObject({ monthlySalaryPreTax: 8000, monthlySalaryAfterTax: 7000 });
      hashes.push(sent.body.agreement.hash);
    }
    // Same terms, two agreements: each hash binds its own signing.
    expect(new Set(hashes).size).toBe(2);
  });

  it('a template applied to a draft replaces only the sections it has', async () => {
    const p = await newParties(h);
    const { id } = await signingIn(p, 'PENDING_EMPLOYER');
    await put(p.employer, draftPath(id), { archive: sampleArchive(), agreement: { rescission: '本单位条款' } });
    const template = await p.employer.post('/api/employer/templates', { name: '只有薪资', agreement: { employmentTerms: sampleAgreement().employmentTerms } });
    expect(template.body.completeness).toMatchObject({ complete: false });
    const draft = await p.employer.post(`${draftPath(id)}/from-template`, { templateId: template.body.id });
    expect(draft.body).toMatchObject({
      archive: sampleArchive(),
      agreement: { rescission: '本单位条款', employmentTerms: sampleAgreement().employmentTerms },
    });
  });

  it('are listed, read, changed, renamed and deleted by their employer only', async () => {
    const p = await newParties(h);
    const a = await p.employer.post('/api/employer/templates', { name: '乙模板', unitNature: '31' });
    const b = await p.employer.post('/api/employer/templates', { name: '甲模板', agreement: { employmentTerms: { monthlySalaryPreTax: 5000 } } });
    expect([a.status, b.status]).toEqual([201, 201]);

    const dup = await p.employer.post('/api/employer/templates', { name: '甲模板' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details).toMatchObject({ reason: 'TEMPLATE_NAME_TAKEN' });
    // Another employer may use the same name.
    expect((await p.otherEmployer.post('/api/employer/templates', { name: '甲模板' })).status).toBe(201);

    const invalid = await p.employer.post('/api/employer/templates', {
      name: '',
      agreement: { employmentTerms: { monthlySalaryPreTax: 5000, monthlySalaryAfterTax: 6000 } },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.map((d: any) => d.path)).toEqual(['name', 'agreement.employmentTerms.monthlySalaryAfterTax']);

    const list = await p.employer.get('/api/employer/templates');
    expect(list.status).toBe(200);
    expect(list.body.items.map((t: any) => t.name)).toEqual(['乙模板', '甲模板'].sort());
    expect(list.body.items[0]).toEqual({
      id: expect.any(String),
      name: expect.any(String),
      complete: false,
      completedSections: expect.any(Number),
      totalSections: 11,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });

    const changed = await put(p.employer, `/api/employer/templates/${b.body.id}`, {
      name: '丙模板',
      contact: sampleContact(),
      agreement: { employmentTerms: { monthlySalaryPreTax: 6000 } },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: '丙模板', contact: sampleContact(), agreement: { employmentTerms: { monthlySalaryPreTax: 6000 } } });
    const rename = await put(p.employer, `/api/employer/templates/${b.body.id}`, { name: '乙模板' });
    expect(rename.status).toBe(409);
    expect((await p.employer.get(`/api/employer/templates/${b.body.id}`)).body.name).toBe('丙模板');

    // Someone else's template is not found; other roles are refused.
    for (const res of [
      await p.otherEmployer.get(`/api/employer/templates/${b.body.id}`),
      await put(p.otherEmployer, `/api/employer/templates/${b.body.id}`, { name: '夺' }),
      await del(p.otherEmployer, `/api/employer/templates/${b.body.id}`),
      await p.employer.get('/api/employer/templates/not-a-uuid'),
    ]) {
      expect(res.status).toBe(404);
    }
    const { id } = await signingIn(p, 'PENDING_EMPLOYER');
    const foreign = (await p.otherEmployer.get('/api/employer/templates')).body.items[0].id;
    expect((await p.employer.post(`${draftPath(id)}/from-template`, { templateId: foreign })).status).toBe(404);
    for (const client of [p.student, p.school]) {
      expect((await client.get('/api/employer/templates')).status).toBe(403);
      expect((await client.post('/api/employer/templates', { name: 'x' })).status).toBe(403);
      expect((await client.get(`/api/employer/templates/${b.body.id}`)).status).toBe(403);
    }

    expect((await del(p.employer, `/api/employer/templates/${b.body.id}`)).status).toBe(204);
    expect((await p.employer.get(`/api/employer/templates/${b.body.id}`)).status).toBe(404);
    expect((await del(p.employer, `/api/employer/templates/${b.body.id}`)).status).toBe(404);
    expect((await p.employer.get('/api/employer/templates')).body.items.map((t: any) => t.name)).toEqual(['乙模板']);
  });
});

describe('agreement versions', () => {
  it('show the student exactly what the employer changed after a return', async () => {
    const p = await newParties(h);
    const { id, hash: v1Hash } = await signingIn(p, 'PENDING_STUDENT');

    const v1Only = await p.student.get(`/api/signings/${id}/agreement/versions`);
    expect(v1Only.status).toBe(200);
    expect(v1Only.body).toMatchObject({ currentVersion: 1, items: [{ version: 1, hash: v1Hash, current: true, changes: null, previousVersion: null }] });
    expect(v1Only.body.items[0].sentBy).toMatchObject({ role: 'employer', name: 'employer' });

    expect((await p.student.post(`/api/signings/${id}/return`, { reason: '税前月薪与面谈不一致' })).status).toBe(200);

    // The draft holds version 1 as sent: the employer changes only the salary section.
    const draft = await p.employer.get(draftPath(id));
    expect(draft.body).toMatchObject({ agreement: sampleAgreement(), completeness: { complete: true } });
    const edited = await put(p.employer, draftPath(id), {
      agreement: { employmentTerms: { ...draft.body.agreement.employmentTerms, monthlySalaryPreTax: 6000 } },
    });
    expect(edited.status).toBe(200);
    const v2 = await p.employer.post(`/api/signings/${id}/employer-sign`, { useDraft: true, previewed: true });
    expect(v2.status).toBe(200);
    expect(v2.body.agreement.version).toBe(2);

    const versions = await p.student.get(`/api/signings/${id}/agreement/versions`);
    expect(versions.body.currentVersion).toBe(2);
    expect(versions.body.items.map((v: any) => [v.version, v.current])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(versions.body.items[1]).toMatchObject({ hash: v2.body.agreement.hash, previousVersion: 1, sentAt: expect.any(String) });
    expect(versions.body.items[1].changes).toEqual([
      {
        path: 'agreement.employmentTerms.monthlySalaryPreTax',
        label: '税前月薪',
        section: '2 劳动或聘用合同有关条款的约定',
        from: 5000,
        to: 6000,
        fromText: '5000 元/月',
        toText: '6000 元/月',
      },
    ]);
    // The school sees the same list; the old version is still readable as it was.
    expect((await p.school.get(`/api/signings/${id}/agreement/versions`)).body).toEqual(versions.body);
    const old = await p.student.get(`/api/signings/${id}/agreement?version=1`);
    expect(old.body).toMatchObject({ version: 1, hash: v1Hash, current: false, agreement: { employmentTerms: { monthlySalaryPreTax: 5000 } } });

    const stale = await p.student.post(`/api/signings/${id}/student-confirm`, { agreementHash: v1Hash, previewed: true });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details).toMatchObject({ status: 'PENDING_STUDENT' });
    const confirmed = await p.student.post(`/api/signings/${id}/student-confirm`, { agreementHash: v2.body.agreement.hash, previewed: true });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('PENDING_SCHOOL');
  });

  it('an archive the student saved before returning is the one the next version carries', async () => {
    const p = await newParties(h);
    const { id } = await signingIn(p, 'PENDING_STUDENT');
    const studentArchive = { ...sampleArchive(), recipient: '学生本人', address: '江苏省南京市鼓楼区1号' };
    expect((await put(p.student, `/api/signings/${id}/archive`, studentArchive)).status).toBe(200);
    await p.student.post(`/api/signings/${id}/return`, { reason: '违约金过高' });

    const draft = await p.employer.get(draftPath(id));
    expect(draft.body).toMatchObject({ archive: studentArchive, archiveSource: 'signing' });
    await put(p.employer, draftPath(id), { agreement: { breachLiability: { penaltyYuan: 2000 } } });
    const v2 = await p.employer.post(`/api/signings/${id}/employer-sign`, { useDraft: true, previewed: true });
    expect(v2.status).toBe(200);
    const agreement = await p.student.get(`/api/signings/${id}/agreement`);
    expect(agreement.body).toMatchObject({ version: 2, archive: studentArchive, agreement: { breachLiability: { penaltyYuan: 2000 } } });
    const versions = await p.student.get(`/api/signings/${id}/agreement/versions`);
    // Section 4 was replaced as a whole (its text left out), and the archive is the student's.
    expect(versions.body.items[1].changes.map((c: any) => c.label)).toEqual(['违约金', '违约责任条款', '档案收件人', '档案接收详细地址']);
  });

  it('a full-body send after a return is compared the same way, and the draft follows it', async () => {
    const p = await newParties(h);
    const { id } = await signingIn(p, 'PENDING_STUDENT');
    await p.student.post(`/api/signings/${id}/return`, { reason: '试用期太长' });
    const body = sampleEmployerSign();
    body.agreement.employmentTerms.probationMonths = 0;
    body.agreement.breachLiability.penaltyYuan = 0;
    expect((await p.employer.post(`/api/signings/${id}/employer-sign`, body)).status).toBe(200);
    const versions = await p.student.get(`/api/signings/${id}/agreement/versions`);
    expect(versions.body.items[1].changes.map((c: any) => [c.label, c.from, c.to])).toEqual([
      ['试用期', 1, 0],
      ['违约金', 5000, 0],
    ]);
    expect((await p.employer.get(draftPath(id))).body.agreement.employmentTerms.probationMonths).toBe(0);
  });

  it('are visible to the signing\'s parties only', async () => {
    const p = await newParties(h);
    const { id } = await signingIn(p, 'PENDING_EMPLOYER');
    expect((await p.employer.get(`/api/signings/${id}/agreement/versions`)).body).toEqual({ currentVersion: null, items: [] });
    for (const client of [p.otherStudent, p.otherEmployer, p.otherSchool]) {
      expect((await client.get(`/api/signings/${id}/agreement/versions`)).status).toBe(404);
    }
  });
});
