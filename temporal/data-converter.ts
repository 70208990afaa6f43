/**
 * The data converter every Temporal client and worker of this service uses: default JSON payloads,
 * encrypted by the AES-GCM codec, with error messages and stack traces encoded (hence encrypted)
 * as well. Clients and workers must agree on it, so they all build it here.
 */
import { fileURLToPath } from 'node:url';
import type { DataConverter } from '@temporalio/common';
import { AesGcmPayloadCodec } from './payload-codec';
import type { PayloadKeyring } from './payload-keys';

export const FAILURE_CONVERTER_PATH = fileURLToPath(new URL('./failure-converter.cjs', import.meta.url));

export function createDataConverter(codec: AesGcmPayloadCodec): DataConverter {
  return { payloadCodecs: [codec], failureConverterPath: FAILURE_CONVERTER_PATH };
}

export function dataConverterFor(keyring: PayloadKeyring): DataConverter {
  return createDataConverter(new AesGcmPayloadCodec(keyring));
}
