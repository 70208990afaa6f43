/**
 * The desks over HTTP on the real stack: the school's 学生就业方案变更审核 table and the employer's
 * list (filters, sorts, keyset pagination, CSV export), and the school's batch confirm / return.
 *
 * The read-only tests run over ~300 signings inserted straight into PostgreSQL (tests/support/
 * desk-seed.ts): projection rows WITHOUT a workflow, because creating hundreds through the API and
 * Temporal takes minutes on two cores. Nothing here sends an action to one of them. The batch tests
 * act on signings created and driven through the API, with real workflows.
 */
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, upsertStudent } from '../../db/master-data';
import { type SigningStatus, STATUS_LABELS } from '../../domain/status';
import { type SeededSigning, seedDeskSignings } from '../support/desk-seed';
import { type Parties, newParties, signingIn } from '../support/flows';
import { type Harness, TEST_PASSWORD, startHarness, uniqueCreditCode } from '../support/harness';
import { ApiClient } from '../support/http';

let h: Harness;
/** School A: its admin's desk is under test. */
let p: Parties;
let seeded: SeededSigning[];
/** Signings of the other school, some naming the same employer. */
let otherSeeded: SeededSigning[];

const EXTRA_EMPLOYERS = [
  { creditCode: uniqueCreditCode(), name: '上海星辰软件有限公司' },
  { creditCode: uniqueCreditCode(), name: '北京云帆科技有限公司' },
];

beforeAll(async () => {
  h = await startHarness();
  p = await newParties(h);
  const employers = [
    { creditCode: p.world.employer.creditCode, name: 'tiger7' },
    { creditCode: p.world.otherEmployer.creditCode, name: '另一家单位' },
    ...EXTRA_EMPLOYERS,
  ];
  const newestAt = new Date('2026-06-10T04:00:00.000Z');
  seeded = await seedDeskSignings(h.database.db, { schoolCode: p.world.schoolCode, employers, count: 300, newestAt, seed: 42 });
  otherSeeded = await seedDeskSignings(h.database.db, { schoolCode: p.world.otherSchool.schoolCode, employers, count: 40, newestAt, seed: 7 });
});
afterAll(async () => {
  await h?.close();
});

type Item = { id: string; [k: string]: any };

