/**
 * The end-to-end proof of `npm start` (docs/design.md §9): the real launcher as a child process, with a
 * fresh data folder and free ports, and none of the global setup's servers. It must print the
 * banner with the addresses and the demo logins, serve the signing flow with those logins, stop
 * every child on SIGINT and exit 0, and on a restart on the same folder still have the signing
 * (Temporal's SQLite file and PostgreSQL's cluster persisted) so the school can complete it.
 */
import { randomUUID } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandLine, freePort, isPortFree, sleep } from '../../launcher/processes';
import { DEMO_EMPLOYERS, type DemoLogin } from '../../launcher/seed';
import { ApiClient } from '../support/http';
import { sampleApplication, sampleEmployerSign } from '../support/sample-data';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 60_000;
const HOST = '127.0.0.1';

interface Ports {
  PORT: number;
  TEMPORAL_DEV_PORT: number;
  TEMPORAL_UI_PORT: number;
  EMBEDDED_PG_PORT: number;
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A running launcher: its stdout read incrementally, and the tail of everything it printed. */
class Launcher {
  readonly child: ChildProcess;
  readonly spawnedAt = performance.now();
  readonly exited: Promise<Exit>;
  stdout = '';
  private tailLines: string[] = [];
  private partial = { stdout: '', stderr: '' };
  private listeners = new Set<() => void>();
  /** Every descendant seen so far (pid → command line), to check none survives the launcher. */
  readonly descendants = new Map<number, string>();

