/**
 * The authorization matrix (issue 6 item 5), generated from the declared routes (api/routes.ts): every route × every
 * caller (anonymous, student, employer, school, operator) × the owning party's resource and
 * another party's, each with a valid request (tests/support/route-fixtures.ts), answers the code
 * the table implies —
 *
 *   anonymous → 401 unless the route is open to anyone; a role the route does not serve → 403;
 *   another party's resource → 404 (existence not revealed); the caller's own → the route's
 *   success status, or for a signing action or a 解约 step 409 in every state where the domain
 *   says no (`routeFits`: `isAllowed`, `mayRequestRescission`, `allowedRescissionActions`).
 *
 * Signing actions and 解约 steps run in every state a signing reaches through the API — each
 * status, and each stage of a 解约 request on a completed one (tests/support/rescission-world.ts);
 * a case that succeeds changes its resource, so it gets a new one (a new signing, template,
 * webhook, login…); the refusals reuse the world's, and for those routes the database is the same
 * after them as before. And nothing leaks: no refusal carries the owner's data (names,
 * 考生号, credit code, agreement hash, template name, webhook address), and the lists a foreign
 * party reads hold none of the owner's resource ids.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../../api/http/errors';
import { ROUTES } from '../../api/routes';
import { type RouteSpec, allowedRoles, pathParamNames, routeKey } from '../../api/http/route-spec';
import { type Snapshot, settledSnapshot, snapshot } from '../support/db-snapshot';
import { type Harness, startHarness } from '../support/harness';
import { ApiClient } from '../support/http';
import { ROUTE_FIXTURES } from '../support/route-fixtures';
import { callRoute, requestOf } from '../support/route-request';
import { type PartyRole, type RouteWorld, type WorldState, createRouteWorld } from '../support/route-world';
import { routeFits, statesOf } from '../support/route-target';
import { sampleContact } from '../support/sample-data';

const CALLERS = ['anonymous', 'student', 'employer', 'school', 'operator'] as const;
type Caller = (typeof CALLERS)[number];
type Ownership = 'own' | 'foreign' | 'none';

interface MatrixCase {
  caller: Caller;
  ownership: Ownership;
  /** The signing's state, for routes owning a signing. */
  status?: WorldState;
  expected: number;
}

const successOf = (route: RouteSpec) => route.success[0]!.status;
const isParty = (c: Caller): c is PartyRole => c === 'student' || c === 'employer' || c === 'school';

/** The code the table implies for a caller, resource and status. */
function expectedStatus(route: RouteSpec, caller: Caller, ownership: Ownership, status?: WorldState): number {
  if (caller === 'anonymous') return route.roles === 'anyone' ? successOf(route) : ERROR_STATUS.UNAUTHENTICATED;
  if (!allowedRoles(route).includes(caller)) return ERROR_STATUS.FORBIDDEN;
  if (ownership === 'foreign') return ERROR_STATUS.NOT_FOUND;
  const fits = status && isParty(caller) ? routeFits(route, status, caller) : undefined;
  if (fits !== undefined) return fits ? successOf(route) : ERROR_STATUS.CONFLICT;
  return successOf(route);
}

/** Every case of a route: each caller, own and foreign resource, every state for an action or a 解约 step. */
function casesOf(route: RouteSpec): MatrixCase[] {
  const fixture = ROUTE_FIXTURES[route.operationId];
  const defaultStatus: WorldState | undefined = route.owns?.resource === 'signing' ? (fixture?.status ?? 'PENDING_SCHOOL') : undefined;
  const cases: MatrixCase[] = [];
  const add = (caller: Caller, ownership: Ownership, status = defaultStatus) =>
    cases.push({ caller, ownership, ...(status ? { status } : {}), expected: expectedStatus(route, caller, ownership, status) });
  for (const caller of CALLERS) {
    if (!route.owns) {
      add(caller, 'none');
      continue;
    }
    // Anonymous callers and operators own nothing: the owner's resource is the only one to try.
    if (!isParty(caller)) {
      add(caller, 'own');
      continue;
    }
    const states = statesOf(route);
    const statuses = states.length && allowedRoles(route).includes(caller) ? states : [defaultStatus];
    for (const status of statuses) add(caller, 'own', status);
    add(caller, 'foreign');
  }
  return cases;
}

