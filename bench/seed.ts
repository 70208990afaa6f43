/**
 * Bulk master data for a run: one school with its admin, a few employers with an account each, and
 * one student (with an account) per signing, inserted in chunks. Every account shares one argon2
 * hash computed once (hashing per account would dominate the set-up); the bench does not log in
 * but mints its parties' tokens with the API's JWT secret.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { Db } from '../db/client';
import { hashPassword } from '../db/master-data';
import { accounts, employers, schools, students } from '../db/schema';
import { completeCreditCode } from '../domain/uscc';
import type { AuthContext } from '../api/auth/authenticate';

export interface BenchParties {
  schoolCode: string;
  school: AuthContext;
  employers: { creditCode: string; name: string; account: AuthContext }[];
  students: { studentId: string; account: AuthContext }[];
}

export const BENCH_PASSWORD = 'Bench-password-1';

/** A valid code per `n`: 8 digits of `n` as the organisation code's body (GB 11714 check appended). */
function creditCode(n: number): string {
  return completeCreditCode(`91310000${String(n).padStart(8, '0').slice(-8)}`);
}

async function chunked<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** A fresh school (unique code) with `studentCount` students and `employerCount` employers. */
export async function seedParties(db: Db, studentCount: number, employerCount = 20): Promise<BenchParties> {
  const tag = randomUUID().replace(/-/g, '').slice(0, 8);
  const schoolCode = `B${tag}`;
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  await db.insert(schools).values({ code: schoolCode, name: `压测大学${tag}` });

  const employerBase = randomInt(100_000_000, 900_000_000);
  const employerRows = Array.from({ length: employerCount }, (_, i) => ({ creditCode: creditCode(employerBase + i * 7), name: `压测单位${i}有限公司` }));
  await db.insert(employers).values(employerRows).onConflictDoNothing();

  const studentRows = Array.from({ length: studentCount }, (_, i) => ({
    id: randomUUID(),
    schoolCode,
    examineeNo: `${tag}${String(i).padStart(8, '0')}`,
    name: `学生${i}`,
  }));
  await chunked(studentRows, 2000, (chunk) => db.insert(students).values(chunk));

  const schoolAccount = { id: randomUUID(), username: `bench-school-${tag}`, role: 'school' as const, schoolCode, displayName: '压测学校管理员' };
  const employerAccounts = employerRows.map((e, i) => ({
    id: randomUUID(),
    username: `bench-employer-${tag}-${i}`,
    role: 'employer' as const,
    employerCreditCode: e.creditCode,
    displayName: e.name,
  }));
  const studentAccounts = studentRows.map((s, i) => ({
    id: randomUUID(),
    username: `bench-student-${tag}-${i}`,
    role: 'student' as const,
    studentId: s.id,
    displayName: s.name,
  }));
  const all = [schoolAccount, ...employerAccounts, ...studentAccounts].map((a) => ({ ...a, passwordHash }));
  await chunked(all, 2000, (chunk) => db.insert(accounts).values(chunk));

  return {
    schoolCode,
    school: { accountId: schoolAccount.id, role: 'school', partyId: schoolCode, name: schoolAccount.displayName },
    employers: employerRows.map((e, i) => ({
      ...e,
      account: { accountId: employerAccounts[i]!.id, role: 'employer', partyId: e.creditCode, name: e.name },
    })),
    students: studentRows.map((s, i) => ({
      studentId: s.id,
      account: { accountId: studentAccounts[i]!.id, role: 'student', partyId: s.id, name: s.name },
    })),
  };
}
