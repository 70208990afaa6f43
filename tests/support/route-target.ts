/**
 * Who calls a route of the table, and on what, so the answer depends on the request alone: a caller
 * of a role the route serves, owning the resource its path names — for a signing action, a signing
 * in a status where that role may act. Shared by the suites that send every route something
 * (tests/fuzz, tests/api/unstorable-text).
 */
import { type RouteSpec, allowedRoles } from '../../api/http/route-spec';
import { isAllowed } from '../../domain/status';
import type { ApiClient } from './http';
import { ROUTE_FIXTURES } from './route-fixtures';
import { type PartyRole, type RouteWorld, WORLD_STATUSES, type WorldSigning, type WorldStatus } from './route-world';

export interface Target {
  role: PartyRole | 'anonymous' | 'operator';
  caller: ApiClient | undefined;
  signing?: WorldSigning;
  params: Record<string, string>;
}

export function targetOf(world: RouteWorld, route: RouteSpec): Target {
  if (route.roles === 'anyone') return { role: 'anonymous', caller: undefined, params: {} };
  const parties = allowedRoles(route).filter((r): r is PartyRole => r !== 'operator');
  if (parties.length === 0) return { role: 'operator', caller: world.operator.client, params: {} };
  const fixture = ROUTE_FIXTURES[route.operationId];
  let role = parties[0]!;
  let status: WorldStatus = fixture?.status ?? 'PENDING_SCHOOL';
  if (route.action) {
    const fit = WORLD_STATUSES.flatMap((s) => parties.filter((r) => isAllowed(route.action!, s, r)).map((r) => [r, s] as const))[0];
    if (fit) [role, status] = fit;
  }
  if (!route.owns) return { role, caller: fixture?.caller?.(world, role) ?? world.owner(role, status), params: {} };
  const resource = world.resource(route.owns.resource, role, status);
  return { role, caller: world.owner(role, status), ...(resource.signing ? { signing: resource.signing } : {}), params: { [route.owns.param]: resource.value } };
}
