/**
 * The portal's browser sessions against the real stack: POST /api/auth/session sets an HttpOnly
 * SameSite=Strict cookie (never a token in the body), the party API accepts it beside Bearer tokens,
 * DELETE /api/auth/session ends it on the server, an expired row says so, and a cookie-authenticated
 * write from another site is refused before it changes anything (api/http/csrf.ts), while Bearer clients
 * are not subject to that check.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Connection } from '@temporalio/client';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { createAccount } from '../../db/master-data';
import { accounts, browserSessions, idempotencyKeys, signingEvents, signings } from '../../db/schema';
import { type Parties, newParties, signingIn } from '../support/flows';
import { type Harness, TEST_PASSWORD, startHarness } from '../support/harness';
import { ApiClient, cookieFrom } from '../support/http';
import { sampleEmployerSign } from '../support/sample-data';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' };
const tokenOf = (cookie: string) => cookie.slice('wq_session='.length);
const rowIdOf = (cookie: string) => createHash('sha256').update(tokenOf(cookie)).digest('hex');

async function sessionRow(cookie: string) {
  const [row] = await h.database.db.select().from(browserSessions).where(eq(browserSessions.id, rowIdOf(cookie)));
  return row;
}

/** POST /api/auth/session with the given headers; the raw answer and its cookie. */
async function signIn(username: string, headers: Record<string, string> = SAME_ORIGIN, password = TEST_PASSWORD) {
  const res = await new ApiClient(h.baseUrl).post('/api/auth/session', { username, password }, headers);
  return { res, cookie: cookieFrom(res.headers, 'wq_session'), setCookie: res.headers.getSetCookie().join('\n') };
}