let h: Harness;
let world: RouteWorld;
beforeAll(async () => {
  const generous = { limit: 10_000, windowMs: 60_000 };
  h = await startHarness({ rateLimits: { login: generous, registration: generous, codecAuth: generous } });
  world = await createRouteWorld(h);
});
afterAll(async () => {
  await world?.close();
  await h?.close();
});

function clientOf(route: RouteSpec, c: MatrixCase): ApiClient | undefined {
  if (c.caller === 'anonymous') return undefined;
  if (c.caller === 'operator') return world.operator.client;
  if (c.ownership === 'foreign') return world.foreign(c.caller);
  const fixture = ROUTE_FIXTURES[route.operationId]!;
  if (!route.owns && fixture.caller) return fixture.caller(world, c.caller);
  return world.owner(c.caller, c.status ?? 'PENDING_SCHOOL');
}

/** Strings of the owner's data that no refusal may carry (unless the request itself sent them). */
function ownerSecrets(): string[] {
  const w = world.p.world;
  return [
    w.employer.creditCode,
    w.student.examineeNo,
    world.templateName,
    `${world.sinkUrl}-`,
    // The world's saved draft holds this contact.
    sampleContact().address,
    ...[...Object.values(world.signings), ...Object.values(world.rescissions)].flatMap((s) => [s.student.name, s.student.examineeNo, ...(s.hash ? [s.hash] : [])]),
  ];
}

const seen = { cases: 0, fresh: 0 };

function changedTables(before: Snapshot, after: Snapshot): string[] {
  return Object.keys(after).filter((table) => JSON.stringify(after[table]) !== JSON.stringify(before[table]));
}

async function runCase(route: RouteSpec, c: MatrixCase): Promise<string | null> {
  const fixture = ROUTE_FIXTURES[route.operationId]!;
  let caller = clientOf(route, c);
  let resource = route.owns ? world.resource(route.owns.resource, c.caller, c.status) : undefined;
  const succeeds = c.expected < 300;
  // A success changes the resource (or the caller's password…): give the case its own.
  if (succeeds && isParty(c.caller) && c.ownership !== 'foreign') {
    if (statesOf(route).length && route.owns?.resource === 'signing') {
      const signing = await world.freshSigning(c.status!);
      resource = { value: signing.id, signing };
      caller = c.caller === 'student' ? signing.student.client : world.owner(c.caller);
      seen.fresh += 1;
    } else if (fixture.fresh) {
      const fresh = await fixture.fresh(world, c.caller);
      if (fresh.caller) caller = fresh.caller;
      if (fresh.resource) resource = { value: fresh.resource };
      seen.fresh += 1;
    }
  }
  const input = await fixture.input({ world, role: c.caller, signing: resource?.signing });
  const params: Record<string, string> = {};
  for (const name of pathParamNames(route)) if (route.owns?.param === name && resource) params[name] = resource.value;
  const request = requestOf(input, params);
  const answer = await callRoute(h.baseUrl, caller, route, request);
  seen.cases += 1;
  const label = `${routeKey(route)} as ${c.caller} (${c.ownership}${c.status ? `, ${c.status}` : ''})`;
  if (answer.status !== c.expected) return `${label}: expected ${c.expected}, got ${answer.status} ${answer.text.slice(0, 300)}`;
  if (answer.status >= 400) {
    const sent = JSON.stringify(request);
    const leaked = ownerSecrets().filter((secret) => !sent.includes(secret) && answer.text.includes(secret));
    if (leaked.length) return `${label}: the ${answer.status} body carries the owner's ${leaked.join(', ')}: ${answer.text.slice(0, 300)}`;
    if (typeof answer.json?.error?.code !== 'string') return `${label}: the ${answer.status} body is not an error body: ${answer.text.slice(0, 200)}`;
  }
  return null;
}

