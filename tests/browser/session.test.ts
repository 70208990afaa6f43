/**
 * Browser journeys of the portal's session, in a real Chromium against the real stack: signing in on
 * the login page (用户名, 密码, 登录) with the session in an HttpOnly cookie the page cannot read, a
 * deep link that survives a reload, an expired session that says so in Chinese and returns the user
 * to where they were after signing in again, 退出登录 ending the session on the server, and a
 * cross-site form POST carrying the cookie being refused without changing anything.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSessions, accounts } from '../../db/schema';
import { signingIn, newParties, type Parties } from '../support/flows';
import { type Harness, TEST_PASSWORD } from '../support/harness';
import { PHONE, newParty, screenshot, signIn } from './support/browser';
import { type PortalStack, startPortalStack } from './support/portal-stack';

let stack: PortalStack;
let h: Harness;
let portal: string;
let browser: Browser;
let evil: Server | undefined;

beforeAll(async () => {
  stack = await startPortalStack();
  ({ h, portal, browser } = stack);
});

afterAll(async () => {
  await new Promise<void>((resolve) => (evil ? evil.close(() => resolve()) : resolve()));
  await stack?.close();
});

describe('portal session in a real browser', () => {
  it('signs in on the login page, keeps the session in an HttpOnly cookie, and a deep link survives a reload', async () => {
    const p: Parties = await newParties(h);
    const { context, page } = await newParty(browser, portal);
    await page.goto('/login');
    await expect(page.getByRole('button', { name: '登录' }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'login');
    await signIn(page, p.world.student.username, TEST_PASSWORD);
    expect(new URL(page.url()).pathname).toBe('/student');

    const cookie = (await context.cookies()).find((c) => c.name === 'wq_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(await page.evaluate('document.cookie')).not.toContain('wq_session');
    expect(await page.evaluate('JSON.stringify(localStorage)')).not.toContain(cookie!.value);

    await page.goto('/student/notifications');
    await page.reload();
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/student/notifications');

    // 退出登录 ends the session on the server: the old cookie opens nothing any more.
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    const replay = await fetch(`${portal}/api/me`, { headers: { cookie: `wq_session=${cookie!.value}` } });
    expect(replay.status).toBe(401);
    await context.close();
  });

  it('an expired session says so in Chinese, and signing in again returns to the same page (phone width)', async () => {
    const p = await newParties(h);
    const { context, page } = await newParty(browser, portal, PHONE);
    await signIn(page, p.world.employer.username, TEST_PASSWORD);
    await page.goto('/employer/notifications');
    await page.getByRole('button', { name: '退出登录' }).waitFor();

    const [account] = await h.database.db.select().from(accounts).where(eq(accounts.username, p.world.employer.username));
    await h.database.db.update(browserSessions).set({ expiresAt: new Date(Date.now() - 1_000) }).where(eq(browserSessions.accountId, account!.id));

    // The next request the page makes (the inbox on the 网上签约 list) answers 401 SESSION_EXPIRED.
    // The page may find the expiry on its own first (the inbox's poll) and leave for the login
    // page before the click lands: either way it must end on the login page with the message.
    const toLogin = page.waitForURL((url) => url.pathname === '/login');
    await page.getByRole('link', { name: '网上签约' }).first().click({ timeout: 5_000 }).catch(() => undefined);
    await toLogin;
    await page.getByText('登录已过期，请重新登录').first().waitFor();
    // Only the session's own words: not the other requests' "not signed in", nor Bearer tokens.
    await expect(page.getByText('Bearer').count()).resolves.toBe(0);
    expect(new URL(page.url()).searchParams.get('next')).toMatch(/^\/employer/);
    await screenshot(page, 'login-session-expired-phone');

    await page.getByLabel('用户名').fill(p.world.employer.username);
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/employer'));
    await context.close();
  });

  it('a cross-site form POST that carries the session cookie is refused and changes nothing', async () => {
    const p = await newParties(h);
    const signing = await signingIn(p, 'PENDING_SCHOOL');
    const { context, page } = await newParty(browser, portal);
    await signIn(page, p.world.school.username, TEST_PASSWORD);

    // Another origin on the same host (same site, so even SameSite=Strict sends the cookie):
    // a page that submits a form to the school's confirm action.
    evil = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<form id="f" method="post" action="${portal}/api/signings/${signing.id}/school-confirm"></form><script>document.getElementById('f').submit()</script>`);
    });
    await new Promise<void>((resolve) => evil!.listen(0, '127.0.0.1', () => resolve()));
    const evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/`;

    const refused = page.waitForResponse((r) => r.url().includes('/school-confirm'));
    await page.goto(evilUrl);
    const response = await refused;
    expect(response.status()).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'FORBIDDEN', details: { reason: 'CROSS_SITE_REQUEST' } } });

    const after = await p.school.get(`/api/signings/${signing.id}`);
    expect(after.body).toMatchObject({ status: 'PENDING_SCHOOL' });
    await context.close();
  });
});
