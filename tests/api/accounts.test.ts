/**
 * Accounts on the real stack: the school's CSV roster import, the admin's password reset, employer
 * self-registration (and that employer signing), changing one's password, the login rate limit and
 * the operator's school:create CLI.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createApp } from '../../api/app';
import { type CreateSchoolArgs, createSchool, parseCliArgs } from '../../scripts/create-school';
import { accounts, employers, students } from '../../db/schema';
import { type Harness, type World, createWorld, startHarness, uniqueCreditCode } from '../support/harness';
import { ApiClient } from '../support/http';
import { sampleApplication, sampleEmployerSign } from '../support/sample-data';

const run = promisify(execFile);

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

let seq = 0;
/** A unique 考生号 of 14 digits. */
function examineeNo(): string {
  seq += 1;
  return `${Date.now()}${String(seq).padStart(3, '0')}`.slice(-14).padStart(14, '1');
}

function postCsv(client: ApiClient, csv: string, contentType = 'text/csv') {
  return client.request('POST', '/api/school/students/import', csv, { 'content-type': contentType });
}

async function schoolAdmin(world: World) {
  return ApiClient.login(h.baseUrl, world.school.username);
}

describe('POST /api/school/students/import', () => {
  it('keeps the good rows, reports the bad ones precisely, and the imported students log in', async () => {
    const world = await createWorld(h.database);
    const school = await schoolAdmin(world);
    const [a, b, c] = [examineeNo(), examineeNo(), examineeNo()];
    const csv = [
      '考生号,姓名,专业,学历,生源地主管单位,邮箱',
      `${a},张三,计算机科学与技术,本科,上海市教育委员会,zhangsan@example.com`,
      `${b},李四,软件工程,硕士,,`,
      `12345,坏考生号,数学,本科,,`,
      `${c},,物理,本科,,`,
      `${examineeNo()},王五,化学,本科,,not-an-email`,
      `${a},张三重复,计算机,本科,,`,
    ].join('\r\n');
    const res = await postCsv(school, `\uFEFF${csv}\r\n`, 'text/csv; charset=utf-8');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toMatchObject({ created: 2, updated: 0, failed: 4 });
    expect(res.body.errors).toEqual([
      { row: 4, field: '考生号', message: '考生号应为 9–15 位数字', examineeNo: '12345' },
      { row: 5, field: '姓名', message: '请填写姓名', examineeNo: c },
      { row: 6, field: '邮箱', message: '邮箱格式不正确，例如 hr@example.com', examineeNo: expect.any(String) },
      { row: 7, field: '考生号', message: '考生号与第 2 行重复', examineeNo: a },
    ]);
    expect(res.body.accounts.map((x: { examineeNo: string }) => x.examineeNo).sort()).toEqual([a, b].sort());
    const issued = res.body.accounts.find((x: { examineeNo: string }) => x.examineeNo === a);
    expect(issued).toMatchObject({ username: a, name: '张三', initialPassword: expect.stringMatching(/^[A-Za-z0-9]{14}$/) });

    // The imported student logs in with the initial password and sees its roster data.
    const student = await ApiClient.login(h.baseUrl, a, issued.initialPassword);
    const me = await student.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      role: 'student',
      username: a,
      email: 'zhangsan@example.com',
      student: { examineeNo: a, name: '张三', major: '计算机科学与技术', educationLevel: '本科', originAuthority: '上海市教育委员会', school: { code: world.schoolCode } },
    });
    const [rowB] = await h.database.db.select().from(students).where(eq(students.examineeNo, b));
    expect(rowB).toMatchObject({ schoolCode: world.schoolCode, name: '李四', educationLevel: '硕士研究生', major: '软件工程', originAuthority: null });
  });

  it('a re-import updates instead of duplicating, and an empty cell keeps the stored value', async () => {
    const world = await createWorld(h.database);
    const school = await schoolAdmin(world);
    const a = examineeNo();
    const first = await postCsv(school, `考生号,姓名,专业,学历\n${a},赵六,机械工程,本科\n`);
    expect(first.body).toMatchObject({ created: 1, updated: 0, failed: 0 });
    const password = first.body.accounts[0].initialPassword;

    const again = await postCsv(school, `考生号,姓名,专业,学历\n${a},赵六六,,硕士研究生\n${world.student.examineeNo},于同学,新闻学,本科\n`);
    expect(again.status).toBe(200);
    // The second row is a student the school already had (with a login): updated, no new account.
    expect(again.body).toMatchObject({ created: 0, updated: 2, failed: 0, errors: [], accounts: [] });

    const rows = await h.database.db.select().from(students).where(inArray(students.examineeNo, [a, world.student.examineeNo]));
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.examineeNo === a)).toMatchObject({ name: '赵六六', major: '机械工程', educationLevel: '硕士研究生' });
    const logins = await h.database.db.select().from(accounts).where(eq(accounts.username, a));
    expect(logins).toHaveLength(1);
    expect(logins[0]).toMatchObject({ displayName: '赵六六' });
    // The first password still works: a re-import does not reset it.
    await ApiClient.login(h.baseUrl, a, password);
  });

  it("refuses another school's 考生号 for that row only", async () => {
    const world = await createWorld(h.database);
    const other = await ApiClient.login(h.baseUrl, world.otherSchool.username);
    const fresh = examineeNo();
    const res = await postCsv(other, `考生号,姓名\n${world.student.examineeNo},冒名\n${fresh},新同学\n`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      created: 1,
      updated: 0,
      failed: 1,
      errors: [{ row: 2, field: '考生号', message: '该考生号已属于其他学校的学生，不能导入', examineeNo: world.student.examineeNo }],
    });
    const [kept] = await h.database.db.select().from(students).where(eq(students.examineeNo, world.student.examineeNo));
    expect(kept).toMatchObject({ schoolCode: world.schoolCode, name: '于同学' });
  });

  it('refuses other roles, other media types, a wrong header and an oversized body', async () => {
    const world = await createWorld(h.database);
    const school = await schoolAdmin(world);
    const student = await ApiClient.login(h.baseUrl, world.student.username);
    const forbidden = await postCsv(student, '考生号,姓名\n123456789,张三\n');
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('FORBIDDEN');
    expect((await new ApiClient(h.baseUrl).request('POST', '/api/school/students/import', 'x', { 'content-type': 'text/csv' })).status).toBe(401);

    const json = await school.post('/api/school/students/import', { rows: [] });
    expect(json.status).toBe(415);
    expect(json.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');

    const header = await postCsv(school, '考生号,名字\n123456789,张三\n');
    expect(header.status).toBe(400);
    expect(header.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: '表头不正确' });
    expect(header.body.error.details).toContainEqual({ path: 'header', message: '缺少必填列“姓名”' });

    const huge = await postCsv(school, `考生号,姓名\n${'123456789,张三\n'.repeat(80_000)}`);
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it("lets the school admin issue a new password for its own student only", async () => {
    const world = await createWorld(h.database);
    const school = await schoolAdmin(world);
    const other = await ApiClient.login(h.baseUrl, world.otherSchool.username);
    const refused = await other.post(`/api/school/students/${world.student.examineeNo}/reset-password`);
    expect(refused.status).toBe(404);
    const reset = await school.post(`/api/school/students/${world.student.examineeNo}/reset-password`);
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ examineeNo: world.student.examineeNo, username: world.student.username });
    await ApiClient.login(h.baseUrl, world.student.username, reset.body.initialPassword);
    expect((await new ApiClient(h.baseUrl).post('/api/auth/login', { username: world.student.username, password: 'Test-password-1' })).status).toBe(401);
  });
});

