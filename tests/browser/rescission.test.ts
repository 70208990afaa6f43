/**
 * 解约 in a real Chromium against the real stack, each party in its own browser context, as people
 * do it (docs/design.md §11): on a completed signing the employer asks with a PDF 解约函; the student,
 * on a phone, sees it on 个人中心, downloads the letter and agrees; the school approves it in
 * 解约审批 with 批量批准; the student then sees 已解约, the withdrawn plan in 解约记录 with its print
 * link (marked 已解约) and 未填报 with 填报+. And the rejections: the student rejects the employer's
 * request with a reason, asks again themselves on the phone (first refused while the school allows
 * no 解约, the refusal shown in the dialog), the employer agrees on a phone, and the school rejects
 * in 解约审批 at phone width. Screenshots of every new screen, desktop and phone; each phone screen fits 375 px.
 */
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schools } from '../../db/schema';
import { newParties, signingIn } from '../support/flows';
import { type Harness, TEST_PASSWORD } from '../support/harness';
import { fillField } from './support/antd';
import { DESKTOP, PHONE, newParty, pageOverflow, screenshot, signIn } from './support/browser';
import { type PortalStack, startPortalStack } from './support/portal-stack';

let stack: PortalStack;
let h: Harness;
let portal: string;
let browser: Browser;

beforeAll(async () => {
  stack = await startPortalStack();
  ({ h, portal, browser } = stack);
});

