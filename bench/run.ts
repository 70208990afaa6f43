/**
 * `npm run bench`: the service against bare Temporal on the same machine, in the same run.
 * See BENCHMARKS.md for what it measures and the figures; `npm run bench -- --help` for options.
 * Prints the figures as tables and writes them (with the machine and its load) as JSON to
 * bench/results/<date>.json (git-ignored: raw runs are noisy; BENCHMARKS.md keeps the summary).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTokenService } from '../api/auth/authenticate';
import { REPO_ROOT } from './children';
import { listsRun, printLists } from './lists';
import { load1, machineInfo } from './machine';
import { mainRun, warmUp } from './main-run';
import { openRun, printOpen } from './open';
import { parseBenchOptions } from './options';
import { seedParties } from './seed';
import type { PartyTokens } from './signings';
import { STEPS } from './signings';
import { table } from './stats';
import { startStack } from './stack';
import { enableSqlCounting, sqlCounts, topStatements } from './sql-counts';

const say = (line: string) => process.stderr.write(`[bench] ${line}\n`);

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  say(`load average ${loadBefore.map((x) => x.toFixed(2)).join(' ')}; starting the stack…`);
  const stack = await startStack(options, say);
  try {
    const machine = await machineInfo(stack.database.sql, options.temporalAddress !== undefined);
    const warm = options.skipMain ? 0 : Math.min(40, Math.max(8, options.c * 2));
    const mainCount = options.skipMain ? 0 : options.n;
    const t = performance.now();
    const parties = await seedParties(stack.database.db, warm + mainCount + options.open);
    say(`seeded ${parties.students.length} students with accounts in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const tokenService = createTokenService(stack.jwtSecret, '12h');
    const tokens: PartyTokens = {
      school: await tokenService.issue(parties.school),
      employers: await Promise.all(parties.employers.map((e) => tokenService.issue(e.account))),
      students: await Promise.all(parties.students.map((s) => tokenService.issue(s.account))),
    };

    const result: Record<string, unknown> = {
      date: startedAt.toISOString(),
      machine,
      stack: { started: stack.started, reused: { temporal: options.temporalAddress, database: !!options.databaseUrl, api: options.apiUrl } },
      options: { n: options.n, c: options.c, rounds: options.rounds, open: options.open, lists: options.lists },
      loadavg: { before: loadBefore },
    };

    if (!options.skipMain) {
      const counting = await enableSqlCounting(stack.database.sql);
      if (!counting) say('pg_stat_statements is not available: SQL per signing is not reported');
      await warmUp(stack.apiUrl, stack.client, stack.bareTaskQueue, parties, tokens, warm, options.c);
      const figures = await mainRun(stack.apiUrl, stack.client, stack.bareTaskQueue, parties, tokens, {
        from: warm,
        n: options.n,
        c: options.c,
        rounds: options.rounds,
      }, await stack.cpuSources(), () => sqlCounts(stack.database.sql));
      result.main = figures;
      console.log(`\nFull signings: N=${figures.n}, C=${figures.c}, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
      console.log(
        table(
          ['', 'signings/s', 'wall s'],
          [
            ['service (HTTP + DB + workflow)', figures.service.signingsPerSecond, (figures.service.wallMs / 1000).toFixed(1)],
            ['bare Temporal (client → Updates)', figures.bare.signingsPerSecond, (figures.bare.wallMs / 1000).toFixed(1)],
            ['durable-bare (same commands, no-op activities)', figures.durableBare.signingsPerSecond, (figures.durableBare.wallMs / 1000).toFixed(1)],
            ['ratio service / bare', figures.ratio, ''],
            ['ratio service / durable-bare', figures.ratioDurable, ''],
          ],
        ),
      );
      const sideRows = (['service', 'bare', 'durableBare'] as const).map((side) => {
        const f = figures[side];
        return [side, f.cpuMsPerSigning.total ?? '', f.eventsPerSigning ?? '', f.sqlPerSigning?.statements ?? '', f.sqlPerSigning?.commits ?? '', f.sqlPerSigning?.xactCommits ?? ''];
      });
      console.log('\nPer signing (events: history length; SQL counted by pg_stat_statements; commits = transactions that wrote; xact = every committed transaction, reads included):');
      console.log(table(['side', 'CPU ms', 'events', 'SQL statements', 'commits', 'xact commits'], sideRows));
      console.log('\nStep latency, ms (service | bare):');
      console.log(
        table(
          ['step', 'p50', 'p95', 'p99', 'max', 'bare p50', 'bare p95', 'bare p99'],
          STEPS.map((s) => {
            const a = figures.service.steps[s];
            const b = figures.bare.steps[s];
            return [s, a.p50, a.p95, a.p99, a.max, b.p50, b.p95, b.p99];
          }),
        ),
      );
      const keys = Object.keys(figures.service.cpuMsPerSigning);
      console.log('\nCPU ms per signing, by process (bench = API + load driver | bare client):');
      console.log(
        table(
          ['', ...keys],
          [
            ['service', ...keys.map((k) => figures.service.cpuMsPerSigning[k] ?? '')],
            ['bare', ...keys.map((k) => figures.bare.cpuMsPerSigning[k] ?? '')],
            ['durable-bare', ...keys.map((k) => figures.durableBare.cpuMsPerSigning[k] ?? '')],
          ],
        ),
      );
      console.log(`CPU ratio bare/service (what an idle CPU-bound machine would show): ${figures.cpuRatio}`);
      console.log(`CPU ratio durable-bare/service: ${figures.cpuRatioDurable}`);
      if (process.env.BENCH_SQL_TOP && counting) {
        console.log('\nMost called statements (whole run, warm-up included):');
        console.log(table(['calls', 'statement'], (await topStatements(stack.database.sql)).map((r) => [r.calls, r.query])));
      }
      console.log(`\nRounds: ${figures.rounds.map((r) => `${r.side} ${r.signingsPerSecond}/s (load ${r.load1})`).join(', ')}`);
    }

    if (options.open > 0) {
      if (!stack.worker) say('--open with --api-url: the worker is not ours, its RSS is not reported');
      const open = await openRun(stack, parties, tokens, { from: warm + mainCount, count: options.open, c: options.c });
      result.open = open;
      printOpen(open);
    }

    if (options.lists) {
      const lists = await listsRun(stack);
      result.lists = lists;
      printLists(lists);
    }

    result.loadavg = { ...(result.loadavg as object), after: os.loadavg(), load1AtEnd: load1() };
    const out = options.out ?? path.join(REPO_ROOT, 'bench', 'results', `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`\nJSON: ${path.relative(process.cwd(), out)}`);
  } finally {
    await stack.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
