/**
 * Each route is declared once, beside its handler: `defineRoute(spec, handler)` holds what the
 * route says about itself (api/http/route-spec.ts) together with the handler that serves it, built
 * from the feature's dependencies when the app is assembled. A feature exports its routes as one
 * `routeGroup`; api/routes.ts lists every group, so the OpenAPI document, the method and role
 * guards and the test suites see exactly the routes the app registers — there is no second table.
 */
import { type RequestHandler, Router } from 'express';
import { type RouteInput, type RouteSpec, expressPath, route, routeKey } from './route-spec';

export interface Route<D> {
  readonly spec: RouteSpec;
  /** The handler chain (middleware such as a rate limiter first, the handler last). */
  readonly handlers: (deps: D) => readonly RequestHandler[];
}

export type RouteDefinition<D> = RouteInput & {
  /** Builds the route's handler (or chain: middleware first) from the feature's dependencies. */
  handle: (deps: D) => RequestHandler | readonly RequestHandler[];
};

export function defineRoute<D = unknown>({ handle, ...input }: RouteDefinition<D>): Route<D> {
  return {
    spec: route(input),
    handlers: (deps) => {
      const built = handle(deps);
      return typeof built === 'function' ? [built] : built;
    },
  };
}

/** One feature's routes, mounted together (they share dependencies and a place in the middleware chain). */
export interface RouteGroup<D> {
  readonly name: string;
  readonly routes: readonly Route<D>[];
}

export function routeGroup<D>(name: string, routes: readonly Route<D>[]): RouteGroup<D> {
  return { name, routes };
}

/** A router serving `group`, mounted where `base` (a prefix of every path in it) is already matched. */
export function routerOf<D>(group: RouteGroup<D>, deps: D, base = ''): Router {
  const router = Router();
  for (const { spec, handlers } of group.routes) {
    const path = expressPath(spec);
    if (!path.startsWith(base)) throw new Error(`routerOf(${group.name}): ${routeKey(spec)} is not under ${base}`);
    router[spec.method](path.slice(base.length) || '/', ...handlers(deps));
  }
  return router;
}

/**
 * What createApp mounts its groups with: `mount(group, deps, base)` is `routerOf`, refusing a
 * group missing from `declared` (it would be served but not documented nor guarded), and
 * `unmounted()` names the declared groups the app never mounted (documented but not served).
 */
export function routeMounter(declared: readonly RouteGroup<never>[]) {
  const mounted = new Set<string>();
  return {
    mount<D>(group: RouteGroup<D>, deps: D, base = ''): Router {
      if (!declared.some((g) => g === (group as unknown as RouteGroup<never>))) {
        throw new Error(`createApp: route group "${group.name}" is not listed in api/routes.ts`);
      }
      mounted.add(group.name);
      return routerOf(group, deps, base);
    },
    unmounted(): string[] {
      return declared.filter((g) => !mounted.has(g.name)).map((g) => g.name);
    },
  };
}