describe('POST /api/employers/register', () => {
  function registration(overrides: Record<string, unknown> = {}) {
    const tag = randomUUID().slice(0, 8);
    return {
      creditCode: uniqueCreditCode(),
      name: `注册单位${tag}`,
      username: `hr_${tag}`,
      password: 'Hiring-2026-spring',
      email: `hr-${tag}@example.com`,
      contactPerson: '张经理',
      phone: '021-66135000',
      ...overrides,
    };
  }
  const anonymous = () => new ApiClient(h.baseUrl);

  it('registers an employer that logs in and signs the signing a student filed naming its credit code', async () => {
    const world = await createWorld(h.database);
    const body = registration();
    const res = await anonymous().post('/api/employers/register', body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ role: 'employer', username: body.username, employer: { creditCode: body.creditCode, name: body.name } });
    expect(JSON.stringify(res.body)).not.toContain(body.password);
    const [stored] = await h.database.db.select().from(accounts).where(eq(accounts.username, body.username));
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);

    const employer = await ApiClient.login(h.baseUrl, body.username, body.password);
    const student = await ApiClient.login(h.baseUrl, world.student.username);
    const created = await student.post('/api/signings', sampleApplication(body.creditCode));
    expect(created.status).toBe(201);
    const pending = await employer.get('/api/signings?status=PENDING_EMPLOYER');
    expect(pending.body.items.map((s: { id: string }) => s.id)).toEqual([created.body.id]);
    const signed = await employer.post(`/api/signings/${created.body.id}/employer-sign`, sampleEmployerSign());
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ status: 'PENDING_STUDENT', employer: { creditCode: body.creditCode } });
  });

  it('refuses a bad credit code (naming the check character), a weak password and a numeric username, all at once', async () => {
    const res = await anonymous().post(
      '/api/employers/register',
      registration({ creditCode: '914403001922038217', username: '20310101000101', password: 'short' }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([
        { path: 'creditCode', message: '统一社会信用代码校验位错误：第 18 位应为 6' },
        { path: 'username', message: '用户名应为 4–32 位字母、数字或“_”“.”“-”，并以字母开头' },
        { path: 'password', message: '密码至少 10 个字符（当前 5 个）' },
        { path: 'password', message: '密码须包含数字' },
      ]),
    );
  });

  it('applies the password policy: letters and digits, not the username', async () => {
    const digitsOnly = await anonymous().post('/api/employers/register', registration({ password: '12345678901' }));
    expect(digitsOnly.status).toBe(400);
    expect(digitsOnly.body.error.details).toEqual([{ path: 'password', message: '密码须包含字母' }]);
    const sameAsUser = await anonymous().post('/api/employers/register', registration({ username: 'hrdept2026', password: 'HRdept2026' }));
    expect(sameAsUser.status).toBe(400);
    expect(sameAsUser.body.error.details).toEqual([{ path: 'password', message: '密码不能与用户名相同' }]);
  });

  it('409 when the credit code is already registered or the username is taken', async () => {
    const body = registration();
    expect((await anonymous().post('/api/employers/register', body)).status).toBe(201);
    const again = await anonymous().post('/api/employers/register', registration({ creditCode: body.creditCode }));
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'CONFLICT', details: { field: 'creditCode' } });
    const taken = await anonymous().post('/api/employers/register', registration({ username: body.username }));
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ code: 'CONFLICT', details: { field: 'username' } });
  });

  it('an employer known from master data without a login may register; one with a login may not', async () => {
    const world = await createWorld(h.database);
    const claimed = await anonymous().post('/api/employers/register', registration({ creditCode: world.employer.creditCode }));
    expect(claimed.status).toBe(409);
    const creditCode = uniqueCreditCode();
    await h.database.db.insert(employers).values({ creditCode, name: '主数据中的单位' });
    const res = await anonymous().post('/api/employers/register', registration({ creditCode, name: '自报名称' }));
    expect(res.status).toBe(201);
    expect(res.body.employer).toEqual({ creditCode, name: '主数据中的单位' });
  });
});

