/**
 * One error type for every refusal the API gives, with one code → HTTP status table, and the one
 * middleware that turns any thrown error into DESIGN §6's `{"error":{code,message,details?}}`.
 * Client mistakes are 4xx with a Chinese message; only our own faults are 5xx.
 */
import type { ErrorRequestHandler } from 'express';
import { z } from 'zod';
import { formatIssues } from '../domain/schemas';
import { routeOf } from '../observability/http-route';
import { isDependencyUnavailable } from './unavailable';

export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
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

/** Errors raised by body-parser carry `type` and `status`; they are the client's fault. */
interface BodyParserError {
  type: string;
  status: number;
  expose?: boolean;
}
function isBodyParserError(err: unknown): err is BodyParserError {
  return typeof err === 'object' && err !== null && 'type' in err && 'status' in err && typeof (err as BodyParserError).status === 'number';
}

function toAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  if (err instanceof z.ZodError) return AppError.validation(err);
  // Temporal or PostgreSQL down: 503, so the client retries (tests/faults found these as 500s).
  if (isDependencyUnavailable(err)) return new AppError('UNAVAILABLE', '服务暂时不可用，请稍后使用相同的 Idempotency-Key 重试');
  if (isBodyParserError(err) && err.status >= 400 && err.status < 500) {
    switch (err.type) {
      case 'entity.parse.failed':
        return new AppError('VALIDATION_FAILED', '请求体不是合法的 JSON', [{ path: '', message: 'JSON 格式错误' }]);
      case 'entity.too.large':
        return new AppError('PAYLOAD_TOO_LARGE', '请求体过大');
      case 'encoding.unsupported':
      case 'charset.unsupported':
        return new AppError('UNSUPPORTED_MEDIA_TYPE', '请求体编码不受支持，请使用 UTF-8');
      default:
        return new AppError('VALIDATION_FAILED', '请求体无法解析', [{ path: '', message: err.type }]);
    }
  }
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
