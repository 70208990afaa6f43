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
 *   acted. Routes whose table entry declares another `requestContentType` (the CSV roster import)
 *   parse their own bodies and are let through.
 */
import { isUtf8 } from 'node:buffer';
import express, { type Request, type RequestHandler } from 'express';
import { AppError } from './errors';
import { ROUTES, expressPath } from './openapi/routes';

export const JSON_BODY_LIMIT = '256kb';
export const JSON_MAX_DEPTH = 64;

/** A refusal raised inside body-parser's `verify`: api/errors.ts maps its `type`, and shows its (Chinese) message. */
class BodyRefusal extends Error {
  constructor(
    readonly type: 'encoding.invalid' | 'entity.too.deep' | 'charset.unsupported',
    message: string,
  ) {
    super(message);
  }
}

const OPEN = new Set([0x5b, 0x7b]); // [ {
const CLOSE = new Set([0x5d, 0x7d]); // ] }

/**
 * Whether the JSON text in `buf` nests deeper than `max`, by one pass over the bytes (before
 * JSON.parse builds anything). Bytes of multi-byte UTF-8 characters are never ASCII, so brackets
 * and quotes are found byte by byte; brackets inside strings do not count.
 */
export function nestsDeeperThan(buf: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < buf.length; i += 1) {
    const byte = buf[i]!;
    if (inString) {
      if (escaped) escaped = false;
      else if (byte === 0x5c) escaped = true;
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) {
      inString = true;
    } else if (OPEN.has(byte)) {
      depth += 1;
      if (depth > max) return true;
    } else if (CLOSE.has(byte)) {
      depth -= 1;
    }
  }
  return false;
}

/** body-parser's `verify` of these bodies (also used by the codec endpoint, which parses its own larger ones). */
export function verifyJsonBody(_req: unknown, _res: unknown, buf: Buffer, encoding: string): void {
  if (encoding !== 'utf-8') throw new BodyRefusal('charset.unsupported', `请求体编码 ${encoding} 不受支持，请使用 UTF-8`);
  if (!isUtf8(buf)) throw new BodyRefusal('encoding.invalid', '请求体含有不是 UTF-8 编码的字节，请以 UTF-8 发送 JSON');
  if (nestsDeeperThan(buf, JSON_MAX_DEPTH)) throw new BodyRefusal('entity.too.deep', `请求体的 JSON 嵌套过深（最多 ${JSON_MAX_DEPTH} 层）`);
}

/** Paths of the routes that take a body in another media type than JSON (they parse it themselves). */
function nonJsonRoutes(): RegExp[] {
  return ROUTES.filter((r) => r.requestContentType !== 'application/json').map(
    (r) => new RegExp(`^${expressPath(r).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/]+')}/?$`),
  );
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** Parses JSON bodies and refuses the bodies the API cannot take (see the header). */
export function jsonBody(): RequestHandler[] {
  const exempt = nonJsonRoutes();
  const refuseOthers: RequestHandler = (req, _res, next) => {
    if (req.body !== undefined || req.method === 'GET' || req.method === 'HEAD' || !hasBody(req)) return next();
    if (exempt.some((pattern) => pattern.test(req.path))) return next();
    const type = req.headers['content-type'];
    next(
      new AppError('UNSUPPORTED_MEDIA_TYPE', `请求体应为 JSON（Content-Type: application/json），当前为${type ? ` ${type.slice(0, 100)}` : '未注明类型'}`, [
        { path: 'header:Content-Type', message: '应为 application/json' },
      ]),
    );
  };
  return [express.json({ limit: JSON_BODY_LIMIT, verify: verifyJsonBody }), refuseOthers];
}