describe('POST /api/auth/session', () => {
  it('sets the session cookie (HttpOnly, SameSite=Strict, Path=/, Max-Age) and answers the user, never the token', async () => {
    const p = await newParties(h);
    const { res, cookie, setCookie } = await signIn(p.world.student.username);
    expect(res.status).toBe(200);
    expect(cookie).toMatch(/^wq_session=[A-Za-z0-9_-]{43}$/);
    const attributes = setCookie.split(';').map((a) => a.trim());
    expect(attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/', `Max-Age=${12 * 3600}`]));
    // Plain HTTP here: no Secure flag (the browser would not send it back over http).
    expect(attributes).not.toContain('Secure');
    expect(res.headers.get('cache-control')).toBe('no-store');

    expect(Object.keys(res.body).sort()).toEqual(['expiresAt', 'user']);
    expect(res.body.user).toEqual({ id: expect.any(String), role: 'student', name: 'student', username: p.world.student.username });
    expect(JSON.stringify(res.body)).not.toContain(tokenOf(cookie!));
    const expiresAt = new Date(res.body.expiresAt).getTime();
    expect(Math.abs(expiresAt - (Date.now() + 12 * 3600_000))).toBeLessThan(5 * 60_000);

    // The database has the token's hash, never the token.
    const row = await sessionRow(cookie!);
    expect(row).toMatchObject({ accountId: res.body.user.id });
    expect(row!.expiresAt.getTime()).toBe(expiresAt);
    const raw = await h.database.db.execute(sql`select count(*)::int as n from browser_sessions where id = ${tokenOf(cookie!)}`);
    expect((raw as unknown as { n: number }[])[0]!.n).toBe(0);
  });

  it('refuses bad credentials (401 as the login does) and operators (403), setting no cookie', async () => {
    const p = await newParties(h);
    const wrong = await signIn(p.world.student.username, SAME_ORIGIN, 'Wrong-password-1');
    expect(wrong.res.status).toBe(401);
    expect(wrong.res.body.error).toMatchObject({ code: 'UNAUTHENTICATED', message: '用户名或密码错误' });
    expect(wrong.cookie).toBeUndefined();

    const operator = `ops-${randomUUID().slice(0, 8)}`;
    await createAccount(h.database.db, { username: operator, password: TEST_PASSWORD, displayName: '运维人员' }, { role: 'operator' });
    const ops = await signIn(operator);
    expect(ops.res.status).toBe(403);
    expect(ops.res.body.error.code).toBe('FORBIDDEN');
    expect(ops.res.body.error.message).toContain('运维账号只用于 Temporal UI 的 codec 接口');
    expect(ops.cookie).toBeUndefined();
  });

  it('refuses a sign-in from another site (login CSRF): 403 CROSS_SITE_REQUEST, no session started', async () => {
    const p = await newParties(h);
    const [account] = await h.database.db.select().from(accounts).where(eq(accounts.username, p.world.employer.username));
    const forged: Record<string, string>[] = [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, {}];
    for (const headers of forged) {
      const { res, cookie } = await signIn(p.world.employer.username, headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.body.error).toEqual({ code: 'FORBIDDEN', message: '跨站请求已被拒绝（CSRF 保护）', details: { reason: 'CROSS_SITE_REQUEST' } });
      expect(cookie).toBeUndefined();
    }
    expect(await h.database.db.select().from(browserSessions).where(eq(browserSessions.accountId, account!.id))).toEqual([]);

    // The page's own origin, told by Origin alone (no Sec-Fetch-Site), is accepted; so is a typed-in request.
    expect((await signIn(p.world.employer.username, { origin: h.baseUrl })).res.status).toBe(200);
    expect((await signIn(p.world.employer.username, { 'sec-fetch-site': 'none' })).res.status).toBe(200);
  });

  it('counts failed sign-ins in the same limiter as POST /api/auth/login', async () => {
    const p = await newParties(h);
    // Production's limit: 10 failures per (IP, username) in 15 minutes.
    for (let i = 0; i < 10; i += 1) expect((await signIn(p.world.school.username, SAME_ORIGIN, 'Wrong-password-1')).res.status).toBe(401);
    const login = await new ApiClient(h.baseUrl).post('/api/auth/login', { username: p.world.school.username, password: TEST_PASSWORD });
    expect(login.status).toBe(429);
    expect((await signIn(p.world.school.username)).res.status).toBe(429);
  });
});

describe('a new password ends the account’s other browser sessions', () => {
  it('changing one’s own password keeps this browser signed in and signs out the others', async () => {
    const p = await newParties(h);
    const here = await ApiClient.session(h.baseUrl, p.world.employer.username);
    const elsewhere = await ApiClient.session(h.baseUrl, p.world.employer.username);
    const changed = await here.post('/api/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'New-password-2026' });
    expect(changed.status).toBe(200);
    expect((await here.get('/api/me')).status).toBe(200);
    const ended = await elsewhere.get('/api/me');
    expect(ended.status).toBe(401);
  });

  it('a school’s reset of a student’s password signs out every browser of that student', async () => {
    const p = await newParties(h);
    const phone = await ApiClient.session(h.baseUrl, p.world.student.username);
    expect((await phone.get('/api/me')).status).toBe(200);
    const reset = await p.school.post(`/api/school/students/${p.world.student.examineeNo}/reset-password`);
    expect(reset.status).toBe(200);
    expect((await phone.get('/api/me')).status).toBe(401);
    // The new password opens a new session.
    const again = await ApiClient.session(h.baseUrl, p.world.student.username, reset.body.initialPassword);
    expect((await again.get('/api/me')).status).toBe(200);
  });
});

describe('requests with the session cookie', () => {
  it('GET /api/me and the school’s roster routes authenticate with the cookie', async () => {
    const p = await newParties(h);
    const student = await ApiClient.session(h.baseUrl, p.world.student.username);
    const me = await student.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ role: 'student' });

    // A safe method needs no same-origin proof (SameSite=Strict keeps the cookie off cross-site ones anyway).
    expect((await new ApiClient(h.baseUrl).request('GET', '/api/me', undefined, { cookie: student.cookie! })).status).toBe(200);

    const school = await ApiClient.session(h.baseUrl, p.world.school.username);
    const reset = await school.post(`/api/school/students/${p.world.student.examineeNo}/reset-password`);
    expect(reset.status).toBe(200);
    expect(reset.body.initialPassword).toEqual(expect.any(String));
    const crossSite = await school.post(`/api/school/students/${p.world.student.examineeNo}/reset-password`, undefined, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.error.details).toEqual({ reason: 'CROSS_SITE_REQUEST' });
  });

  it('a signing goes forward with cookie-authenticated actions from the same origin', async () => {
    const p = await newParties(h);
    const { id } = await signingIn(p, 'PENDING_EMPLOYER');
    const employer = await ApiClient.session(h.baseUrl, p.world.employer.username);
    const signed = await employer.post(`/api/signings/${id}/employer-sign`, sampleEmployerSign(), { 'idempotency-key': randomUUID() });
    expect(signed.status).toBe(200);
    expect(signed.body.status).toBe('PENDING_STUDENT');

    // Origin alone (an older browser without Sec-Fetch-Site) proves the same origin too.
    const student = await ApiClient.session(h.baseUrl, p.world.student.username);
    const confirm = await new ApiClient(h.baseUrl).post(
      `/api/signings/${id}/student-confirm`,
      { agreementHash: signed.body.agreement.hash, previewed: true },
      { cookie: student.cookie!, origin: h.baseUrl },
    );
    expect(confirm.status).toBe(200);
    expect(confirm.body.status).toBe('PENDING_SCHOOL');
  });

  it('ignores an Authorization header of another scheme (Basic cached for /codec) and uses the cookie', async () => {
    const p = await newParties(h);
    const student = await ApiClient.session(h.baseUrl, p.world.student.username);
    const res = await new ApiClient(h.baseUrl).request('GET', '/api/me', undefined, { cookie: student.cookie!, authorization: 'Basic b3BzOnB3' });
    expect(res.status).toBe(200);
  });

  it('without a token or a cookie: 401 saying to sign in', async () => {
    const res = await new ApiClient(h.baseUrl).get('/api/me');
    expect(res.status).toBe(401);
    expect(res.body.error.message).toBe('请先登录（浏览器登录，或 Authorization: Bearer 令牌）');
    const unknown = await new ApiClient(h.baseUrl, undefined, 'wq_session=not-a-session').get('/api/me');
    expect(unknown.status).toBe(401);
    expect(unknown.body.error).toMatchObject({ message: '登录状态已失效，请重新登录', details: { reason: 'SESSION_INVALID' } });
  });
});

