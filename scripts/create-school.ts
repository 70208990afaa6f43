/**
 * Operator CLI: create a school and a login for its administrator.
 *
 *   DATABASE_URL=postgres://… npm run school:create -- --code 10280 --name 上海大学 \
 *       --admin-username school10280 [--admin-email jy@shu.edu.cn] [--password-stdin]
 *
 * - The school is created if its code is new; a school that exists with the same name is left as it
 *   is (running the command twice is fine); one with another name is an error (nothing changes).
 * - The admin's password is generated and printed once (only its argon2 hash is stored), unless
 *   `--password-stdin` reads it from standard input (first line), checked against the password
 *   policy. An admin username that already belongs to this school's admin is left as it is (no
 *   new password); one used by any other account is an error.
 * - DATABASE_URL is required (the same database the API uses; the migrations must be applied).
 *
 * Exit codes: 0 done (or nothing to do), 1 refused (bad arguments, conflicts), 2 failure
 * (e.g. the database cannot be reached).
 */
import { parseArgs } from 'node:util';
import { hash } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import { connectDatabase } from '../db/client';
import { accounts, schools } from '../db/schema';
import { emailSchema } from '../domain/schemas';
import { generatePassword, passwordProblems, usernameSchema } from '../domain/password-policy';
import { CliError, runIfMain } from './account-cli';

const USAGE = `用法 (usage):
  DATABASE_URL=postgres://… npm run school:create -- --code <学校代码> --name <学校名称> --admin-username <用户名> [--admin-email <邮箱>] [--admin-name <显示名称>] [--password-stdin]

  --code            学校代码：5 位院校代码（如 10280）或 10 位学校标识码
  --name            学校名称（如 上海大学）
  --admin-username  学校管理员的登录用户名（4–32 位字母、数字或 _ . -，以字母开头）
  --admin-email     管理员邮箱（可选，用于接收通知）
  --admin-name      管理员账号的显示名称（默认：<学校名称>就业指导中心）
  --password-stdin  从标准输入读取管理员密码（第一行），不自动生成`;

export { CliError };

export interface CreateSchoolArgs {
  code: string;
  name: string;
  adminUsername: string;
  adminEmail?: string | undefined;
  adminName?: string | undefined;
  passwordStdin: boolean;
}

export function parseCliArgs(argv: string[]): CreateSchoolArgs | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        code: { type: 'string' },
        name: { type: 'string' },
        'admin-username': { type: 'string' },
        'admin-email': { type: 'string' },
        'admin-name': { type: 'string' },
        'password-stdin': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new CliError(`参数错误：${err instanceof Error ? err.message : String(err)}`);
  }
  if (values.help) return 'help';
  const problems: string[] = [];
  const code = values.code?.trim() ?? '';
  const name = values.name?.trim() ?? '';
  if (!/^\d{5}(\d{5})?$/.test(code)) problems.push('--code：学校代码应为 5 位院校代码（如 10280）或 10 位学校标识码');
  if (!name) problems.push('--name：请填写学校名称');
  else if (name.length > 100) problems.push('--name：学校名称最多 100 个字符');
  const username = usernameSchema.safeParse(values['admin-username'] ?? '');
  if (!values['admin-username']) problems.push('--admin-username：请填写管理员用户名');
  else if (!username.success) problems.push(`--admin-username：${username.error.issues[0]?.message ?? '格式不正确'}`);
  let adminEmail: string | undefined;
  if (values['admin-email'] !== undefined) {
    const email = emailSchema.safeParse(values['admin-email']);
    if (email.success) adminEmail = email.data;
    else problems.push(`--admin-email：${email.error.issues[0]?.message ?? '格式不正确'}`);
  }
  if (problems.length) throw new CliError(problems.join('\n'));
  return {
    code,
    name,
    adminUsername: username.success ? username.data : '',
    adminEmail,
    adminName: values['admin-name']?.trim() || undefined,
    passwordStdin: values['password-stdin'] ?? false,
  };
}

export interface CreateSchoolResult {
  schoolCreated: boolean;
  adminCreated: boolean;
  /** Only when generated here (never when read from stdin). */
  generatedPassword?: string;
}

export async function createSchool(databaseUrl: string, args: CreateSchoolArgs, stdinPassword?: string): Promise<CreateSchoolResult> {
  const password = args.passwordStdin ? (stdinPassword ?? '') : generatePassword();
  if (args.passwordStdin) {
    const problems = passwordProblems(password, args.adminUsername);
    if (problems.length) throw new CliError(`密码不符合要求：${problems.join('；')}`);
  }
  const passwordHash = await hash(password);
  const { db, close } = connectDatabase(databaseUrl, { max: 1 });
  try {
    return await db.transaction(async (tx) => {
      const inserted = await tx.insert(schools).values({ code: args.code, name: args.name }).onConflictDoNothing().returning({ code: schools.code });
      const schoolCreated = inserted.length > 0;
      if (!schoolCreated) {
        const [existing] = await tx.select().from(schools).where(eq(schools.code, args.code));
        if (existing && existing.name !== args.name) {
          throw new CliError(`学校代码 ${args.code} 已存在，名称为“${existing.name}”，与 --name “${args.name}”不同；未做任何修改`);
        }
      }
      const [account] = await tx.select().from(accounts).where(eq(accounts.username, args.adminUsername));
      if (account) {
        if (account.role === 'school' && account.schoolCode === args.code) return { schoolCreated, adminCreated: false };
        throw new CliError(`用户名 ${args.adminUsername} 已被其他账号使用，请换一个`);
      }
      await tx.insert(accounts).values({
        username: args.adminUsername,
        passwordHash,
        role: 'school',
        displayName: args.adminName ?? `${args.name}就业指导中心`,
        email: args.adminEmail ?? null,
        schoolCode: args.code,
      });
      return { schoolCreated, adminCreated: true, ...(args.passwordStdin ? {} : { generatedPassword: password }) };
    });
  } finally {
    await close();
  }
}

runIfMain(import.meta.url, {
  usage: USAGE,
  parse: parseCliArgs,
  async run(databaseUrl, args, stdinPassword) {
    const result = await createSchool(databaseUrl, args, stdinPassword);
    console.log(result.schoolCreated ? `已创建学校：${args.code} ${args.name}` : `学校已存在，未修改：${args.code} ${args.name}`);
    if (!result.adminCreated) {
      console.log(`管理员账号已存在，未修改：${args.adminUsername}`);
    } else {
      console.log(`已创建学校管理员账号：${args.adminUsername}`);
      if (result.generatedPassword) {
        console.log(`初始密码（只显示这一次，请妥善转交）：${result.generatedPassword}`);
      }
    }
  },
});
