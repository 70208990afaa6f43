/**
 * fast-check generators of hostile requests for one route of the table, starting from its valid
 * request (tests/support/route-fixtures.ts) and its zod schemas: arbitrary JSON, the valid body
 * mutated field by field (wrong types, numbers as strings, null, arrays, huge strings, a missing
 * field, an unknown one), deeply nested JSON, raw bytes that are not UTF-8, a body in the wrong
 * media type, raw query strings (repeated keys, huge and unicode values, broken `%` escapes) and
 * path parameters (not a uuid, unicode, `..`, very long, broken escapes).
 *
 * Bodies are made invalid on purpose: one the route's schema would accept gets an unknown field
 * (every strict body schema refuses it), so an action is not performed by chance.
 */
import fc from 'fast-check';
import type { RouteSpec } from '../../api/http/route-spec';
import { pathParamNames } from '../../api/http/route-spec';
import type { RouteRequest } from '../support/route-request';

/** What a generated request tries, for the report. */
export type FuzzKind = 'json' | 'mutated' | 'huge' | 'deep' | 'bytes' | 'media-type' | 'query' | 'path' | 'multipart';

export interface FuzzRequest extends RouteRequest {
  kind: FuzzKind;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Paths of the leaves (and of the objects) of a JSON value. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((v, i) => pathsOf(v, [...prefix, i]))];
  if (value && typeof value === 'object') return [prefix, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
  return [prefix];
}

function getAt(value: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((v, key) => (v as Record<string | number, unknown> | undefined)?.[key], value);
}

/** A copy of `value` with the node at `path` replaced (or removed when `replacement` is `REMOVE`). */
const REMOVE = Symbol('remove');
function setAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement === REMOVE ? undefined : replacement;
  const [head, ...rest] = path;
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  if (rest.length === 0 && replacement === REMOVE) {
    if (Array.isArray(copy)) copy.splice(head as number, 1);
    else delete copy[head!];
  } else {
    copy[head!] = setAt(copy[head!], rest, replacement);
  }
  return copy;
}

/** Values of the wrong kind for a node that holds `original`. */
function wrongFor(original: unknown): fc.Arbitrary<unknown> {
  const common: fc.Arbitrary<unknown>[] = [
    fc.constant(null),
    fc.constant([]),
    fc.constant({}),
    fc.boolean(),
    fc.integer(),
    fc.double(),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
    fc.constant(REMOVE),
  ];
  if (typeof original === 'number') common.push(fc.constant(String(original)), fc.constant(-original), fc.constant(original + 0.5), fc.constant(1e308));
  if (typeof original === 'string') {
    common.push(
      fc.constant(Number(original) || 12345),
      fc.constant(original.repeat(200)),
      fc.constant(` ${original}\u0000`),
      fc.constant('\u202e\ud83d\ude00\u0301'),
    );
  }
  if (typeof original === 'boolean') common.push(fc.constant(String(original)), fc.constant(original ? 1 : 0));
  return fc.oneof(...common);
}

/** Makes a body the schema would accept invalid: an unknown field, or the body wrapped in an array. */
function spoil(route: RouteSpec, body: unknown): unknown {
  const schema = route.schemas.body;
  if (!schema || !schema.safeParse(body).success) return body;
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const extra = { ...body, 未知字段fuzz: true };
    // A schema that strips unknown fields accepts that too: an array is no object.
    if (!schema.safeParse(extra).success) return extra;
  }
  return [body];
}

function nested(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

const QUERY_MAX = 12_000;

const brokenEscapes = fc.constantFrom('%', '%zz', '%E0%A4%A', '%C0%AF', '%FF%FE', '%00', '%25%', '%%%', '%u0041', '%F0%9F%98');

/** A path parameter's hostile value, already in the form it takes in the URL. */
const pathValue: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).map(encodeURIComponent),
  fc.constantFrom('..', '.', '..%2F..%2Fetc%2Fpasswd', '%2e%2e', 'null', 'undefined', '0', '-1', '1e9', 'NaN', '%20'),
  // Long, but within Node's 16 KB limit on the request head (beyond it Node itself answers a bare 431).
  fc.integer({ min: 1, max: 12_000 }).map((n) => 'a'.repeat(n)),
  fc.uuid().map((u) => u.toUpperCase()),
  fc.uuid(),
  fc.uuid().map((u) => `${u}x`),
  fc.tuple(fc.string({ maxLength: 5 }).map(encodeURIComponent), brokenEscapes).map(([a, b]) => `${a}${b}`),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).map((s) => encodeURIComponent(`中文${s}😀`)),
);

const queryKey: (known: string[]) => fc.Arbitrary<string> = (known) =>
  fc.oneof(
    ...(known.length ? [fc.constantFrom(...known)] : []),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }).map(encodeURIComponent),
    fc.constantFrom('__proto__', 'constructor', 'a[b]', 'a[]', 'toString', ''),
  );

