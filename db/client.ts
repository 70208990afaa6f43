/**
 * One postgres.js pool wrapped by drizzle. Each process (API, worker, scripts) opens one and
 * closes it on shutdown.
 */
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export type Db = PostgresJsDatabase<typeof schema>;
/** A transaction of `Db` (what `db.transaction(fn)` hands `fn`). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
  db: Db;
  sql: postgres.Sql;
  close(): Promise<void>;
}

export function connectDatabase(url: string, options: { max?: number } = {}): Database {
  const sql = postgres(url, {
    max: options.max ?? 10,
    // Notices (e.g. "relation already exists, skipping") are noise in the logs.
    onnotice: () => {},
    connection: { application_name: 'wangqian' },
  });
  const db = drizzle(sql, { schema });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}
