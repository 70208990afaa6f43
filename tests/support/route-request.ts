/**
 * One request to a route of the table, built from parts: path parameters (percent-encoded by
 * `fillPath`, or a raw path for the fuzzer's hostile ones), a query string (raw, so repeated keys and
 * broken `%` escapes reach the server as written), and a JSON, text or raw-bytes body. The answer
 * comes back as text and, when it is JSON, parsed.
 */
import { type RouteSpec, fillPath } from '../../api/http/route-spec';
import type { ApiClient } from './http';
import type { ValidInput } from './route-fixtures';

export interface RouteRequest {
  params?: Record<string, string>;
  /** The whole path, as sent (overrides `params`). */
  rawPath?: string;
  query?: Record<string, string>;
  /** The query string after `?`, as sent (overrides `query`). */
  rawQuery?: string;
  body?: unknown;
  raw?: { contentType?: string; bytes: string | Uint8Array } | undefined;
  headers?: Record<string, string>;
}

export interface RouteAnswer {
  status: number;
  contentType: string;
  text: string;
  json: any;
}

export function requestOf(input: ValidInput, params: Record<string, string>): RouteRequest {
  return {
    params: { ...(input.params ?? {}), ...params },
    ...(input.query ? { query: input.query } : {}),
    ...(input.body !== undefined ? { body: input.body } : {}),
    ...(input.raw ? { raw: { contentType: input.raw.contentType, bytes: input.raw.text } } : {}),
    ...(input.headers ? { headers: input.headers } : {}),
  };
}

export async function callRoute(baseUrl: string, caller: ApiClient | undefined, route: RouteSpec, req: RouteRequest): Promise<RouteAnswer> {
  const path = req.rawPath ?? fillPath(route, req.params ?? {});
  const query = req.rawQuery ?? (req.query ? new URLSearchParams(req.query).toString() : '');
  const headers: Record<string, string> = { ...(caller?.credentialHeaders() ?? {}) };
  let body: string | Uint8Array | undefined;
  if (req.raw) {
    body = req.raw.bytes;
    if (req.raw.contentType !== undefined) headers['content-type'] = req.raw.contentType;
  } else if (req.body !== undefined) {
    body = JSON.stringify(req.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(`${baseUrl}${path}${query ? `?${query}` : ''}`, {
    method: route.method.toUpperCase(),
    headers: { ...headers, ...(req.headers ?? {}) },
    ...(body === undefined ? {} : { body }),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text, json };
}
