/**
 * Journeys off the happy path, in a real Chromium against the real stack: a student cancels on a
 * phone while it is their turn, an employer cancels before signing, and a mistyped 社会信用代码
 * names the expected check character beside the field and sends nothing.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCE_CREDIT_CODE } from '../support/sample-data';
import { newParties, signingIn } from '../support/flows';
import { type Harness, TEST_PASSWORD } from '../support/harness';
import { fillField } from './support/antd';
import { DESKTOP, PHONE, newParty, screenshot, signIn } from './support/browser';
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

describe('cancelling and mistakes in a real browser', () => {
  it('the student cancels at 待学生确认 on a phone, with a required reason', { timeout: 120_000 }, async () => {
    const p = await newParties(h);
    const { id } = await signingIn(p, 'PENDING_STUDENT');
    const { context, page } = await newParty(browser, portal, PHONE);
    await signIn(page, p.world.student.username, TEST_PASSWORD, { next: `/student/signings/${id}` });
    await page.getByRole('button', { name: '取消网上签约' }).click();
    const dialog = page.getByRole('dialog');
    // The reason is required: an empty one is refused in the dialog and nothing changes.
    await dialog.getByRole('button', { name: '确认取消网上签约' }).click();
    await dialog.getByRole('alert').first().waitFor();
    expect((await p.student.get(`/api/signings/${id}`)).body).toMatchObject({ status: 'PENDING_STUDENT' });
    await screenshot(page, 'student-cancel-phone');

    await fillField(page, '取消原因', '已与其他单位达成意向');
    await dialog.getByRole('button', { name: '确认取消网上签约' }).click();
    await page.getByText('网上签约已取消').first().waitFor();
    const after = (await p.student.get(`/api/signings/${id}`)).body;
    expect(after).toMatchObject({ status: 'CANCELLED' });
    // The page now shows the ended signing and no step to take.
    await page.getByText('已取消').first().waitFor();
    await expect(page.getByRole('button', { name: '确认签约' }).count()).resolves.toBe(0);
    await context.close();
  });

  it('the employer cancels at 待单位确认 from the signing page', { timeout: 120_000 }, async () => {
    const p = await newParties(h);
    const { id } = await signingIn(p, 'PENDING_EMPLOYER');
    const { context, page } = await newParty(browser, portal, DESKTOP);
    await signIn(page, p.world.employer.username, TEST_PASSWORD, { next: `/employer/signings/${id}` });
    await page.getByRole('button', { name: '取消网上签约' }).click();
    await fillField(page, '取消原因', '岗位已取消');
    await screenshot(page, 'employer-cancel');
    await page.getByRole('dialog').getByRole('button', { name: '确认取消网上签约' }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await expect.poll(async () => (await p.employer.get(`/api/signings/${id}`)).body.status).toBe('CANCELLED');
    await page.getByText('已取消').first().waitFor();
    await context.close();
  });

  it('a mistyped 社会信用代码 names the expected check character beside the field, and nothing is sent', { timeout: 120_000 }, async () => {
    const p = await newParties(h);
    const { context, page } = await newParty(browser, portal, PHONE);
    await signIn(page, p.world.student.username, TEST_PASSWORD, { next: '/student/plan' });
    // The source's code with its 18th character (F) mistyped as A.
    const wrong = `${SOURCE_CREDIT_CODE.slice(0, 17)}A`;
    await fillField(page, '社会信用代码', wrong);
    const field = page.locator('.ant-form-item').filter({ has: page.getByRole('textbox', { name: '社会信用代码', exact: true }) });
    await field.getByText(`统一社会信用代码校验位应为 ${SOURCE_CREDIT_CODE.at(-1)}，当前第 18 位为 A，请核对`).waitFor();
    await expect(page.getByRole('textbox', { name: '社会信用代码', exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');
    await screenshot(page, 'student-plan-credit-code-error-phone');

    // Submitting keeps what was typed and sends nothing.
    await fillField(page, '单位名称', 'tiger7');
    await page.getByRole('button', { name: '保存并提交' }).click();
    await expect(page.getByRole('textbox', { name: '单位名称', exact: true }).inputValue()).resolves.toBe('tiger7');
    expect((await p.student.get('/api/signings')).body.items).toHaveLength(0);

    // Correcting the one character clears the message.
    await fillField(page, '社会信用代码', SOURCE_CREDIT_CODE);
    await field.getByText('校验位应为', { exact: false }).waitFor({ state: 'detached' });
    await context.close();
  });
});
