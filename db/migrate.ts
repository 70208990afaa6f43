/**
 * Applies the committed drizzle-kit migrations in db/migrations. Safe to run on every start:
 * drizzle records applied migrations in drizzle.__drizzle_migrations, and a PostgreSQL advisory
 * lock keeps two processes starting at once from applying the same migration twice.
 */
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';

const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));
const MIGRATION_LOCK_ID = 7_233_2260;

export async function runMigrations(databaseUrl: string): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    try {
      await migrate(drizzle(sql), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}

// `npm run db:migrate`: apply migrations to DATABASE_URL.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL 未设置 (DATABASE_URL is not set)');
    process.exit(1);
  }
  runMigrations(url).then(
    () => console.log('数据库迁移完成 (migrations applied)'),
    (err: unknown) => {
      console.error('数据库迁移失败 (migration failed):', err);
      process.exit(1);
    },
  );
}
