/**
 * The launcher's development secrets (launcher/secrets.ts): the payload key is generated with the
 * others, added to a secrets.json written before payload encryption, and never replaced.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig, payloadKeyringOf } from '../../config';
import { loadOrCreateDevSecrets } from '../../launcher/secrets';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wangqian-secrets-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('loadOrCreateDevSecrets', () => {
  it('generates a 32-byte payload key with the other secrets, and reuses it', async () => {
    const dir = await tempDir();
    const first = await loadOrCreateDevSecrets(dir);
    expect(first.payloadKeyId).toMatch(/^dev-\d{8}$/);
    expect(Buffer.from(first.payloadKey, 'base64')).toHaveLength(32);
    expect(await loadOrCreateDevSecrets(dir)).toEqual(first);
    // What the launcher passes to its children is a valid PAYLOAD_KEYS.
    const config = parseConfig({ PAYLOAD_KEYS: `${first.payloadKeyId}:${first.payloadKey}`, PAYLOAD_KEY_ID: first.payloadKeyId });
    expect(payloadKeyringOf({ PAYLOAD_KEYS: config.PAYLOAD_KEYS!, PAYLOAD_KEY_ID: config.PAYLOAD_KEY_ID }).encodingKeyId).toBe(first.payloadKeyId);
  });

  it('adds a payload key to a secrets.json from before payload encryption, keeping the other secrets', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'secrets.json');
    const old = { jwtSecret: 'j'.repeat(40), postgresPassword: 'pg-password' };
    await writeFile(file, JSON.stringify(old), { mode: 0o600 });
    const upgraded = await loadOrCreateDevSecrets(dir);
    expect(upgraded).toMatchObject(old);
    expect(Buffer.from(upgraded.payloadKey, 'base64')).toHaveLength(32);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(upgraded);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await loadOrCreateDevSecrets(dir)).toEqual(upgraded);
  });

  it('refuses a damaged payload key instead of replacing it (the encrypted histories need it)', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'secrets.json');
    await writeFile(file, JSON.stringify({ jwtSecret: 'j'.repeat(40), postgresPassword: 'p', payloadKeyId: 'dev-1', payloadKey: 'c2hvcnQ=' }));
    await expect(loadOrCreateDevSecrets(dir)).rejects.toThrow(/payloadKeyId \/ payloadKey 无效/);
    expect(JSON.parse(await readFile(file, 'utf8')).payloadKey).toBe('c2hvcnQ=');
  });
});