describe('the end of a session', () => {
  it('DELETE /api/auth/session ends it on the server and clears the cookie; again without one: 204', async () => {
    const p = await newParties(h);
    const student = await ApiClient.session(h.baseUrl, p.world.student.username);
    expect(await sessionRow(student.cookie!)).toBeDefined();

    // Signing out is a write too: not from another site.
    const forged = await student.request('DELETE', '/api/auth/session', undefined, { 'sec-fetch-site': 'cross-site' });
    expect(forged.status).toBe(403);
    expect(await sessionRow(student.cookie!)).toBeDefined();

    const out = await student.request('DELETE', '/api/auth/session');
    expect(out.status).toBe(204);
    const cleared = out.headers.getSetCookie().join('\n');
    expect(cleared).toMatch(/^wq_session=;/);
    expect(cleared).toContain('Max-Age=0');
    expect(await sessionRow(student.cookie!)).toBeUndefined();

    const after = await student.get('/api/me');
    expect(after.status).toBe(401);
    expect(after.body.error).toMatchObject({ code: 'UNAUTHENTICATED', message: '登录状态已失效，请重新登录' });
    // The dead cookie is cleared on the 401 too.
    expect(after.headers.getSetCookie().join('\n')).toContain('Max-Age=0');

    expect((await new ApiClient(h.baseUrl).request('DELETE', '/api/auth/session', undefined, SAME_ORIGIN)).status).toBe(204);
    expect((await student.request('DELETE', '/api/auth/session')).status).toBe(204);
  });

  it('an expired session: 401 with details.reason SESSION_EXPIRED', async () => {
    const p = await newParties(h);
    const employer = await ApiClient.session(h.baseUrl, p.world.employer.username);
    await h.database.db
      .update(browserSessions)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(browserSessions.id, rowIdOf(employer.cookie!)));
    const res = await employer.get('/api/me');
    expect(res.status).toBe(401);
    expect(res.body.error).toEqual({ code: 'UNAUTHENTICATED', message: '登录已过期，请重新登录', details: { reason: 'SESSION_EXPIRED' } });
  });

  it('a disabled account’s session opens nothing', async () => {
    const p = await newParties(h);
    const employer = await ApiClient.session(h.baseUrl, p.world.employer.username);
    await h.database.db.update(accounts).set({ disabled: true }).where(eq(accounts.username, p.world.employer.username));
    const res = await employer.get('/api/me');
    expect(res.status).toBe(401);
    expect(res.body.error.details).toEqual({ reason: 'SESSION_INVALID' });
  });

  it('signing in again replaces the browser’s previous session', async () => {
    const p = await newParties(h);
    const first = await ApiClient.session(h.baseUrl, p.world.student.username);
    const again = await new ApiClient(h.baseUrl).post('/api/auth/session', { username: p.world.student.username, password: TEST_PASSWORD }, { ...SAME_ORIGIN, cookie: first.cookie! });
    expect(again.status).toBe(200);
    expect(await sessionRow(first.cookie!)).toBeUndefined();
    expect(await sessionRow(cookieFrom(again.headers, 'wq_session')!)).toBeDefined();
  });
});

