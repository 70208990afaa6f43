/**
 * The source flow end to end in a real Chromium, each party in its own browser context, as people
 * do it: the student files 就业方案填报 on a phone; the employer fills the 签约 wizard over two
 * sittings (the draft resumes where it stopped); the student returns it with a reason; the employer
 * changes only the salary and sends again; the student sees exactly that change highlighted and
 * confirms; the school confirms it from 学生就业方案变更审核. Screenshots of every screen on the way.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newParties } from '../support/flows';
import { type Harness, TEST_PASSWORD } from '../support/harness';
import { sampleArchive, sampleContact } from '../support/sample-data';
import { chooseOption, chooseRegion, fillField, fillFields } from './support/antd';
import { DESKTOP, PHONE, newParty, screenshot, signIn } from './support/browser';
import { openStep, saveAndNext } from './support/wizard';
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

/** The employer's 网上签约 list → 签约 on the (only) student's row. */
async function openWizard(page: Page): Promise<void> {
  await page.goto('/employer');
  await page.getByRole('link', { name: '签约', exact: true }).first().click();
  await page.waitForURL(/\/employer\/signings\/[^/]+\/sign$/);
  await page.getByRole('heading', { level: 4 }).first().waitFor();
}

describe('the source flow in a real browser, three parties', () => {
  // One long journey of a dozen screens: its own time budget, not the suite's per-test default.
  it('files, signs over two sittings, returns, changes the salary, confirms and is confirmed by the school', { timeout: 300_000 }, async () => {
    const p = await newParties(h);
    const { creditCode } = p.world.employer;

    // ── The student, on a phone: 个人中心 → 填报+ → 就业方案填报 → 保存并提交 → 待单位确认.
    const student = await newParty(browser, portal, PHONE);
    await signIn(student.page, p.world.student.username, TEST_PASSWORD);
    await student.page.getByRole('button', { name: '填报+' }).waitFor();
    await screenshot(student.page, 'student-home-phone');
    await student.page.getByRole('button', { name: '填报+' }).click();
    await student.page.waitForURL((url) => url.pathname === '/student/plan');
    await fillField(student.page, '社会信用代码', creditCode.toLowerCase());
    await fillField(student.page, '单位名称', 'tiger7');
    await fillField(student.page, '信息登记号', '2100000');
    await chooseRegion(student.page, '单位地区', '310104', '上海市 / 徐汇区（310104）');
    await chooseOption(student.page, '行业类别', '65', '65 软件和信息技术服务业');
    await screenshot(student.page, 'student-plan-phone');
    await student.page.getByRole('button', { name: '保存并提交' }).click();
    await student.page.getByText('您的个人信息已提交至单位【待单位确认】!').waitFor();
    await student.page.getByRole('button', { name: '确定' }).click();
    await student.page.waitForURL((url) => url.pathname === '/student');
    await student.page.getByText('待单位确认').first().waitFor();
    await screenshot(student.page, 'student-home-pending-employer-phone');

    const [created] = (await p.student.get('/api/signings')).body.items as { id: string; application: { employer: { creditCode: string } } }[];
    // The credit code typed in lower case is kept as the code itself.
    expect(created!.application.employer.creditCode).toBe(creditCode);
    const id = created!.id;

    // ── The employer, first sitting: 单位信息, 第一条, 第二条 — then leaves.
    const first = await newParty(browser, portal, DESKTOP);
    await signIn(first.page, p.world.employer.username, TEST_PASSWORD);
    await first.page.getByRole('link', { name: '签约', exact: true }).first().waitFor();
    await screenshot(first.page, 'employer-list');
    await openWizard(first.page);
    await first.page.getByRole('heading', { name: '单位性质及联系方式', exact: true }).waitFor();
    await chooseOption(first.page, '单位性质', '39', '其他企业');
    const contact = sampleContact();
    await fillFields(first.page, { 联系人: contact.contactPerson, 电话: contact.phone, 邮箱: contact.email, 地址: contact.address, 邮编: contact.postcode });
    await screenshot(first.page, 'employer-wizard-unit');
    await saveAndNext(first.page, '第一条 协议标的');
    await fillField(first.page, '职位名称', '软件工程师');
    await chooseOption(first.page, '工作职位类别', '13', '工程技术人员');
    await fillField(first.page, '工作地点', '上海市');
    await fillField(first.page, '工作内容', '软件开发');
    await saveAndNext(first.page, '第二条 劳动或聘用合同有关条款的约定');
    await fillField(first.page, '合同期限', 12);
    await fillField(first.page, '服务期', 12);
    await fillField(first.page, '试用期', 1);
    await fillField(first.page, '税前月薪', 5000);
    await fillField(first.page, '税后月薪', 4500);
    await fillField(first.page, '福利', '五险一金、调休');
    await screenshot(first.page, 'employer-wizard-terms');
    await saveAndNext(first.page, '第三条 协议的解除');
    await first.context.close();

    // ── The employer, second sitting: the wizard resumes at 第三条 with what was saved.
    const second = await newParty(browser, portal, DESKTOP);
    await signIn(second.page, p.world.employer.username, TEST_PASSWORD);
    await openWizard(second.page);
    await second.page.getByText('已恢复上次保存的草稿').waitFor();
    await second.page.getByRole('heading', { name: '第三条 协议的解除', exact: true }).waitFor();
    await second.page.getByRole('button', { name: '填入参考条款' }).click();
    await saveAndNext(second.page, '第四条 违约责任');
    await fillField(second.page, '违约金', 5000);
    await fillField(second.page, '违约责任条款', '违约方向守约方支付违约金。');
    await saveAndNext(second.page, '第五条 补充条款（选填）');
    await saveAndNext(second.page, '第六条 协议的生效');
    await second.page.getByRole('button', { name: '填入参考条款' }).click();
    await saveAndNext(second.page, '第七条 协议的终止');
    await second.page.getByRole('button', { name: '填入参考条款' }).click();
    await saveAndNext(second.page, '第八条 协议文本（选填）');
    await saveAndNext(second.page, '档案接收（选填）');
    const archive = sampleArchive();
    await fillFields(second.page, { 接收单位: archive.unitName, 邮编: archive.postcode, 收件人: archive.recipient, 电话: archive.phone, 详细地址: archive.address });
    await saveAndNext(second.page, '预览就业协议内容并发送至学生');
    await expect(second.page.getByText('税前月薪').count()).resolves.toBeGreaterThan(0);
    await screenshot(second.page, 'employer-wizard-preview');
    // Sending without the tick is refused beside it.
    await second.page.getByRole('button', { name: '发送至学生' }).click();
    await second.page.getByText('请先预览就业协议内容并勾选').waitFor();
    await second.page.getByRole('checkbox', { name: '预览就业协议内容' }).check();
    await second.page.getByRole('button', { name: '发送至学生' }).click();
    await second.page.getByText('已发送至学生', { exact: true }).waitFor();
    await second.context.close();
    expect((await p.student.get(`/api/signings/${id}`)).body).toMatchObject({ status: 'PENDING_STUDENT' });

    // ── The student reads all eight sections and returns it with a reason.
    await student.page.goto('/student');
    await student.page.getByRole('button', { name: '查看并确认协议' }).click();
    await student.page.waitForURL((url) => url.pathname === `/student/signings/${id}`);
    for (const section of ['第一条 协议标的', '第二条 劳动或聘用合同有关条款的约定', '第三条 协议的解除', '第四条 违约责任', '第五条 补充条款', '第六条 协议的生效', '第七条 协议的终止', '第八条 协议文本']) {
      await student.page.getByText(section, { exact: true }).first().waitFor();
    }
    await screenshot(student.page, 'student-signing-phone');
    await student.page.getByRole('button', { name: '退回', exact: true }).click();
    await fillField(student.page, '退回原因', '税前月薪与面谈约定不符，应为 8000 元/月');
    await student.page.getByRole('button', { name: '确认退回' }).click();
    await student.page.getByText('已退回用人单位').first().waitFor();
    expect((await p.student.get(`/api/signings/${id}`)).body).toMatchObject({ status: 'PENDING_EMPLOYER' });

    // ── The employer sees the reason, changes only 税前月薪 and sends again.
    const third = await newParty(browser, portal, DESKTOP);
    await signIn(third.page, p.world.employer.username, TEST_PASSWORD);
    await openWizard(third.page);
    await third.page.getByText('退回原因：税前月薪与面谈约定不符，应为 8000 元/月').waitFor();
    await screenshot(third.page, 'employer-wizard-returned');
    await openStep(third.page, '劳动或聘用合同有关条款的约定', '第二条 劳动或聘用合同有关条款的约定');
    await fillField(third.page, '税前月薪', 8000);
    await openStep(third.page, '预览并发送', '预览就业协议内容并发送至学生');
    // The employer's preview shows the one change against the version the student returned.
    await expect(third.page.locator('[data-changed-field]').count()).resolves.toBe(1);
    await third.page.getByRole('checkbox', { name: '预览就业协议内容' }).check();
    await third.page.getByRole('button', { name: '发送至学生' }).click();
    await third.page.getByText('已发送至学生', { exact: true }).waitFor();
    await third.context.close();

    // ── The student sees exactly that change, highlighted, and confirms.
    await student.page.goto(`/student/signings/${id}`);
    await student.page.getByText('与上一版相比，用人单位修改了 1 处', { exact: false }).waitFor();
    const changed = student.page.locator('[data-changed-field]');
    await expect(changed.count()).resolves.toBe(1);
    await expect(changed.getAttribute('data-changed-field')).resolves.toBe('agreement.employmentTerms.monthlySalaryPreTax');
    await expect(changed.getAttribute('aria-label')).resolves.toMatch(/^税前月薪：8,?000.*原内容：5,?000/);
    await screenshot(student.page, 'student-signing-changed-phone');
    // Confirming without the tick is refused; with it, the version on screen is confirmed.
    await student.page.getByRole('button', { name: '确认签约' }).click();
    await student.page.getByText('请先阅读协议并勾选“预览就业协议内容”').waitFor();
    await student.page.getByRole('checkbox', { name: '预览就业协议内容' }).check();
    await student.page.getByRole('button', { name: '确认签约' }).click();
    await student.page.getByText('已确认签约，等待学校确认').waitFor();
    const confirmed = (await p.student.get(`/api/signings/${id}`)).body;
    expect(confirmed).toMatchObject({ status: 'PENDING_SCHOOL' });
    await student.context.close();

    // ── The school ticks the row in 学生就业方案变更审核 and confirms it into 就业方案库.
    const school = await newParty(browser, portal, DESKTOP);
    await signIn(school.page, p.world.school.username, TEST_PASSWORD);
    await school.page.getByText('学生就业方案变更审核').waitFor();
    const tick = school.page.getByRole('checkbox', { name: `选择 于同学（${p.world.student.examineeNo}）` });
    await tick.waitFor();
    await screenshot(school.page, 'school-review');
    await school.page.getByRole('button', { name: '协议书预览' }).first().click();
    // At desktop width the preview frames the printable A4 page the server renders.
    await school.page.frameLocator('iframe.agreement-frame').getByText('劳动或聘用合同有关条款的约定').first().waitFor();
    await screenshot(school.page, 'school-agreement-preview');
    await school.page.keyboard.press('Escape');
    await school.page.getByRole('dialog').waitFor({ state: 'hidden' });
    await tick.check();
    await school.page.getByRole('button', { name: '确认同步至就业方案库' }).click();
    await school.page.getByText('确认同步至就业方案库：成功 1 条，失败 0 条').waitFor();
    await expect(school.page.locator('[data-row-outcome="ok"]').count()).resolves.toBe(1);
    await screenshot(school.page, 'school-review-confirmed');
    await school.context.close();

    const done = (await p.school.get(`/api/signings/${id}`)).body;
    expect(done).toMatchObject({ status: 'COMPLETED' });
    const version = (await p.school.get(`/api/signings/${id}/agreement`)).body;
    expect(version).toMatchObject({ version: 2, agreement: { employmentTerms: { monthlySalaryPreTax: 8000, monthlySalaryAfterTax: 4500 } } });
  });
});
