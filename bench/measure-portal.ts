/**
 * Measures the portal as a person meets it: the build's size (JS and CSS, gzip, what the login page
 * loads before anything else), and in a real headless Chromium the first load of the login page and
 * of the school's review table (学生就业方案变更审核) over 10,000 signings. A measurement, not a test:
 * it prints figures and asserts nothing. Results go into BENCHMARKS.md by hand.
 *
 *   npx tsx bench/measure-portal.ts [--runs 7]
 *
 * A throwaway embedded PostgreSQL holds one school with 10,000 projection-only signings
 * (tests/support/desk-seed.ts: no workflows, only read here). The API runs in process with a lazy
 * Temporal connection (the desk and the portal read only PostgreSQL). Each run is a new browser
 * context: an empty cache, as on a first visit.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Client, Connection } from '@temporalio/client';
import { createApp } from '../api/app';
import { connectDatabase } from '../db/client';
import { createAccount } from '../db/master-data';
import { runMigrations } from '../db/migrate';
import { schools } from '../db/schema';
import { completeCreditCode } from '../domain/uscc';
import { startEmbeddedPostgres } from '../launcher/embedded-postgres';
import { WEB_DIST, buildWeb } from '../launcher/build-web';
import { freePort } from '../launcher/processes';
import { dataConverterFor } from '../temporal/data-converter';
import { generatePayloadKey } from '../temporal/payload-codec';
import { singleKeyring } from '../temporal/payload-keys';
import { seedDeskSignings } from '../tests/support/desk-seed';
import { launchBrowser } from '../tests/browser/support/browser';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;
const PASSWORD = 'Measure-portal-1';

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const summary = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${median(s).toFixed(0)} ms (min ${s[0]!.toFixed(0)}, max ${s.at(-1)!.toFixed(0)}, n=${s.length})`;
};

async function buildSizes(): Promise<void> {
  await buildWeb({ ifStale: true });
  const assets = path.join(WEB_DIST, 'assets');
  const files = (await readdir(assets)).filter((f) => /\.(js|css)$/.test(f));
  const index = await readFile(path.join(WEB_DIST, 'index.html'), 'utf8');
  let total = { raw: 0, gzip: 0 };
  let initial = { raw: 0, gzip: 0 };
  console.log('\nbuild (web/dist/assets):');
  for (const file of files.sort()) {
    const body = await readFile(path.join(assets, file));
    const gzip = gzipSync(body, { level: 9 }).length;
    const loadedFirst = index.includes(`/assets/${file}`);
    total = { raw: total.raw + body.length, gzip: total.gzip + gzip };
    if (loadedFirst) initial = { raw: initial.raw + body.length, gzip: initial.gzip + gzip };
    console.log(`  ${file.padEnd(40)} ${kib(body.length).padStart(11)}  gzip ${kib(gzip).padStart(10)}${loadedFirst ? '  (index.html)' : ''}`);
  }
  console.log(`  all JS+CSS: ${kib(total.raw)}, gzip ${kib(total.gzip)}; loaded by index.html: ${kib(initial.raw)}, gzip ${kib(initial.gzip)}`);
}

async function main(): Promise<void> {
  await buildSizes();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'wangqian-portal-measure-'));
  const pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), password: randomBytes(18).toString('base64url'), durable: false });
  const browser = await launchBrowser();
  let server: Server | undefined;
  const database = connectDatabase(pg.url);
  try {
    await runMigrations(pg.url);
    const { db } = database;
    const schoolCode = `M${randomUUID().slice(0, 6)}`;
    await db.insert(schools).values({ code: schoolCode, name: '测量大学' });
    const employers = Array.from({ length: 40 }, (_, i) => {
      const creditCode = completeCreditCode(`91310000${String(100_000_000 + i * 7919).slice(-8)}`);
      return { creditCode, name: `测试单位${i}有限公司` };
    });
    const t0 = performance.now();
    await seedDeskSignings(db, { schoolCode, employers, count: 10_000, seed: 2 });
    await database.sql`analyze`;
    console.log(`\nseeded 10,000 signings for school ${schoolCode} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const username = `measure-${schoolCode}`;
    await createAccount(db, { username, password: PASSWORD, displayName: '测量管理员' }, { role: 'school', schoolCode });

    const connection = Connection.lazy({ address: '127.0.0.1:1' });
    const temporal = new Client({ connection, dataConverter: dataConverterFor(singleKeyring(generatePayloadKey('throwaway'))) });
    const app = createApp({
      database,
      temporal,
      connection,
      taskQueue: 'unused',
      jwtSecret: randomBytes(32).toString('hex'),
      webRoot: WEB_DIST,
      loginRateLimit: { limit: 10_000, windowMs: 60_000 },
      logger: { error: (o, m) => console.error(m, o) },
    });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const loginLoads: number[] = [];
    const tableLoads: number[] = [];
    const tableRows: number[] = [];
    for (let i = 0; i < RUNS + 1; i++) {
      const context = await browser.newContext({ baseURL: base, viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
      const page = await context.newPage();
      let t = performance.now();
      await page.goto('/login');
      await page.getByRole('button', { name: '登录' }).waitFor();
      const loginMs = performance.now() - t;
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码').fill(PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL((url) => url.pathname.startsWith('/school'));
      // A first visit to the table: a new page load of /school with the session already there.
      t = performance.now();
      await page.goto('/school');
      await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
      const tableMs = performance.now() - t;
      const rows = await page.locator('.ant-table-tbody tr.ant-table-row').count();
      await context.close();
      if (i === 0) continue; // warm-up: the server's first requests and Chromium's start
      loginLoads.push(loginMs);
      tableLoads.push(tableMs);
      tableRows.push(rows);
    }
    console.log(`\nlogin page, navigation → 登录 button visible: ${summary(loginLoads)}`);
    console.log(`review table, navigation → first row visible (10,000 signings, ${tableRows[0]} rows on the page): ${summary(tableLoads)}`);
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await database.close();
    await pg.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
