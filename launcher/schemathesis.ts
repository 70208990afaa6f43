/**
 * Finds (and if need be installs) Schemathesis, the OpenAPI fuzzer of tests/contract/schemathesis.test.ts,
 * pinned as the Temporal CLI is (launcher/temporal-cli.ts). Order:
 *   SCHEMATHESIS (a `schemathesis` executable; must be the pinned version) → cached copy under .tools/
 *   → PyPI into a virtual environment (`python3 -m venv`) → PyPI with `pip install --target` (a
 *   Python without the venv module, e.g. Debian's without python3-venv).
 * `schemathesis` on PATH is not used: another version there would silently change what the test
 * checks (checks, generators and the seed's meaning differ between releases).
 * Installs go to a temporary folder renamed into place (installAtomically), so two processes
 * installing at once never see a half-written copy. A virtual environment survives the rename: its
 * `bin/python` finds `pyvenv.cfg` beside itself, and we run `python -m schemathesis.cli`, never the
 * console script (whose shebang names the temporary folder).
 *
 * CLI: `tsx scripts/schemathesis.ts` prints the resolved command (npm run tools:install).
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { TOOLS_DIR, installAtomically, oneLine } from './temporal-cli';

const execFileAsync = promisify(execFile);

/** The pinned release (PyPI `schemathesis`). */
export const SCHEMATHESIS_VERSION = '4.32.5';

/** How to run Schemathesis: `command ...args run …`, with `env` added to the environment. */
export interface SchemathesisCommand {
  command: string;
  args: string[];
  env: Record<string, string>;
  /** Where it came from, for logs. */
  source: string;
}

export class SchemathesisNotFoundError extends Error {
  override name = 'SchemathesisNotFoundError';
}

const INSTALL_DIR = path.join(TOOLS_DIR, `schemathesis-${SCHEMATHESIS_VERSION}`);
/** Inside a `pip install --target` copy: the packages, and the interpreter that installed them. */
const TARGET_LIB = 'lib';
const TARGET_PYTHON_FILE = 'python-path';
const PYTHONS = ['python3', 'python'];

/** The pinned Schemathesis, installing it from PyPI into .tools/ when no good copy exists. */
export async function resolveSchemathesis(): Promise<SchemathesisCommand> {
  const attempts: string[] = [];

  // 1. An explicit executable wins, and a wrong one is an error rather than a silent fallback.
  const fromEnv = process.env.SCHEMATHESIS;
  if (fromEnv) {
    const cmd: SchemathesisCommand = { command: path.resolve(fromEnv), args: [], env: {}, source: `SCHEMATHESIS=${fromEnv}` };
    const problem = await checkCommand(cmd);
    if (!problem) return cmd;
    throw notFound([`SCHEMATHESIS=${fromEnv}: ${problem}`]);
  }

  // 2. Our cached copy.
  const cached = await cachedCommand();
  const cachedProblem = cached ? await checkCommand(cached) : 'not installed';
  if (cached && !cachedProblem) return cached;
  attempts.push(`cached copy ${path.relative(path.dirname(TOOLS_DIR), INSTALL_DIR)}: ${cachedProblem}`);

  // 3. A virtual environment, 4. a plain pip --target folder.
  for (const [route, install] of [
    [`python3 -m venv + pip install schemathesis==${SCHEMATHESIS_VERSION}`, installVenv],
    [`python3 -m pip install --target … schemathesis==${SCHEMATHESIS_VERSION}`, installTarget],
  ] as const) {
    try {
      await installAtomically(INSTALL_DIR, install, async () => {
        const good = await cachedCommand();
        return good !== undefined && !(await checkCommand(good));
      });
      const installed = await cachedCommand();
      const problem = installed ? await checkCommand(installed) : 'the install left no interpreter';
      if (installed && !problem) return installed;
      attempts.push(`${route}: ${problem}`);
    } catch (err) {
      attempts.push(`${route}: ${oneLine(err)}`);
    }
  }
  throw notFound(attempts);
}