const queryValue: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }).map(encodeURIComponent),
  fc.integer().map(String),
  fc.double().map(String),
  fc.constantFrom('true', 'false', 'null', '', '[]', '{}', 'csv', 'json', 'html', 'pdf', 'PENDING_SCHOOL', '-1', '0', '1e400'),
  fc.integer({ min: 1_000, max: 12_000 }).map((n) => 'x'.repeat(n)),
  brokenEscapes,
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }).map((s) => encodeURIComponent(`你好${s}`)),
);

function rawQuery(route: RouteSpec): fc.Arbitrary<string> {
  const known = route.schemas.query ? Object.keys(route.schemas.query.shape) : [];
  return fc
    .array(fc.tuple(queryKey(known), queryValue, fc.boolean()), { minLength: 1, maxLength: 6 })
    // At most 12 000 characters: Node refuses a request head over 16 KB before the app sees it.
    .map((pairs) => pairs.map(([k, v, withValue]) => (withValue ? `${k}=${v}` : k)).join('&').slice(0, QUERY_MAX));
}

/**
 * Hostile requests for `route`, given its valid request (`valid`, whose owned path parameter is the
 * caller's own resource).
 */
export function hostileRequests(route: RouteSpec, valid: RouteRequest): fc.Arbitrary<FuzzRequest> {
  const options: fc.Arbitrary<FuzzRequest>[] = [];
  const params = pathParamNames(route);
  const takesBody = route.method !== 'get';
  const sample = valid.body ?? (route.schemas.body ? {} : undefined);

  // A route without a body schema ignores a well-formed JSON body (DELETE, mark-as-read…): only
  // bodies refused while they are read make such a request invalid.
  const schemaless = !route.schemas.body;
  if (takesBody && !schemaless) {
    const withBody = (body: unknown, kind: FuzzKind): FuzzRequest => ({ ...valid, raw: undefined, body: spoil(route, body), kind });
    options.push(fc.jsonValue({ maxDepth: 4 }).map((body) => withBody(body as Json, 'json')));
    if (sample !== undefined && typeof sample === 'object' && sample !== null) {
      const paths = pathsOf(sample);
      options.push(
        fc
          .nat({ max: paths.length - 1 })
          .chain((i) => wrongFor(getAt(sample, paths[i]!)).map((v) => setAt(sample, paths[i]!, v)))
          .map((body) => withBody(body ?? {}, 'mutated')),
        fc
          .tuple(fc.nat({ max: paths.length - 1 }), fc.integer({ min: 10_000, max: 400_000 }))
          .map(([i, n]) => withBody(setAt(sample, paths[i]!, '长'.repeat(n)), 'huge')),
      );
    }
  }
  if (takesBody && schemaless) {
    options.push(
      fc.integer({ min: 100_000, max: 400_000 }).map((n) => ({ ...valid, body: { x: '长'.repeat(n) }, kind: 'huge' as const })),
    );
  }
  if (takesBody) {
    options.push(
      fc.tuple(fc.constantFrom(...(schemaless ? [65, 200, 10_000, 100_000] : [20, 63, 65, 200, 10_000, 100_000])), fc.constantFrom('array' as const, 'object' as const)).map(([depth, kind]) => {
        // In place of a field of the valid body when there is one, so the nesting is reached after a valid prefix.
        const text = sample && typeof sample === 'object' ? JSON.stringify({ ...sample, deep: '@@' }).replace('"@@"', nested(depth, kind)) : nested(depth, kind);
        return { ...valid, body: undefined, raw: { contentType: 'application/json', bytes: text }, kind: 'deep' as const };
      }),
      fc
        .tuple(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.constantFrom('application/json', 'application/json; charset=utf-8'))
        .map(([bytes, contentType]) => ({
          ...valid,
          body: undefined,
          // Invalid UTF-8 inside an otherwise well-formed JSON string.
          raw: { contentType, bytes: Buffer.concat([Buffer.from('{"x":"'), Buffer.from([0xff, 0xc3]), Buffer.from(bytes), Buffer.from('"}')]) },
          kind: 'bytes' as const,
        })),
      fc
        .tuple(
          fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=latin1', 'application/json; charset=utf-16'),
          fc.constantFrom(JSON.stringify(sample ?? {}), 'a=1&b=2', '<a/>'),
        )
        .map(([contentType, text]) => ({ ...valid, body: undefined, raw: { contentType, bytes: text }, kind: 'media-type' as const })),
    );
  }
  if (route.requestContentType !== 'application/json') {
    options.push(
      fc
        .oneof(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 50 }).map((s) => `考生号,姓名,${s}\n${s}`))
        .map((text) => ({ ...valid, body: undefined, raw: { contentType: route.requestContentType, bytes: text }, kind: 'media-type' as const })),
    );
  }
  if (route.schemas.query || route.method === 'get') {
    options.push(rawQuery(route).map((q) => ({ ...valid, rawQuery: q, kind: 'query' as const })));
  }
  if (params.length) {
    options.push(
      fc.tuple(...params.map(() => pathValue)).map((values) => {
        let i = 0;
        const rawPath = route.path.replace(/\{[^}]+\}/g, () => values[i++]!);
        return { ...valid, rawPath, kind: 'path' as const };
      }),
    );
  }
  return fc.oneof(...options);
}
