/**
 * --lists: latency of the list endpoints with 1,000 and with 100,000 signings in the database, and
 * the ratio. The rows are projection rows inserted straight into PostgreSQL by
 * tests/support/desk-seed.ts (signings WITHOUT workflows: only read here, never acted on).
 *
 * At 1,000: the measured school S has all 1,000 signings, spread over 10 employers (employer E has
 * about 100). At 100,000: S has 10,000 (E about 1,000, a large employer), and 90,000 more belong to
 * nine other schools — a big school of a provincial deployment. The student always has one.
 * Against a reused database, the seeded schools are deleted afterwards.
 */
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { createTokenService } from '../api/auth/authenticate';
import { agreementVersions, schools, signingEvents, signings, students } from '../db/schema';
import { completeCreditCode } from '../domain/uscc';
import { seedDeskSignings } from '../tests/support/desk-seed';
import { call } from './http';
import { progress } from './progress';
import type { BenchStack } from './stack';
import { type LatencySummary, summarize, table } from './stats';

const RUNS = 60;
const WARM = 5;

export interface ListEndpointFigures {
  endpoint: string;
  at1k: LatencySummary;
  at100k: LatencySummary;
  /** p50 at 100,000 ÷ p50 at 1,000. */
  ratioP50: number;
}

export interface ListsFigures {
  totalSignings: { at1k: number; at100k: number };
  schoolSignings: { at1k: number; at100k: number };
  seedSeconds: number;
  endpoints: ListEndpointFigures[];
}

/** A valid code per `n`: 8 digits of `n` as the organisation code's body (GB 11714 check appended). */
function creditCode(n: number): string {
  return completeCreditCode(`91310000${String(n).padStart(8, '0').slice(-8)}`);
}

export async function listsRun(stack: BenchStack): Promise<ListsFigures> {
  const { db } = stack.database;
  const tag = randomUUID().slice(0, 6);
  const school = `LS${tag}`;
  const noise = Array.from({ length: 9 }, (_, i) => `LN${i}${tag}`);
  const base = 200_000_000 + Math.floor(Math.random() * 500_000_000);
  const employers = Array.from({ length: 10 }, (_, i) => ({ creditCode: creditCode(base + i), name: `列表测量单位${i}` }));
  const noiseEmployers = Array.from({ length: 200 }, (_, i) => ({ creditCode: creditCode(base + 1000 + i), name: `其他单位${i}` }));
  const tokens = createTokenService(stack.jwtSecret, '1h');
  const employer = employers[0]!;
  const total = async () => Number((await stack.database.sql<{ n: string }[]>`select count(*)::text as n from signings`)[0]!.n);
  const inSchool = async () => Number((await stack.database.sql<{ n: string }[]>`select count(*)::text as n from signings where school_code = ${school}`)[0]!.n);

  try {
    for (const code of [school, ...noise]) await db.insert(schools).values({ code, name: `列表测量学校${code}` });
    let t = performance.now();
    const first = await seedDeskSignings(db, { schoolCode: school, employers, count: 1000, seed: 11 });
    let seedMs = performance.now() - t;
    await stack.database.sql`analyze`;
    const [own] = await db.select({ studentId: signings.studentId }).from(signings).where(eq(signings.id, first[0]!.id));
    const callers = {
      student: await tokens.issue({ accountId: randomUUID(), role: 'student', partyId: own!.studentId, name: '测量学生' }),
      employer: await tokens.issue({ accountId: randomUUID(), role: 'employer', partyId: employer.creditCode, name: '测量单位' }),
      school: await tokens.issue({ accountId: randomUUID(), role: 'school', partyId: school, name: '测量学校' }),
    };
    const endpoints: [string, string, string][] = [
      ['GET /api/signings (student)', callers.student, '/api/signings'],
      ['GET /api/signings (employer)', callers.employer, '/api/signings'],
      ['GET /api/signings (school)', callers.school, '/api/signings'],
      ['GET /api/school/signings (default: 待学校确认)', callers.school, '/api/school/signings'],
      ['GET /api/school/signings?status=all', callers.school, '/api/school/signings?status=all'],
      ['GET /api/employer/signings (default)', callers.employer, '/api/employer/signings'],
      ['GET /api/employer/signings?status=all', callers.employer, '/api/employer/signings?status=all'],
    ];
    const measureAll = async (label: string) => {
      const bar = progress(`lists @ ${label}`, endpoints.length * (RUNS + WARM));
      const out: LatencySummary[] = [];
      for (const [, token, path] of endpoints) {
        const samples: number[] = [];
        for (let i = 0; i < RUNS + WARM; i++) {
          const res = await call(stack.apiUrl, token, 'GET', path);
          if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
          if (i >= WARM) samples.push(res.ms);
          bar.tick();
        }
        out.push(summarize(samples));
      }
      bar.stop();
      return out;
    };
    const at1kTotal = await total();
    const at1kSchool = await inSchool();
    const small = await measureAll('1k');

    t = performance.now();
    const bar = progress('lists: seed 99,000', 99);
    await seedDeskSignings(db, { schoolCode: school, employers, count: 9000, seed: 12, newestAt: new Date(Date.now() - 400 * 86_400_000) });
    bar.tick(9);
    for (const [i, code] of noise.entries()) {
      await seedDeskSignings(db, { schoolCode: code, employers: noiseEmployers, count: 10_000, seed: 20 + i });
      bar.tick(10);
    }
    bar.stop();
    seedMs += performance.now() - t;
    await stack.database.sql`analyze`;
    const at100kTotal = await total();
    const at100kSchool = await inSchool();
    const large = await measureAll('100k');

    return {
      totalSignings: { at1k: at1kTotal, at100k: at100kTotal },
      schoolSignings: { at1k: at1kSchool, at100k: at100kSchool },
      seedSeconds: Math.round(seedMs / 100) / 10,
      endpoints: endpoints.map(([endpoint], i) => ({
        endpoint,
        at1k: small[i]!,
        at100k: large[i]!,
        ratioP50: Math.round((large[i]!.p50 / small[i]!.p50) * 100) / 100,
      })),
    };
  } finally {
    if (stack.started.includes('embedded-postgres') === false) {
      // A reused database: take the seeded rows out again.
      const codes = [school, ...noise];
      const ids = db.select({ id: signings.id }).from(signings).where(inArray(signings.schoolCode, codes));
      await db.delete(signingEvents).where(inArray(signingEvents.signingId, ids));
      await db.delete(agreementVersions).where(inArray(agreementVersions.signingId, ids));
      await db.delete(signings).where(inArray(signings.schoolCode, codes));
      await db.delete(students).where(inArray(students.schoolCode, codes));
      await db.delete(schools).where(inArray(schools.code, codes));
    }
  }
}

export function printLists(f: ListsFigures): void {
  console.log(
    `\nList endpoints, ms (${f.totalSignings.at1k} → ${f.totalSignings.at100k} signings in the database; the school has ${f.schoolSignings.at1k} → ${f.schoolSignings.at100k}; seeding took ${f.seedSeconds} s):`,
  );
  console.log(
    table(
      ['endpoint', '1k p50', '1k p95', '1k p99', '100k p50', '100k p95', '100k p99', 'p50 ratio'],
      f.endpoints.map((e) => [e.endpoint, e.at1k.p50, e.at1k.p95, e.at1k.p99, e.at100k.p50, e.at100k.p95, e.at100k.p99, e.ratioP50]),
    ),
  );
}
