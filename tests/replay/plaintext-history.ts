/**
 * Histories committed as fixtures must replay in CI without any secret, so every payload in them
 * is stored as the default data converter writes it (plain JSON), never as a payload codec (e.g.
 * encryption) left it on the server. Replay never runs the codec: it only needs plain payloads.
 */
import type { PayloadCodec } from '@temporalio/common';
import type { History, Payload } from '@temporalio/common/lib/proto-utils';

/** Encodings the default payload converter writes: readable without any key. */
export const PLAIN_ENCODINGS = ['binary/null', 'binary/plain', 'json/plain', 'json/protobuf', 'binary/protobuf'] as const;

function isPayload(value: object): value is Payload {
  const { metadata, data } = value as Payload;
  return (
    typeof metadata === 'object' &&
    metadata !== null &&
    metadata.encoding instanceof Uint8Array &&
    (data === undefined || data === null || data instanceof Uint8Array)
  );
}

/** Every payload object anywhere in `value` (inputs, results, headers, failures, user metadata). */
export function payloadsIn(value: unknown, found: Payload[] = []): Payload[] {
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return found;
  if (isPayload(value)) {
    found.push(value);
    return found;
  }
  for (const child of Object.values(value)) payloadsIn(child, found);
  return found;
}

export function encodingOf(payload: Payload): string {
  return new TextDecoder().decode(payload.metadata?.encoding ?? new Uint8Array());
}

/**
 * Decodes, in place, every payload of `history` that is not plain with `codecs` (in the reverse
 * of the order they encode, as the SDK does). Throws if a payload is still not plain afterwards.
 */
export async function decodeHistoryPayloads(history: History, codecs: readonly PayloadCodec[]): Promise<History> {
  for (const payload of payloadsIn(history)) {
    if ((PLAIN_ENCODINGS as readonly string[]).includes(encodingOf(payload))) continue;
    let decoded: Payload[] = [payload];
    for (const codec of [...codecs].reverse()) decoded = await codec.decode(decoded);
    const [plain] = decoded;
    if (!plain || !(PLAIN_ENCODINGS as readonly string[]).includes(encodingOf(plain))) {
      throw new Error(`payload with encoding ${encodingOf(payload)} could not be decoded to plain JSON`);
    }
    payload.metadata = plain.metadata ?? null;
    payload.data = plain.data ?? null;
  }
  return history;
}
