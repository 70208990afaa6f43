/**
 * The employer wizard's 合同期限类型 in a real Chromium: with a complete draft saved through the API
 * (a fixed term), the employer opens 第二条, switches to 无固定期限 — the months input goes away and
 * the probation limit becomes the open-ended one (劳动合同法第十九条: at most 6 months) — and sends.
 * The signing stores the kind without months, the student's page and the printable agreement show
 * 无固定期限, and both show the 协议书编号.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newParties, signingIn } from '../support/flows';
import { type Harness, TEST_PASSWORD } from '../support/harness';
import { sampleAgreement, sampleArchive, sampleContact } from '../support/sample-data';
import { DESKTOP, PHONE, newParty, screenshot, signIn } from './support/browser';
import { openStep } from './support/wizard';
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

describe('合同期限类型 in the employer wizard', () => {
  it('switches a saved fixed term to 无固定期限 and sends it; the student and the print show the kind', { timeout: 240_000 }, async () => {
    const p = await newParties(h);
    const { id } = await signingIn(p, 'PENDING_EMPLOYER');
    const saved = await p.employer.request('PUT', `/api/signings/${id}/agreement/draft`, {
      unitNature: '39',
      contact: sampleContact(),
      agreement: sampleAgreement({ contractTermMonths: 36, probationMonths: 3 }),
      archive: sampleArchive(),
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const { agreementNo } = (await p.employer.get(`/api/signings/${id}`)).body as { agreementNo: string };

    const employer = await newParty(browser, portal, DESKTOP);
    await signIn(employer.page, p.world.employer.username, TEST_PASSWORD);
    await employer.page.goto(`/employer/signings/${id}/sign`);
    await employer.page.getByText('已恢复上次保存的草稿').waitFor();
    await openStep(employer.page, '劳动或聘用合同有关条款的约定', '第二条 劳动或聘用合同有关条款的约定');
    const months = employer.page.getByRole('spinbutton', { name: '合同期限', exact: true });
    await months.waitFor();

    // antd's button-style radios: the label is what a person clicks.
    await employer.page.locator('label.ant-radio-button-wrapper', { hasText: '无固定期限' }).click();
    await expect(employer.page.getByRole('radio', { name: '无固定期限' }).isChecked()).resolves.toBe(true);
    // No months for an open-ended contract; the probation limit is the open-ended one.
    await months.waitFor({ state: 'detached' });
    await employer.page.getByText('无固定期限：试用期最多 6 个月（劳动合同法第十九条）').waitFor();
    // A task-based contract allows no probation: the draft's 3 months are refused beside the field.
    await employer.page.locator('label.ant-radio-button-wrapper', { hasText: '以完成一定工作任务为期限' }).click();
    await employer.page.getByText('以完成一定工作任务为期限：不得约定试用期（劳动合同法第十九条）').waitFor();
    await employer.page.getByRole('button', { name: '保存并进入下一条' }).click();
    await employer.page.getByText('以完成一定工作任务为期限的劳动合同不得约定试用期', { exact: false }).first().waitFor();
    // Open-ended it is: 3 months' probation is within its 6.
    await employer.page.locator('label.ant-radio-button-wrapper', { hasText: '无固定期限' }).click();
    await screenshot(employer.page, 'employer-wizard-open-ended');

    await openStep(employer.page, '预览并发送', '预览就业协议内容并发送至学生');
    await employer.page.getByText('无固定期限').first().waitFor();
    await employer.page.getByRole('checkbox', { name: '预览就业协议内容' }).check();
    await employer.page.getByRole('button', { name: '发送至学生' }).click();
    await employer.page.getByText('已发送至学生', { exact: true }).waitFor();
    await employer.context.close();

    const version = await p.student.get(`/api/signings/${id}/agreement?version=1`);
    expect(version.status).toBe(200);
    expect(version.body.agreement.employmentTerms).toMatchObject({ contractTermKind: 'openEnded', probationMonths: 3 });
    expect(version.body.agreement.employmentTerms.contractTermMonths).toBeUndefined();

    const student = await newParty(browser, portal, PHONE);
    await signIn(student.page, p.world.student.username, TEST_PASSWORD);
    await student.page.goto(`/student/signings/${id}`);
    await student.page.getByText('第二条 劳动或聘用合同有关条款的约定', { exact: true }).first().waitFor();
    await student.page.getByText('无固定期限').first().waitFor();
    await student.page.getByText(agreementNo).first().waitFor();
    await screenshot(student.page, 'student-signing-open-ended-phone');
    await student.context.close();

    const print = await p.student.get(`/api/signings/${id}/agreement?format=html`);
    expect(String(print.body)).toContain('无固定期限');
    expect(String(print.body)).toContain(agreementNo);
  });
});