/** Follows nextCursor to the end; checks that every page agrees on the total. */
async function walk(client: ApiClient, path: string, limit: number): Promise<{ items: Item[]; pages: number; total: number }> {
  const items: Item[] = [];
  let cursor: string | null = null;
  let pages = 0;
  let total = -1;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res: { status: number; body: any } = await client.get(`${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    if (total === -1) total = res.body.total;
    expect(res.body.total).toBe(total);
    expect(res.body.items.length).toBeLessThanOrEqual(limit);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
    pages += 1;
    if (pages > 1000) throw new Error('pagination does not end');
  } while (cursor);
  expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
  return { items, pages, total };
}

const pinyin = new Intl.Collator('zh');
const byId = (a: SeededSigning, b: SeededSigning) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const bytes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const COMPARE: Record<string, (a: SeededSigning, b: SeededSigning) => number> = {
  submittedAt: (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || byId(a, b),
  updatedAt: (a, b) => a.updatedAt.getTime() - b.updatedAt.getTime() || byId(a, b),
  studentName: (a, b) => pinyin.compare(a.studentName, b.studentName) || bytes(a.studentName, b.studentName) || byId(a, b),
  examineeNo: (a, b) => bytes(a.examineeNo, b.examineeNo) || byId(a, b),
};

function expected(filter: (s: SeededSigning) => boolean, sort = 'submittedAt', order: 'asc' | 'desc' = 'desc'): string[] {
  const cmp = COMPARE[sort]!;
  return seeded
    .filter(filter)
    .sort((a, b) => (order === 'asc' ? cmp(a, b) : cmp(b, a)))
    .map((s) => s.id);
}

const BEIJING = 8 * 3_600_000;

describe('GET /api/school/signings (学生就业方案变更审核)', () => {
  it('shows the school’s signings 待学校确认 by default, newest first, with the source’s columns', async () => {
    const res = await p.school.get('/api/school/signings');
    expect(res.status).toBe(200);
    const want = expected((s) => s.status === 'PENDING_SCHOOL');
    expect(want.length).toBeGreaterThan(80);
    expect(res.body.total).toBe(want.length);
    expect(res.body.status).toEqual(['PENDING_SCHOOL']);
    expect(res.body).toMatchObject({ sort: 'submittedAt', order: 'desc' });
    expect(res.body.items.map((i: Item) => i.id)).toEqual(want.slice(0, 50));
    expect(res.body.nextCursor).toEqual(expect.any(String));

    const first = res.body.items[0];
    const source = seeded.find((s) => s.id === first.id)!;
    expect(first).toMatchObject({
      status: 'PENDING_SCHOOL',
      statusLabel: '待学校确认',
      processingState: 'TODO',
      processingStateLabel: '未处理',
      processInfo: { action: 'studentConfirm', actionLabel: '学生确认签约', actorRole: 'student' },
      allowedActions: expect.arrayContaining(['return', 'schoolConfirm', 'cancel']),
      agreementPreviewUrl: `/api/signings/${first.id}/agreement?format=html`,
      student: { name: source.studentName, examineeNo: source.examineeNo, major: expect.any(String), educationLevel: expect.any(String) },
      graduationDestination: '01',
      graduationDestinationLabel: '派遣网上签约',
      infoRegistrationNo: expect.stringMatching(/^\d{7}$/),
      employer: { creditCode: source.employerCreditCode, name: source.employerName, unitNature: '39', unitNatureLabel: '其他企业' },
      regionCode: source.regionCode,
      regionName: expect.any(String),
      jobCategoryCode: source.jobCategoryCode,
      jobCategoryLabel: expect.any(String),
      agreement: { version: 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      submittedAt: source.createdAt.toISOString(),
      deadlineAt: expect.any(String),
      school: { code: p.world.schoolCode },
    });
    expect(first.processInfo.text).toMatch(/^学生确认签约（\d{4}-\d{2}-\d{2} \d{2}:\d{2}）$/);
  });

  it('walks every status in each sort, page by page, exactly as sorted in memory', async () => {
    for (const [sort, order] of [
      ['submittedAt', 'desc'],
      ['submittedAt', 'asc'],
      ['updatedAt', 'desc'],
      ['studentName', 'asc'],
      ['studentName', 'desc'],
      ['examineeNo', 'asc'],
      ['examineeNo', 'desc'],
    ] as const) {
      const walked = await walk(p.school, `/api/school/signings?status=all&sort=${sort}&order=${order}`, 23);
      expect(walked.total).toBe(300);
      expect(walked.pages).toBe(Math.ceil(300 / 23));
      expect(walked.items.map((i) => i.id), `${sort} ${order}`).toEqual(expected(() => true, sort, order));
    }
    // The seed has ties, so the id tie-break was exercised.
    expect(new Set(seeded.map((s) => s.createdAt.getTime())).size).toBeLessThan(300);
    expect(new Set(seeded.map((s) => s.studentName)).size).toBeLessThan(300);
  });

  it('filters by status, employer, region, submission dates and keyword, alone and together', async () => {
    const cases: [string, (s: SeededSigning) => boolean][] = [
      ['status=all', () => true],
      ['status=COMPLETED', (s) => s.status === 'COMPLETED'],
      ['status=PENDING_EMPLOYER,PENDING_STUDENT', (s) => s.status === 'PENDING_EMPLOYER' || s.status === 'PENDING_STUDENT'],
      [`status=all&employer=${p.world.employer.creditCode}`, (s) => s.employerCreditCode === p.world.employer.creditCode],
      [`status=all&employer=${p.world.employer.creditCode.slice(0, 12).toLowerCase()}`, (s) => s.employerCreditCode.startsWith(p.world.employer.creditCode.slice(0, 12))],
      [`status=all&employer=${encodeURIComponent('星辰')}`, (s) => s.employerName.includes('星辰')],
      [`employer=${encodeURIComponent('科技有限')}`, (s) => s.status === 'PENDING_SCHOOL' && s.employerName.includes('科技有限')],
      ['status=all&region=31', (s) => s.regionCode.startsWith('31')],
      ['status=all&region=310000', (s) => s.regionCode.startsWith('31')],
      ['status=all&region=3101', (s) => s.regionCode.startsWith('3101')],
      ['status=all&region=310104', (s) => s.regionCode === '310104'],
      ['status=all&region=440300', (s) => s.regionCode.startsWith('4403')],
      ['status=all&region=44', (s) => s.regionCode.startsWith('44')],
      [`status=all&q=${encodeURIComponent('王')}`, (s) => s.studentName.includes('王')],
      [`status=all&q=${encodeURIComponent('秀英')}`, (s) => s.studentName.includes('秀英')],
      [`status=all&q=${seeded[17]!.examineeNo}`, (s) => s.examineeNo === seeded[17]!.examineeNo],
      // A keyword matches 考生号 and 协议书编号 alike.
      [`status=all&q=${seeded[17]!.examineeNo.slice(-4)}`, (s) => [s.examineeNo, s.agreementNo].some((v) => v.includes(seeded[17]!.examineeNo.slice(-4)))],
      [`status=all&q=${seeded[17]!.agreementNo}`, (s) => s.agreementNo === seeded[17]!.agreementNo],
      [
        `status=PENDING_SCHOOL,COMPLETED&region=31&q=${encodeURIComponent('李')}&employer=tiger`,
        (s) => ['PENDING_SCHOOL', 'COMPLETED'].includes(s.status) && s.regionCode.startsWith('31') && s.studentName.includes('李') && s.employerName.includes('tiger'),
      ],
      // LIKE wildcards in user text match themselves.
      ['status=all&q=%25', () => false],
      ['status=all&employer=_', () => false],
    ];
    for (const [query, filter] of cases) {
      const want = expected(filter);
      const walked = await walk(p.school, `/api/school/signings?${query}`, 200);
      expect(walked.items.map((i) => i.id), query).toEqual(want);
      expect(walked.total, query).toBe(want.length);
    }
  });

  it('filters by submission date: a day is a whole Beijing day; an instant bounds exactly', async () => {
    // A Beijing calendar day in the middle of the seeded range.
    const mid = seeded[150]!.createdAt.getTime();
    const dayStart = Math.floor((mid + BEIJING) / 86_400_000) * 86_400_000 - BEIJING;
    const day = new Date(dayStart + BEIJING).toISOString().slice(0, 10);
    const oneDay = await walk(p.school, `/api/school/signings?status=all&submittedFrom=${day}&submittedTo=${day}`, 200);
    const want = expected((s) => s.createdAt.getTime() >= dayStart && s.createdAt.getTime() < dayStart + 86_400_000);
    expect(want.length).toBeGreaterThan(5);
    expect(oneDay.items.map((i) => i.id)).toEqual(want);

    const from = seeded[100]!.createdAt;
    const to = seeded[40]!.createdAt;
    const range = await walk(
      p.school,
      `/api/school/signings?status=all&submittedFrom=${from.toISOString()}&submittedTo=${encodeURIComponent(to.toISOString().replace('Z', '+00:00'))}`,
      200,
    );
    expect(range.items.map((i) => i.id)).toEqual(expected((s) => s.createdAt >= from && s.createdAt <= to));
    const onlyFrom = await walk(p.school, `/api/school/signings?status=all&submittedFrom=${day}`, 200);
    expect(onlyFrom.items.map((i) => i.id)).toEqual(expected((s) => s.createdAt.getTime() >= dayStart));
  });

  it('shows 处理信息 with the reason of the last transition', async () => {
    const returned = seeded.find((s) => s.lastAction === 'return')!;
    const res = await p.school.get(`/api/school/signings?status=PENDING_EMPLOYER&q=${returned.examineeNo}`);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({
      processingState: 'WAITING',
      processingStateLabel: '待用人单位处理',
      processInfo: { action: 'return', reason: '税前月薪与面谈不一致', text: expect.stringMatching(/^退回单位：税前月薪与面谈不一致（/) },
      agreement: { version: 1 },
      allowedActions: ['cancel'],
    });
    const fresh = seeded.find((s) => s.status === 'PENDING_EMPLOYER' && s.lastAction === 'submit')!;
    const res2 = await p.school.get(`/api/school/signings?status=PENDING_EMPLOYER&q=${fresh.examineeNo}`);
    expect(res2.body.items[0]).toMatchObject({ agreement: null, agreementPreviewUrl: null, jobCategoryCode: null, processInfo: { action: 'submit' } });
    const ended = seeded.find((s) => s.status === 'EXPIRED')!;
    const res3 = await p.school.get(`/api/school/signings?status=EXPIRED&q=${ended.examineeNo}`);
    expect(res3.body.items[0]).toMatchObject({ processingState: 'ENDED', deadlineAt: null, processInfo: { action: 'expire', actorRole: 'system' } });
  });

  it('never shows another school’s signings, and the other school sees only its own', async () => {
    const all = await walk(p.school, '/api/school/signings?status=all', 200);
    const foreign = new Set(otherSeeded.map((s) => s.id));
    expect(all.items.filter((i) => foreign.has(i.id))).toEqual([]);
    expect(all.items.every((i) => i.school.code === p.world.schoolCode)).toBe(true);
    const theirs = await walk(p.otherSchool, '/api/school/signings?status=all', 200);
    expect(theirs.items.map((i) => i.id).sort()).toEqual([...foreign].sort());
  });

  it('refuses bad query parameters with 400 naming query.<name>', async () => {
    const bad: [string, string][] = [
      ['status=DONE', 'query.status'],
      ['status=', 'query.status'],
      ['status=PENDING_SCHOOL,NOPE', 'query.status'],
      ['region=3', 'query.region'],
      ['region=999999', 'query.region'],
      ['region=abcdef', 'query.region'],
      ['submittedFrom=2026-02-30', 'query.submittedFrom'],
      ['submittedFrom=yesterday', 'query.submittedFrom'],
      ['submittedTo=2026-06-01T10:00:00', 'query.submittedTo'],
      ['submittedFrom=2026-06-02&submittedTo=2026-06-01', 'query.submittedTo'],
      ['q=', 'query.q'],
      [`q=${'x'.repeat(51)}`, 'query.q'],
      ['sort=name', 'query.sort'],
      ['order=up', 'query.order'],
      ['limit=0', 'query.limit'],
      ['limit=201', 'query.limit'],
      ['limit=ten', 'query.limit'],
      ['cursor=garbage', 'query.cursor'],
      ['format=xlsx', 'query.format'],
      ['format=csv&limit=10', 'query.limit'],
      ['school=10280', 'query.school'],
      ['page=2', 'query.page'],
      ['status=all&status=COMPLETED', 'query.status'],
    ];
    for (const [query, path] of bad) {
      const res = await p.school.get(`/api/school/signings?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.map((d: { path: string }) => d.path), query).toContain(path);
    }
    // A cursor issued for one sort is refused for another.
    const page = await p.school.get('/api/school/signings?status=all&limit=5');
    const res = await p.school.get(`/api/school/signings?status=all&limit=5&sort=studentName&cursor=${page.body.nextCursor}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]).toMatchObject({ path: 'query.cursor', message: expect.stringContaining('排序') });
  });

  it('is for school admins only', async () => {
    for (const client of [p.student, p.employer]) {
      const res = await client.get('/api/school/signings');
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect((await new ApiClient(h.baseUrl).get('/api/school/signings')).status).toBe(401);
  });

  it('exports the same rows as UTF-8 CSV with a BOM, a Chinese header and CRLF lines', async () => {
    const res = await fetch(`${h.baseUrl}/api/school/signings?status=all&sort=studentName&format=csv`, {
      headers: { authorization: `Bearer ${p.school.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="school-signings-\d{8}-\d{4}\.csv"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toMatch(/^学生就业方案变更审核_\d{8}-\d{4}\.csv$/);
    expect(res.headers.get('x-total-count')).toBe('300');
    const raw = Buffer.from(await res.arrayBuffer());
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = raw.toString('utf8');
    expect(text.replace(/\r\n/g, '').includes('\n')).toBe(false);
    expect(text.endsWith('\r\n')).toBe(true);

    const records: string[][] = parse(raw, { bom: true, relax_column_count: false });
    const [header, ...rows] = records;
    expect(header).toEqual([
      '当前流程', '处理状态', '处理信息', '协议书预览', '学生姓名', '考生号', '毕业去向', '信息登记号', '社会信用代码', '单位名称',
      '单位地区代码', '单位地区', '工作职位类别代码', '工作职位类别', '专业', '学历', '协议书编号', '协议版本', '协议哈希',
      '提交时间（北京时间）', '最近更新（北京时间）', '办理期限（北京时间）', '网签编号',
    ]);
    expect(rows).toHaveLength(300);
    const col = (name: string) => header!.indexOf(name);
    // Same rows, same order as the JSON desk.
    expect(rows.map((r) => r[col('网签编号')])).toEqual(expected(() => true, 'studentName', 'asc'));
    for (const row of rows) {
      const s = seeded.find((x) => x.id === row[col('网签编号')])!;
      expect(row[col('当前流程')]).toBe(STATUS_LABELS[s.status]);
      expect(row[col('学生姓名')]).toBe(s.studentName);
      expect(row[col('协议书编号')]!.trim()).toBe(s.agreementNo);
      // Digit-only identifiers carry a leading tab so Excel keeps them as text.
      expect(row[col('考生号')]).toBe(`\t${s.examineeNo}`);
      expect(row[col('毕业去向')]).toBe('\t01');
      expect(row[col('社会信用代码')]!.trim()).toBe(s.employerCreditCode);
      expect(row[col('单位名称')]).toBe(s.employerName);
      expect(row[col('单位地区代码')]).toBe(`\t${s.regionCode}`);
      expect(row[col('工作职位类别代码')]!.trim()).toBe(s.jobCategoryCode ?? '');
      expect(row[col('协议书预览')]).toBe(s.agreementVersion ? `${h.baseUrl}/api/signings/${s.id}/agreement?format=html` : '');
    }
    const returned = rows.find((r) => r[col('处理信息')]!.includes('：税前月薪'));
    expect(returned?.[col('处理状态')]).toBe('待用人单位处理');
  });

  it('exports only the filtered rows, and an empty result as a header alone', async () => {
    const get = (q: string) => fetch(`${h.baseUrl}/api/school/signings?${q}`, { headers: { authorization: `Bearer ${p.school.token}` } });
    const res = await get('format=csv&region=44');
    const rows: string[][] = parse(Buffer.from(await res.arrayBuffer()), { bom: true });
    const want = expected((s) => s.status === 'PENDING_SCHOOL' && s.regionCode.startsWith('44'));
    expect(rows.slice(1).map((r) => r.at(-1))).toEqual(want);
    const none = await get(`format=csv&q=${encodeURIComponent('不存在的名字')}`);
    const noneRows: string[][] = parse(Buffer.from(await none.arrayBuffer()), { bom: true });
    expect(noneRows).toHaveLength(1);
  });

  it('measures the table’s response time at ~300 rows (logged, not asserted)', async () => {
    const time = async (path: string) => {
      const samples: number[] = [];
      for (let i = 0; i < 7; i++) {
        const t0 = performance.now();
        const res = await p.school.get(path);
        samples.push(performance.now() - t0);
        expect(res.status).toBe(200);
      }
      samples.sort((a, b) => a - b);
      return samples[3]!.toFixed(1);
    };
    const lines = [
      `default page (待学校确认, 50 rows): ${await time('/api/school/signings')} ms`,
      `status=all, limit=200: ${await time('/api/school/signings?status=all&limit=200')} ms`,
      `status=all, sort=studentName: ${await time('/api/school/signings?status=all&sort=studentName')} ms`,
      `status=all, q=王, region=31: ${await time(`/api/school/signings?status=all&region=31&q=${encodeURIComponent('王')}`)} ms`,
      `CSV, all 300 rows: ${await time('/api/school/signings?status=all&format=csv')} ms`,
    ];
    console.log(`[desks] review table over 300 seeded signings, median of 7:\n  ${lines.join('\n  ')}`);
  });
});