describe('authorization matrix', () => {
  it('every route of the table has a valid-input fixture', () => {
    const missing = ROUTES.filter((r) => !ROUTE_FIXTURES[r.operationId]).map(routeKey);
    expect(missing, 'add a valid request to tests/support/route-fixtures.ts').toEqual([]);
    const stale = Object.keys(ROUTE_FIXTURES).filter((id) => !ROUTES.some((r) => r.operationId === id));
    expect(stale, 'fixtures of operations no longer in the table').toEqual([]);
  });

  for (const route of ROUTES) {
    it(`${routeKey(route)}: ${casesOf(route).length} cases answer the code the table implies`, async () => {
      if (!ROUTE_FIXTURES[route.operationId]) throw new Error(`no valid-input fixture for ${route.operationId} in tests/support/route-fixtures.ts`);
      const failures: string[] = [];
      const cases = casesOf(route);
      // Refusals first, on the world's resources: where a state decides (409), they change nothing.
      const refusals = cases.filter((c) => c.expected >= 300);
      const decidedByState = statesOf(route).length > 0;
      const before = decidedByState ? await settledSnapshot(world) : undefined;
      // One at a time: fresh resources are made by the same parties, and the machine is small.
      for (const c of [...refusals, ...cases.filter((c) => c.expected < 300)]) {
        const failure = await runCase(route, c);
        if (failure) failures.push(failure);
        if (before && c === refusals.at(-1)) {
          const after = await snapshot(world);
          if (JSON.stringify(after) !== JSON.stringify(before)) failures.push(`${routeKey(route)}: the refusals changed ${changedTables(before, after).join(', ')}`);
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it('lists read by another party hold none of the owner’s resources', async () => {
    const ids = [
      ...[...Object.values(world.signings), ...Object.values(world.rescissions)].map((s) => s.id),
      world.templateId,
      world.webhooks.employer,
      world.webhooks.school,
      ...Object.values(world.notifications),
    ];
    const secrets = [...ids, ...ownerSecrets()];
    // Every parameterless GET of a signed-in party: the lists and the caller's own pages.
    const lists = ROUTES.filter((r) => r.method === 'get' && r.roles !== 'anyone' && pathParamNames(r).length === 0);
    expect(lists.map((r) => r.operationId)).toEqual(expect.arrayContaining(['signing_list', 'desk_school', 'desk_employer', 'notification_list', 'webhook_list', 'template_list']));
    const failures: string[] = [];
    let checked = 0;
    for (const route of lists) {
      for (const role of allowedRoles(route).filter(isParty)) {
        const input = await ROUTE_FIXTURES[route.operationId]!.input({ world, role });
        const answer = await callRoute(h.baseUrl, world.foreign(role), route, requestOf(input, {}));
        checked += 1;
        // A foreign student without a plan gets 404 from /api/me/plan; every other list answers.
        if (answer.status !== successOf(route) && !(route.operationId === 'myPlan' && answer.status === 404)) {
          failures.push(`${routeKey(route)} as other ${role}: ${answer.status}`);
          continue;
        }
        const leaked = secrets.filter((s) => answer.text.includes(s));
        if (leaked.length) failures.push(`${routeKey(route)} as other ${role} shows ${leaked.join(', ')}`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(10);
  });

  afterAll(() => {
    console.log(`[authz] ${ROUTES.length} routes, ${seen.cases} cases (${seen.fresh} with a fresh resource)`);
  });
});

/**
 * The same table with the portal's session cookie instead of the token, for a representative set
 * rather than every case again (authentication is one middleware for every party route,
 * api/auth/authenticate.ts): per role a read and a write of its own resource, a role the route does not serve,
 * another party's resource — and the writes sent as another site would send them, refused with 403
 * CROSS_SITE_REQUEST and changing nothing.
 */
describe('authorization matrix with the session cookie (a representative set)', () => {
  const SAMPLE: Array<{ role: PartyRole; read: string; write: string }> = [
    { role: 'student', read: 'signing_get', write: 'notification_read' },
    { role: 'employer', read: 'desk_employer', write: 'draft_save' },
    { role: 'school', read: 'signing_events', write: 'signing_batchSchoolConfirm' },
  ];
  const byId = (operationId: string) => ROUTES.find((r) => r.operationId === operationId)!;
  const statusOf = (route: RouteSpec): WorldState | undefined =>
    route.owns?.resource === 'signing' ? (ROUTE_FIXTURES[route.operationId]?.status ?? 'PENDING_SCHOOL') : undefined;

  /** The owning party's username of a role (a student: the one of the route's signing). */
  function ownerName(role: PartyRole, route: RouteSpec): string {
    const w = world.p.world;
    if (role === 'student') return world.signingAt(statusOf(route) ?? 'PENDING_SCHOOL').student.username;
    return role === 'employer' ? w.employer.username : w.school.username;
  }

  async function sessionCall(route: RouteSpec, role: PartyRole | 'anonymous', client: ApiClient | undefined, headers?: Record<string, string>) {
    const fixture = ROUTE_FIXTURES[route.operationId]!;
    const status = statusOf(route);
    const resource = route.owns ? world.resource(route.owns.resource, role, status) : undefined;
    const input = await fixture.input({ world, role, signing: resource?.signing });
    const params: Record<string, string> = resource && route.owns ? { [route.owns.param]: resource.value } : {};
    const request = requestOf(input, params);
    // Forged requests carry the cookie and exactly the given headers (no same-origin proof of the client's own).
    if (headers) return callRoute(h.baseUrl, undefined, route, { ...request, headers: { cookie: client!.cookie!, ...headers } });
    return callRoute(h.baseUrl, client, route, request);
  }

  it('a read and a write per role answer as with the token; other roles 403, other parties 404', async () => {
    const failures: string[] = [];
    const check = (label: string, got: { status: number; text: string }, expected: number) => {
      if (got.status !== expected) failures.push(`${label}: expected ${expected}, got ${got.status} ${got.text.slice(0, 200)}`);
    };
    for (const { role, read, write } of SAMPLE) {
      for (const operationId of [read, write]) {
        const route = byId(operationId);
        const client = await ApiClient.session(h.baseUrl, ownerName(role, route));
        check(`${routeKey(route)} as ${role} (cookie)`, await sessionCall(route, role, client), expectedStatus(route, role, 'own', statusOf(route)));
      }
    }
    const student = await ApiClient.session(h.baseUrl, world.signings.PENDING_SCHOOL.student.username);
    check('GET /api/school/signings as student (cookie)', await sessionCall(byId('desk_school'), 'student', student), ERROR_STATUS.FORBIDDEN);
    const otherStudent = await ApiClient.session(h.baseUrl, world.p.world.otherStudent.username);
    check('GET /api/signings/{id} as another student (cookie)', await sessionCall(byId('signing_get'), 'student', otherStudent), ERROR_STATUS.NOT_FOUND);
    const anonymous = new ApiClient(h.baseUrl, undefined, 'wq_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    check('GET /api/me with an unknown session', await sessionCall(byId('me'), 'anonymous', anonymous), ERROR_STATUS.UNAUTHENTICATED);
    expect(failures).toEqual([]);
  });

  it('the writes from another site: 403 CROSS_SITE_REQUEST, and the database unchanged', async () => {
    const before = await settledSnapshot(world);
    const failures: string[] = [];
    const forgeries: Record<string, string>[] = [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }, {}];
    for (const { role, write } of SAMPLE) {
      const route = byId(write);
      const client = await ApiClient.session(h.baseUrl, ownerName(role, route));
      for (const headers of forgeries) {
        const answer = await sessionCall(route, role, client, headers);
        if (answer.status !== ERROR_STATUS.FORBIDDEN || answer.json?.error?.details?.reason !== 'CROSS_SITE_REQUEST') {
          failures.push(`${routeKey(route)} as ${role} with ${JSON.stringify(headers)}: ${answer.status} ${answer.text.slice(0, 200)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // The sign-ins above added their sessions; apart from those, nothing.
    const after = await snapshot(world);
    expect({ ...after, browser_sessions: undefined }).toEqual({ ...before, browser_sessions: undefined });
    expect(after.browser_sessions!.count).toBe(before.browser_sessions!.count + SAMPLE.length);
  });
});
