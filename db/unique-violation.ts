/**
 * Whether an error is PostgreSQL's unique violation (SQLSTATE 23505) — a postgres.js error, or
 * one drizzle wrapped in `cause` — optionally on one named constraint. Callers turn it into the
 * 409 their feature words (a taken username, a second active signing, a template name in use).
 */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const cause = (err as { cause?: unknown } | null)?.cause ?? err;
  if (typeof cause !== 'object' || cause === null) return false;
  const { code, constraint_name: name } = cause as { code?: unknown; constraint_name?: unknown };
  return code === '23505' && (constraint === undefined || name === constraint);
}
