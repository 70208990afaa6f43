/**
 * Text PostgreSQL cannot store (NUL, lone surrogates) or no one should see stored (ESC and other
 * controls, C1 controls, bidi overrides) is refused with 400 and the field's path, on every route
 * of the table, in every string of a valid body and in every query parameter — and nothing
 * changes. Before, NUL answered 500 in a dozen places, and in 档案接收 it passed the workflow's
 * validator and wedged the signing behind a write that failed on every retry.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { UNSTORABLE_WRITE, failFastOnUnstorable } from '../../activities/unstorable-write';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../api/routes';
import { routeKey } from '../../api/http/route-spec';
import { updateArchiveUpdate, signingWorkflowId } from '../../workflows/messages';
import { type Snapshot, settledSnapshot, snapshot } from '../support/db-snapshot';
import { newParties, signingIn } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';
import { ROUTE_FIXTURES } from '../support/route-fixtures';
import { callRoute, requestOf } from '../support/route-request';
import { targetOf } from '../support/route-target';
import { type RouteWorld, createRouteWorld } from '../support/route-world';
import { sampleArchive } from '../support/sample-data';

/** One of each kind the edge refuses: NUL, ESC, a C1 control, RIGHT-TO-LEFT OVERRIDE, a lone surrogate. */
const REFUSED = ['\u0000', '\u001b', '\u0085', '\u202e', '\ud800'];

let h: Harness;
let world: RouteWorld;

beforeAll(async () => {
  const generous = { limit: 100_000, windowMs: 60_000 };
  h = await startHarness({ rateLimits: { login: generous, registration: generous, codecAuth: generous } });
  world = await createRouteWorld(h);
});
afterAll(async () => {
  await world?.close();
  await h?.close();
});

type Path = (string | number)[];

/** The path of every string in a JSON value. */
function stringPaths(value: unknown, at: Path = []): Path[] {
  if (typeof value === 'string') return [at];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringPaths(v, [...at, i]));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...at, k]));
  return [];
}

function withStringAt(value: unknown, path: Path, text: (old: string) => string): unknown {
  if (path.length === 0) return text(value as string);
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? withStringAt(v, rest, text) : v));
  return { ...(value as Record<string, unknown>), [head!]: withStringAt((value as Record<string, unknown>)[head!], rest, text) };
}

/** `['agreement', 'subject', 'position']` → `agreement.subject.position`; `['ids', 0]` → `ids[0]` (as api answers). */
function fieldPath(path: Path): string {
  return path.reduce<string>((out, seg) => (typeof seg === 'number' ? `${out}[${seg}]` : out ? `${out}.${seg}` : seg), '');
}

/** Splices the refused character into the middle of the valid value, so only it is wrong. */
const spliced = (ch: string) => (old: string) => `${old.slice(0, 1)}${ch}${old.slice(1)}`;

const routesWithText = ROUTES.filter((r) => r.schemas.body !== undefined || r.schemas.query !== undefined);

describe('text that cannot be stored, over every route of the table', () => {
  it('every route that takes a body or a query is covered', () => {
    expect(routesWithText.length).toBeGreaterThan(20);
    for (const r of routesWithText) expect(ROUTE_FIXTURES[r.operationId], routeKey(r)).toBeDefined();
  });

  for (const route of routesWithText) {
    it(`${routeKey(route)}: 400 naming the field, nothing changed`, async () => {
      const target = targetOf(world, route);
      const input = await ROUTE_FIXTURES[route.operationId]!.input({ world, role: target.role, signing: target.signing });
      const valid = requestOf(input, target.params);
      const before: Snapshot = await settledSnapshot(world);
      const problems: string[] = [];
      let sent = 0;
      const expectRefused = async (where: string, req: typeof valid, field: string) => {
        const answer = await callRoute(h.baseUrl, target.caller, route, req);
        sent += 1;
        const details: { path: string }[] = answer.json?.error?.details ?? [];
        if (answer.status !== 400) problems.push(`${where}: ${answer.status} ${answer.text.slice(0, 200)}`);
        else if (!details.some((d) => d.path === field)) problems.push(`${where}: 400 without ${field} in ${JSON.stringify(details)}`);
      };

      if (valid.body !== undefined) {
        for (const path of stringPaths(valid.body)) {
          for (const ch of REFUSED) {
            await expectRefused(`body ${fieldPath(path)} U+${ch.charCodeAt(0).toString(16)}`, { ...valid, body: withStringAt(valid.body, path, spliced(ch)) }, fieldPath(path));
          }
        }
      }
      if (valid.raw) {
        // The CSV roster reports refused rows in its answer and imports none of them.
        const lines = valid.raw.bytes.toString().split('\n');
        const cells = (lines[1] ?? '').split(',');
        cells[1] = spliced('\u0000')(cells[1] ?? '');
        const answer = await callRoute(h.baseUrl, target.caller, route, { ...valid, raw: { ...valid.raw, bytes: [lines[0], cells.join(','), ...lines.slice(2)].join('\n') } });
        sent += 1;
        expect(answer.status).toBe(200);
        expect(answer.json).toMatchObject({ created: 0, updated: 0, failed: 1, errors: [{ row: 2, message: expect.stringContaining('U+0000') }] });
      }
      const queryNames = route.schemas.query ? Object.keys(route.schemas.query.shape) : [];
      for (const name of queryNames) {
        // A URL carries UTF-8, which cannot encode a lone surrogate (fetch sends U+FFFD instead).
        for (const ch of REFUSED.filter((c) => c !== '\ud800')) {
          const value = valid.query?.[name] ?? 'a';
          await expectRefused(`query ${name} U+${ch.charCodeAt(0).toString(16)}`, { ...valid, query: { ...(valid.query ?? {}), [name]: spliced(ch)(value) } }, `query.${name}`);
        }
      }

      expect(problems, `${routeKey(route)} (${sent} requests)`).toEqual([]);
      expect(await snapshot(world)).toEqual(before);
    });
  }
});

