/**
 * Demo data for the embedded default: one school with its admin, three students and two employers
 * (valid credit codes). Passwords are generated on first start into DATA_DIR/demo-logins.json
 * (git-ignored) and reused afterwards, so no credential lives in the repository.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectDatabase } from '../db/client';
import { createAccount, upsertEmployer, upsertSchool, upsertStudent } from '../db/master-data';

export interface DemoLogin {
  username: string;
  password: string;
  role: 'student' | 'employer' | 'school';
  name: string;
}

export const DEMO_SCHOOL = { code: '10280', name: '上海大学' };
export const DEMO_EMPLOYERS = [
  { creditCode: '914403001922038216', name: '深圳市腾讯计算机系统有限公司', username: 'employer1' },
  { creditCode: '91350200MA31E12PXF', name: '厦门示例科技有限公司', username: 'employer2' },
];
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
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DemoLogin[];
  const logins: DemoLogin[] = [
    { username: 'school10280', password: generatePassword(), role: 'school', name: `${DEMO_SCHOOL.name}就业指导中心` },
    ...DEMO_STUDENTS.map((s) => ({ username: s.username, password: generatePassword(), role: 'student' as const, name: s.name })),
    ...DEMO_EMPLOYERS.map((e) => ({ username: e.username, password: generatePassword(), role: 'employer' as const, name: e.name })),
  ];
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
  } finally {
    await close();
  }
  return logins;
}
