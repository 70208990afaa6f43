/**
 * The edge's guard for text PostgreSQL cannot store, or no one should (domain/schemas/text.ts): every
 * string of a parsed JSON body and of the query — values and keys, at any depth — is checked before
 * any handler runs, so no route (and no workflow behind it) ever sees NUL, a control character, a
 * bidi override or a lone surrogate, whatever its own schema says. A refusal is 400
 * VALIDATION_FAILED naming each field. Line breaks and tabs pass here; single-line fields refuse
 * them in their schemas (the same rule, per field).
 */
import type { RequestHandler } from 'express';
import { formatPath } from '../../domain/schemas/issues';
import { refusedTextReason } from '../../domain/schemas/text';
import { AppError } from './errors';
import { routeFor } from './route-guard';

interface Refusal {
  path: string;
  message: string;
}

/** At most this many refused fields are listed (a hostile body could hold thousands). */
const MAX_LISTED = 20;

function collect(value: unknown, path: PropertyKey[], out: Refusal[]): void {
  if (out.length >= MAX_LISTED) return;
  if (typeof value === 'string') {
    const reason = refusedTextReason(value, true);
    if (reason) out.push({ path: formatPath(path), message: reason });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => collect(item, [...path, i], out));
    return;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const reason = refusedTextReason(key, false);
      if (reason) out.push({ path: formatPath([...path, key]), message: `字段名${reason}` });
      collect(item, [...path, key], out);
    }
  }
}

/**
 * `beforeAuthentication`: the app-wide instance checks only what needs no login (the anyone-routes,
 * and paths no route declares); signed-in routes are checked by the instance placed after
 * authentication, so an anonymous caller meets 401 first, not field-level answers.
 */
export function refuseUnstorableText(options: { beforeAuthentication?: boolean } = {}): RequestHandler {
  return (req, _res, next) => {
    if (options.beforeAuthentication) {
      const route = routeFor(req.method, `${req.baseUrl}${req.path}`);
      if (route && route.roles !== 'anyone') return next();
    }
    const body: Refusal[] = [];
    if (req.body !== undefined && typeof req.body !== 'string' && !Buffer.isBuffer(req.body)) collect(req.body, [], body);
    const query: Refusal[] = [];
    collect(req.query, [], query);
    const refusals = [...body, ...query.map((r) => ({ ...r, path: `query.${r.path}` }))];
    if (refusals.length === 0) return next();
    throw new AppError(
      'VALIDATION_FAILED',
      body.length ? '请求数据含有无法保存的字符（控制字符、文字方向控制符或无效的 Unicode 字符）' : '查询参数含有无法保存的字符（控制字符、文字方向控制符或无效的 Unicode 字符）',
      refusals,
    );
  };
}
