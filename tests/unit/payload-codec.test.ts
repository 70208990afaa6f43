/**
 * The AES-256-GCM payload codec (temporal/payload-codec.ts), its key configuration (config.ts,
 * temporal/payload-keys.ts) and the data converter built from it (failure messages encrypted too).
 */
import { ApplicationFailure, type Payload, defaultPayloadConverter } from '@temporalio/common';
import { decodeFailure, encodeErrorToFailure, loadDataConverter } from '@temporalio/common/lib/internal-non-workflow';
import { describe, expect, it } from 'vitest';
import { ConfigError, codecCorsOriginsOf, parseConfig, payloadKeyringOf } from '../../config';
import { dataConverterFor } from '../../temporal/data-converter';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, METADATA_KEY_ID, PayloadCodecError, generatePayloadKey } from '../../temporal/payload-codec';
import { formatPayloadKey, singleKeyring } from '../../temporal/payload-keys';

const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString('utf8');
const personal = { name: '蔺觅秋', examineeNo: '20319876543210', salary: 28765, email: 'lin.mq@example.cn' };
const payload = (value: unknown): Payload => defaultPayloadConverter.toPayload(value);

describe('AesGcmPayloadCodec', () => {
  const k1 = generatePayloadKey('k1');
  const codec = new AesGcmPayloadCodec(singleKeyring(k1));

  it('round-trips payloads, metadata included (JSON with Chinese text, null, binary)', async () => {
    const originals = [payload(personal), payload(null), payload(new Uint8Array([0, 1, 2, 255])), payload('')];
    const encoded = await codec.encode(originals);
    const decoded = await codec.decode(encoded);
    const hex = (p: Payload) => ({
      metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('hex')])),
      data: Buffer.from(p.data ?? []).toString('hex'),
    });
    expect(decoded.map(hex)).toEqual(originals.map(hex));
    expect(defaultPayloadConverter.fromPayload(decoded[0]!)).toEqual(personal);
  });

  it('marks each payload binary/encrypted with its key id, and leaves no plaintext in it', async () => {
    const [encoded] = await codec.encode([payload(personal)]);
    expect(Object.keys(encoded!.metadata!).sort()).toEqual(['encoding', METADATA_KEY_ID]);
    expect(text(encoded!.metadata!.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(encoded!.metadata![METADATA_KEY_ID])).toBe('k1');
    const data = Buffer.from(encoded!.data!);
    for (const value of [personal.name, personal.examineeNo, String(personal.salary), personal.email, 'json/plain']) {
      expect(data.includes(Buffer.from(value))).toBe(false);
    }
  });

  it('uses a fresh random IV for every payload', async () => {
    const same = payload(personal);
    const encoded = await codec.encode([same, same, same]);
    const ivs = new Set(encoded.map((p) => Buffer.from(p.data!).subarray(0, 12).toString('hex')));
    expect(ivs.size).toBe(3);
    // Layout: IV (12) ‖ ciphertext ‖ tag (16); the ciphertext is as long as the serialised payload.
    expect(encoded[0]!.data!.length).toBeGreaterThan(12 + 16);
  });

  it('passes through payloads that were never encrypted (histories from before the codec)', async () => {
    const plain = payload({ a: 1 });
    expect(await codec.decode([plain])).toEqual([plain]);
  });

  it('after a rotation, decodes payloads of the old key and encrypts new ones with the new key', async () => {
    const [old] = await codec.encode([payload(personal)]);
    const k2 = generatePayloadKey('k2');
    const rotated = new AesGcmPayloadCodec({ encodingKeyId: 'k2', keys: new Map([[k1.id, k1.key], [k2.id, k2.key]]) });
    expect(defaultPayloadConverter.fromPayload((await rotated.decode([old!]))[0]!)).toEqual(personal);
    const [fresh] = await rotated.encode([payload('新')]);
    expect(text(fresh!.metadata![METADATA_KEY_ID])).toBe('k2');
    // Once k1 is dropped, its payloads fail with a message that names it.
    const withoutK1 = new AesGcmPayloadCodec(singleKeyring(k2));
    await expect(withoutK1.decode([old!])).rejects.toThrow(PayloadCodecError);
    await expect(withoutK1.decode([old!])).rejects.toThrow(/未知的加密密钥 id「k1」.*PAYLOAD_KEYS.*k2/);
    expect(defaultPayloadConverter.fromPayload((await withoutK1.decode([fresh!]))[0]!)).toBe('新');
  });

  it('refuses tampered or truncated data, a wrong key under the same id, and a missing key id', async () => {
    const [encoded] = await codec.encode([payload(personal)]);
    const flip = (at: number) => {
      const data = Buffer.from(encoded!.data!);
      data[at] = data[at]! ^ 0x01;
      return { metadata: encoded!.metadata!, data };
    };
    const length = encoded!.data!.length;
    for (const at of [0, 20, length - 1]) {
      // IV, ciphertext, tag: GCM authenticates all of it.
      await expect(codec.decode([flip(at)])).rejects.toThrow(/用密钥「k1」解密失败：数据被篡改/);
    }
    await expect(codec.decode([{ metadata: encoded!.metadata!, data: encoded!.data!.subarray(0, 20) }])).rejects.toThrow(/数据过短/);
    const impostor = new AesGcmPayloadCodec(singleKeyring(generatePayloadKey('k1')));
    await expect(impostor.decode([encoded!])).rejects.toThrow(/解密失败/);
    await expect(codec.decode([{ metadata: { encoding: encoded!.metadata!.encoding! }, data: encoded!.data! }])).rejects.toThrow(/缺少 encryption-key-id/);
  });

  it('refuses a keyring whose encoding key is missing or not 32 bytes', () => {
    expect(() => new AesGcmPayloadCodec({ encodingKeyId: 'x', keys: new Map([[k1.id, k1.key]]) })).toThrow(/「x」不在密钥列表中/);
    expect(() => new AesGcmPayloadCodec({ encodingKeyId: 'k1', keys: new Map([['k1', Buffer.alloc(16)]]) })).toThrow(/应为 32 字节/);
  });
});