describe('GET /api/employer/signings', () => {
  const mine = (s: SeededSigning) => s.employerCreditCode === p.world.employer.creditCode;

  it('lists the employer’s students 待单位确认 across schools, and filters like the school desk', async () => {
    const both = [...seeded, ...otherSeeded];
    const sortDesc = (list: SeededSigning[]) => list.sort((a, b) => COMPARE.submittedAt!(b, a)).map((s) => s.id);
    const def = await walk(p.employer, '/api/employer/signings', 50);
    expect(def.items.map((i) => i.id)).toEqual(sortDesc(both.filter((s) => mine(s) && s.status === 'PENDING_EMPLOYER')));
    expect(def.items[0]).toMatchObject({ processingState: 'TODO', processingStateLabel: '未处理', allowedActions: expect.arrayContaining(['employerSign', 'cancel']) });
    expect(new Set(def.items.map((i) => i.school.code))).toEqual(new Set([p.world.schoolCode, p.world.otherSchool.schoolCode]));

    const bySchool = await walk(p.employer, `/api/employer/signings?status=all&school=${p.world.otherSchool.schoolCode}`, 50);
    expect(bySchool.items.map((i) => i.id)).toEqual(sortDesc(otherSeeded.filter(mine)));
    const byName = await walk(p.employer, `/api/employer/signings?status=all&school=${encodeURIComponent('另一所')}`, 50);
    expect(byName.items.map((i) => i.id)).toEqual(sortDesc(otherSeeded.filter(mine)));

    const byExaminee = seeded.find(mine)!;
    const one = await p.employer.get(`/api/employer/signings?status=all&q=${byExaminee.examineeNo}`);
    expect(one.body.items.map((i: Item) => i.id)).toEqual([byExaminee.id]);
    expect(one.body.items[0].student).toMatchObject({ name: byExaminee.studentName, examineeNo: byExaminee.examineeNo });

    // Another employer's signings never appear.
    const all = await walk(p.employer, '/api/employer/signings?status=all', 200);
    expect(all.items.every((i) => i.employer.creditCode === p.world.employer.creditCode)).toBe(true);
    expect(all.total).toBe(both.filter(mine).length);

    expect((await p.employer.get('/api/employer/signings?employer=x')).body.error.details[0].path).toBe('query.employer');
    expect((await p.school.get('/api/employer/signings')).status).toBe(403);
    expect((await p.student.get('/api/employer/signings')).status).toBe(403);
  });

  it('exports its list as CSV too', async () => {
    const res = await fetch(`${h.baseUrl}/api/employer/signings?status=all&format=csv`, { headers: { authorization: `Bearer ${p.employer.token}` } });
    expect(res.status).toBe(200);
    expect(decodeURIComponent(res.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toMatch(/^网上签约学生名单_.*\.csv$/);
    const [header, ...rows]: string[][] = parse(Buffer.from(await res.arrayBuffer()), { bom: true });
    expect(header!.slice(0, 8)).toEqual(['当前流程', '处理状态', '处理信息', '协议书预览', '学生姓名', '考生号', '学校代码', '学校名称']);
    expect(rows).toHaveLength([...seeded, ...otherSeeded].filter(mine).length);
  });
});

describe('POST /api/signings/school-confirm and /school-return (batch)', () => {
  /** `n` more students of the school of `parties`, each with a signing moved to `status` through the API. */
  async function signingsOf(parties: Parties, n: number, status: SigningStatus): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const tag = randomUUID().slice(0, 8);
      const studentId = await upsertStudent(h.database.db, {
        schoolCode: parties.world.schoolCode,
        examineeNo: String(10_000_000_000_000 + Math.floor(Math.random() * 89_999_999_999_999)),
        name: `批量${i}`,
      });
      const username = `batch-${tag}`;
      await createAccount(h.database.db, { username, password: TEST_PASSWORD, displayName: `批量${i}` }, { role: 'student', studentId });
      const student = await ApiClient.login(h.baseUrl, username);
      ids.push((await signingIn({ ...parties, student }, status)).id);
    }
    return ids;
  }

  it('confirms eight and fails two precisely: another school’s and a wrong-status one', async () => {
    const other = await newParties(h);
    const [good, [foreign], [early]] = await Promise.all([
      signingsOf(p, 8, 'PENDING_SCHOOL'),
      signingsOf(other, 1, 'PENDING_SCHOOL'),
      signingsOf(p, 1, 'PENDING_EMPLOYER'),
    ]);
    const ids = [...good.slice(0, 3), foreign!, ...good.slice(3, 6), early!, ...good.slice(6)];
    const key = randomUUID();
    const res = await p.school.post('/api/signings/school-confirm', { ids }, { 'Idempotency-Key': key });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { id: string }) => r.id)).toEqual(ids);
    expect(res.body).toMatchObject({ succeeded: 8, failed: 2 });
    for (const r of res.body.results) {
      if (r.id === foreign) expect(r).toEqual({ id: foreign, ok: false, error: { code: 'NOT_FOUND', message: expect.any(String) } });
      else if (r.id === early) {
        expect(r).toMatchObject({ id: early, ok: false, error: { code: 'CONFLICT', details: { status: 'PENDING_EMPLOYER' } } });
        expect(r.error.message).toContain('待单位确认');
      } else expect(r).toEqual({ id: r.id, ok: true, status: 'COMPLETED', statusLabel: '已完成（已同步至就业方案库）' });
    }
    // Completed and synced; the two others untouched.
    for (const id of good) expect((await p.school.get(`/api/signings/${id}`)).body.status).toBe('COMPLETED');
    expect((await other.school.get(`/api/signings/${foreign}`)).body.status).toBe('PENDING_SCHOOL');
    expect((await p.school.get(`/api/signings/${early}`)).body.status).toBe('PENDING_EMPLOYER');
    const events = await p.school.get(`/api/signings/${good[0]}/events`);
    expect(events.body.items.at(-1)).toMatchObject({ action: 'schoolConfirm', actor: { role: 'school' } });

    // The same request again is the same answer, and nothing acts twice.
    const again = await p.school.post('/api/signings/school-confirm', { ids }, { 'Idempotency-Key': key });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(res.body);

    // Without the key, a repeat is refused per id: they are completed now.
    const repeat = await p.school.post('/api/signings/school-confirm', { ids: good.slice(0, 2) });
    expect(repeat.body.results.map((r: { error?: { code: string } }) => r.error?.code)).toEqual(['CONFLICT', 'CONFLICT']);

    // The desk shows them completed.
    const desk = await p.school.get(`/api/school/signings?status=COMPLETED&q=${encodeURIComponent('批量')}&limit=200`);
    expect(good.every((id) => desk.body.items.some((i: Item) => i.id === id))).toBe(true);
  });

  it('returns a batch to the employers with the reason, per id', async () => {
    const ids = await signingsOf(p, 2, 'PENDING_SCHOOL');
    const missing = randomUUID();
    const res = await p.school.post('/api/signings/school-return', { ids: [ids[0], missing, ids[1]], reason: '工作职位类别填写有误' });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { id: ids[0], ok: true, status: 'PENDING_EMPLOYER', statusLabel: '待单位确认' },
      { id: missing, ok: false, error: { code: 'NOT_FOUND', message: expect.any(String) } },
      { id: ids[1], ok: true, status: 'PENDING_EMPLOYER', statusLabel: '待单位确认' },
    ]);
    const events = await p.school.get(`/api/signings/${ids[0]}/events`);
    expect(events.body.items.at(-1)).toMatchObject({ action: 'return', reason: '工作职位类别填写有误', actor: { role: 'school' } });
    const desk = await p.school.get(`/api/school/signings?status=PENDING_EMPLOYER&q=${encodeURIComponent('批量')}&limit=200`);
    const row = desk.body.items.find((i: Item) => i.id === ids[0]);
    expect(row.processInfo).toMatchObject({ action: 'return', actorRole: 'school', reason: '工作职位类别填写有误' });
  });

  it('checks the role first, then the whole body', async () => {
    const id = randomUUID();
    expect((await p.student.post('/api/signings/school-confirm', { ids: [id] })).status).toBe(403);
    expect((await p.employer.post('/api/signings/school-return', { ids: [id], reason: '不对' })).status).toBe(403);
    const bad: [string, unknown, string][] = [
      ['school-confirm', {}, 'ids'],
      ['school-confirm', { ids: [] }, 'ids'],
      ['school-confirm', { ids: ['not-a-uuid'] }, 'ids[0]'],
      ['school-confirm', { ids: [id, id.toUpperCase()] }, 'ids[1]'],
      ['school-confirm', { ids: Array.from({ length: 101 }, () => randomUUID()) }, 'ids'],
      ['school-confirm', { ids: [id], reason: 'x' }, 'reason'],
      ['school-return', { ids: [id] }, 'reason'],
      ['school-return', { ids: [id], reason: ' ' }, 'reason'],
    ];
    for (const [path, body, field] of bad) {
      const res = await p.school.post(`/api/signings/${path}`, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    }
    // The single-id routes are still there.
    expect((await p.school.post(`/api/signings/${id}/school-confirm`)).status).toBe(404);
  });
});
