/**
 * Secrets for the embedded (single-machine) setup: generated once into `<dataDir>/secrets.json`
 * (mode 0600) and reused afterwards, because the PostgreSQL cluster keeps the password it was
 * initialised with and issued tokens must survive a restart. Production passes its own values
 * through the environment instead.
 */
import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface DevSecrets {
  jwtSecret: string;
  postgresPassword: string;
}

export async function loadOrCreateDevSecrets(dataDir: string): Promise<DevSecrets> {
  const file = path.join(dataDir, 'secrets.json');
  const existing = await readSecrets(file);
  if (existing) return existing;

  await mkdir(dataDir, { recursive: true });
  // base64url: URL-safe, so the password can sit in a postgres:// URL unescaped.
  const fresh: DevSecrets = {
    jwtSecret: randomBytes(48).toString('base64url'),
    postgresPassword: randomBytes(24).toString('base64url'),
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
    return winner;
  } finally {
    await rm(tmp, { force: true });
  }
}

async function readSecrets(file: string): Promise<DevSecrets | undefined> {
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
  return { jwtSecret: parsed.jwtSecret, postgresPassword: parsed.postgresPassword };
}