describe('the data converter', () => {
  it('encrypts error messages and stack traces too (an SMTP refusal quotes the recipient)', async () => {
    const converter = loadDataConverter(dataConverterFor(singleKeyring(generatePayloadKey('k1'))));
    const failure = await encodeErrorToFailure(converter, ApplicationFailure.retryable(`邮件发送失败：550 <${personal.email}> rejected`, 'EmailDeliveryFailed'));
    expect(failure.message).toBe('Encoded failure');
    expect(failure.stackTrace).toBe('');
    expect(text(failure.encodedAttributes?.metadata?.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(Buffer.from(failure.encodedAttributes!.data!).includes(Buffer.from(personal.email))).toBe(false);
    // The receiving side (client or worker) gets the message back.
    const decoded = await decodeFailure(converter.payloadCodecs, failure);
    expect(converter.failureConverter.failureToError(decoded, converter.payloadConverter).message).toContain(personal.email);
  });
});

describe('payload key settings (config.ts)', () => {
  const key = (id: string) => formatPayloadKey(generatePayloadKey(id));
  const problems = (env: NodeJS.ProcessEnv) => {
    try {
      parseConfig(env);
    } catch (err) {
      if (err instanceof ConfigError) return err.message;
      throw err;
    }
    return '';
  };

  it('accepts one key (it also encrypts) or several with PAYLOAD_KEY_ID, in standard or URL-safe base64', () => {
    const one = parseConfig({ PAYLOAD_KEYS: key('k1') });
    expect(payloadKeyringOf({ PAYLOAD_KEYS: one.PAYLOAD_KEYS!, PAYLOAD_KEY_ID: one.PAYLOAD_KEY_ID }).encodingKeyId).toBe('k1');
    const urlSafe = `k3:${generatePayloadKey('k3').key.toString('base64url')}`;
    const two = parseConfig({ PAYLOAD_KEYS: ` ${key('old-2025')} , ${key('new.2026')},${urlSafe}`, PAYLOAD_KEY_ID: 'new.2026' });
    const keyring = payloadKeyringOf({ PAYLOAD_KEYS: two.PAYLOAD_KEYS!, PAYLOAD_KEY_ID: two.PAYLOAD_KEY_ID });
    expect(keyring.encodingKeyId).toBe('new.2026');
    expect([...keyring.keys.keys()]).toEqual(['old-2025', 'new.2026', 'k3']);
    expect([...keyring.keys.values()].every((k) => k.length === 32)).toBe(true);
    expect(parseConfig({}).PAYLOAD_KEYS).toBeUndefined();
  });

  it('names the problem in Chinese: length, base64, format, duplicates, the encoding id', () => {
    const short = `k1:${Buffer.alloc(16).toString('base64')}`;
    expect(problems({ PAYLOAD_KEYS: short })).toMatch(/PAYLOAD_KEYS: 密钥「k1」应为 32 字节（base64 编码后 44 个字符），实际为 16 字节/);
    expect(problems({ PAYLOAD_KEYS: 'k1:not*base64!' })).toMatch(/PAYLOAD_KEYS: 密钥「k1」不是有效的 base64/);
    expect(problems({ PAYLOAD_KEYS: 'just-a-key' })).toMatch(/第 1 项应为「id:base64密钥」，缺少冒号/);
    expect(problems({ PAYLOAD_KEYS: `${key('k1')},bad id:${generatePayloadKey('x').key.toString('base64')}` })).toMatch(/第 2 项「bad id」：密钥 id 应为/);
    expect(problems({ PAYLOAD_KEYS: `${key('k1')},${key('k1')}` })).toMatch(/密钥 id「k1」重复/);
    expect(problems({ PAYLOAD_KEYS: key('k1'), PAYLOAD_KEY_ID: 'k9' })).toMatch(/PAYLOAD_KEY_ID: 加密用的密钥 id「k9」不在 PAYLOAD_KEYS 中（已有：k1）/);
    expect(problems({ PAYLOAD_KEYS: `${key('a')},${key('b')}` })).toMatch(/PAYLOAD_KEY_ID: PAYLOAD_KEYS 有多个密钥（a、b）时，必须用 PAYLOAD_KEY_ID 指定/);
    expect(problems({ PAYLOAD_KEY_ID: 'k1' })).toMatch(/PAYLOAD_KEY_ID: 已设置 PAYLOAD_KEY_ID，但未设置 PAYLOAD_KEYS/);
  });

  it('TEMPORAL_UI_ORIGIN: a list of bare origins; by default the local UI, except in production', () => {
    expect(parseConfig({ TEMPORAL_UI_ORIGIN: 'https://temporal.example.edu.cn/, http://localhost:8080' }).TEMPORAL_UI_ORIGIN).toEqual([
      'https://temporal.example.edu.cn',
      'http://localhost:8080',
    ]);
    expect(problems({ TEMPORAL_UI_ORIGIN: 'http://localhost:8080/ui' })).toMatch(/TEMPORAL_UI_ORIGIN: 「http:\/\/localhost:8080\/ui」不是有效的来源/);
    expect(problems({ TEMPORAL_UI_ORIGIN: 'localhost:8080' })).toMatch(/不是有效的来源/);
    expect(codecCorsOriginsOf(parseConfig({ TEMPORAL_UI_PORT: '9233' }))).toEqual(['http://127.0.0.1:9233', 'http://localhost:9233']);
    expect(codecCorsOriginsOf(parseConfig({ NODE_ENV: 'production' }))).toEqual([]);
    expect(codecCorsOriginsOf(parseConfig({ NODE_ENV: 'production', TEMPORAL_UI_ORIGIN: 'http://ui:8080' }))).toEqual(['http://ui:8080']);
  });
});
