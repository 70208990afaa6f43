/**
 * Writes a parsed roster (api/roster/parse-roster.ts) into a school's students: upserted by 考生号,
 * so a re-import updates instead of duplicating, and an empty cell leaves the stored value as it is.
 * A 考生号 of another school's student is reported, not taken over. A student without a login gets
 * one: username = 考生号, and a generated initial password returned in this import's answer only
 * (stored only as an argon2 hash) for the admin to hand out.
 */
import { hash } from '@node-rs/argon2';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { accounts, students } from '../../db/schema';
import { generatePassword } from '../../domain/password-policy';

import type { ParsedRoster, RosterError, RosterRow } from './parse-roster';

export interface ImportResult {
  created: number;
  updated: number;
  failed: number;
  errors: RosterError[];
  accounts: { examineeNo: string; name: string; username: string; initialPassword: string }[];
}

/** Upserts the checked rows into `schoolCode`'s roster and creates missing student accounts. */
export async function importRoster(db: Db, schoolCode: string, parsed: ParsedRoster): Promise<ImportResult> {
  const errors = [...parsed.errors];
  const fail = (row: number, examineeNo: string, field: string | null, message: string) =>
    errors.push({ row, field, message, examineeNo });

  const numbers = parsed.rows.map((r) => r.value.examineeNo);
  const [existing, sameUsername] = numbers.length
    ? await Promise.all([
        db.select({ id: students.id, examineeNo: students.examineeNo, schoolCode: students.schoolCode }).from(students).where(inArray(students.examineeNo, numbers)),
        db.select({ username: accounts.username, studentId: accounts.studentId }).from(accounts).where(inArray(accounts.username, numbers)),
      ])
    : [[], []];
  const existingByNo = new Map(existing.map((s) => [s.examineeNo, s]));
  const withAccount = new Set(
    existing.length
      ? (
          await db
            .select({ studentId: accounts.studentId })
            .from(accounts)
            .where(and(eq(accounts.role, 'student'), inArray(accounts.studentId, existing.map((s) => s.id))))
        ).map((a) => a.studentId)
      : [],
  );
  const usernameOwner = new Map(sameUsername.map((a) => [a.username, a.studentId]));

  // Rows that can be written, and which of them need a new login.
  const accepted: { row: number; value: RosterRow; needsAccount: boolean }[] = [];
  for (const { row, value } of parsed.rows) {
    const found = existingByNo.get(value.examineeNo);
    if (found && found.schoolCode !== schoolCode) {
      fail(row, value.examineeNo, '考生号', '该考生号已属于其他学校的学生，不能导入');
      continue;
    }
    const needsAccount = !found || !withAccount.has(found.id);
    if (needsAccount && usernameOwner.has(value.examineeNo) && usernameOwner.get(value.examineeNo) !== found?.id) {
      fail(row, value.examineeNo, '考生号', '以该考生号为用户名的账号已存在且不属于该学生，请联系平台管理员');
      continue;
    }
    accepted.push({ row, value, needsAccount });
  }

  // Hash outside the transaction: argon2 is deliberately slow.
  const passwords = new Map<string, { password: string; hash: string }>();
  await Promise.all(
    accepted
      .filter((a) => a.needsAccount)
      .map(async ({ value }) => {
        const password = generatePassword();
        passwords.set(value.examineeNo, { password, hash: await hash(password) });
      }),
  );

  let created = 0;
  let updated = 0;
  const issued: ImportResult['accounts'] = [];
  if (accepted.length) {
    await db.transaction(async (tx) => {
      const saved = await tx
        .insert(students)
        .values(
          accepted.map(({ value }) => ({
            schoolCode,
            examineeNo: value.examineeNo,
            name: value.name,
            major: value.major ?? null,
            educationLevel: value.educationLevel ?? null,
            originAuthority: value.originAuthority ?? null,
          })),
        )
        .onConflictDoUpdate({
          target: students.examineeNo,
          set: {
            name: sql`excluded.name`,
            major: sql`coalesce(excluded.major, ${students.major})`,
            educationLevel: sql`coalesce(excluded.education_level, ${students.educationLevel})`,
            originAuthority: sql`coalesce(excluded.origin_authority, ${students.originAuthority})`,
          },
          // Never take over another school's student (also when one was added meanwhile).
          setWhere: sql`${students.schoolCode} = excluded.school_code`,
        })
        .returning({ id: students.id, examineeNo: students.examineeNo, inserted: sql<boolean>`(xmax = 0)` });
      const savedByNo = new Map(saved.map((s) => [s.examineeNo, s]));

      for (const { row, value, needsAccount } of accepted) {
        const student = savedByNo.get(value.examineeNo);
        if (!student) {
          fail(row, value.examineeNo, '考生号', '该考生号已属于其他学校的学生，不能导入');
          continue;
        }
        if (student.inserted) created += 1;
        else updated += 1;
        if (!needsAccount) {
          await tx
            .update(accounts)
            .set({ displayName: value.name, ...(value.email ? { email: value.email } : {}) })
            .where(and(eq(accounts.role, 'student'), eq(accounts.studentId, student.id)));
          continue;
        }
        const secret = passwords.get(value.examineeNo);
        if (!secret) throw new Error(`no password prepared for ${value.examineeNo}`);
        const inserted = await tx
          .insert(accounts)
          .values({
            username: value.examineeNo,
            passwordHash: secret.hash,
            role: 'student',
            displayName: value.name,
            email: value.email ?? null,
            studentId: student.id,
          })
          .onConflictDoNothing({ target: accounts.username })
          .returning({ id: accounts.id });
        if (inserted.length) {
          issued.push({ examineeNo: value.examineeNo, name: value.name, username: value.examineeNo, initialPassword: secret.password });
        } else {
          fail(row, value.examineeNo, '考生号', '学生信息已保存，但以该考生号为用户名的账号已被占用，未能创建登录账号');
        }
      }
    });
  }

  errors.sort((a, b) => a.row - b.row);
  return { created, updated, failed: new Set(errors.map((e) => e.row)).size, errors, accounts: issued };
}