describe('POST /api/me/password', () => {
  it('changes the password after checking the current one and the policy', async () => {
    const world = await createWorld(h.database);
    const employer = await ApiClient.login(h.baseUrl, world.employer.username);
    const weak = await employer.post('/api/me/password', { currentPassword: 'Test-password-1', newPassword: 'abcdefghij' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details).toEqual([{ path: 'newPassword', message: '密码须包含数字' }]);
    const wrong = await employer.post('/api/me/password', { currentPassword: 'not-it-123', newPassword: 'New-password-2026' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details).toEqual([{ path: 'currentPassword', message: '当前密码不正确' }]);
    const ok = await employer.post('/api/me/password', { currentPassword: 'Test-password-1', newPassword: 'New-password-2026' });
    expect(ok.status).toBe(200);
    await ApiClient.login(h.baseUrl, world.employer.username, 'New-password-2026');
  });
});

describe('login rate limit', () => {
  let baseUrl: string;
  let server: Server;
  let connection: Connection;
  beforeAll(async () => {
    connection = await Connection.connect({ address: inject('temporalAddress') });
    const app = createApp({
      database: h.database,
      temporal: h.client,
      connection,
      taskQueue: h.taskQueue,
      jwtSecret: randomUUID() + randomUUID(),
      loginRateLimit: { limit: 3, windowMs: 60_000 },
      registrationRateLimit: { limit: 2, windowMs: 60_000 },
    });
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await connection?.close();
  });

  it('answers 429 TOO_MANY_REQUESTS after N failed logins for that username, even with the right password', async () => {
    const world = await createWorld(h.database);
    const client = new ApiClient(baseUrl);
    const attempt = (username: string, password: string) => client.post('/api/auth/login', { username, password });
    // Successful logins do not count.
    for (let i = 0; i < 4; i++) expect((await attempt(world.student.username, 'Test-password-1')).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await attempt(world.student.username, `wrong-${i}`)).status).toBe(401);
    const limited = await attempt(world.student.username, 'Test-password-1');
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringContaining('登录失败次数过多') });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another username from the same address is not affected.
    expect((await attempt(world.employer.username, 'Test-password-1')).status).toBe(200);
  });

  it('limits registrations per address', async () => {
    const client = new ApiClient(baseUrl);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await client.post('/api/employers/register', {})).status);
    expect(statuses).toEqual([400, 400, 429]);
  });
});