describe('CSRF: cookie-authenticated writes from another site', () => {
  /** Everything a cancel would write for this signing and caller: the row, its events, idempotency keys. */
  async function state(p: Parties, id: string) {
    const { db } = h.database;
    const [account] = await db.select().from(accounts).where(eq(accounts.username, p.world.student.username));
    return {
      signing: await db.select().from(signings).where(eq(signings.id, id)),
      events: await db.select().from(signingEvents).where(eq(signingEvents.signingId, id)),
      keys: await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.accountId, account!.id)),
    };
  }

  it('are refused with 403 CROSS_SITE_REQUEST before anything changes', async () => {
    const p = await newParties(h);
    const { id } = await signingIn(p, 'PENDING_EMPLOYER');
    const student = await ApiClient.session(h.baseUrl, p.world.student.username);
    const before = await state(p, id);
    const forged: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site', origin: 'https://evil.example' },
      {},
    ];
    for (const headers of forged) {
      const res = await fetch(`${h.baseUrl}/api/signings/${id}/cancel`, {
        method: 'POST',
        // No Sec-Fetch-Site of the client's own: exactly the headers of the case.
        headers: { 'content-type': 'application/json', cookie: student.cookie!, 'idempotency-key': randomUUID(), ...headers },
        body: JSON.stringify({ reason: '不再签约' }),
      });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(await res.json()).toEqual({ error: { code: 'FORBIDDEN', message: '跨站请求已被拒绝（CSRF 保护）', details: { reason: 'CROSS_SITE_REQUEST' } } });
    }
    expect(await state(p, id)).toEqual(before);
    expect((await p.student.get(`/api/signings/${id}`)).body.status).toBe('PENDING_EMPLOYER');
  });

  it('Bearer clients are not subject to it: a foreign Origin changes nothing for them', async () => {
    const p = await newParties(h);
    const { id } = await signingIn(p, 'PENDING_EMPLOYER');
    const res = await p.student.post(`/api/signings/${id}/cancel`, { reason: '不再签约' }, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('CANCELLED');
  });
});

describe('the Secure flag', () => {
  it('follows req.secure: X-Forwarded-Proto counts only where the app trusts the proxy', async () => {
    const p = await newParties(h);
    // The app as createApp builds it trusts no proxy: a client-sent X-Forwarded-Proto changes nothing.
    const plain = await signIn(p.world.student.username, { ...SAME_ORIGIN, 'x-forwarded-proto': 'https' });
    expect(plain.res.status).toBe(200);
    expect(plain.setCookie).not.toMatch(/;\s*Secure/);

    // Behind a TLS-terminating proxy the deployment sets Express's `trust proxy`: then the cookie is Secure.
    const app = createApp({
      database: h.database,
      temporal: h.client,
      connection: h.client.connection as Connection,
      taskQueue: h.taskQueue,
      jwtSecret: randomUUID() + randomUUID(),
      logger: { error: () => {} },
    });
    app.set('trust proxy', 'loopback');
    const server: Server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const port = (server.address() as AddressInfo).port;
      const res = await fetch(`http://127.0.0.1:${port}/api/auth/session`, {
        method: 'POST',
        // Origin as the browser saw the page: https through the proxy.
        headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https', origin: `https://127.0.0.1:${port}` },
        body: JSON.stringify({ username: p.world.student.username, password: TEST_PASSWORD }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.getSetCookie().join('\n')).toMatch(/;\s*Secure/);
      await res.arrayBuffer();
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
