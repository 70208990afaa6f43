/**
 * The API's request bodies are JSON (RFC 8259: UTF-8), at most 256 KB and at most 64 levels deep.
 * `jsonBody()` parses them; what it refuses is a 4xx the error middleware words in Chinese:
 *
 * - larger than the limit: 413 PAYLOAD_TOO_LARGE (body-parser's `entity.too.large`);
 * - bytes that are not UTF-8, or a charset other than UTF-8: 400 / 415 — instead of silently
 *   turning them into U+FFFD and storing those in an agreement;
 * - nested deeper than `JSON_MAX_DEPTH`: 400 — no request schema nests beyond a few levels, and
 *   tests/fuzz found that a 100 000-deep array overflowed the stack of JSON.stringify in the
 *   Idempotency-Key fingerprint (a 500);
 * - a body in another media type (text/plain, a form…) on a route that takes JSON: 415 — found by
 *   tests/fuzz: an action whose body is optional (school-confirm) ignored a text/plain body and
 *   acted. A route that declares another `requestContentType` (the CSV roster import) parses
 *   its own body and is let through (the route matched by api/http/route-guard.ts's methodGuard), as
 *   is a multipart body on a route that declares `multipartBody` (the 解约 request with its letter).
 */
import express, { type Request, type RequestHandler } from 'express';
import { AppError } from './errors';
import { verifyJsonBody } from './json-verify';
import { matchedRoute } from './matched-route';

export const JSON_BODY_LIMIT = '256kb';

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** Parses JSON bodies and refuses the bodies the API cannot take (see the header). */
export function jsonBody(): RequestHandler[] {
  const refuseOthers: RequestHandler = (req, res, next) => {
    if (req.body !== undefined || req.method === 'GET' || req.method === 'HEAD' || !hasBody(req)) return next();
    const route = matchedRoute(res);
    if (route && route.requestContentType !== 'application/json') return next();
    if (route?.multipartBody && req.is('multipart/form-data')) return next();
    const type = req.headers['content-type'];
    next(
      new AppError('UNSUPPORTED_MEDIA_TYPE', `请求体应为 JSON（Content-Type: application/json），当前为${type ? ` ${type.slice(0, 100)}` : '未注明类型'}`, [
        { path: 'header:Content-Type', message: '应为 application/json' },
      ]),
    );
  };
  return [express.json({ limit: JSON_BODY_LIMIT, verify: verifyJsonBody }), refuseOthers];
}
