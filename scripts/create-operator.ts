/**
 * Operator CLI: create a login for an operator (运维人员), who reads signings in the Temporal Web UI
 * through the codec endpoint (/codec, HTTP Basic or Bearer). An operator acts for no party: the
 * party API refuses its token.
 *
 *   DATABASE_URL=postgres://… npm run operator:create -- --username ops.zhang [--name 张工] \
 *       [--email ops@example.edu.cn] [--password-stdin]
 *
 * - The password is generated and printed once (only its argon2 hash is stored), unless
 *   `--password-stdin` reads it from standard input (first line), checked against the password policy.
 * - A username that is already an operator is left as it is (no new password; running twice is fine);
 *   one used by a party's account is an error (nothing changes).
 * - DATABASE_URL is required (the API's database, migrations applied).
 *
 * Exit codes, as `school:create`: 0 done (or nothing to do), 1 refused, 2 failure.
 */
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { connectDatabase } from '../db/client';
import { createAccount } from '../db/master-data';
import { accounts } from '../db/schema';
import { generatePassword, passwordProblems, usernameSchema } from '../domain/password-policy';
import { emailSchema } from '../domain/schemas';
import { CliError, runIfMain } from './account-cli';

const USAGE = `用法 (usage):
  DATABASE_URL=postgres://… npm run operator:create -- --username <用户名> [--name <显示名称>] [--email <邮箱>] [--password-stdin]

  --username        运维人员的登录用户名（4–32 位字母、数字或 _ . -，以字母开头）
  --name            显示名称（默认：运维人员）
  --email           邮箱（可选）
  --password-stdin  从标准输入读取密码（第一行），不自动生成`;

export interface CreateOperatorArgs {
  username: string;
  name: string;
  email?: string | undefined;
  passwordStdin: boolean;
}

export function parseOperatorArgs(argv: string[]): CreateOperatorArgs | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        username: { type: 'string' },
        name: { type: 'string' },
        email: { type: 'string' },
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
  const username = usernameSchema.safeParse(values.username ?? '');
  if (!values.username) problems.push('--username：请填写用户名');
  else if (!username.success) problems.push(`--username：${username.error.issues[0]?.message ?? '格式不正确'}`);
  const name = values.name?.trim() || '运维人员';
  if (name.length > 100) problems.push('--name：显示名称最多 100 个字符');
  let email: string | undefined;
  if (values.email !== undefined) {
    const parsed = emailSchema.safeParse(values.email);
    if (parsed.success) email = parsed.data;
    else problems.push(`--email：${parsed.error.issues[0]?.message ?? '格式不正确'}`);
  }
  if (problems.length) throw new CliError(problems.join('\n'));
  return { username: username.success ? username.data : '', name, email, passwordStdin: values['password-stdin'] ?? false };
}

export interface CreateOperatorResult {
  created: boolean;
  /** Only when generated here (never when read from stdin). */
  generatedPassword?: string;
}

export async function createOperator(databaseUrl: string, args: CreateOperatorArgs, stdinPassword?: string): Promise<CreateOperatorResult> {
  const password = args.passwordStdin ? (stdinPassword ?? '') : generatePassword();
  if (args.passwordStdin) {
    const problems = passwordProblems(password, args.username);
    if (problems.length) throw new CliError(`密码不符合要求：${problems.join('；')}`);
  }
  const { db, close } = connectDatabase(databaseUrl, { max: 1 });
  try {
    const created = await createAccount(db, { username: args.username, password, displayName: args.name, email: args.email }, { role: 'operator' });
    if (!created) {
      const [existing] = await db.select({ role: accounts.role }).from(accounts).where(eq(accounts.username, args.username));
      if (existing?.role !== 'operator') throw new CliError(`用户名 ${args.username} 已被其他账号使用，请换一个`);
      return { created: false };
    }
    return { created: true, ...(args.passwordStdin ? {} : { generatedPassword: password }) };
  } finally {
    await close();
  }
}

runIfMain(import.meta.url, {
  usage: USAGE,
  parse: parseOperatorArgs,
  async run(databaseUrl, args, stdinPassword) {
    const result = await createOperator(databaseUrl, args, stdinPassword);
    if (!result.created) {
      console.log(`运维账号已存在，未修改：${args.username}`);
      return;
    }
    console.log(`已创建运维账号：${args.username}（${args.name}）`);
    if (result.generatedPassword) console.log(`初始密码（只显示这一次，请妥善转交）：${result.generatedPassword}`);
  },
});
