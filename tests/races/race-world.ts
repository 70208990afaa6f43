/**
 * The world of one race scenario: one school, one employer and N students of that school, each
 * logged in, and a way to drive each student's signing to a given status. A student may have only
 * one active signing, so N concurrent signings need N students; creating them through
 * tests/support/harness.ts createWorld (six accounts each, every password hashed with Argon2)
 * would cost seconds per scenario, so here the password is hashed once and the rows are inserted
 * in bulk. The school code is unique to the scenario, so Temporal visibility can count its runs.
 */
import { randomUUID } from 'node:crypto';
import { hashPassword, upsertEmployer, upsertSchool } from '../../db/master-data';
import { accounts, students } from '../../db/schema';
import type { SigningStatus } from '../../domain/status';
import { type Harness, TEST_PASSWORD, uniqueCreditCode } from '../support/harness';
import { ApiClient, type ApiResponse } from '../support/http';
import { sampleApplication, sampleEmployerSign } from '../support/sample-data';

export interface RaceStudent {
  api: ApiClient;
  studentId: string;
}

export interface RaceWorld {
  schoolCode: string;
  creditCode: string;
  school: ApiClient;
  employer: ApiClient;
  students: RaceStudent[];
}

let passwordHash: Promise<string> | undefined;

export async function raceWorld(h: Harness, n: number): Promise<RaceWorld> {
  const { db } = h.database;
  const tag = randomUUID().slice(0, 8);
  const schoolCode = `R${tag}`;
  const creditCode = uniqueCreditCode();
  await upsertSchool(db, { code: schoolCode, name: `竞争测试大学${tag}` });
  await upsertEmployer(db, { creditCode, name: `竞争测试单位${tag}` });
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = await passwordHash;

  const studentRows = await db
    .insert(students)
    .values(
      Array.from({ length: n }, (_, i) => ({
        schoolCode,
        // 考生号: 15 digits, unique per scenario (the tag's 32 bits) and per student.
        examineeNo: `${parseInt(tag, 16)}`.padStart(10, '1') + String(i).padStart(5, '0'),
        name: `学生${i}`,
      })),
    )
    .returning({ id: students.id });
  const usernames = {
    school: `race-school-${tag}`,
    employer: `race-employer-${tag}`,
    student: (i: number) => `race-student-${tag}-${i}`,
  };
  await db.insert(accounts).values([
    { username: usernames.school, passwordHash: hash, role: 'school', displayName: '学校管理员', schoolCode },
    { username: usernames.employer, passwordHash: hash, role: 'employer', displayName: '单位', employerCreditCode: creditCode },
    ...studentRows.map((row, i) => ({
      username: usernames.student(i),
      passwordHash: hash,
      role: 'student' as const,
      displayName: `学生${i}`,
      studentId: row.id,
    })),
  ]);
  const [school, employer, ...studentApis] = await Promise.all(
    [usernames.school, usernames.employer, ...studentRows.map((_, i) => usernames.student(i))].map((u) =>
      ApiClient.login(h.baseUrl, u),
    ),
  );
  return {
    schoolCode,
    creditCode,
    school: school!,
    employer: employer!,
    students: studentApis.map((api, i) => ({ api, studentId: studentRows[i]!.id })),
  };
}

/**
 * One setup step. The setup is not what a race test checks, so a 503 (the stack overloaded, e.g.
 * by everything else CI runs at once) is retried as the API asks: with the same Idempotency-Key,
 * which makes the retry act at most once.
 */
async function setupStep(send: (headers: Record<string, string>) => Promise<ApiResponse>, expected: number, what: string) {
  const headers = { 'Idempotency-Key': `race-setup-${randomUUID()}` };
  for (let attempt = 1; ; attempt += 1) {
    const res = await send(headers);
    if (res.status === expected) return res.body;
    if (res.status !== 503 || attempt >= 4) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
  }
}

export interface RaceSigning {
  id: string;
  student: RaceStudent;
  /** The current agreement's hash, once the employer has signed. */
  hash: string | null;
}

/** Creates one signing per student and moves it, one step at a time, to `status`. */
export async function signingsIn(w: RaceWorld, status: 'PENDING_EMPLOYER' | 'PENDING_STUDENT' | 'PENDING_SCHOOL'): Promise<RaceSigning[]> {
  return Promise.all(
    w.students.map(async (student): Promise<RaceSigning> => {
      const created = await setupStep((k) => student.api.post('/api/signings', sampleApplication(w.creditCode), k), 201, 'create');
      const id: string = created.id;
      if (status === 'PENDING_EMPLOYER') return { id, student, hash: null };
      const signed = await setupStep((k) => w.employer.post(`/api/signings/${id}/employer-sign`, sampleEmployerSign(), k), 200, 'sign');
      const hash: string = signed.agreement.hash;
      if (status === 'PENDING_STUDENT') return { id, student, hash };
      await setupStep((k) => student.api.post(`/api/signings/${id}/student-confirm`, { agreementHash: hash, previewed: true }, k), 200, 'confirm');
      return { id, student, hash };
    }),
  );
}

export type { SigningStatus };
