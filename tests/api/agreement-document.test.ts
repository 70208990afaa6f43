/**
 * The printable 就业协议书 (GET /api/signings/:id/agreement?format=html|pdf) and the student's 个人中心
 * (GET /api/me), over HTTP on the real stack.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { students } from '../../db/schema';
import { type Parties, newParties, signingIn } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';
import { agreementHash, canonicalVersionOf } from '../../domain/agreement-hash';
import {
  sampleAgreement,
  sampleApplication,
  sampleEmployerSign,
  sampleLegacyAgreement,
  sampleOpenEndedAgreement,
  sampleTaskAgreement,
} from '../support/sample-data';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

async function withRoster(p: Parties) {
  await h.database.db
    .update(students)
    .set({ major: '计算机科学与技术', educationLevel: '本科', originAuthority: '上海市教育委员会' })
    .where(eq(students.id, p.world.student.studentId));
}

function htmlOf(res: { status: number; body: unknown; headers: Headers }): string {
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  return res.body as string;
}

describe('GET /api/signings/:id/agreement?format=html', () => {
  it('renders the agreement its parties confirmed: parties, the eight sections, archive, version, hash, times, status', async () => {
    const p = await newParties(h);
    await withRoster(p);
    const { id, hash } = await signingIn(p, 'PENDING_SCHOOL');

    const page = htmlOf(await p.student.get(`/api/signings/${id}/agreement?format=html`));
    const { agreementNo } = (await p.student.get(`/api/signings/${id}`)).body as { agreementNo: string };
    const expected = [
      // The number people quote, then the id.
      agreementNo,
      id,
      // Parties
      '于同学',
      p.world.student.examineeNo,
      '计算机科学与技术',
      '本科',
      '上海市教育委员会',
      'tiger7',
      p.world.employer.creditCode,
      '2100000',
      '其他企业（39）',
      '上海市徐汇区（310104）',
      '软件和信息技术服务业（65）',
      '张老师',
      '021-31231230',
      '24@qq.com',
      '上海市宝山区上大路99号',
      '测试大学',
      p.world.schoolCode,
      // 1 协议标的
      '软件工程师',
      '工程技术人员（13）',
      '上海市',
      '软件开发',
      // 2 terms
      '1 年（12 个月）',
      '1 个月',
      '调休',
      '5000 元/月',
      // 3–8
      '经双方协商一致，可以解除本协议。',
      '5000 元',
      '违约方向守约方支付违约金。',
      '本协议经三方确认后生效。',
      '乙方报到并签订劳动合同后，本协议自行终止。',
      '甲乙双方通过供需见面、双向选择，达成如下协议。',
      // 档案接收
      '上海市学生事务中心',
      '200032',
      '档案室',
      '021-64826000',
      '上海市徐汇区零陵路599号',
      // version, hash, status
      '第 1 版（当前版本）',
      hash!,
      '待学校确认',
      '已签约并发送第 1 版协议',
      '已确认签约',
    ];
    for (const text of expected) expect(page, text).toContain(text);
    const order = ['协议标的', '劳动或聘用合同有关条款的约定', '协议的解除', '违约责任', '补充条款', '协议的生效', '协议的终止', '协议文本'].map((t) =>
      page.indexOf(`</span> ${t}</h3>`),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);

    // Confirmation times in Beijing time, from the audit trail.
    const events = (await p.student.get(`/api/signings/${id}/events`)).body.items as { action: string; at: string }[];
    const beijing = (iso: string) => {
      const d = new Date(new Date(iso).getTime() + 8 * 3_600_000);
      return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}（北京时间）`;
    };
    for (const action of ['employerSign', 'studentConfirm']) {
      expect(page).toContain(beijing(events.find((e) => e.action === action)!.at));
    }
    expect(page).toMatch(/丙方（学校）<br>测试大学[^<]*<\/td><td><span class="pending">尚未确认<\/span>/);

    // Every party sees it; the school after confirming sees its own time.
    htmlOf(await p.employer.get(`/api/signings/${id}/agreement?format=html`));
    expect((await p.school.post(`/api/signings/${id}/school-confirm`)).status).toBe(200);
    const done = htmlOf(await p.school.get(`/api/signings/${id}/agreement?format=html&version=1`));
    expect(done).toContain('已完成（已同步至就业方案库）');
    expect(done).toContain('已确认并同步至就业方案库');
  });

  it('escapes a malicious value and sends a restrictive Content-Security-Policy', async () => {
    const p = await newParties(h);
    const created = await p.student.post('/api/signings', sampleApplication(p.world.employer.creditCode));
    const body = sampleEmployerSign();
    body.agreement.subject.position = '<script>alert("x")</script>';
    body.agreement.employmentTerms.benefits = '调休</td><img src=x onerror=alert(1)>';
    body.contact.contactPerson = '"><b>张</b>';
    expect((await p.employer.post(`/api/signings/${created.body.id}/employer-sign`, body)).status).toBe(200);

    const res = await p.student.get(`/api/signings/${created.body.id}/agreement?format=html`);
    const page = htmlOf(res);
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<b>张');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(page).toContain('调休&lt;/td&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
  });

  it('shows an earlier version as superseded; 404 for strangers and unknown versions; JSON stays JSON', async () => {
    const p = await newParties(h);
    const { id } = await signingIn(p, 'PENDING_STUDENT');
    expect((await p.student.post(`/api/signings/${id}/return`, { reason: '税前月薪与面谈不一致' })).status).toBe(200);
    const v2 = sampleEmployerSign();
    v2.agreement.employmentTerms.monthlySalaryPreTax = 6000;
    expect((await p.employer.post(`/api/signings/${id}/employer-sign`, v2)).status).toBe(200);

    const old = htmlOf(await p.student.get(`/api/signings/${id}/agreement?format=html&version=1`));
    expect(old).toContain('第 1 版（已被第 2 版取代，仅供查阅）');
    expect(old).toContain('税前月薪与面谈不一致');
    expect(old).toContain('5000 元/月');
    const current = htmlOf(await p.student.get(`/api/signings/${id}/agreement?format=html`));
    expect(current).toContain('第 2 版（当前版本）');
    expect(current).toContain('6000 元/月');

    expect((await p.otherEmployer.get(`/api/signings/${id}/agreement?format=html`)).status).toBe(404);
    expect((await p.otherStudent.get(`/api/signings/${id}/agreement?format=html`)).status).toBe(404);
    expect((await p.student.get(`/api/signings/${id}/agreement?format=html&version=3`)).status).toBe(404);
    expect((await p.student.get(`/api/signings/not-a-uuid/agreement?format=html`)).status).toBe(404);
    const bad = await p.student.get(`/api/signings/${id}/agreement?format=html&version=zero`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('query.version');

    const json = await p.student.get(`/api/signings/${id}/agreement`);
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({ version: 2 });
  });

  it('?format=pdf gives the same agreement as an A4 PDF with the CJK font embedded', async () => {
    const p = await newParties(h);
    const { id } = await signingIn(p, 'PENDING_STUDENT');
    const get = (token: string | undefined, query: string) =>
      fetch(`${h.baseUrl}/api/signings/${id}/agreement?${query}`, { headers: { authorization: `Bearer ${token}` } });
    const res = await get(p.student.token, 'format=pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const { agreementNo } = (await p.student.get(`/api/signings/${id}`)).body as { agreementNo: string };
    expect(res.headers.get('content-disposition')).toBe(`inline; filename="agreement-${agreementNo}-v1.pdf"`);
    // Swagger UI offers a file for this header (it would read the PDF as text otherwise); browsers ignore it.
    expect(res.headers.get('content-description')).toBe('File Transfer');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansSC-Regular/);
    expect((await get(p.employer.token, 'format=pdf&version=1')).status).toBe(200);
    expect((await get(p.otherEmployer.token, 'format=pdf')).status).toBe(404);
    expect((await get(p.student.token, 'format=pdf&version=2')).status).toBe(404);
  });

  it('404 before the employer has sent any agreement', async () => {
    const p = await newParties(h);
    const { id } = await signingIn(p, 'PENDING_EMPLOYER');
    const res = await p.student.get(`/api/signings/${id}/agreement?format=html`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});

describe('contract term kinds (劳动合同法第十二条) through send, confirm and print', () => {
  /** The 合同期限 row of the printed agreement. */
  const termRow = (page: string) => /<th scope="row">合同期限<\/th><td>([^<]*)<\/td>/.exec(page)?.[1];

  async function sent(p: Parties, agreement: ReturnType<typeof sampleAgreement>) {
    const created = await p.student.post('/api/signings', sampleApplication(p.world.employer.creditCode));
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    const signed = await p.employer.post(`/api/signings/${id}/employer-sign`, { ...sampleEmployerSign(), agreement });
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    return { id, hash: signed.body.agreement.hash as string };
  }

  it.each([
    ['无固定期限', sampleOpenEndedAgreement, 'openEnded', '6 个月'],
    ['以完成一定工作任务为期限', sampleTaskAgreement, 'task', '无'],
  ] as const)('%s: stored with its kind and no months, hashed under form 2, confirmed by that hash, printed', async (label, agreementOf, kind, probation) => {
    const p = await newParties(h);
    const { id, hash } = await sent(p, agreementOf());

    const stored = (await p.student.get(`/api/signings/${id}/agreement`)).body;
    expect(stored.agreement.employmentTerms).toMatchObject({ contractTermKind: kind });
    expect(stored.agreement.employmentTerms).not.toHaveProperty('contractTermMonths');
    const doc = { signingId: id, version: 1, unitNature: stored.unitNature, contact: stored.contact, agreement: stored.agreement, archive: stored.archive };
    expect(canonicalVersionOf(doc)).toBe(2);
    expect(agreementHash(doc)).toBe(hash);

    const confirmed = await p.student.post(`/api/signings/${id}/student-confirm`, { agreementHash: hash, previewed: true });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.status).toBe('PENDING_SCHOOL');

    const page = htmlOf(await p.school.get(`/api/signings/${id}/agreement?format=html`));
    expect(termRow(page)).toBe(label);
    expect(page).toMatch(new RegExp(`<th scope="row">试用期</th><td>${probation}</td>`));
    const pdf = await fetch(`${h.baseUrl}/api/signings/${id}/agreement?format=pdf`, { headers: { authorization: `Bearer ${p.student.token}` } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
  });

  it('a body without a kind (as every client sent before kinds) is a fixed term: stored as fixed, printed 固定期限', async () => {
    const p = await newParties(h);
    const { id } = await sent(p, sampleLegacyAgreement());
    const stored = (await p.employer.get(`/api/signings/${id}/agreement`)).body;
    expect(stored.agreement.employmentTerms).toMatchObject({ contractTermKind: 'fixed', contractTermMonths: 12 });
    expect(termRow(htmlOf(await p.employer.get(`/api/signings/${id}/agreement?format=html`)))).toBe('固定期限 1 年（12 个月）');
  });

  it('refuses probation in a task-based agreement and months in an open-ended one, naming the field and the law', async () => {
    const p = await newParties(h);
    const created = await p.student.post('/api/signings', sampleApplication(p.world.employer.creditCode));
    const send = (agreement: unknown) => p.employer.post(`/api/signings/${created.body.id}/employer-sign`, { ...sampleEmployerSign(), agreement });
    const task = sampleTaskAgreement();
    task.employmentTerms.probationMonths = 1;
    const refused = await send(task);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([
      { path: 'agreement.employmentTerms.probationMonths', message: '以完成一定工作任务为期限的劳动合同不得约定试用期（劳动合同法第十九条）' },
    ]);
    const openEnded = sampleOpenEndedAgreement();
    const withMonths = { ...openEnded, employmentTerms: { ...openEnded.employmentTerms, contractTermMonths: 36 } };
    const months = await send(withMonths);
    expect(months.status).toBe(400);
    expect(months.body.error.details.map((d: { path: string }) => d.path)).toEqual(['agreement.employmentTerms.contractTermMonths']);
  });

  it('the versions list shows a change of kind as 合同期限：36 个月 → 无固定期限', async () => {
    const p = await newParties(h);
    const { id } = await sent(p, sampleAgreement({ contractTermMonths: 36, probationMonths: 6 }));
    expect((await p.student.post(`/api/signings/${id}/return`, { reason: '应为无固定期限劳动合同' })).status).toBe(200);
    const v2 = await p.employer.post(`/api/signings/${id}/employer-sign`, { ...sampleEmployerSign(), agreement: sampleOpenEndedAgreement() });
    expect(v2.status).toBe(200);
    const versions = (await p.student.get(`/api/signings/${id}/agreement/versions`)).body.items;
    expect(versions[1].changes).toEqual([
      {
        path: 'agreement.employmentTerms.contractTermMonths',
        label: '合同期限',
        section: '2 劳动或聘用合同有关条款的约定',
        from: 36,
        to: 'openEnded',
        fromText: '36 个月',
        toText: '无固定期限',
      },
    ]);
  });
});

