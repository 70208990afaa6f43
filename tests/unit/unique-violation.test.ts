/** db/unique-violation.ts: one reading of PostgreSQL's 23505 for every feature's 409. */
import { describe, expect, it } from 'vitest';
import { isUniqueViolation } from '../../db/unique-violation';

const pgError = (code: string, constraint?: string) => Object.assign(new Error('duplicate key'), { code, constraint_name: constraint });

describe('isUniqueViolation', () => {
  it('reads a postgres.js error and one drizzle wrapped in cause', () => {
    expect(isUniqueViolation(pgError('23505', 'accounts_username_unique'))).toBe(true);
    expect(isUniqueViolation(new Error('Failed query', { cause: pgError('23505', 'accounts_username_unique') }))).toBe(true);
  });

  it('matches the named constraint only, when one is named', () => {
    const err = new Error('Failed query', { cause: pgError('23505', 'signings_agreement_no_unique') });
    expect(isUniqueViolation(err, 'signings_agreement_no_unique')).toBe(true);
    expect(isUniqueViolation(err, 'signings_one_active_per_student_uq')).toBe(false);
  });

  it('is false for other errors and for non-errors', () => {
    expect(isUniqueViolation(pgError('23503', 'fk'))).toBe(false);
    expect(isUniqueViolation(new Error('boom'))).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
    expect(isUniqueViolation('23505')).toBe(false);
  });
});
