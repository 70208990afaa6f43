/**
 * Demo data for the embedded default: one school with its admin, three students, two employers
 * (valid credit codes) and an operator (运维人员, who reads signings in the Temporal UI through the
 * codec endpoint). Passwords are generated on first start into DATA_DIR/demo-logins.json
 * (git-ignored) and reused afterwards, so no credential lives in the repository; a login added
 * to the demo later is added to an existing file.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectDatabase } from '../db/client';
import { createAccount, upsertEmployer, upsertSchool, upsertStudent } from '../db/master-data';

export interface DemoLogin {
  username: string;
  password: string;
  role: 'student' | 'employer' | 'school' | 'operator';
  name: string;
}

export const DEMO_SCHOOL = { code: '10280', name: '上海大学' };
export const DEMO_EMPLOYERS = [
  { creditCode: '914403001922038216', name: '深圳市腾讯计算机系统有限公司', username: 'employer1' },
  { creditCode: '91350200MA31E12PXF', name: '厦门示例科技有限公司', username: 'employer2' },
];
export const DEMO_OPERATOR = { username: 'operator1', name: '运维值班' };
export const DEMO_STUDENTS = [
  { examineeNo: '20310101000101', name: '于小明', username: 'student1' },
  { examineeNo: '20310101000102', name: '李华', username: 'student2' },
  { examineeNo: '20310101000103', name: '王芳', username: 'student3' },
];

function generatePassword(): string {
  return randomBytes(9).toString('base64url');
}

function loadOrCreateLogins(dataDir: string): DemoLogin[] {
  const file = join(dataDir, 'demo-logins.json');
  const existing = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DemoLogin[]) : [];
  const wanted: Array<Omit<DemoLogin, 'password'>> = [
    { username: 'school10280', role: 'school', name: `${DEMO_SCHOOL.name}就业指导中心` },
    ...DEMO_STUDENTS.map((s) => ({ username: s.username, role: 'student' as const, name: s.name })),
    ...DEMO_EMPLOYERS.map((e) => ({ username: e.username, role: 'employer' as const, name: e.name })),
    { username: DEMO_OPERATOR.username, role: 'operator', name: DEMO_OPERATOR.name },
  ];
  const missing = wanted.filter((w) => !existing.some((l) => l.username === w.username));
  if (missing.length === 0) return existing;
  const logins = [...existing, ...missing.map((w) => ({ ...w, password: generatePassword() }))];
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${JSON.stringify(logins, null, 2)}\n`, { mode: 0o600 });
  return logins;
}

export async function seedDemo(databaseUrl: string, dataDir: string): Promise<DemoLogin[]> {
  const logins = loadOrCreateLogins(dataDir);
  const password = (username: string) => logins.find((l) => l.username === username)?.password ?? generatePassword();
  const { db, close } = connectDatabase(databaseUrl, { max: 2 });
  try {
    await upsertSchool(db, DEMO_SCHOOL);
    await createAccount(
      db,
      { username: 'school10280', password: password('school10280'), displayName: `${DEMO_SCHOOL.name}就业指导中心` },
      { role: 'school', schoolCode: DEMO_SCHOOL.code },
    );
    for (const s of DEMO_STUDENTS) {
      const studentId = await upsertStudent(db, { schoolCode: DEMO_SCHOOL.code, examineeNo: s.examineeNo, name: s.name });
      await createAccount(db, { username: s.username, password: password(s.username), displayName: s.name }, { role: 'student', studentId });
    }
    for (const e of DEMO_EMPLOYERS) {
      await upsertEmployer(db, { creditCode: e.creditCode, name: e.name });
      await createAccount(
        db,
        { username: e.username, password: password(e.username), displayName: e.name },
        { role: 'employer', employerCreditCode: e.creditCode },
      );
    }
    await createAccount(
      db,
      { username: DEMO_OPERATOR.username, password: password(DEMO_OPERATOR.username), displayName: DEMO_OPERATOR.name },
      { role: 'operator' },
    );
  } finally {
    await close();
  }
  return logins;
}
