/**
 * Measures the school's review table (GET /api/school/signings) at a few hundred and at 10,000
 * signings, and EXPLAINs its queries. A measurement, not a test: it prints figures and asserts
 * nothing.
 *
 *   npx tsx scripts/measure-desk.ts                 # a throwaway embedded PostgreSQL
 *   DATABASE_URL=postgres://… npx tsx scripts/measure-desk.ts [--keep]
 *
 * Against DATABASE_URL (migrated), it adds schools with projection rows made by
 * tests/support/desk-seed.ts — signings WITHOUT workflows, never to be acted on — and deletes them
 * afterwards unless --keep. Seeded: school S (300 signings), school L (10,000) and two noise schools
 * (10,000 each), so the big table is 30,300 signings. The API runs in process (createApp) with a
 * lazy Temporal connection: the desk reads only PostgreSQL.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { inArray } from 'drizzle-orm';
import { createApp } from '../api/app';
import { createTokenService } from '../api/auth/authenticate';
import { deskRequestOf, schoolDeskQuerySchema } from '../api/desk/params';
import { type DeskCaller, countDesk, deskPageQuery } from '../api/desk/queries';
import { connectDatabase } from '../db/client';
import { runMigrations } from '../db/migrate';
import { agreementVersions, schools, signingEvents, signings, students } from '../db/schema';
import { completeCreditCode } from '../domain/uscc';
import { dataConverterFor } from '../temporal/data-converter';
import { generatePayloadKey } from '../temporal/payload-codec';
import { singleKeyring } from '../temporal/payload-keys';
import { seedDeskSignings } from '../tests/support/desk-seed';
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from '../launcher/embedded-postgres';
import { freePort } from '../launcher/processes';

const RUNS = 9;

/** A valid code per `n`: 8 digits of `n` as the organisation code's body (GB 11714 check appended). */
function creditCode(n: number): string {
  return completeCreditCode(`91310000${String(100_000_000 + n).slice(-8)}`);
}

