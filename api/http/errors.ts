/**
 * One error type for every refusal the API gives, with one code → HTTP status table, and the one
 * middleware that turns any thrown error into `{"error":{code,message,details?}}` (docs/design.md §7).
 * Client mistakes are 4xx with a Chinese message; only our own faults are 5xx.
 */
import type { ErrorRequestHandler } from 'express';
import { z } from 'zod';
import { formatIssues } from '../../domain/schemas';
import { routeOf } from '../../observability/http-route';
import { isDependencyUnavailable } from './unavailable';

export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  static validation(error: z.ZodError): AppError {
    return new AppError('VALIDATION_FAILED', '请求数据校验未通过', formatIssues(error));
  }

  static notFound(what = '网签记录'): AppError {
    return new AppError('NOT_FOUND', `未找到该${what}`);
  }
}

/**
 * Errors raised while a request is read carry an HTTP `status`, and body-parser's a `type`: body
 * parsing (too large, malformed JSON, charset, the refusals of api/http/json-body.ts), raw-body and zlib
 * (a corrupt `Content-Encoding: gzip` body: no `type`, which once made it a 500), the router
 * failing to percent-decode a path (a 500 too, found by tests/fuzz). A 4xx one is the client's fault.
 */
interface RequestReadError {
  type?: string;
  status: number;
  message: string;
  /** entity.too.large: the limit in bytes. */
  limit?: number;
  /** zlib: Z_DATA_ERROR, Z_BUF_ERROR… */
  code?: string;
}
function isRequestReadError(err: unknown): err is RequestReadError {
  if (!(err instanceof Error)) return false;
  const status = (err as Partial<RequestReadError>).status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

function sizeLabel(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  return bytes >= 1024 * 1024 ? `（上限 ${Math.round((bytes / 1024 / 1024) * 10) / 10} MB）` : `（上限 ${Math.round(bytes / 1024)} KB）`;
}

function fromRequestReadError(err: RequestReadError): AppError {
  // A path segment that is not valid percent-encoding names no resource: path parameters answer 404, never 400.
  if (err instanceof URIError) return new AppError('NOT_FOUND', '请求路径含有无法解码的 % 转义，未找到该资源');
  switch (err.type) {
    case 'entity.parse.failed': {
      const position = /position (\d+)/.exec(err.message)?.[1];
      return new AppError('VALIDATION_FAILED', `请求体不是合法的 JSON${position ? `（第 ${Number(position) + 1} 个字符处有误）` : ''}`, [
        { path: '', message: `JSON 格式错误：${err.message}` },
      ]);
    }
    case 'entity.too.large':
      return new AppError('PAYLOAD_TOO_LARGE', `请求体过大${sizeLabel(err.limit)}`);
    // Raised by api/http/json-body.ts with a Chinese message.
    case 'encoding.invalid':
    case 'entity.too.deep':
      return new AppError('VALIDATION_FAILED', err.message, [{ path: '', message: err.message }]);
    case 'charset.unsupported':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', '请求体编码不受支持，请使用 UTF-8');
    case 'encoding.unsupported':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', '请求体的压缩格式（Content-Encoding）不受支持');
    default:
      if (err.code?.startsWith('Z_')) return new AppError('VALIDATION_FAILED', '请求体的压缩数据已损坏，无法按 Content-Encoding 解压');
      if (err.status === 404) return new AppError('NOT_FOUND', '未找到该资源');
      if (err.status === 413) return new AppError('PAYLOAD_TOO_LARGE', '请求体过大');
      if (err.status === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE', '请求体的类型或编码不受支持');
      return new AppError('VALIDATION_FAILED', '请求体无法读取', [{ path: '', message: err.type ?? err.message }]);
  }
}

function toAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  if (err instanceof z.ZodError) return AppError.validation(err);
  // Temporal or PostgreSQL down: 503, so the client retries (tests/faults found these as 500s).
  if (isDependencyUnavailable(err)) return new AppError('UNAVAILABLE', '服务暂时不可用，请稍后使用相同的 Idempotency-Key 重试');
  if (isRequestReadError(err)) return fromRequestReadError(err);
  return null;
}

export interface ErrorLogger {
  error(obj: object, msg: string): void;
}

export function errorMiddleware(logger: ErrorLogger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const appError = toAppError(err);
    if (appError) {
      res.status(appError.status).json({
        error: { code: appError.code, message: appError.message, ...(appError.details === undefined ? {} : { details: appError.details }) },
      });
      return;
    }
    // The route pattern, not the path: paths carry ids such as a student's 考生号.
    logger.error({ err, method: req.method, route: routeOf(req) }, 'unhandled error');
    res.status(500).json({ error: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试' } });
  };
}