describe('what reaches the workflow is storable', () => {
  it('an archive with NUL sent straight to the workflow (bypassing the API) is refused by the Update validator, and the signing goes on', async () => {
    const p = await newParties(h);
    const { id } = await signingIn(p, 'PENDING_STUDENT');
    const handle = h.client.workflow.getHandle(signingWorkflowId(id));
    const bad = { ...sampleArchive(), recipient: '王\u0000五' };
    const failure = await handle
      .executeUpdate(updateArchiveUpdate, { args: [{ actor: { role: 'student', id: 'x', partyId: 'y' }, archive: bad }] })
      .then(() => undefined, (err: unknown) => err);
    expect(failure).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (failure as WorkflowUpdateFailedError).cause as { type?: string; details?: unknown[] };
    expect(cause.type).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(cause.details)).toContain('archive.recipient');

    // The API answers 400 at once too, and a storable archive is still accepted afterwards.
    const viaApi = await p.student.request('PUT', `/api/signings/${id}/archive`, bad);
    expect(viaApi.status).toBe(400);
    expect(viaApi.body.error.details).toContainEqual({ path: 'recipient', message: expect.stringContaining('U+0000') });
    const good = await p.student.request('PUT', `/api/signings/${id}/archive`, { ...sampleArchive(), recipient: '王五' });
    expect(good.status).toBe(200);
  });
});

describe('a write PostgreSQL refuses for its data fails at once (activities/unstorable-write.ts)', () => {
  const refusedBy = async (query: () => Promise<unknown>) => failFastOnUnstorable('test', query)().then(() => undefined, (e: unknown) => e);

  it.each([
    ['NUL in text', () => h.database.sql`select ${'a\u0000b'}::text`],
    ['NUL escaped in jsonb', () => h.database.sql`select ${'{"a":"\\u0000"}'}::jsonb`],
    ['a value over its type', () => h.database.sql`select ${'99999999999'}::int4`],
  ])('%s: a non-retryable UNSTORABLE_WRITE naming the SQLSTATE', async (_what, query) => {
    const err = await refusedBy(query);
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect(err).toMatchObject({ type: UNSTORABLE_WRITE, nonRetryable: true, message: expect.stringMatching(/SQLSTATE 22/) });
  });

  it('a transient failure is left to retry', async () => {
    const transient = Object.assign(new Error('connection ended'), { code: 'CONNECTION_ENDED' });
    const err = await refusedBy(() => Promise.reject(transient));
    expect(err).toBe(transient);
    const lockTimeout = await refusedBy(() => h.database.sql.begin(async (tx) => {
      await tx`set local lock_timeout = '1ms'`;
      throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
    }));
    expect((lockTimeout as { code?: string }).code).toBe('40P01');
  });
});

describe('line breaks: kept where a field is multi-line, refused where it is one line', () => {
  it('a reason may span lines; a name may not', async () => {
    const p = await newParties(h);
    const { id } = await signingIn(p, 'PENDING_SCHOOL');
    const multi = await p.school.post(`/api/signings/${id}/return`, { reason: '第一行：岗位信息有误\n第二行：请更正后重新发送' });
    expect(multi.status).toBe(200);
    const named = await p.employer.post('/api/employer/templates', { name: '模板\n第二行' });
    expect(named.status).toBe(400);
    expect(named.body.error.details).toEqual([{ path: 'name', message: '模板名称不能换行' }]);
  });
});
