/**
 * The shared frame of the operator CLIs that create logins (`school:create`, `operator:create`):
 * parse the arguments or print the usage, require DATABASE_URL, read `--password-stdin`, run,
 * and map the outcome to the exit codes both document: 0 done (or nothing to do), 1 refused,
 * 2 failure.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A refusal the operator can act on (bad arguments, a username taken): exit 1 with its message. */
export class CliError extends Error {
  override name = 'CliError';
}

export interface AccountCli<A extends { passwordStdin: boolean }> {
  usage: string;
  parse(argv: string[]): A | 'help';
  /** Does the work and prints what it did; throws CliError to refuse. */
  run(databaseUrl: string, args: A, stdinPassword: string | undefined): Promise<void>;
}

export async function runAccountCli<A extends { passwordStdin: boolean }>(cli: AccountCli<A>, argv: string[]): Promise<number> {
  let args: A | 'help';
  try {
    args = cli.parse(argv);
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    console.error(`\n${cli.usage}`);
    return 1;
  }
  if (args === 'help') {
    console.log(cli.usage);
    return 0;
  }
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl || !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    console.error('请设置 DATABASE_URL（postgres:// 开头的连接串，与 API 使用同一个数据库）');
    return 1;
  }
  const stdinPassword = args.passwordStdin ? readFileSync(0, 'utf8').split(/\r?\n/)[0] : undefined;
  try {
    await cli.run(databaseUrl, args, stdinPassword);
    return 0;
  } catch (err) {
    if (err instanceof CliError) {
      console.error(err.message);
      return 1;
    }
    console.error('创建失败：', err instanceof Error ? err.message : err);
    return 2;
  }
}

/** Runs the CLI when `moduleUrl` is the entry point (not when a test imports the module). */
export function runIfMain<A extends { passwordStdin: boolean }>(moduleUrl: string, cli: AccountCli<A>): void {
  if (!process.argv[1] || fileURLToPath(moduleUrl) !== process.argv[1]) return;
  runAccountCli(cli, process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(2);
    },
  );
}
