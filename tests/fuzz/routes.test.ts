/**
 * Property-based fuzzing of every route of the table (issue 6 item 4) against the real stack: for
 * each route, a caller of a role it serves, owning the resource the path names (a signing in a
 * status where the route's action is allowed), sends hostile requests (tests/fuzz/arbitraries.ts:
 * arbitrary and mutated bodies, huge and deeply nested JSON, bytes that are not UTF-8, wrong media
 * types, raw query strings, hostile path parameters). Properties:
 *
 * - never a 5xx;
 * - a 4xx is a JSON error body whose code maps to that very status and whose message is Chinese;
 * - the status is one the table documents for the route, or one any request can meet while it is
 *   read (400 malformed, 404 no such path, 405 another path's methods, 413 too large, 415 wrong media type);
 * - the database is unchanged: a snapshot of everything the API writes for the world
 *   (tests/support/db-snapshot.ts) is equal before and after each route's batch. The generators
 *   spoil every body the schema would accept; should a write still succeed by chance, the batch is
 *   reported and its check is skipped (never silently).
 *
 * A route that also takes `multipart/form-data` (`multipartBody`: the 解约 request with its letter)
 * gets a second batch of hand-framed forms (tests/fuzz/multipart.ts), each with a spoiler.
 *
 * A new route is fuzzed automatically. Runs per route: FUZZ_RUNS (default 25); a failure prints
 * fast-check's seed and path, replayed with FUZZ_SEED=<seed>.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_STATUS, type ErrorCode } from '../../api/http/errors';
import { ROUTES } from '../../api/routes';
import { type RouteSpec, errorStatuses, pathParamNames, routeKey } from '../../api/http/route-spec';
import { type Snapshot, settledSnapshot, snapshot } from '../support/db-snapshot';
import { type Harness, startHarness } from '../support/harness';
import { ROUTE_FIXTURES } from '../support/route-fixtures';
import { type RouteAnswer, type RouteRequest, callRoute, requestOf } from '../support/route-request';
import { type RouteWorld, createRouteWorld } from '../support/route-world';
import { targetOf } from '../support/route-target';
import { type FuzzRequest, hostileRequests } from './arbitraries';
import { multipartRequests } from './multipart';

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
/**
 * Statuses any request can meet while it is read, whatever the route. 405: a hostile path parameter
 * can make the path another one of the table (an empty id turns `/api/signings/{id}/employer-sign`
 * into `/api/signings/employer-sign`, i.e. `GET /api/signings/{id}`), which lacks the method.
 */
const READING_STATUSES = [400, 404, 405, 413, 415];
const CJK = /[\u4e00-\u9fff]/;

let h: Harness;
let world: RouteWorld;
let baseline: Snapshot;
const report = { requests: 0, byKind: {} as Record<string, number>, byStatus: {} as Record<number, number>, chanceWrites: [] as string[] };

beforeAll(async () => {
  const generous = { limit: 100_000, windowMs: 60_000 };
  h = await startHarness({ rateLimits: { login: generous, registration: generous, codecAuth: generous } });
  world = await createRouteWorld(h);
  baseline = await settledSnapshot(world);
});
afterAll(async () => {
  console.log(
    `[fuzz] ${ROUTES.length} routes × ${RUNS} runs = ${report.requests} requests; by kind ${JSON.stringify(report.byKind)}; by status ${JSON.stringify(report.byStatus)}` +
      (report.chanceWrites.length ? `; writes that succeeded by chance (no-change check skipped): ${report.chanceWrites.join(', ')}` : ''),
  );
  await world?.close();
  await h?.close();
});

function problemOf(route: RouteSpec, answer: RouteAnswer): string | null {
  if (answer.status >= 500) return `answered ${answer.status}`;
  const documented = [...route.success.map((s) => s.status), ...errorStatuses(route), ...READING_STATUSES];
  if (!documented.includes(answer.status)) return `answered ${answer.status}, not among the documented ${[...new Set(documented)].join('/')}`;
  if (answer.status < 400) return null;
  if (!answer.contentType.startsWith('application/json')) return `a ${answer.status} without a JSON body (${answer.contentType})`;
  const error = answer.json?.error as { code?: string; message?: string } | undefined;
  if (typeof error?.code !== 'string' || !(error.code in ERROR_STATUS)) return `a ${answer.status} without an error code`;
  if (ERROR_STATUS[error.code as ErrorCode] !== answer.status) return `code ${error.code} with status ${answer.status}`;
  if (typeof error.message !== 'string' || !CJK.test(error.message)) return `a ${answer.status} whose message is not Chinese: ${error.message}`;
  return null;
}

function describeRequest(req: FuzzRequest): string {
  const text = JSON.stringify({ ...req, raw: req.raw ? { contentType: req.raw.contentType, bytes: String(req.raw.bytes).slice(0, 200) } : undefined });
  return text.length > 600 ? `${text.slice(0, 600)}…` : text;
}

/**
 * Sends `RUNS` requests of `hostile` (made from the route's valid request) as the route's target
 * caller. `spoiled`: every request is invalid by construction, so a success is a finding too.
 */
async function fuzzRoute(route: RouteSpec, hostile: (valid: RouteRequest) => fc.Arbitrary<FuzzRequest>, spoiled = false): Promise<void> {
  const fixture = ROUTE_FIXTURES[route.operationId];
  if (!fixture) throw new Error(`no valid-input fixture for ${route.operationId} in tests/support/route-fixtures.ts`);
  const target = targetOf(world, route);
  const input = await fixture.input({ world, role: target.role, signing: target.signing });
  const valid = requestOf(input, target.params);
  expect(pathParamNames(route).every((name) => valid.params?.[name] !== undefined)).toBe(true);
  let wrote = 0;
  await fc.assert(
    fc.asyncProperty(hostile(valid), async (req) => {
      const answer = await callRoute(h.baseUrl, target.caller, route, req);
      report.requests += 1;
      report.byKind[req.kind] = (report.byKind[req.kind] ?? 0) + 1;
      report.byStatus[answer.status] = (report.byStatus[answer.status] ?? 0) + 1;
      if (answer.status < 300 && route.method !== 'get') wrote += 1;
      const problem = spoiled && answer.status < 300 ? `accepted a spoiled request (${answer.status})` : problemOf(route, answer);
      if (problem) throw new Error(`${routeKey(route)} ${problem}: ${answer.text.slice(0, 300)}\nrequest: ${describeRequest(req)}`);
    }),
    { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }), endOnFailure: true },
  );
  if (wrote > 0) {
    // Honest exclusion: a request that succeeded may have written; start the next batch from here.
    report.chanceWrites.push(`${routeKey(route)} ×${wrote}`);
    baseline = await settledSnapshot(world);
    return;
  }
  const after = await snapshot(world);
  expect(after).toEqual(baseline);
}

describe('fuzzing every route of the table', () => {
  for (const route of ROUTES) {
    it(`${routeKey(route)}: no 5xx, Chinese JSON errors, no change to the database`, () => fuzzRoute(route, (valid) => hostileRequests(route, valid)));
  }
  for (const route of ROUTES.filter((r) => r.multipartBody)) {
    it(`${routeKey(route)} as multipart/form-data: no 5xx, Chinese JSON errors, no change to the database`, () => fuzzRoute(route, multipartRequests, true));
  }
});
