/**
 * Secrets for the embedded (single-machine) setup: generated once into `<dataDir>/secrets.json`
 * (mode 0600) and reused afterwards, because the PostgreSQL cluster keeps the password it was
 * initialised with, issued tokens must survive a restart and the histories in Temporal's SQLite
 * file stay encrypted with the payload key. Production passes its own values through the
 * environment instead. A file written before the payload key existed gets one added.
 */
import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PAYLOAD_KEY_BYTES, PAYLOAD_KEY_ID_PATTERN } from '../temporal/payload-keys';

export interface DevSecrets {
  jwtSecret: string;
  postgresPassword: string;
  /** The development payload codec key: its id and 32 bytes in base64 (PAYLOAD_KEYS form `id:key`). */
  payloadKeyId: string;
  payloadKey: string;
}

/** A new development key's id names its creation date, so a rotated one is told apart. */
function freshPayloadKey(): Pick<DevSecrets, 'payloadKeyId' | 'payloadKey'> {
  return { payloadKeyId: `dev-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`, payloadKey: randomBytes(PAYLOAD_KEY_BYTES).toString('base64') };
}

export async function loadOrCreateDevSecrets(dataDir: string): Promise<DevSecrets> {
  const file = path.join(dataDir, 'secrets.json');
  const existing = await readSecrets(file);
  if (existing && 'payloadKey' in existing) return existing;
  if (existing) return addPayloadKey(file, existing);

  await mkdir(dataDir, { recursive: true });
  // base64url: URL-safe, so the password can sit in a postgres:// URL unescaped.
  const fresh: DevSecrets = {
    jwtSecret: randomBytes(48).toString('base64url'),
    postgresPassword: randomBytes(24).toString('base64url'),
    ...freshPayloadKey(),
  };
  // Write a complete temp file, then hard-link it into place: link() fails if the file exists, so
  // two processes starting at once agree on whichever secrets landed first, and nobody reads a
  // half-written file.
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, `${JSON.stringify(fresh, null, 2)}\n`, { mode: 0o600 });
  try {
    await link(tmp, file);
    return fresh;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const winner = await readSecrets(file);
    if (!winner) throw new Error(`${file} vanished while reading it`, { cause: err });
    return 'payloadKey' in winner ? winner : addPayloadKey(file, winner);
  } finally {
    await rm(tmp, { force: true });
  }
}

/**
 * Adds a payload key to a file from before payload encryption, keeping its other secrets. Written
 * to a temp file and renamed over the old one, so a reader never sees half a file.
 */
async function addPayloadKey(file: string, old: Omit<DevSecrets, 'payloadKeyId' | 'payloadKey'>): Promise<DevSecrets> {
  const upgraded: DevSecrets = { ...old, ...freshPayloadKey() };
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(tmp, `${JSON.stringify(upgraded, null, 2)}\n`, { mode: 0o600 });
    await rename(tmp, file);
  } finally {
    await rm(tmp, { force: true });
  }
  return upgraded;
}

async function readSecrets(file: string): Promise<DevSecrets | Omit<DevSecrets, 'payloadKeyId' | 'payloadKey'> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  // Never silently regenerate a damaged file: the database was initialised with its password.
  let parsed: Partial<DevSecrets>;
  try {
    parsed = JSON.parse(text) as Partial<DevSecrets>;
  } catch {
    throw new Error(`${file} 不是有效的 JSON (is not valid JSON); 修复或删除它及 postgres 数据目录 (fix it, or delete it together with the postgres data folder)`);
  }
  if (typeof parsed.jwtSecret !== 'string' || parsed.jwtSecret.length < 32 || typeof parsed.postgresPassword !== 'string' || !parsed.postgresPassword) {
    throw new Error(`${file} 缺少 jwtSecret(≥32 字符) 或 postgresPassword (missing jwtSecret of ≥32 characters or postgresPassword)`);
  }
  // Someone may have copied it with a wider mode; secrets stay owner-only.
  if (((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
  const base = { jwtSecret: parsed.jwtSecret, postgresPassword: parsed.postgresPassword };
  if (parsed.payloadKey === undefined && parsed.payloadKeyId === undefined) return base;
  // A damaged key is an error, never replaced: the histories encrypted with it would be unreadable.
  const keyOk = typeof parsed.payloadKey === 'string' && /^[A-Za-z0-9+/]+={0,2}$/.test(parsed.payloadKey) && Buffer.from(parsed.payloadKey, 'base64').length === PAYLOAD_KEY_BYTES;
  if (!keyOk || typeof parsed.payloadKeyId !== 'string' || !PAYLOAD_KEY_ID_PATTERN.test(parsed.payloadKeyId)) {
    throw new Error(`${file} 的 payloadKeyId / payloadKey 无效（应为密钥 id 与 32 字节的 base64 密钥）；修复它，不要删除：Temporal 中已加密的历史需要这个密钥 (payloadKeyId/payloadKey are damaged; fix them, the encrypted histories need the key)`);
  }
  return { ...base, payloadKeyId: parsed.payloadKeyId, payloadKey: parsed.payloadKey };
}
