/**
 * The source's flow end to end over HTTP on the real stack (Temporal dev server + PostgreSQL):
 * student files → employer signs → student confirms → school confirms and syncs to the plan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, type World, createWorld, startHarness } from '../support/harness';
import { ApiClient } from '../support/http';
import { sampleApplication, sampleEmployerSign } from '../support/sample-data';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

async function logins(world: World) {
  const [student, employer, school] = await Promise.all([
    ApiClient.login(h.baseUrl, world.student.username),
    ApiClient.login(h.baseUrl, world.employer.username),
    ApiClient.login(h.baseUrl, world.school.username),
  ]);
  return { student, employer, school };
}

describe('网上签约 end to end', () => {
  it('runs the source flow and writes the employment plan', async () => {
    const world = await createWorld(h.database);
    const { student, employer, school } = await logins(world);

    const me0 = await student.get('/api/me');
    expect(me0.status).toBe(200);
    expect(me0.body.summary.employmentPlan).toBe('未填报');
    expect((await student.get('/api/me/plan')).status).toBe(404);

    // 1 学生协议申请
    const created = await student.post('/api/signings', sampleApplication(world.employer.creditCode));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'PENDING_EMPLOYER', statusLabel: '待单位确认', awaiting: 'employer', allowedActions: ['cancel'] });
    expect(created.body.labels).toMatchObject({
      graduationDestination: expect.stringContaining('派遣网上签约'),
      region: '上海市徐汇区',
      industry: '软件和信息技术服务业',
      industrySection: 'I 信息传输、软件和信息技术服务业',
    });
    const id: string = created.body.id;

    // The employer sees it in its own list, with the actions it can take.
    const employerList = await employer.get('/api/signings?status=PENDING_EMPLOYER');
    expect(employerList.status).toBe(200);
    const listed = employerList.body.items.find((s: { id: string }) => s.id === id);
    expect(listed).toMatchObject({ statusLabel: '待单位确认', allowedActions: ['employerSign', 'cancel', 'updateArchive'] });

    // 2 单位签约
    const signed = await employer.post(`/api/signings/${id}/employer-sign`, sampleEmployerSign());
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ status: 'PENDING_STUDENT', statusLabel: '待学生确认', agreement: { version: 1 } });
    const hash: string = signed.body.agreement.hash;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);

    // The student reads the agreement it is asked to confirm.
    const agreement = await student.get(`/api/signings/${id}/agreement`);
    expect(agreement.status).toBe(200);
    expect(agreement.body).toMatchObject({ version: 1, hash, agreement: { employmentTerms: { monthlySalaryPreTax: 5000, probationMonths: 1 } } });

    // 3 学生确认
    const confirmed = await student.post(`/api/signings/${id}/student-confirm`, { agreementHash: hash, previewed: true });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'PENDING_SCHOOL', statusLabel: '待学校确认' });

    // 4 学校确认 → 就业方案库
    const completed = await school.post(`/api/signings/${id}/school-confirm`);
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({ status: 'COMPLETED', statusLabel: '已完成（已同步至就业方案库）', allowedActions: [] });

    const plan = await student.get('/api/me/plan');
    expect(plan.status).toBe(200);
    expect(plan.body).toMatchObject({
      graduationDestination: '01',
      creditCode: world.employer.creditCode,
      employerName: 'tiger7',
      infoRegistrationNo: '2100000',
      regionCode: '310104',
      industryCode: '65',
      jobCategoryCode: '13',
      unitNature: '39',
      agreementVersion: 1,
      agreementHash: hash,
    });
    const me1 = await student.get('/api/me');
    expect(me1.body.summary.employmentPlan).toBe('已填报');
    expect(me1.body.currentSigning).toMatchObject({ id, status: 'COMPLETED' });

    const events = await school.get(`/api/signings/${id}/events`);
    expect(events.status).toBe(200);
    expect(events.body.items.map((e: { action: string }) => e.action)).toEqual(['submit', 'employerSign', 'studentConfirm', 'schoolConfirm']);
    expect(events.body.items[3]).toMatchObject({ fromStatus: 'PENDING_SCHOOL', toStatus: 'COMPLETED', actor: { role: 'school' } });

    // The workflow is closed and agrees with the database.
    const result = await h.client.workflow.getHandle(`signing-${id}`).result();
    expect(result).toMatchObject({ status: 'COMPLETED', seq: 4, agreement: { version: 1, hash } });
  });

  it('a student return sends it back to the employer, who sends version 2', async () => {
    const world = await createWorld(h.database);
    const { student, employer } = await logins(world);
    const { body: created } = await student.post('/api/signings', sampleApplication(world.employer.creditCode));
    const v1 = await employer.post(`/api/signings/${created.id}/employer-sign`, sampleEmployerSign());
    const returned = await student.post(`/api/signings/${created.id}/return`, { reason: '税前月薪与面谈不一致' });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ status: 'PENDING_EMPLOYER' });
    const body = sampleEmployerSign();
    body.agreement.employmentTerms.monthlySalaryPreTax = 6000;
    const v2 = await employer.post(`/api/signings/${created.id}/employer-sign`, body);
    expect(v2.body.agreement.version).toBe(2);
    const stale = await student.post(`/api/signings/${created.id}/student-confirm`, { agreementHash: v1.body.agreement.hash, previewed: true });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'CONFLICT', details: { status: 'PENDING_STUDENT' } });
    const ok = await student.post(`/api/signings/${created.id}/student-confirm`, { agreementHash: v2.body.agreement.hash, previewed: true });
    expect(ok.body.status).toBe('PENDING_SCHOOL');
    const events = await student.get(`/api/signings/${created.id}/events`);
    expect(events.body.items.find((e: { action: string }) => e.action === 'return')).toMatchObject({ reason: '税前月薪与面谈不一致', actor: { role: 'student' } });
  });

  it('keeps the archive details the student saves while confirming, and copies them into the plan', async () => {
    const world = await createWorld(h.database);
    const { student, employer, school } = await logins(world);
    const { body: created } = await student.post('/api/signings', sampleApplication(world.employer.creditCode));
    // The employer fills the archive while preparing (PENDING_EMPLOYER) and sends without one.
    const archive = { unitName: '上海市学生事务中心', postcode: '200032', recipient: '档案室', phone: '021-64826000', address: '上海市徐汇区零陵路599号' };
    expect((await employer.request('PUT', `/api/signings/${created.id}/archive`, archive)).status).toBe(200);
    const { archive: _omit, ...withoutArchive } = sampleEmployerSign();
    const signed = await employer.post(`/api/signings/${created.id}/employer-sign`, withoutArchive);
    expect(signed.body.archive).toEqual(archive);
    // The student corrects the recipient while confirming; the employer can no longer change it.
    const corrected = { ...archive, recipient: '人事处 王老师' };
    const saved = await student.request('PUT', `/api/signings/${created.id}/archive`, corrected);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ status: 'PENDING_STUDENT', archive: corrected });
    expect((await employer.request('PUT', `/api/signings/${created.id}/archive`, archive)).status).toBe(409);
    expect((await school.request('PUT', `/api/signings/${created.id}/archive`, archive)).status).toBe(403);
    const bad = await student.request('PUT', `/api/signings/${created.id}/archive`, { ...corrected, postcode: '12' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('postcode');
    // Saving the archive does not change the agreement the student confirms.
    await student.post(`/api/signings/${created.id}/student-confirm`, { agreementHash: signed.body.agreement.hash, previewed: true });
    await school.post(`/api/signings/${created.id}/school-confirm`);
    const plan = (await student.get('/api/me/plan')).body;
    expect(plan).toMatchObject({ archiveUnitName: '上海市学生事务中心', archiveRecipient: '人事处 王老师', archivePostcode: '200032' });
    const actions = (await student.get(`/api/signings/${created.id}/events`)).body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['submit', 'updateArchive', 'employerSign', 'updateArchive', 'studentConfirm', 'schoolConfirm']);
  });
});
