/**
 * Creating schools, students, employers and their login accounts. Used by the demo seed, the
 * operator's tooling and the tests. Every insert is an upsert on its natural key, so seeding twice
 * changes nothing.
 */
import { hash } from '@node-rs/argon2';
import type { Db } from './client';
import { accounts, employers, schools, students } from './schema';

export interface AccountInput {
  username: string;
  password: string;
  displayName: string;
  email?: string | undefined;
}

export async function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function upsertSchool(db: Db, school: { code: string; name: string }): Promise<void> {
  await db.insert(schools).values(school).onConflictDoNothing();
}

export async function upsertEmployer(
  db: Db,
  employer: { creditCode: string; name: string; unitNature?: string; regionCode?: string },
): Promise<void> {
  await db.insert(employers).values(employer).onConflictDoNothing();
}

export async function upsertStudent(
  db: Db,
  student: { schoolCode: string; examineeNo: string; name: string; originAuthority?: string },
): Promise<string> {
  const [row] = await db
    .insert(students)
    .values(student)
    .onConflictDoUpdate({ target: students.examineeNo, set: { name: student.name } })
    .returning({ id: students.id });
  if (!row) throw new Error(`student ${student.examineeNo} was not saved`);
  return row.id;
}

/** What the account acts for: a party, or nothing for an operator (运维人员). */
type PartyLink =
  | { role: 'student'; studentId: string }
  | { role: 'employer'; employerCreditCode: string }
  | { role: 'school'; schoolCode: string }
  | { role: 'operator' };

/** Creates the account unless its username exists; returns whether it was created. */
export async function createAccount(db: Db, account: AccountInput, link: PartyLink): Promise<boolean> {
  const created = await db
    .insert(accounts)
    .values({
      username: account.username,
      passwordHash: await hashPassword(account.password),
      displayName: account.displayName,
      email: account.email ?? null,
      ...link,
    })
    .onConflictDoNothing({ target: accounts.username })
    .returning({ id: accounts.id });
  return created.length > 0;
}
