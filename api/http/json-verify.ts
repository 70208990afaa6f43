/**
 * The byte-level checks of a JSON body, run inside body-parser's `verify` before JSON.parse:
 * UTF-8 only, and at most `JSON_MAX_DEPTH` levels deep. Shared by the API's parser
 * (api/http/json-body.ts) and the codec endpoint's, which takes larger bodies.
 */
import { isUtf8 } from 'node:buffer';

export const JSON_MAX_DEPTH = 64;

/** A refusal raised inside body-parser's `verify`: api/http/errors.ts maps its `type`, and shows its (Chinese) message. */
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