function notFound(attempts: string[]): SchemathesisNotFoundError {
  return new SchemathesisNotFoundError(
    [
      `找不到 Schemathesis ${SCHEMATHESIS_VERSION}（cannot find or install Schemathesis ${SCHEMATHESIS_VERSION}）。`,
      '已尝试 (tried):',
      ...attempts.map((a, i) => `  ${i + 1}. ${a}`),
      `解决办法 (what to do): 确保 python3（≥ 3.11）能访问 PyPI 以便安装 schemathesis==${SCHEMATHESIS_VERSION}，` +
        '或自行安装后设置环境变量 SCHEMATHESIS=<schemathesis 可执行文件路径>。',
      `  Make PyPI reachable for python3 (>= 3.11), or install schemathesis==${SCHEMATHESIS_VERSION} yourself and set SCHEMATHESIS=/path/to/schemathesis.`,
    ].join('\n'),
  );
}

/** The command of the copy under .tools/, whichever way it was installed; undefined when absent. */
async function cachedCommand(dir = INSTALL_DIR): Promise<SchemathesisCommand | undefined> {
  const venvPython = path.join(dir, 'bin', 'python');
  if (await isFile(venvPython)) {
    return { command: venvPython, args: ['-m', 'schemathesis.cli'], env: {}, source: path.relative(path.dirname(TOOLS_DIR), dir) };
  }
  const lib = path.join(dir, TARGET_LIB);
  if (await isFile(path.join(dir, TARGET_PYTHON_FILE))) {
    const python = (await readFile(path.join(dir, TARGET_PYTHON_FILE), 'utf8')).trim();
    // -s: the user's site-packages must not shadow the pinned dependencies.
    return { command: python, args: ['-s', '-m', 'schemathesis.cli'], env: { PYTHONPATH: lib }, source: path.relative(path.dirname(TOOLS_DIR), dir) };
  }
  return undefined;
}

/** Runs `--version`; the problem, or undefined when it is the pinned version. */
async function checkCommand(cmd: SchemathesisCommand): Promise<string | undefined> {
  try {
    const { stdout } = await execFileAsync(cmd.command, [...cmd.args, '--version'], {
      timeout: 60_000,
      env: { ...process.env, ...cmd.env },
    });
    const printed = stdout.trim().split('\n')[0] ?? '';
    return new RegExp(`version ${SCHEMATHESIS_VERSION.replaceAll('.', '\\.')}$`).test(printed)
      ? undefined
      : `\`--version\` printed "${printed}", expected version ${SCHEMATHESIS_VERSION}`;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'not executable' : `cannot run it: ${oneLine(err)}`;
  }
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then(
    (info) => info.isFile(),
    () => false,
  );
}

const PIP_FLAGS = ['--quiet', '--disable-pip-version-check', '--no-input'];
const PIP_TIMEOUT = { timeout: 10 * 60_000, maxBuffer: 16 * 1024 * 1024 };

/** Runs `python args` with the first interpreter that exists; returns its path. */
async function withPython(args: (python: string) => string[]): Promise<string> {
  let lastError: unknown;
  for (const python of PYTHONS) {
    try {
      await execFileAsync(python, args(python), PIP_TIMEOUT);
      return python;
    } catch (err) {
      lastError = err;
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') break; // python ran and failed
    }
  }
  throw lastError;
}

async function installVenv(target: string): Promise<void> {
  await withPython(() => ['-m', 'venv', target]);
  // pip warns about running as root on stderr; only its failure matters.
  await execFileAsync(path.join(target, 'bin', 'python'), ['-m', 'pip', 'install', ...PIP_FLAGS, `schemathesis==${SCHEMATHESIS_VERSION}`], PIP_TIMEOUT);
}

async function installTarget(target: string): Promise<void> {
  // A failed venv attempt may have left its folder behind under another name; this one is fresh.
  await rm(target, { recursive: true, force: true });
  await mkdir(target, { recursive: true });
  const python = await withPython(() => ['-m', 'pip', 'install', ...PIP_FLAGS, '--target', path.join(target, TARGET_LIB), `schemathesis==${SCHEMATHESIS_VERSION}`]);
  const { stdout } = await execFileAsync(python, ['-c', 'import sys; print(sys.executable)'], { timeout: 30_000 });
  await writeFile(path.join(target, TARGET_PYTHON_FILE), `${stdout.trim()}\n`);
}
