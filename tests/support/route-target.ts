/**
 * Who calls a route of the table, and on what, so the answer depends on the request alone: a caller
 * of a role the route serves, owning the resource its path names — for a signing action or a 解约
 * step, a signing in a state where that role may take it. Shared by the suites that send every
 * route something (tests/fuzz, tests/api/unstorable-text), and `routeFits` by the authorization
 * matrix, which expects 409 wherever it says no.
 */
import { type RouteSpec, allowedRoles } from '../../api/http/route-spec';
import { allowedRescissionActions, mayRequestRescission } from '../../domain/rescission';
import { isAllowed } from '../../domain/status';
import type { ApiClient } from './http';
import { ROUTE_FIXTURES } from './route-fixtures';
import { isRescissionStage, rescissionStateOf } from './rescission-world';
import { type PartyRole, type RouteWorld, WORLD_STATES, type WorldSigning, type WorldState, signingStatusIn } from './route-world';

export interface Target {
  role: PartyRole | 'anonymous' | 'operator';
  caller: ApiClient | undefined;
  signing?: WorldSigning;
  params: Record<string, string>;
}

/** Whether a route's step fits a signing in `state` for `role`, by the domain's rules; undefined for a route that takes none. */
export function routeFits(route: Pick<RouteSpec, 'action' | 'rescissionAction'>, state: WorldState, role: PartyRole): boolean | undefined {
  if (route.action) return isAllowed(route.action, signingStatusIn(state), role);
  const step = route.rescissionAction;
  if (!step) return undefined;
  // A signing without a request: only a request can fit, and nothing is there to answer.
  const request = isRescissionStage(state) ? rescissionStateOf(state) : null;
  if (step === 'request') return mayRequestRescission(signingStatusIn(state), request?.status ?? null, role);
  return request !== null && allowedRescissionActions(request, role).includes(step);
}

/** The states a route's cases are tried in: every one for a step a state decides, else none. */
export function statesOf(route: Pick<RouteSpec, 'action' | 'rescissionAction'>): readonly WorldState[] {
  return route.action || route.rescissionAction ? WORLD_STATES : [];
}

export function targetOf(world: RouteWorld, route: RouteSpec): Target {
  if (route.roles === 'anyone') return { role: 'anonymous', caller: undefined, params: {} };
  const parties = allowedRoles(route).filter((r): r is PartyRole => r !== 'operator');
  if (parties.length === 0) return { role: 'operator', caller: world.operator.client, params: {} };
  const fixture = ROUTE_FIXTURES[route.operationId];
  let role = parties[0]!;
  let status: WorldState = fixture?.status ?? 'PENDING_SCHOOL';
  const fit = statesOf(route).flatMap((s) => parties.filter((r) => routeFits(route, s, r)).map((r) => [r, s] as const))[0];
  if (fit) [role, status] = fit;
  if (!route.owns) return { role, caller: fixture?.caller?.(world, role) ?? world.owner(role, status), params: {} };
  const resource = world.resource(route.owns.resource, role, status);
  return { role, caller: world.owner(role, status), ...(resource.signing ? { signing: resource.signing } : {}), params: { [route.owns.param]: resource.value } };
}
