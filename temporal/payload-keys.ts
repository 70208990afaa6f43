/**
 * The payload encryption keys as configured: `PAYLOAD_KEYS` lists every key that may still be
 * needed to decrypt (`id:base64,id:base64`, 32 bytes each) and `PAYLOAD_KEY_ID` names the one new
 * payloads are encrypted with. Rotation = add a new key, point PAYLOAD_KEY_ID at it, and keep the
 * old ones listed as long as histories encrypted with them are retained.
 */

/** AES-256: 32-byte keys. */
export const PAYLOAD_KEY_BYTES = 32;

/** Key ids travel in every payload's metadata; keep them short and ASCII. */
export const PAYLOAD_KEY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const PAYLOAD_KEY_ID_MESSAGE = '密钥 id 应为 1–64 个字母、数字或 . _ -，以字母或数字开头';

export interface PayloadKey {
  id: string;
  key: Buffer;
}

/** What a codec needs: the key it encrypts with, and every key it may decrypt with. */
export interface PayloadKeyring {
  encodingKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
}

// Standard or URL-safe alphabet (Node's base64 decoder takes both), optional padding: checked
// first, because Buffer.from alone silently skips characters it does not know.
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** Parses `PAYLOAD_KEYS`; every problem is returned (in Chinese), none thrown. */
export function parsePayloadKeys(text: string): { keys: PayloadKey[]; problems: string[] } {
  const keys: PayloadKey[] = [];
  const problems: string[] = [];
  const entries = text.split(',').map((entry) => entry.trim());
  entries.forEach((entry, index) => {
    const where = `第 ${index + 1} 项`;
    const colon = entry.indexOf(':');
    if (colon < 0) {
      problems.push(`${where}应为「id:base64密钥」，缺少冒号`);
      return;
    }
    const id = entry.slice(0, colon).trim();
    const encoded = entry.slice(colon + 1).trim();
    if (!PAYLOAD_KEY_ID_PATTERN.test(id)) {
      problems.push(`${where}「${id}」：${PAYLOAD_KEY_ID_MESSAGE}`);
      return;
    }
    if (!BASE64.test(encoded) || encoded.replace(/=+$/, '').length % 4 === 1) {
      problems.push(`密钥「${id}」不是有效的 base64`);
      return;
    }
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== PAYLOAD_KEY_BYTES) {
      problems.push(`密钥「${id}」应为 ${PAYLOAD_KEY_BYTES} 字节（base64 编码后 44 个字符），实际为 ${key.length} 字节`);
      return;
    }
    if (keys.some((k) => k.id === id)) {
      problems.push(`密钥 id「${id}」重复`);
      return;
    }
    keys.push({ id, key });
  });
  return { keys, problems };
}

/**
 * The keyring of a parsed configuration, or a problem (in Chinese) when the pair does not fit:
 * an encoding id that is not listed, or several keys and no encoding id.
 */
export function keyringOf(keys: readonly PayloadKey[], encodingKeyId: string | undefined): { keyring: PayloadKeyring } | { problem: string } {
  if (keys.length === 0) return { problem: '至少需要一个密钥' };
  const id = encodingKeyId ?? (keys.length === 1 ? keys[0]!.id : undefined);
  if (id === undefined) return { problem: `PAYLOAD_KEYS 有多个密钥（${keys.map((k) => k.id).join('、')}）时，必须用 PAYLOAD_KEY_ID 指定加密用的那一个` };
  if (!keys.some((k) => k.id === id)) {
    return { problem: `加密用的密钥 id「${id}」不在 PAYLOAD_KEYS 中（已有：${keys.map((k) => k.id).join('、')}）` };
  }
  return { keyring: { encodingKeyId: id, keys: new Map(keys.map((k) => [k.id, k.key])) } };
}

/** The `PAYLOAD_KEYS` form of one key (what the launcher passes to its children). */
export function formatPayloadKey(key: PayloadKey): string {
  return `${key.id}:${key.key.toString('base64')}`;
}

/** A keyring of one key, which also encrypts (tests, measurements, throwaway clients). */
export function singleKeyring(key: PayloadKey): PayloadKeyring {
  return { encodingKeyId: key.id, keys: new Map([[key.id, key.key]]) };
}
