/**
 * AES-256-GCM payload codec: every payload a client or worker sends to Temporal is replaced by one
 * whose data is the encrypted original (metadata and data, serialised as a
 * `temporal.api.common.v1.Payload`), so names, 考生号, salaries and contacts are ciphertext in
 * Temporal's store. The new payload's metadata says `encoding: binary/encrypted` and which key
 * (`encryption-key-id`) decrypts it, so keys can be rotated: new payloads use the encoding key,
 * older ones still decrypt with any key the keyring keeps.
 *
 * Layout of the data: 12-byte random IV ‖ ciphertext ‖ 16-byte GCM tag (what WebCrypto's
 * AES-GCM produces, as in Temporal's TypeScript encryption sample).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec, ValueError } from '@temporalio/common';
import proto from '@temporalio/proto';
import { PAYLOAD_KEY_BYTES, type PayloadKey, type PayloadKeyring } from './payload-keys';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const METADATA_KEY_ID = 'encryption-key-id';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ProtoPayload = proto.temporal.api.common.v1.Payload;
const utf8 = (text: string) => new TextEncoder().encode(text);
const text = (bytes: Uint8Array | null | undefined) => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);

/** A payload that cannot be decrypted: unknown key id, damaged or tampered data. */
export class PayloadCodecError extends ValueError {
  override name = 'PayloadCodecError';
}

export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly encodingKeyId: string;
  private readonly encodingKey: Buffer;
  private readonly keys: ReadonlyMap<string, Buffer>;

  constructor(keyring: PayloadKeyring) {
    for (const [id, key] of keyring.keys) {
      if (key.length !== PAYLOAD_KEY_BYTES) throw new PayloadCodecError(`密钥「${id}」应为 ${PAYLOAD_KEY_BYTES} 字节，实际为 ${key.length} 字节`);
    }
    const encodingKey = keyring.keys.get(keyring.encodingKeyId);
    if (!encodingKey) throw new PayloadCodecError(`加密用的密钥 id「${keyring.encodingKeyId}」不在密钥列表中`);
    this.encodingKeyId = keyring.encodingKeyId;
    this.encodingKey = encodingKey;
    this.keys = keyring.keys;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.encodeOne(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decodeOne(payload));
  }

  encodeOne(payload: Payload): Payload {
    const plain = ProtoPayload.encode(payload).finish();
    // A fresh IV per payload: GCM with a repeated IV under one key leaks the plaintexts' XOR.
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.encodingKey, iv, { authTagLength: TAG_BYTES });
    const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: { [METADATA_ENCODING_KEY]: utf8(ENCRYPTED_ENCODING), [METADATA_KEY_ID]: utf8(this.encodingKeyId) },
      data,
    };
  }

  /** Payloads that are not ours (written before encryption was enabled) pass through unchanged. */
  decodeOne(payload: Payload): Payload {
    if (text(payload.metadata?.[METADATA_ENCODING_KEY]) !== ENCRYPTED_ENCODING) return payload;
    const keyId = text(payload.metadata?.[METADATA_KEY_ID]);
    if (!keyId) throw new PayloadCodecError(`加密的 payload 缺少 ${METADATA_KEY_ID}，无法解密`);
    const key = this.keys.get(keyId);
    if (!key) {
      throw new PayloadCodecError(
        `未知的加密密钥 id「${keyId}」：解密它需要把该密钥加入 PAYLOAD_KEYS（已配置：${[...this.keys.keys()].join('、')}）`,
      );
    }
    const data = payload.data ?? new Uint8Array();
    if (data.length < IV_BYTES + TAG_BYTES) throw new PayloadCodecError(`加密的 payload 数据过短（${data.length} 字节），已损坏`);
    const iv = data.subarray(0, IV_BYTES);
    const tag = data.subarray(data.length - TAG_BYTES);
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    } catch (err) {
      throw new PayloadCodecError(`用密钥「${keyId}」解密失败：数据被篡改，或该 id 对应的密钥不对`, err);
    }
    const original = ProtoPayload.decode(plain);
    return { metadata: original.metadata, data: original.data, ...(original.externalPayloads?.length ? { externalPayloads: original.externalPayloads } : {}) };
  }
}

/** A fresh random key (development, tests, measurements). */
export function generatePayloadKey(id: string): PayloadKey {
  return { id, key: randomBytes(PAYLOAD_KEY_BYTES) };
}