describe('npm run school:create', () => {
  const cli = (args: string[]) =>
    run('npx', ['tsx', 'scripts/create-school.ts', ...args], { env: { ...process.env, DATABASE_URL: inject('databaseUrl') }, cwd: process.cwd() }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
  const args = (code: string, username: string, extra: Partial<CreateSchoolArgs> = {}): CreateSchoolArgs => ({
    code,
    name: '测试学院',
    adminUsername: username,
    passwordStdin: false,
    ...extra,
  });

  it('creates a school and its admin with a password printed once; bad arguments and conflicts are clear', async () => {
    const code = String(Date.now()).slice(-5);
    const username = `admin${randomUUID().slice(0, 8)}`;
    const first = await cli(['--code', code, '--name', '测试学院', '--admin-username', username, '--admin-email', 'jy@example.edu.cn']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`已创建学校：${code} 测试学院`);
    const password = /初始密码（只显示这一次，请妥善转交）：(\S+)/.exec(first.stdout)?.[1];
    expect(password).toBeDefined();
    const admin = await ApiClient.login(h.baseUrl, username, password!);
    expect((await admin.get('/api/me')).body).toMatchObject({ role: 'school', partyId: code, name: '测试学院就业指导中心', email: 'jy@example.edu.cn' });

    const renamed = await cli(['--code', code, '--name', '别的名字', '--admin-username', `x${username}`]);
    expect(renamed.code).toBe(1);
    expect(renamed.stderr).toContain('学校代码 ' + code + ' 已存在，名称为“测试学院”');

    const bad = await cli(['--code', 'abc', '--admin-username', '1']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--code：学校代码应为 5 位院校代码');
    expect(bad.stderr).toContain('--name：请填写学校名称');
  });

  it('is idempotent for the school and its admin; a password from stdin must meet the policy', async () => {
    const url = inject('databaseUrl');
    const code = String(Date.now() + 7).slice(-5);
    const username = `admin${randomUUID().slice(0, 8)}`;
    const first = await createSchool(url, args(code, username));
    expect(first).toMatchObject({ schoolCreated: true, adminCreated: true, generatedPassword: expect.any(String) });
    expect(await createSchool(url, args(code, username))).toEqual({ schoolCreated: false, adminCreated: false });
    await expect(createSchool(url, args(code, `b${username}`, { passwordStdin: true }), 'short')).rejects.toThrow(/密码不符合要求/);
    const chosen = await createSchool(url, args(code, `b${username}`, { passwordStdin: true }), 'Chosen-password-42');
    expect(chosen).toEqual({ schoolCreated: false, adminCreated: true });
    await ApiClient.login(h.baseUrl, `b${username}`, 'Chosen-password-42');
    // A username some other account uses.
    const world = await createWorld(h.database);
    await expect(createSchool(url, args(code, world.employer.username))).rejects.toThrow(/已被其他账号使用/);
    expect(() => parseCliArgs(['--code', code, '--name', '测试学院', '--admin-username', username, '--admin-email', 'bad'])).toThrow(/--admin-email/);
    expect(() => parseCliArgs(['--bogus'])).toThrow(/参数错误/);
  });
});