async function main(): Promise<void> {
  const keep = process.argv.includes('--keep');
  let embedded: EmbeddedPostgresHandle | undefined;
  let dataDir: string | undefined;
  let url = process.env.DATABASE_URL;
  if (!url) {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'wangqian-measure-'));
    embedded = await startEmbeddedPostgres({ dataDir, port: await freePort(), password: randomBytes(18).toString('base64url'), durable: false });
    url = embedded.url;
    console.log('throwaway embedded PostgreSQL started');
  }
  await runMigrations(url);
  const database = connectDatabase(url);
  const { db } = database;
  const tag = randomUUID().slice(0, 6);
  const codes = { small: `S${tag}`, large: `L${tag}`, noise1: `N1${tag}`, noise2: `N2${tag}` };
  const employers = Array.from({ length: 40 }, (_, i) => ({ creditCode: creditCode(i * 7919 + Number.parseInt(tag, 16) % 1000), name: `测试单位${i}有限公司` }));
  try {
    for (const [key, code] of Object.entries(codes)) await db.insert(schools).values({ code, name: `测量学校${key}` });
    const t0 = performance.now();
    await seedDeskSignings(db, { schoolCode: codes.small, employers, count: 300, seed: 1 });
    await seedDeskSignings(db, { schoolCode: codes.large, employers, count: 10_000, seed: 2 });
    await seedDeskSignings(db, { schoolCode: codes.noise1, employers, count: 10_000, seed: 3 });
    await seedDeskSignings(db, { schoolCode: codes.noise2, employers, count: 10_000, seed: 4 });
    await database.sql`analyze`;
    console.log(`schools: ${JSON.stringify(codes)}`);
    console.log(`seeded 30,300 signings in ${((performance.now() - t0) / 1000).toFixed(1)} s (and ANALYZE)`);

    const jwtSecret = randomBytes(32).toString('hex');
    const connection = Connection.lazy({ address: '127.0.0.1:1' });
    // Encrypting like every client of the service, with a throwaway key (the desk never calls Temporal).
    const temporal = new Client({ connection, dataConverter: dataConverterFor(singleKeyring(generatePayloadKey('throwaway'))) });
    const app = createApp({ database, temporal, connection, taskQueue: 'unused', jwtSecret, logger: { error: (o, m) => console.error(m, o) } });
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const tokens = createTokenService(jwtSecret, '1h');

    const measure = async (schoolCode: string, query: string) => {
      const token = await tokens.issue({ accountId: randomUUID(), role: 'school', partyId: schoolCode, name: '测量' });
      const samples: number[] = [];
      let rows = 0;
      let bytes = 0;
      let total = '';
      for (let i = 0; i < RUNS + 1; i++) {
        const t = performance.now();
        const res = await fetch(`${base}/api/school/signings${query}`, { headers: { authorization: `Bearer ${token}` } });
        const body = await res.text();
        const ms = performance.now() - t;
        if (res.status !== 200) throw new Error(`${query}: ${res.status} ${body.slice(0, 300)}`);
        if (i === 0) continue; // warm-up
        samples.push(ms);
        bytes = Buffer.byteLength(body);
        if (query.includes('format=csv')) {
          rows = body.split('\r\n').length - 2;
          total = res.headers.get('x-total-count') ?? '';
        } else {
          const json = JSON.parse(body) as { items: unknown[]; total: number };
          rows = json.items.length;
          total = String(json.total);
        }
      }
      samples.sort((a, b) => a - b);
      const median = samples[Math.floor(samples.length / 2)]!;
      return `${median.toFixed(1).padStart(7)} ms  (min ${samples[0]!.toFixed(1)}, max ${samples.at(-1)!.toFixed(1)}; ${rows} rows of ${total}, ${(bytes / 1024).toFixed(0)} KiB)`;
    };

    // A cursor deep into the big table: the start of the last page in the default sort.
    const deepCursor = async (schoolCode: string) => {
      const token = await tokens.issue({ accountId: randomUUID(), role: 'school', partyId: schoolCode, name: '测量' });
      let cursor: string | null = null;
      let last: string | null;
      do {
        last = cursor;
        const res = await fetch(`${base}/api/school/signings?status=all&limit=200${cursor ? `&cursor=${cursor}` : ''}`, { headers: { authorization: `Bearer ${token}` } });
        cursor = ((await res.json()) as { nextCursor: string | null }).nextCursor;
      } while (cursor);
      return last;
    };

    const scenarios: [string, string][] = [
      ['default (待学校确认, newest first, 50 rows)', ''],
      ['status=all, 50 rows', '?status=all'],
      ['status=all, limit=200', '?status=all&limit=200'],
      ['status=all, sort=studentName (pinyin)', '?status=all&sort=studentName'],
      ['status=all, sort=examineeNo', '?status=all&sort=examineeNo'],
      ['employer name substring', `?status=all&employer=${encodeURIComponent('单位1')}`],
      ['region=31 + keyword 王', `?status=all&region=31&q=${encodeURIComponent('王')}`],
      ['submitted in one day (Beijing)', `?status=all&submittedFrom=${beijingDay(-3)}&submittedTo=${beijingDay(-3)}`],
      ['CSV export, default filter', '?format=csv'],
      ['CSV export, status=all', '?status=all&format=csv'],
    ];
    for (const [label, schoolCode] of [
      ['300 signings', codes.small],
      ['10,000 signings', codes.large],
    ] as const) {
      console.log(`\nGET /api/school/signings — school with ${label} (median of ${RUNS}):`);
      for (const [name, query] of scenarios) console.log(`  ${name.padEnd(44)} ${await measure(schoolCode, query)}`);
      const deep = await deepCursor(schoolCode);
      if (deep) console.log(`  ${'status=all, last page by cursor (limit=200)'.padEnd(44)} ${await measure(schoolCode, `?status=all&limit=200&cursor=${deep}`)}`);
    }

    // EXPLAIN the desk's own queries (the same builder the API uses).
    const caller: DeskCaller = { accountId: randomUUID(), role: 'school', partyId: codes.large, name: '测量' };
    const explain = async (title: string, query: Record<string, string>) => {
      const request = deskRequestOf(schoolDeskQuerySchema.parse(query), 'PENDING_SCHOOL');
      const built = deskPageQuery(db, caller, request.filters, request.sort, { limit: request.limit }).toSQL();
      const plan = await database.sql.unsafe(`explain (analyze, buffers, costs off) ${built.sql}`, built.params as never[]);
      console.log(`\nEXPLAIN ANALYZE — ${title}:`);
      for (const row of plan) console.log(`  ${String((row as Record<string, unknown>)['QUERY PLAN'])}`);
    };
    await explain('default page (PENDING_SCHOOL, created_at desc, 50)', {});
    await explain('status=all, sort=studentName', { status: 'all', sort: 'studentName' });
    await explain('status=all, employer substring + region', { status: 'all', employer: '单位1', region: '31' });
    const t = performance.now();
    await countDesk(db, caller, deskRequestOf(schoolDeskQuerySchema.parse({}), 'PENDING_SCHOOL').filters);
    console.log(`\ncount (default filter) alone: ${(performance.now() - t).toFixed(1)} ms`);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await connection.close().catch(() => undefined);
  } finally {
    if (!embedded && !keep) {
      const codeList = Object.values(codes);
      const ids = db.select({ id: signings.id }).from(signings).where(inArray(signings.schoolCode, codeList));
      await db.delete(signingEvents).where(inArray(signingEvents.signingId, ids));
      await db.delete(agreementVersions).where(inArray(agreementVersions.signingId, ids));
      await db.delete(signings).where(inArray(signings.schoolCode, codeList));
      await db.delete(students).where(inArray(students.schoolCode, codeList));
      await db.delete(schools).where(inArray(schools.code, codeList));
      console.log('\nseeded rows deleted');
    }
    await database.close();
    if (embedded) await embedded.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

/** A Beijing calendar day `offset` days from today, as YYYY-MM-DD. */
function beijingDay(offset: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