describe('GET /api/me — the student\'s 个人中心', () => {
  it('shows the source summary before any signing, then the signing under way, then the plan once completed', async () => {
    const p = await newParties(h);
    await withRoster(p);

    const before = (await p.student.get('/api/me')).body;
    expect(before.student).toMatchObject({ name: '于同学', examineeNo: p.world.student.examineeNo, major: '计算机科学与技术', educationLevel: '本科' });
    expect(before.summary).toMatchObject({ basicInfo: '已填报', employmentPlan: '未填报', reportCardPrint: '未打印', noticePrint: '未打印', archive: '无' });
    expect(before.summary.items.map((i: { label: string; value: string }) => `${i.label} ${i.value}`)).toEqual([
      '学生基本信息 已填报',
      '就业方案 未填报',
      '报到证打印 未打印',
      '通知单打印 未打印',
      '档案信息 无',
    ]);
    expect(before).toMatchObject({ currentSigning: null, currentPlan: null, archive: null });

    const { id } = await signingIn(p, 'PENDING_EMPLOYER');
    const filed = (await p.student.get('/api/me')).body;
    expect(filed.currentSigning).toMatchObject({
      id,
      status: 'PENDING_EMPLOYER',
      statusLabel: '待单位确认',
      nextStepLabel: '等待用人单位填写并发送就业协议书',
      deadlineAt: expect.any(String),
      deadlineLabel: expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}（北京时间）$/),
    });
    expect(filed.summary.employmentPlan).toBe('未填报');

    expect((await p.employer.post(`/api/signings/${id}/employer-sign`, sampleEmployerSign())).status).toBe(200);
    const signed = (await p.student.get('/api/me')).body;
    expect(signed.summary.archive).toBe('已填报');
    expect(signed.archive).toMatchObject({ unitName: '上海市学生事务中心', source: 'signing' });
    expect(signed.currentSigning).toMatchObject({ status: 'PENDING_STUDENT', nextStepLabel: '等待学生查看并确认就业协议书' });

    const hash = signed.currentSigning.agreement.hash;
    expect((await p.student.post(`/api/signings/${id}/student-confirm`, { agreementHash: hash, previewed: true })).status).toBe(200);
    expect((await p.school.post(`/api/signings/${id}/school-confirm`)).status).toBe(200);

    const after = (await p.student.get('/api/me')).body;
    expect(after.summary).toMatchObject({ basicInfo: '已填报', employmentPlan: '已填报', archive: '已填报', reportCardPrint: '未打印', noticePrint: '未打印' });
    expect(after.archive).toMatchObject({ unitName: '上海市学生事务中心', recipient: '档案室', source: 'plan' });
    expect(after.currentSigning).toMatchObject({
      id,
      status: 'COMPLETED',
      statusLabel: '已完成（已同步至就业方案库）',
      nextStepLabel: '网签已完成，协议已同步至就业方案库',
      deadlineLabel: null,
    });
    // The plan carries the number of the signing it came from, here and in GET /api/me/plan.
    expect(after.currentPlan).toMatchObject({ signingId: id, agreementNo: after.currentSigning.agreementNo, agreementHash: hash });
    expect(after.currentPlan.agreementNo).toMatch(/^\d{4}-\w+-\d{6}$/);
    expect((await p.student.get('/api/me/plan')).body).toMatchObject({ signingId: id, agreementNo: after.currentPlan.agreementNo });
    const rows = Object.fromEntries(after.currentPlan.rows.map((r: { label: string; value: string | null }) => [r.label, r.value]));
    expect(rows).toMatchObject({
      毕业去向: '派遣网上签约（01）',
      单位信息登记号: '2100000',
      社会信用代码: p.world.employer.creditCode,
      单位名称: 'tiger7',
      单位地区: '上海市徐汇区（310104）',
      工作职位类别: '工程技术人员（13）',
      行业类别: '软件和信息技术服务业（65）',
      单位性质: '其他企业（39）',
      生源地主管单位: '上海市教育委员会',
      档案接收单位: '上海市学生事务中心',
      报到证: null,
    });
  });

  it('a cancelled signing no longer provides the archive', async () => {
    const p = await newParties(h);
    const { id } = await signingIn(p, 'PENDING_STUDENT');
    expect((await p.student.post(`/api/signings/${id}/cancel`, { reason: '改签其他单位' })).status).toBe(200);
    const me = (await p.student.get('/api/me')).body;
    expect(me.summary.archive).toBe('无');
    expect(me.currentSigning).toMatchObject({ status: 'CANCELLED', nextStepLabel: '网签已取消，可重新填报就业方案', deadlineLabel: null });
  });
});
