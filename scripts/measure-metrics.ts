/**
 * Measures what a Prometheus scrape of the business metrics costs the database on big tables, and
 * EXPLAINs each query. A measurement, not a test: it prints figures and asserts nothing.
 *
 *   npx tsx scripts/measure-metrics.ts [--events 1000000]
 *
 * A throwaway embedded PostgreSQL, migrated, filled with synthetic rows by generate_series:
 * `events` audit rows, a fifth as many signings (and students), as many inbox notifications as
 * events, half as many e-mails and a fifth as many webhook deliveries; then VACUUM ANALYZE (what
 * autovacuum does to these insert-mostly tables), then the scrape's read, timed over several runs.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type postgres from 'postgres';
import { Registry } from 'prom-client';
import { businessMetrics } from '../api/metrics/business-metrics';
import { connectDatabase } from '../db/client';
import { runMigrations } from '../db/migrate';
import { startEmbeddedPostgres } from '../launcher/embedded-postgres';
import { freePort } from '../launcher/processes';

const RUNS = 7;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const QUERIES = [
  ['transitions', 'select action, to_status, count(*) from signing_events group by action, to_status'],
  ['email', 'select status, count(*) from email_outbox group by status'],
  ['webhook', 'select status, count(*) from webhook_deliveries group by status'],
  ['inbox', 'select count(*) from notifications'],
  ['signings', 'select status, count(*) from signings group by status'],
] as const;

async function measure(sql: postgres.Sql, label: string): Promise<void> {
  console.log(`\n== ${label}`);
  for (const [name, query] of QUERIES) {
    const plan = (await sql.unsafe(`explain (analyze, buffers) ${query}`)).map((r) => String(r['QUERY PLAN']));
    const scan = plan.find((line) => /Scan/.test(line))?.trim().replace(/\s+\(cost.*$/, '');
    const time = plan.find((line) => line.startsWith('Execution Time'));
    console.log(`${name.padEnd(12)} ${time}  ${scan}`);
  }
  const registry = new Registry();
  businessMetrics(registry, sql, { onError: (err) => console.error(err), maxAgeMs: 0 });
  const timings: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await registry.metrics();
    timings.push(performance.now() - t);
  }
  timings.sort((a, b) => a - b);
  console.log(`whole scrape read (${RUNS} runs): median ${timings[RUNS >> 1]!.toFixed(1)} ms, min ${timings[0]!.toFixed(1)} ms, max ${timings[RUNS - 1]!.toFixed(1)} ms`);
}

async function main(): Promise<void> {
  const events = arg('events', 1_000_000);
  const signingCount = Math.round(events / 5);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'wangqian-measure-metrics-'));
  const pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), password: randomBytes(18).toString('base64url'), durable: false });
  const database = connectDatabase(pg.url);
  const { sql } = database;
  try {
    await runMigrations(pg.url);
    const t0 = performance.now();
    await sql`insert into schools (code, name) values ('10280', '测量大学')`;
    await sql`insert into employers (credit_code, name) values ('91310000000000001X', '测量单位')`;
    await sql`
      insert into students (id, school_code, examinee_no, name)
      select md5('s' || g)::uuid, '10280', lpad(g::text, 14, '0'), '学生' || g from generate_series(1, ${signingCount}) g`;
    await sql`
      insert into signings (id, workflow_id, student_id, school_code, employer_credit_code, employer_name, agreement_no, status, application)
      select md5('g' || g)::uuid, 'signing-' || g, md5('s' || g)::uuid, '10280', '91310000000000001X', '测量单位', '2027-10280-' || lpad(g::text, 6, '0'),
             (array['PENDING_EMPLOYER','PENDING_STUDENT','PENDING_SCHOOL','COMPLETED','CANCELLED','EXPIRED'])[1 + g % 6], '{}'::jsonb
      from generate_series(1, ${signingCount}) g`;
    await sql`
      insert into signing_events (signing_id, seq, action, actor_role, actor_id, from_status, to_status, at)
      select md5('g' || (1 + (g - 1) / 5))::uuid, 1 + (g - 1) % 5,
             (array['submit','employerSign','studentConfirm','schoolConfirm','cancel'])[1 + (g - 1) % 5], 'student', 'x',
             null, (array['PENDING_EMPLOYER','PENDING_STUDENT','PENDING_SCHOOL','COMPLETED','CANCELLED'])[1 + (g - 1) % 5], now()
      from generate_series(1, ${events}) g`;
    const [account] = await sql<{ id: string }[]>`
      insert into accounts (username, password_hash, role, display_name, school_code)
      values ('measure', 'x', 'school', '测量', '10280') returning id`;
    await sql`
      insert into notifications (event_id, account_id, signing_id, type, title, body, created_at)
      select 'e' || g, ${account!.id}, md5('g' || (1 + (g - 1) % ${signingCount}))::uuid, 'signing.submitted',
             '有一份新的网签待处理', repeat('通知正文', 20), now()
      from generate_series(1, ${events}) g`;
    await sql`
      insert into email_outbox (event_id, account_id, to_address, subject, text, status)
      select 'e' || g, ${account!.id}, 'x@example.test', '有一份新的网签待处理', repeat('邮件正文', 40),
             (array['sent','sent','sent','failed','skipped','pending'])[1 + g % 6]
      from generate_series(1, ${Math.round(events / 2)}) g`;
    const [endpoint] = await sql<{ id: string }[]>`
      insert into webhook_endpoints (party_role, party_id, url, secret, created_by)
      values ('school', '10280', 'https://hooks.example.test/x', 'whsec_x', ${account!.id}) returning id`;
    await sql`
      insert into webhook_deliveries (event_id, endpoint_id, body, status)
      select 'e' || g, ${endpoint!.id}, repeat('{"x":1}', 60), (array['delivered','delivered','failed','pending'])[1 + g % 4]
      from generate_series(1, ${Math.round(events / 5)}) g`;
    await sql`vacuum analyze`;
    console.log(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const sizes = await sql`
      select relname as table, n_live_tup::bigint as rows, pg_size_pretty(pg_table_size(relid)) as size
      from pg_stat_user_tables
      where relname in ('signing_events','signings','notifications','email_outbox','webhook_deliveries') order by relname`;
    console.table(sizes);

    await measure(sql, 'as the schema is');
    // What narrow indexes on the grouped columns would buy (index-only scans instead of reading
    // the wide rows); created here only, the schema has none of them.
    await sql`create index on signing_events (action, to_status)`;
    await sql`create index on email_outbox (status)`;
    await sql`create index on webhook_deliveries (status)`;
    await sql`create index on signings (status)`;
    await sql`vacuum analyze`;
    await measure(sql, 'with indexes on the grouped columns');
  } finally {
    await database.close();
    await pg.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
