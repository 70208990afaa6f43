/**
 * SQL statements and commits the stack ran, counted by PostgreSQL itself (issue 16: "counted, not
 * estimated"): `pg_stat_statements` (loaded by the bench's embedded cluster) sums the calls of every
 * statement by every backend, the API's and the worker's alike; BEGIN/COMMIT/ROLLBACK are counted
 * apart, and the bench's own reads of these views are left out. `xact_commit` of
 * `pg_stat_database` counts every committed transaction, an autocommit statement included; the
 * transaction ids handed out count the transactions that wrote (PostgreSQL assigns an xid at a
 * transaction's first write, and each such commit is a WAL flush). pg_stat_statements does not
 * track BEGIN/COMMIT themselves. Unavailable (null) against a reused database without the extension.
 */
import type postgres from 'postgres';

export interface SqlCounts {
  /** Statements other than transaction control. */
  statements: number;
  /** Transactions that wrote (transaction ids assigned): the commits that cost a WAL flush. */
  commits: number;
  /** Every committed transaction (explicit ones and autocommit statements, reads included). */
  xactCommits: number;
}

export async function enableSqlCounting(sql: postgres.Sql): Promise<boolean> {
  try {
    await sql`create extension if not exists pg_stat_statements`;
    await sql`select pg_stat_statements_reset()`;
    return true;
  } catch {
    return false;
  }
}

export async function sqlCounts(sql: postgres.Sql): Promise<SqlCounts | null> {
  try {
    // Both reads in one statement, so the bench's own query is one and it is excluded by its text.
    const [row] = await sql<{ statements: string; commits: string; xact: string }[]>`
      select
        (select coalesce(sum(calls), 0) from pg_stat_statements
          where query !~* '^\\s*(begin|commit|rollback|start transaction|set |select set_config)' and query !~ 'pg_stat_') as statements,
        pg_snapshot_xmax(pg_current_snapshot())::text as commits,
        (select xact_commit from pg_stat_database where datname = current_database()) as xact`;
    return { statements: Number(row!.statements), commits: Number(row!.commits), xactCommits: Number(row!.xact) };
  } catch {
    return null;
  }
}

/** Per signing between two counts (null when either is unavailable). */
export function sqlPer(before: SqlCounts | null, after: SqlCounts | null, units: number): SqlCounts | null {
  if (!before || !after || units === 0) return null;
  const per = (a: number, b: number) => Math.round(((a - b) / units) * 10) / 10;
  return {
    statements: per(after.statements, before.statements),
    commits: per(after.commits, before.commits),
    xactCommits: per(after.xactCommits, before.xactCommits),
  };
}

/** The most called statements, for finding what to cut (BENCH_SQL_TOP=1). */
export async function topStatements(sql: postgres.Sql, limit = 40): Promise<{ calls: number; query: string }[]> {
  const rows = await sql<{ calls: string; query: string }[]>`
    select calls::text, left(regexp_replace(query, '\\s+', ' ', 'g'), 160) as query from pg_stat_statements
     where query !~ 'pg_stat_' order by calls desc limit ${limit}`;
  return rows.map((r) => ({ calls: Number(r.calls), query: r.query }));
}
