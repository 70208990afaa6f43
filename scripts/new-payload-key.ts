/**
 * `npm run payload-key -- [id]`: prints a fresh AES-256 key for PAYLOAD_KEYS (`id:base64`).
 * Production keys are generated here, on the operator's machine, and go into .env or a secret
 * store, never into the repository. To rotate: append the new entry to PAYLOAD_KEYS (comma),
 * set PAYLOAD_KEY_ID to its id, restart API and workers; keep the old entry while histories
 * encrypted with it are retained.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { PAYLOAD_KEY_BYTES, PAYLOAD_KEY_ID_MESSAGE, PAYLOAD_KEY_ID_PATTERN, formatPayloadKey } from '../temporal/payload-keys';

/** Default id: the date, so a rotated configuration reads in order (`k20261126`). */
export function newPayloadKeyEntry(id = `k${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`): string {
  if (!PAYLOAD_KEY_ID_PATTERN.test(id)) throw new Error(`密钥 id「${id}」无效：${PAYLOAD_KEY_ID_MESSAGE}`);
  return formatPayloadKey({ id, key: randomBytes(PAYLOAD_KEY_BYTES) });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    console.log(newPayloadKeyEntry(process.argv[2]));
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}
