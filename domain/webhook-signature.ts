/**
 * Webhook signatures, the Stripe scheme: header `Wangqian-Signature: t=<unix seconds>,v1=<hex>`
 * where v1 = HMAC-SHA256(secret, "<t>.<raw body>"), the secret being the whole `whsec_…` string
 * as UTF-8. Signing the timestamp with the body lets a receiver refuse replays of an old request.
 *
 * The worker signs with `signWebhook`; receivers (and our tests) check with
 * `verifyWebhookSignature`. Pure JavaScript (@noble/hashes), no Node built-ins, so it can be
 * copied into any receiver as is.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export const SIGNATURE_HEADER = 'Wangqian-Signature';
export const EVENT_ID_HEADER = 'Wangqian-Event-Id';
/** Five minutes, as Stripe recommends: long enough for clock skew, short enough against replays. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

function expectedSignature(secret: string, timestamp: number, rawBody: string | Uint8Array): string {
  const body = typeof rawBody === 'string' ? utf8ToBytes(rawBody) : rawBody;
  const prefix = utf8ToBytes(`${timestamp}.`);
  const message = new Uint8Array(prefix.length + body.length);
  message.set(prefix, 0);
  message.set(body, prefix.length);
  return bytesToHex(hmac(sha256, utf8ToBytes(secret), message));
}

/** The header value for `rawBody` sent at `timestamp` (unix seconds). */
export function signWebhook(secret: string, rawBody: string | Uint8Array, timestamp: number): string {
  return `t=${timestamp},v1=${expectedSignature(secret, timestamp, rawBody)}`;
}

/** Compares in time independent of where the strings differ, so timing leaks nothing. */
function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * True when `header` carries a v1 signature of `rawBody` (the bytes exactly as received, before
 * any JSON parsing) under `secret`, made within `toleranceSeconds` of `nowSeconds`. Several v1
 * values are accepted (any may match) so a secret can be rotated without downtime.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | null | undefined,
  rawBody: string | Uint8Array,
  toleranceSeconds: number = DEFAULT_TOLERANCE_SECONDS,
  nowSeconds: number = Math.floor(Date.now() / 1000),
): boolean {
  if (!header) return false;
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value && /^\d+$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && value) signatures.push(value.toLowerCase());
  }
  if (timestamp === undefined || signatures.length === 0) return false;
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = expectedSignature(secret, timestamp, rawBody);
  return signatures.some((s) => constantTimeEqual(s, expected));
}
