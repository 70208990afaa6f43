/**
 * The bench's HTTP client: Node's fetch (undici, keep-alive connections reused across requests)
 * with a bearer token, returning status, parsed JSON and the elapsed milliseconds.
 */
import { randomUUID } from 'node:crypto';

export interface Timed<T> {
  status: number;
  body: T;
  ms: number;
}

export class BenchError extends Error {
  override name = 'BenchError';
}

export async function call<T = unknown>(
  baseUrl: string,
  token: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<Timed<T>> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  // A careful client sends a key with every POST, so a retry after a lost answer acts once.
  if (method === 'POST') headers['idempotency-key'] = randomUUID();
  const started = performance.now();
  const res = await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const ms = performance.now() - started;
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text for the error message
  }
  return { status: res.status, body: parsed as T, ms };
}

/** The call, or a BenchError naming the step when the status is not the expected one. */
export async function expectStatus<T = unknown>(step: string, expected: number, pending: Promise<Timed<T>>): Promise<Timed<T>> {
  const res = await pending;
  if (res.status !== expected) throw new BenchError(`${step}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`);
  return res;
}
