/**
 * The body of a 解约 request: JSON `{reason}`, or `multipart/form-data` with the field `reason` and
 * the file `letter` (the 解约函). The letter is read into memory by multer, at most
 * RESCISSION_LETTER_MAX_BYTES (413 above), and must be a PDF, PNG or JPEG by its bytes
 * (domain/letter-type.ts; 400 otherwise, whatever its name or declared type says). The text fields
 * then meet the same schema as the JSON body, and must have been UTF-8 as it must.
 */
import type { Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import { RESCISSION_LETTER_MAX_BYTES } from '../../db/schema';
import { type LetterType, sniffLetterType } from '../../domain/letter-type';
import { reasonSchema } from '../../domain/schemas';
import { allowedTextPattern } from '../../domain/schemas/text';
import { z } from '../../domain/zod';
import { AppError } from '../http/errors';
import { matchedRoute } from '../http/matched-route';
import { parseInput } from '../http/validate';

export const LETTER_FIELD = 'letter';

/** The JSON reason's documented pattern with U+FFFD refused too: what bytes that are not UTF-8 arrive as (readRescissionRequest). */
const jsonReason = reasonSchema.shape.reason;
const jsonOverride = (jsonReason.meta()?.override ?? {}) as { pattern?: string };
const formReasonPattern = (jsonOverride.pattern ?? allowedTextPattern(true).source).replaceAll('[^', '[^\\uFFFD');

/**
 * The documented multipart form (api/openapi/document.ts), checked as the JSON body is: no other
 * field (the form is refused with one), and the reason's rules plus the refusal of U+FFFD.
 */
export const rescissionMultipartSchema = z
  .object({
    reason: jsonReason.meta({ ...jsonReason.meta(), override: { ...jsonOverride, pattern: formReasonPattern } }),
    [LETTER_FIELD]: z.string().meta({ format: 'binary', description: `解约函：PDF、PNG 或 JPEG（按文件内容判断），至多 ${RESCISSION_LETTER_MAX_BYTES / 1024 / 1024} MB` }).optional(),
  })
  .strict();

export interface RescissionRequestBody {
  reason: string;
  letter: { bytes: Buffer; contentType: LetterType } | null;
}

const upload = multer({
  storage: multer.memoryStorage(),
  // The whole name as sent: busboy's default keeps only its last segment, and multer drops a file
  // whose name then is empty ("/", "..", "dir/") as if none were sent — the request would go
  // through without its letter, unsniffed. The name is never used: the bytes decide.
  preservePath: true,
  limits: { fileSize: RESCISSION_LETTER_MAX_BYTES, files: 1, fields: 4, fieldSize: 16 * 1024, parts: 6, fieldNameSize: 100 },
}).single(LETTER_FIELD);

function runUpload(req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    upload(req, res, (err: unknown) => (err ? reject(err) : resolve()));
  });
}

/** multer's and busboy's refusals as the API's errors: the client's form, never a 5xx. */
function uploadError(err: unknown): AppError {
  if (err instanceof multer.MulterError) {
    switch (err.code) {
      case 'LIMIT_FILE_SIZE':
        return new AppError('PAYLOAD_TOO_LARGE', `解约函过大（上限 ${RESCISSION_LETTER_MAX_BYTES / 1024 / 1024} MB）`, [{ path: LETTER_FIELD, message: '文件过大' }]);
      case 'LIMIT_UNEXPECTED_FILE':
        return new AppError('VALIDATION_FAILED', `只能附一个文件，字段名为 ${LETTER_FIELD}`, [{ path: err.field ?? LETTER_FIELD, message: '不接受的文件字段' }]);
      default:
        return new AppError('VALIDATION_FAILED', '表单内容过多或格式不正确', [{ path: err.field ?? 'body', message: err.message }]);
    }
  }
  return new AppError('VALIDATION_FAILED', '表单（multipart/form-data）格式不正确，无法读取', [{ path: 'body', message: err instanceof Error ? err.message : String(err) }]);
}

/**
 * Reads a multipart body on a route that declares one (`multipartBody`), before the Idempotency-Key
 * middleware: its fingerprint then covers the form's fields and the letter's bytes, so a key reused
 * with another reason or letter is refused as for JSON. Mounted after authentication: nothing of
 * an anonymous caller's upload is read.
 */
export function readMultipartBodies(): RequestHandler {
  return (req, res, next) => {
    if (!matchedRoute(res)?.multipartBody || !req.is('multipart/form-data')) return next();
    runUpload(req, res).then(
      () => next(),
      (err: unknown) => next(uploadError(err)),
    );
  };
}

/** The request's body: JSON, or the multipart form readMultipartBodies read. */
export function readRescissionRequest(req: Request): RescissionRequestBody {
  if (!req.is('multipart/form-data')) return { ...parseInput(reasonSchema, req.body), letter: null };
  // multer gives the text fields as an object without a prototype; the schema wants a plain one.
  const fields: Record<string, unknown> = { ...(req.body as object) };
  // busboy decodes text leniently: bytes that are not UTF-8 arrive as U+FFFD, which would be stored
  // as such. Refused, as the JSON body's are (api/http/json-body.ts).
  const damaged = Object.keys(fields).find((name) => [fields[name]].flat().some((v) => typeof v === 'string' && v.includes('\uFFFD')));
  if (damaged !== undefined) {
    throw new AppError('VALIDATION_FAILED', '表单含有不是 UTF-8 编码的字节，请以 UTF-8 发送', [{ path: damaged, message: '含有不是 UTF-8 编码的字节' }]);
  }
  const { reason } = parseInput(reasonSchema, fields);
  const file = req.file;
  if (!file) return { reason, letter: null };
  const contentType = sniffLetterType(file.buffer);
  if (!contentType) {
    throw new AppError('VALIDATION_FAILED', '解约函应为 PDF、PNG 或 JPEG 文件', [{ path: LETTER_FIELD, message: '不是 PDF、PNG 或 JPEG 文件（按文件内容判断）' }]);
  }
  return { reason, letter: { bytes: file.buffer, contentType } };
}