afterAll(async () => {
  await stack?.close();
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** Screenshot, and the page must not scroll sideways (phones: wide tables scroll in their own box). */
async function fits(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  expect({ name, overflow: await pageOverflow(page) }).toEqual({ name, overflow: 0 });
}

describe('解约 in a real browser, three parties', () => {
  it('the employer asks with a 解约函, the student agrees on a phone, the school approves: 已解约, 解约记录, 未填报', { timeout: 300_000 }, async () => {
    const p = await newParties(h);
    const { id } = await signingIn(p, 'COMPLETED');

    // ── The employer, on the completed signing's page: 申请解约 with a reason and a PDF.
    const employer = await newParty(browser, portal, DESKTOP);
    await signIn(employer.page, p.world.employer.username, TEST_PASSWORD, { next: `/employer/signings/${id}` });
    await employer.page.getByRole('button', { name: '申请解约' }).click();
    const dialog = employer.page.getByRole('dialog');
    await dialog.getByText('解约意味着什么').waitFor();
    // Neither an empty reason nor a file of the wrong kind or over 5 MB gets through, and nothing is sent.
    await dialog.getByRole('button', { name: '提交解约申请' }).click();
    await dialog.getByText('请填写原因', { exact: true }).waitFor();
    const input = dialog.locator('input[type=file]');
    await input.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a letter') });
    await dialog.getByText('解约函应为 PDF、PNG 或 JPEG 文件').waitFor();
    await input.setInputFiles({ name: 'big.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]) });
    await dialog.getByText(/^解约函过大（5\.0 MB），上限 5 MB$/).waitFor();
    expect((await p.employer.get(`/api/signings/${id}`)).body.rescission).toBeNull();

    await fillField(employer.page, '解约原因', '岗位调整，无法按约录用');
    await input.setInputFiles({ name: '解约函.pdf', mimeType: 'application/pdf', buffer: PDF });
    await dialog.getByText('解约函.pdf').waitFor();
    await screenshot(employer.page, 'employer-rescission-request');
    await dialog.getByRole('button', { name: '提交解约申请' }).click();
    await employer.page.getByText('已提交解约申请，等待学生同意').waitFor();
    const card = employer.page.getByRole('region', { name: '解约' });
    await card.getByText('待对方同意').waitFor();
    await card.getByText('等待学生同意解约').waitFor();
    await card.getByRole('button', { name: '撤回解约申请' }).waitFor();
    await screenshot(employer.page, 'employer-rescission-pending');
    expect((await p.employer.get(`/api/signings/${id}`)).body.rescission).toMatchObject({
      status: 'PENDING_COUNTERPARTY',
      reason: '岗位调整，无法按约录用',
      letter: { contentType: 'application/pdf', size: PDF.length },
    });
    // The list flags the pending request on the completed row.
    await employer.page.goto('/employer?status=COMPLETED');
    await employer.page.getByText('解约申请待对方同意').waitFor();
    await screenshot(employer.page, 'employer-list-rescission');
    await employer.context.close();

    // ── The student, on a phone: 个人中心 says so; the signing page shows the request and the letter.
    const student = await newParty(browser, portal, PHONE);
    await signIn(student.page, p.world.student.username, TEST_PASSWORD);
    await student.page.getByText('解约申请待对方同意').waitFor();
    await fits(student.page, 'student-home-rescission-phone');
    await student.page.getByRole('button', { name: '查看解约申请' }).click();
    await student.page.waitForURL((url) => url.pathname === `/student/signings/${id}`);
    const studentCard = student.page.getByRole('region', { name: '解约' });
    await studentCard.getByText('用人单位申请解约，请确认是否同意').waitFor();
    await studentCard.getByText('岗位调整，无法按约录用').waitFor();
    await fits(student.page, 'student-rescission-phone');
    const [download] = await Promise.all([student.page.waitForEvent('download'), studentCard.getByRole('link', { name: /下载解约函（PDF/ }).click()]);
    expect(download.suggestedFilename()).toBe('解约函.pdf');

    await studentCard.getByRole('button', { name: '同意解约' }).click();
    const confirm = student.page.getByRole('dialog');
    await confirm.getByText('同意后交学校审批').waitFor();
    await fits(student.page, 'student-rescission-agree-phone');
    await confirm.getByRole('button', { name: '同意解约' }).click();
    await student.page.getByText('已同意解约，等待学校审批').first().waitFor();
    await studentCard.getByText('待学校审批').first().waitFor();
    expect((await p.student.get(`/api/signings/${id}`)).body.rescission).toMatchObject({ status: 'PENDING_SCHOOL' });

    // ── The school: 解约审批 in its menu, the request with its letter and count; 批量批准.
    const school = await newParty(browser, portal, DESKTOP);
    await signIn(school.page, p.world.school.username, TEST_PASSWORD);
    await school.page.getByRole('menuitem', { name: '解约审批' }).click();
    await school.page.waitForURL((url) => url.pathname === '/school/rescissions');
    const tick = school.page.getByRole('checkbox', { name: `选择 于同学（${p.world.student.examineeNo}）` });
    await tick.waitFor();
    const row = school.page.locator('tr', { has: tick });
    await row.getByText('岗位调整，无法按约录用').waitFor();
    await row.getByText('0 / 1', { exact: true }).waitFor();
    await expect(row.getByRole('link', { name: '下载 于同学 的解约函' }).getAttribute('href')).resolves.toMatch(new RegExp(`^/api/signings/${id}/rescission/letter\\?rescissionId=[0-9a-f-]{36}$`));
    await expect(school.page.getByRole('link', { name: /导出 CSV/ }).getAttribute('href')).resolves.toBe('/api/school/rescissions?status=PENDING_SCHOOL&format=csv');
    await screenshot(school.page, 'school-rescissions');
    await tick.check();
    await school.page.getByRole('button', { name: '批量批准' }).click();
    await school.page.getByText('批量批准：成功 1 条，失败 0 条').waitFor();
    await expect(school.page.locator('[data-row-outcome="ok"]').count()).resolves.toBe(1);
    await screenshot(school.page, 'school-rescissions-approved');
    // The signing's own page shows the approved request.
    await school.page.goto(`/school/signings/${id}`);
    await school.page.getByRole('region', { name: '解约' }).getByText('已批准', { exact: true }).waitFor();
    await school.page.getByText('已解约').first().waitFor();
    await screenshot(school.page, 'school-signing-rescinded');
    await school.context.close();

    const rescinded = (await p.student.get(`/api/signings/${id}`)).body;
    expect(rescinded).toMatchObject({ status: 'RESCINDED', statusLabel: '已解约', rescission: { status: 'APPROVED' } });

    // ── The student: 已解约, 未填报 with 填报+, the withdrawn plan in 解约记录 with its print link.
    await student.page.goto('/student');
    await student.page.getByText('已解约').first().waitFor();
    await student.page.getByRole('button', { name: '填报+' }).waitFor();
    await expect(student.page.locator('[data-summary="employmentPlan"]').innerText()).resolves.toContain('未填报');
    const history = student.page.getByRole('region', { name: '解约记录' });
    await history.getByText(rescinded.agreementNo).waitFor();
    await history.getByText('tiger7').first().waitFor();
    const print = history.getByRole('link', { name: '打印协议' });
    await expect(print.getAttribute('href')).resolves.toBe(`/api/signings/${id}/agreement?format=html`);
    const printed = await student.context.request.get(`/api/signings/${id}/agreement?format=html`);
    expect(printed.status()).toBe(200);
    expect(await printed.text()).toContain('已解约');
    await fits(student.page, 'student-home-rescinded-phone');
    await student.page.goto(`/student/signings/${id}`);
    await student.page.getByRole('region', { name: '解约' }).getByText('学校已批准解约').waitFor();
    await fits(student.page, 'student-signing-rescinded-phone');
    await student.context.close();
  });

  it('the student rejects with a reason, asks again on the phone, the employer agrees, and the school rejects in 解约审批 at phone width', { timeout: 300_000 }, async () => {
    const p = await newParties(h);
    const { id } = await signingIn(p, 'COMPLETED');
    expect((await p.employer.post(`/api/signings/${id}/rescission`, { reason: '岗位调整' })).status).toBe(201);

    // ── The student rejects the employer's request: the reason is required.
    const student = await newParty(browser, portal, PHONE);
    await signIn(student.page, p.world.student.username, TEST_PASSWORD, { next: `/student/signings/${id}` });
    const card = student.page.getByRole('region', { name: '解约' });
    await card.getByRole('button', { name: '拒绝解约' }).click();
    const dialog = student.page.getByRole('dialog');
    await dialog.getByRole('button', { name: '确认拒绝' }).click();
    await dialog.getByText('请填写原因', { exact: true }).waitFor();
    await fillField(student.page, '拒绝原因', '已按约定办理入职手续，不同意解约');
    await fits(student.page, 'student-rescission-reject-phone');
    await dialog.getByRole('button', { name: '确认拒绝' }).click();
    await student.page.getByText('已拒绝解约，协议继续有效').first().waitFor();
    await card.getByText('已按约定办理入职手续，不同意解约').waitFor();
    expect((await p.student.get(`/api/signings/${id}`)).body).toMatchObject({ status: 'COMPLETED', canRequestRescission: true, rescission: { status: 'REJECTED' } });

    // ── The student asks again, without a letter. While the school allows no 解约, its refusal
    // (409) stays in the dialog with the reason typed; once allowed, the same submit goes through.
    await h.database.db.update(schools).set({ rescissionLimit: 0 }).where(eq(schools.code, p.world.schoolCode));
    await card.getByRole('button', { name: '申请解约' }).click();
    const request = student.page.getByRole('dialog');
    await fillField(student.page, '解约原因', '已考取研究生，无法按期报到');
    await request.getByRole('button', { name: '提交解约申请' }).click();
    await request.getByRole('alert').getByText('学校未开放解约申请；如有特殊情况，请联系学校就业指导中心').waitFor();
    await fits(student.page, 'student-rescission-refused-phone');
    await h.database.db.update(schools).set({ rescissionLimit: null }).where(eq(schools.code, p.world.schoolCode));
    await fits(student.page, 'student-rescission-request-phone');
    await request.getByRole('button', { name: '提交解约申请' }).click();
    await student.page.getByText('已提交解约申请，等待用人单位同意').first().waitFor();
    await card.getByText('未附').waitFor();
    await student.context.close();

    // ── The employer, on a phone this time, agrees from the signing's page.
    const employer = await newParty(browser, portal, PHONE);
    await signIn(employer.page, p.world.employer.username, TEST_PASSWORD, { next: `/employer/signings/${id}` });
    const employerCard = employer.page.getByRole('region', { name: '解约' });
    await employerCard.getByText('学生申请解约，请确认是否同意').waitFor();
    await fits(employer.page, 'employer-rescission-phone');
    await employerCard.getByRole('button', { name: '同意解约' }).click();
    await employer.page.getByRole('dialog').getByRole('button', { name: '同意解约' }).click();
    await employer.page.getByText('已同意解约，等待学校审批').first().waitFor();
    await employer.context.close();
    expect((await p.employer.get(`/api/signings/${id}`)).body.rescission).toMatchObject({ status: 'PENDING_SCHOOL' });

    // ── The school, on a phone: 解约审批 fits; 拒绝 on the row with a reason.
    const school = await newParty(browser, portal, PHONE);
    await signIn(school.page, p.world.school.username, TEST_PASSWORD, { next: '/school/rescissions' });
    const reject = school.page.getByRole('button', { name: '拒绝 于同学 的解约申请' });
    await reject.waitFor();
    await fits(school.page, 'school-rescissions-phone');
    await reject.click();
    const reasonDialog = school.page.getByRole('dialog');
    await reasonDialog.locator('textarea').fill('解约材料不全，请补充后重新申请');
    await fits(school.page, 'school-rescission-reject-phone');
    await reasonDialog.getByRole('button', { name: '确认拒绝' }).click();
    await school.page.getByText('已拒绝解约').first().waitFor();
    await expect(school.page.locator('[data-row-outcome="ok"]').count()).resolves.toBe(1);
    // 全部 shows both requests of this student: the first rejected by the student, the second by the school.
    await school.page.goto('/school/rescissions?status=all');
    await school.page.getByText('拒绝原因：已按约定办理入职手续，不同意解约').waitFor();
    await school.page.getByText('拒绝原因：解约材料不全，请补充后重新申请').waitFor();
    await school.context.close();

    expect((await p.student.get(`/api/signings/${id}`)).body).toMatchObject({
      status: 'COMPLETED',
      rescission: { status: 'REJECTED', decisionReason: '解约材料不全，请补充后重新申请' },
    });
    expect((await p.student.get('/api/me/plan')).status).toBe(200);
  });
});
