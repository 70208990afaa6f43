/**
 * Migration 0006 on a database that already holds signings: each existing signing gets a
 * 协议书编号 in submission order per school and cohort (Beijing calendar), the counters continue
 * after them, and the column ends NOT NULL and unique. Runs on a scratch database of the run's
 * embedded PostgreSQL, migrated first to 0005 from a copy of the migrations folder.
 */
import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const MIGRATIONS = fileURLToPath(new URL('../../db/migrations', import.meta.url));
const BEFORE = '0006_agreement_no';

const name = `mig_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
const admin = postgres(inject('postgresAdminUrl'), { max: 1, onnotice: () => {} });
let sql: postgres.Sql;
let upTo0005: string;

async function migrateFrom(folder: string) {
  await migrate(drizzle(sql), { migrationsFolder: folder });
}

beforeAll(async () => {
  await admin.unsafe(`create database ${name}`);
  const url = new URL(inject('postgresAdminUrl'));
  url.pathname = `/${name}`;
  sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  upTo0005 = await mkdtemp(path.join(os.tmpdir(), 'migrations-0005-'));
  await cp(MIGRATIONS, upTo0005, { recursive: true });
  const journalPath = path.join(upTo0005, 'meta/_journal.json');
  const journal = JSON.parse(await readFile(journalPath, 'utf8')) as { entries: { tag: string; idx: number }[] };
  const cut = journal.entries.findIndex((e) => e.tag === BEFORE);
  journal.entries = journal.entries.slice(0, cut);
  await writeFile(journalPath, JSON.stringify(journal));
  await rm(path.join(upTo0005, `${BEFORE}.sql`));
});

afterAll(async () => {
  await sql?.end({ timeout: 5 });
  await admin.unsafe(`drop database if exists ${name}`);
  await admin.end({ timeout: 5 });
  if (upTo0005) await rm(upTo0005, { recursive: true, force: true });
});

describe('migration 0006 (协议书编号)', () => {
  it('numbers existing signings per school and cohort in submission order', async () => {
    await migrateFrom(upTo0005);
    await sql`insert into schools (code, name) values ('10280', '上海大学'), ('10246', '复旦大学')`;
    const submissions: [school: string, createdAt: string][] = [
      ['10280', '2026-03-01T09:00:00+08:00'],
      ['10280', '2026-01-15T09:00:00+08:00'],
      // 1 September 00:30 in Beijing is still 31 August in UTC: the 2027 cohort all the same.
      ['10280', '2026-09-01T00:30:00+08:00'],
      ['10280', '2026-08-31T23:30:00+08:00'],
      ['10246', '2026-05-01T09:00:00+08:00'],
    ];
    const ids: string[] = [];
    for (const [i, [school, createdAt]] of submissions.entries()) {
      const [student] = await sql`insert into students (school_code, examinee_no, name) values (${school}, ${`2600000000000${i}`}, ${`学生${i}`}) returning id`;
      const id = randomUUID();
      ids.push(id);
      await sql`insert into signings (id, workflow_id, student_id, school_code, employer_credit_code, employer_name, status, application, created_at, updated_at)
                values (${id}, ${`signing-${id}`}, ${student!.id}, ${school}, '914403001922038216', '单位', 'CANCELLED', ${'{}'}::jsonb, ${createdAt}, ${createdAt})`;
    }

    await migrateFrom(MIGRATIONS);

    const rows = await sql<{ id: string; agreement_no: string }[]>`select id, agreement_no from signings`;
    const numberOf = new Map(rows.map((r) => [r.id, r.agreement_no]));
    expect(ids.map((id) => numberOf.get(id))).toEqual([
      '2026-10280-000002',
      '2026-10280-000001',
      '2027-10280-000001',
      '2026-10280-000003',
      '2026-10246-000001',
    ]);
    const serials = await sql`select school_code, cohort, last_serial from agreement_serials order by school_code, cohort`;
    expect(serials.map((r) => [r.school_code, r.cohort, r.last_serial])).toEqual([
      ['10246', 2026, 1],
      ['10280', 2026, 3],
      ['10280', 2027, 1],
    ]);
    const [column] = await sql`select is_nullable from information_schema.columns where table_name = 'signings' and column_name = 'agreement_no'`;
    expect(column?.is_nullable).toBe('NO');
    await expect(sql`update signings set agreement_no = '2026-10280-000001' where id = ${ids[0]!}`).rejects.toThrow(/signings_agreement_no_unique/);
  });
});
