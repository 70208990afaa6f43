/**
 * Every party's main screens at the other width than its journey uses — the student at desktop
 * width, the employer and the school at phone width (375 px) — each checked to fit the screen (no
 * sideways scrolling of the page itself; wide tables scroll inside their own box) and written as a
 * screenshot for the README and for people reviewing the screens.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newParties, signingIn } from '../support/flows';
import { type Harness, TEST_PASSWORD } from '../support/harness';
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

/** Opens `path`, waits for `ready` text, checks the page fits and writes `<name>.png`. */
async function visit(page: Page, path: string, ready: string, name: string): Promise<void> {
  await page.goto(path);
  await page.getByText(ready, { exact: true }).first().waitFor();
  await screenshot(page, name);
  expect({ name, overflow: await pageOverflow(page) }).toEqual({ name, overflow: 0 });
}

describe('each party\'s screens at the other width', () => {
  it('the student at desktop width', { timeout: 120_000 }, async () => {
    const p = await newParties(h);
    const { id } = await signingIn(p, 'PENDING_STUDENT');
    const { context, page } = await newParty(browser, portal, DESKTOP);
    await signIn(page, p.world.student.username, TEST_PASSWORD);
    await visit(page, '/student', '个人中心', 'student-home');
    await visit(page, `/student/signings/${id}`, '确认签约', 'student-signing');
    await visit(page, '/student/notifications', '退出登录', 'student-notifications');
    await context.close();
  });

  it('the employer at phone width', { timeout: 120_000 }, async () => {
    const p = await newParties(h);
    const { id } = await signingIn(p, 'PENDING_EMPLOYER');
    const { context, page } = await newParty(browser, portal, PHONE);
    await signIn(page, p.world.employer.username, TEST_PASSWORD);
    await visit(page, '/employer', '签约', 'employer-list-phone');
    await visit(page, `/employer/signings/${id}/sign`, '单位性质及联系方式', 'employer-wizard-phone');
    await visit(page, `/employer/signings/${id}`, '取消网上签约', 'employer-detail-phone');
    await context.close();
  });

  it('the school at phone width', { timeout: 120_000 }, async () => {
    const p = await newParties(h);
    await signingIn(p, 'PENDING_SCHOOL');
    const { context, page } = await newParty(browser, portal, PHONE);
    await signIn(page, p.world.school.username, TEST_PASSWORD);
    await visit(page, '/school', '学生就业方案变更审核', 'school-review-phone');
    await visit(page, '/school/students', '学生名单', 'school-students-phone');
    await context.close();
  });
});
