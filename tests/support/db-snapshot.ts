/**
 * A fingerprint of everything the API can write for one route world (tests/support/route-world.ts):
 * per table, the row count and an md5 of the rows, scoped to the world's schools, employers and
 * their signings — other test files share the database and write theirs meanwhile. Two equal
 * snapshots around a batch of refused requests prove the refusals changed nothing.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { RouteWorld } from './route-world';

export type Snapshot = Record<string, { count: number; md5: string }>;

/** The world's scope as SQL lists: both schools, both employers. */
function scope(world: RouteWorld) {
  const w = world.p.world;
  const schools = [w.schoolCode, w.otherSchool.schoolCode];
  const employers = [w.employer.creditCode, w.otherEmployer.creditCode];
  const signingIds = sql`(select id from signings where school_code in ${schools} or employer_credit_code in ${employers})`;
  const studentIds = sql`(select id from students where school_code in ${schools})`;
  const accountIds = sql`(select id from accounts where school_code in ${schools} or employer_credit_code in ${employers} or student_id in ${studentIds} or username = ${world.operator.username})`;
  return { schools, employers, signingIds, studentIds, accountIds };
}

function tables(world: RouteWorld): Record<string, SQL> {
  const s = scope(world);
  return {
    schools: sql`select * from schools where code in ${s.schools}`,
    employers: sql`select * from employers where credit_code in ${s.employers}`,
    students: sql`select * from students where school_code in ${s.schools}`,
    accounts: sql`select * from accounts where id in ${s.accountIds}`,
    signings: sql`select * from signings where id in ${s.signingIds}`,
    signing_events: sql`select * from signing_events where signing_id in ${s.signingIds}`,
    agreement_versions: sql`select * from agreement_versions where signing_id in ${s.signingIds}`,
    agreement_drafts: sql`select * from agreement_drafts where signing_id in ${s.signingIds}`,
    employment_plans: sql`select * from employment_plans where signing_id in ${s.signingIds}`,
    rescissions: sql`select * from rescissions where signing_id in ${s.signingIds}`,
    rescission_letters: sql`select id, signing_id, content_type, size, sha256, uploaded_by, created_at from rescission_letters where signing_id in ${s.signingIds}`,
    agreement_templates: sql`select * from agreement_templates where employer_credit_code in ${s.employers}`,
    webhook_endpoints: sql`select * from webhook_endpoints where party_id in ${[...s.schools, ...s.employers]}`,
    notifications: sql`select * from notifications where signing_id in ${s.signingIds} or account_id in ${s.accountIds}`,
    idempotency_keys: sql`select * from idempotency_keys where account_id in ${s.accountIds}`,
    browser_sessions: sql`select * from browser_sessions where account_id in ${s.accountIds}`,
  };
}

export async function snapshot(world: RouteWorld): Promise<Snapshot> {
  const { db } = world.h.database;
  const entries = await Promise.all(
    Object.entries(tables(world)).map(async ([name, query]) => {
      const rows = (await db.execute(
        sql`select count(*)::int as count, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as md5 from (${query}) t`,
      )) as unknown as { count: number; md5: string }[];
      return [name, { count: rows[0]!.count, md5: rows[0]!.md5 }] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/**
 * A snapshot once the worker has finished writing what the setup caused (notifications are
 * recorded by an activity after the action returns): two in a row, 300 ms apart, agree.
 */
export async function settledSnapshot(world: RouteWorld): Promise<Snapshot> {
  let previous = await snapshot(world);
  for (let attempt = 0; attempt < 50; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const next = await snapshot(world);
    if (JSON.stringify(next) === JSON.stringify(previous)) return next;
    previous = next;
  }
  throw new Error('the database did not settle');
}
