/**
 * The routes an Express app actually serves, read from its router: `router` 2.3's public
 * `listRoutes()` gives each layer's registered path (`rawPath`) with its methods, or the mounted
 * router to recurse into. Plain middleware (body parsers, rate limiters, express.static) is not a
 * route and is not listed. Used to check the route table against the app, both ways.
 */
import type { Express } from 'express';

export interface MountedRoute {
  /** Upper case, e.g. `GET`; `*` for an `.all()` handler. */
  method: string;
  /** OpenAPI form, e.g. `/api/signings/{id}`. */
  path: string;
}

interface ListedRoute {
  path: string | RegExp;
  methods: string[] | undefined;
  router: RouterLike | undefined;
}
interface RouterLike {
  listRoutes(): ListedRoute[];
}

function join(prefix: string, path: string): string {
  if (path === '/') return prefix || '/';
  return `${prefix}${path}`;
}

/** `/:id/agreement` → `/{id}/agreement`; refuses patterns the table could not name. */
function openApiPathOf(expressPath: string | RegExp, where: string): string {
  if (typeof expressPath !== 'string' || /[*{}()?+]/.test(expressPath)) {
    throw new Error(`mounted-routes: unsupported route pattern ${String(expressPath)} under "${where}"`);
  }
  return expressPath.replace(/:(\w+)/g, '{$1}');
}

function walk(router: RouterLike, prefix: string, out: MountedRoute[]): void {
  for (const entry of router.listRoutes()) {
    const path = join(prefix, openApiPathOf(entry.path, prefix || '/'));
    if (entry.router) {
      walk(entry.router, path === '/' ? '' : path, out);
      continue;
    }
    const methods = entry.methods ?? [];
    for (const method of methods) {
      // router lists an automatic HEAD for every GET.
      if (method === 'HEAD' && methods.includes('GET')) continue;
      out.push({ method, path });
    }
  }
}

/** Every (method, path) `app` routes, nested routers included, in registration order. */
export function mountedRoutes(app: Express): MountedRoute[] {
  const router = (app as unknown as { router: RouterLike }).router;
  if (typeof router?.listRoutes !== 'function') {
    throw new Error('mounted-routes: this Express has no router.listRoutes() (router ≥ 2.3 needed)');
  }
  const out: MountedRoute[] = [];
  walk(router, '', out);
  return out;
}