  constructor(dataDir: string, ports: Ports) {
    const env: NodeJS.ProcessEnv = { ...process.env };
    // Whatever points elsewhere in the test environment must not reach the launcher: it starts its own.
    for (const name of ['TEMPORAL_ADDRESS', 'DATABASE_URL', 'JWT_SECRET', 'TEMPORAL_NAMESPACE', 'TEMPORAL_TASK_QUEUE']) delete env[name];
    Object.assign(env, { DATA_DIR: dataDir, HOST, LOG_LEVEL: 'info' }, Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])));
    this.child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a failed test can kill the launcher and the PostgreSQL it spawned in one go.
      detached: true,
    });
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
    void this.exited.then(() => this.notify());
    for (const stream of ['stdout', 'stderr'] as const) {
      this.child[stream]!.setEncoding('utf8');
      this.child[stream]!.on('data', (chunk: string) => this.onData(stream, chunk));
    }
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last lines of stdout and stderr, for error messages. */
  tail(lines = 60): string {
    const pending = [this.partial.stdout, this.partial.stderr].filter(Boolean);
    return [...this.tailLines, ...pending].slice(-lines).join('\n');
  }

  private onData(stream: 'stdout' | 'stderr', chunk: string): void {
    if (stream === 'stdout') this.stdout += chunk;
    const lines = (this.partial[stream] + chunk).split('\n');
    this.partial[stream] = lines.pop() ?? '';
    for (const line of lines) this.tailLines.push(stream === 'stderr' ? `[stderr] ${line}` : line);
    if (this.tailLines.length > 200) this.tailLines.splice(0, this.tailLines.length - 200);
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  /** Resolves with what `match` returns once it returns something; rejects on exit or timeout. */
  waitForStdout<T>(match: (stdout: string) => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      const check = () => {
        const found = match(this.stdout);
        if (found !== undefined) {
          done();
          resolve(found);
        } else if (!this.running) {
          done();
          reject(new Error(`launcher exited (code ${this.child.exitCode}, signal ${this.child.signalCode}) before ${what}; its last output:\n${this.tail()}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no ${what} within ${timeoutMs / 1000} s; the launcher's last output:\n${this.tail()}`));
      }, timeoutMs);
      this.listeners.add(check);
      check();
    });
  }

  /** Records the launcher's current descendants (detached children keep it as their parent). */
  snapshotDescendants(): Array<{ pid: number; cmd: string }> {
    const parentOf = new Map<number, number>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = readStat(Number(entry));
      if (stat) parentOf.set(Number(entry), stat.ppid);
    }
    const found: Array<{ pid: number; cmd: string }> = [];
    const isDescendant = (pid: number): boolean => {
      for (let p = parentOf.get(pid), hops = 0; p !== undefined && p > 1 && hops < 50; p = parentOf.get(p), hops++) {
        if (p === this.pid) return true;
      }
      return false;
    };
    for (const pid of parentOf.keys()) {
      if (!isDescendant(pid)) continue;
      const cmd = commandLine(pid);
      if (cmd === undefined) continue;
      this.descendants.set(pid, cmd);
      found.push({ pid, cmd });
    }
    return found;
  }

  /** Descendants recorded earlier that are still running (same PID and command line, not a zombie). */
  survivors(): Array<{ pid: number; cmd: string }> {
    return [...this.descendants].filter(([pid, cmd]) => isRunning(pid, cmd)).map(([pid, cmd]) => ({ pid, cmd }));
  }

  /** For failures: ask politely, then kill whatever is left of the launcher and its children. */
  async forceStop(): Promise<void> {
    if (this.running) {
      this.snapshotDescendants();
      this.child.kill('SIGTERM');
      await Promise.race([this.exited, sleep(30_000)]);
    }
    if (this.running) {
      try {
        process.kill(-this.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    for (const { pid } of this.survivors()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
}

function readStat(pid: number): { state: string; ppid: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (the name) may contain spaces and parentheses: parse after its last ')'.
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: state ?? '?', ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}

function isRunning(pid: number, cmd: string): boolean {
  const stat = readStat(pid);
  if (!stat || stat.state === 'Z' || stat.state === 'X') return false;
  return commandLine(pid) === cmd; // otherwise the PID was reused by something else
}

/** Four distinct free ports. */
async function freePorts(): Promise<Ports> {
  const ports = new Set<number>();
  while (ports.size < 4) ports.add(await freePort(HOST));
  const [PORT, TEMPORAL_DEV_PORT, TEMPORAL_UI_PORT, EMBEDDED_PG_PORT] = [...ports] as [number, number, number, number];
  return { PORT, TEMPORAL_DEV_PORT, TEMPORAL_UI_PORT, EMBEDDED_PG_PORT };
}

/** Polls `url` until it answers `status`; rejects with the last answer and the launcher's output. */
async function waitForHttp(url: string, launcher: Launcher, timeoutMs: number, status = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (!launcher.running) throw new Error(`launcher exited while waiting for ${url}; its last output:\n${launcher.tail()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (res.status === status) return;
      last = `HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await sleep(250);
  }
  throw new Error(`${url} did not answer ${status} within ${timeoutMs / 1000} s (last: ${last}); the launcher's last output:\n${launcher.tail()}`);
}

const BANNER = /^.*已启动 \(ready\)[^\n]*\n[\s\S]*?按 Ctrl-C 停止[^\n]*\n[^\n]*═{10,}/m;

/** Spawns the launcher and waits for its banner and /readyz; returns the banner and the seconds it took. */
async function start(dataDir: string, ports: Ports, launchers: Launcher[]): Promise<{ launcher: Launcher; banner: string; seconds: number }> {
  const launcher = new Launcher(dataDir, ports);
  launchers.push(launcher);
  const banner = await launcher.waitForStdout((out) => BANNER.exec(out)?.[0], START_TIMEOUT_MS, 'banner "已启动 (ready)"');
  await waitForHttp(`http://${HOST}:${ports.PORT}/readyz`, launcher, 30_000);
  return { launcher, banner, seconds: (performance.now() - launcher.spawnedAt) / 1000 };
}

/** Signals the launcher and waits (bounded) for it to exit; returns how it exited and how long it took. */
async function stop(launcher: Launcher, signal: NodeJS.Signals): Promise<Exit & { seconds: number }> {
  launcher.snapshotDescendants();
  const t = performance.now();
  launcher.child.kill(signal);
  const exit = await Promise.race([launcher.exited, sleep(STOP_TIMEOUT_MS).then(() => undefined)]);
  if (!exit) throw new Error(`launcher still running ${STOP_TIMEOUT_MS / 1000} s after ${signal}; its last output:\n${launcher.tail()}`);
  return { ...exit, seconds: (performance.now() - t) / 1000 };
}

async function expectEverythingStopped(launcher: Launcher, ports: Ports): Promise<void> {
  const survivors = launcher.survivors();
  expect(survivors, `children still running after the launcher exited:\n${survivors.map((s) => `${s.pid} ${s.cmd}`).join('\n')}`).toEqual([]);
  for (const [name, port] of Object.entries(ports)) {
    expect(await isPortFree(port, HOST), `${name} ${port} still in use after the launcher exited`).toBe(true);
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function expectBanner(banner: string, ports: Ports, logins: DemoLogin[]): void {
  // The portal's address is the first address printed: it is what a newcomer opens.
  const firstAddress = /^\s+(\S.*?):\s+(http\S+)/m.exec(banner);
  expect(firstAddress?.[1]).toBe('门户 (portal)');
  expect(firstAddress?.[2]).toBe(`http://${HOST}:${ports.PORT}/`);
  expect(banner).toMatch(new RegExp(`API:\\s+${escape(`http://${HOST}:${ports.PORT}/api`)}\\s*$`, 'm'));
  expect(banner).toMatch(new RegExp(`Temporal UI:\\s+${escape(`http://${HOST}:${ports.TEMPORAL_UI_PORT}`)}\\s*$`, 'm'));
  expect(banner).toContain(`http://${HOST}:${ports.TEMPORAL_UI_PORT}/namespaces/default/workflows?query=WorkflowType%20%3D%20%22signingWorkflow%22`);
  expect(banner).toContain(`http://${HOST}:${ports.PORT}/codec/login`);
  expect(banner).toMatch(/用时 \(startup took\) \d+(\.\d+)? s/);
  for (const l of logins) {
    const row = new RegExp(`^\\s+${escape(l.role)}\\s+${escape(l.username)}\\s+${escape(l.password)}\\s+${escape(l.name)}\\s*$`, 'm');
    expect(banner, `banner row for ${l.username}`).toMatch(row);
  }
}

function byRole(logins: DemoLogin[], role: DemoLogin['role']): DemoLogin[] {
  return logins.filter((l) => l.role === role);
}

describe('npm start (scripts/start.ts) end to end', () => {
  const launchers: Launcher[] = [];
  let dataDir: string;
  let ports: Ports;
  let logins: DemoLogin[];
  let baseUrl: string;
  let signingId: string;
  let agreementHash: string;
  const employer = DEMO_EMPLOYERS[0]!;
  /** Steps that passed: each later step needs the earlier ones, and is skipped (not failed again) without them. */
  const passed = new Set<'first start' | 'flow' | 'stop'>();

  const login = (username: string) => {
    const l = logins.find((x) => x.username === username);
    if (!l) throw new Error(`no demo login ${username}`);
    return ApiClient.login(baseUrl, l.username, l.password);
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'wangqian-launcher-'));
    ports = await freePorts();
    baseUrl = `http://${HOST}:${ports.PORT}`;
  });

  afterAll(async () => {
    try {
      await Promise.all(launchers.map((l) => l.forceStop()));
    } finally {
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    }
  }, 90_000);

  it('starts everything and prints the banner with the addresses and the demo logins', async () => {
    const { launcher, banner, seconds } = await start(dataDir, ports, launchers);
    console.log(`[launcher e2e] first start: spawn → ready ${seconds.toFixed(1)} s (banner: ${/用时 \(startup took\) (\S+ s)/.exec(banner)?.[1]})`);

    logins = JSON.parse(await readFile(path.join(dataDir, 'demo-logins.json'), 'utf8')) as DemoLogin[];
    expect(byRole(logins, 'school')).toHaveLength(1);
    expect(byRole(logins, 'student')).toHaveLength(3);
    expect(byRole(logins, 'employer')).toHaveLength(2);
    expect(byRole(logins, 'operator')).toHaveLength(1);
    expect(logins).toHaveLength(7);
    expectBanner(banner, ports, logins);

    // The children the launcher is responsible for are all there (so the later "all gone" means something).
    const cmds = launcher.snapshotDescendants().map((d) => d.cmd);
    for (const expected of ['worker.ts', 'api/server.ts', 'server start-dev', `--ui-codec-endpoint ${baseUrl}/codec`, `-D ${path.join(dataDir, 'postgres')}`]) {
      expect(cmds.some((c) => c.includes(expected)), `a child running ${expected} among:\n${cmds.join('\n')}`).toBe(true);
    }
    passed.add('first start');
  }, START_TIMEOUT_MS + 60_000);

  it('serves the signing flow with the demo logins, and the Temporal UI answers', async (ctx) => {
    ctx.skip(!passed.has('first start'), 'the first start failed');
    const launcher = launchers[0]!;
    expect(launcher.running, launcher.tail()).toBe(true);
    // The portal is served at / and its deep links fall back to it (the browser journeys use it).
    for (const page of ['/', '/student', `/employer/signings/${randomUUID()}/sign`]) {
      const res = await fetch(`${baseUrl}${page}`, { headers: { accept: 'text/html' } });
      expect(res.status, page).toBe(200);
      expect(await res.text(), page).toContain('<title>网上签约</title>');
    }
    const [student, employerClient] = await Promise.all([login('student1'), login(employer.username)]);

    const created = await student.post('/api/signings', {
      ...sampleApplication(employer.creditCode),
      employer: { creditCode: employer.creditCode, name: employer.name },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ status: 'PENDING_EMPLOYER' });
    signingId = created.body.id;

    const signed = await employerClient.post(`/api/signings/${signingId}/employer-sign`, sampleEmployerSign());
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    expect(signed.body).toMatchObject({ status: 'PENDING_STUDENT', agreement: { version: 1 } });
    agreementHash = signed.body.agreement.hash;

    const confirmed = await student.post(`/api/signings/${signingId}/student-confirm`, { agreementHash, previewed: true });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'PENDING_SCHOOL', statusLabel: '待学校确认' });

    await waitForHttp(`http://${HOST}:${ports.TEMPORAL_UI_PORT}/`, launcher, 30_000);
    // The UI decodes the encrypted payloads through the API's /codec, where the demo operator signs in.
    // With the browser's credentials (the operator's login from /codec/login), and the page to sign in named.
    const uiSettings = (await (await fetch(`http://${HOST}:${ports.TEMPORAL_UI_PORT}/api/v1/settings`)).json()) as {
      Codec?: { Endpoint?: string; IncludeCredentials?: boolean; DefaultErrorLink?: string };
    };
    expect(uiSettings.Codec).toMatchObject({ Endpoint: `${baseUrl}/codec`, IncludeCredentials: true, DefaultErrorLink: `${baseUrl}/codec/login` });
    const operator = byRole(logins, 'operator')[0]!;
    const basic = `Basic ${Buffer.from(`${operator.username}:${operator.password}`).toString('base64')}`;
    const encoded = await new ApiClient(baseUrl).post('/codec/encode', { payloads: [{ metadata: { encoding: 'anNvbi9wbGFpbg==' }, data: 'IuS6jiI=' }] }, { authorization: basic });
    expect(encoded.status, JSON.stringify(encoded.body)).toBe(200);
    passed.add('flow');
  }, 90_000);

  it('stops every child on SIGINT and exits 0', async (ctx) => {
    ctx.skip(!passed.has('first start'), 'the first start failed');
    const launcher = launchers[0]!;
    const exit = await stop(launcher, 'SIGINT');
    console.log(`[launcher e2e] SIGINT → exit ${exit.code} in ${exit.seconds.toFixed(1)} s`);
    expect(exit, launcher.tail()).toEqual(expect.objectContaining({ code: 0, signal: null }));
    await expectEverythingStopped(launcher, ports);
    passed.add('stop');
  }, STOP_TIMEOUT_MS + 30_000);

  it('restarts on the same data folder with the signing intact; the school completes it', async (ctx) => {
    ctx.skip(!passed.has('flow') || !passed.has('stop'), 'an earlier step failed');
    const { launcher, banner, seconds } = await start(dataDir, ports, launchers);
    console.log(`[launcher e2e] restart: spawn → ready ${seconds.toFixed(1)} s (banner: ${/用时 \(startup took\) (\S+ s)/.exec(banner)?.[1]})`);
    // The same logins: generated once, reused.
    expectBanner(banner, ports, logins);

    const [student, school] = await Promise.all([login('student1'), login(byRole(logins, 'school')[0]!.username)]);
    const before = await student.get(`/api/signings/${signingId}`);
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    expect(before.body).toMatchObject({ id: signingId, status: 'PENDING_SCHOOL', statusLabel: '待学校确认', agreement: { version: 1, hash: agreementHash } });

    // The school's confirmation goes through the workflow, so it proves Temporal's state survived too.
    const completed = await school.post(`/api/signings/${signingId}/school-confirm`);
    expect(completed.status, JSON.stringify(completed.body)).toBe(200);
    expect(completed.body).toMatchObject({ status: 'COMPLETED' });

    const plan = await student.get('/api/me/plan');
    expect(plan.status, JSON.stringify(plan.body)).toBe(200);
    expect(plan.body).toMatchObject({ creditCode: employer.creditCode, employerName: employer.name, agreementVersion: 1, agreementHash, unitNature: '39' });

    const exit = await stop(launcher, 'SIGTERM');
    console.log(`[launcher e2e] SIGTERM → exit ${exit.code} in ${exit.seconds.toFixed(1)} s`);
    expect(exit, launcher.tail()).toEqual(expect.objectContaining({ code: 0, signal: null }));
    await expectEverythingStopped(launcher, ports);
  }, START_TIMEOUT_MS + 120_000);
});
