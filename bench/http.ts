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

/** Waits before each retry of a 503 answer (about a minute in all), then the 503 stands. */
const RETRY_503_DELAYS_MS = [1000, 2000, 4000, 8000, 15000, 30000];
let retried503 = 0;
/** How many 503 answers the bench has retried so far (this process). */
export const retried503Count = (): number => retried503;

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
  let res: Response;
  let text: string;
  for (let attempt = 0; ; attempt += 1) {
    res = await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? null : JSON.stringify(body) });
    text = await res.text();
    // 503 says "busy, try again": a careful client retries with the same key (the latency it
    // sees includes the wait); the bench counts these so an overloaded run shows it.
    const delay = RETRY_503_DELAYS_MS[attempt];
    if (res.status !== 503 || delay === undefined) break;
    retried503 += 1;
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
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
