/**
 * The portal's one way to the API: openapi-fetch typed by the service's own OpenAPI document
 * (web/generated/api-schema.d.ts, written by scripts/build-web.ts), same origin, the session cookie
 * sent by the browser (never a token in script reach). Every answer that is not 2xx becomes an
 * ApiError carrying the contract's `{error:{code, message, details}}`, so screens show the server's
 * Chinese message and put `details[].path` problems beside their fields.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from '../../generated/api-schema';

export interface FieldIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The per-field problems: a 400 VALIDATION_FAILED's `details`, or a 409's `details.issues` (a saved draft not yet complete). */
  get fieldIssues(): FieldIssue[] {
    const issues = Array.isArray(this.details) ? this.details : (this.details as { issues?: unknown } | undefined)?.issues;
    return Array.isArray(issues) ? (issues as FieldIssue[]).filter((d) => typeof d?.path === 'string') : [];
  }

  get reason(): string | undefined {
    const details = this.details as { reason?: unknown } | undefined;
    return typeof details?.reason === 'string' ? details.reason : undefined;
  }
}

type SessionListener = (error: ApiError) => void;
const sessionListeners = new Set<SessionListener>();

/** Called when a request answers 401: the session ended (expired, logged out elsewhere). */
export function onSessionLost(listener: SessionListener): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

async function toApiError(response: Response): Promise<ApiError> {
  const body = (await response
    .clone()
    .json()
    .catch(() => undefined)) as { error?: { code?: string; message?: string; details?: unknown } } | undefined;
  const error = body?.error;
  if (error?.code && error.message) return new ApiError(response.status, error.code, error.message, error.details);
  if (response.status >= 500) return new ApiError(response.status, 'INTERNAL', `服务暂时不可用（HTTP ${response.status}），请稍后重试`);
  return new ApiError(response.status, 'UNKNOWN', `请求失败（HTTP ${response.status}）`);
}

const errors: Middleware = {
  async onResponse({ request, response }) {
    if (response.ok) return undefined;
    const error = await toApiError(response);
    // The login itself answers 401 for a wrong password: that is not a lost session.
    if (response.status === 401 && !new URL(request.url).pathname.startsWith('/api/auth/')) {
      for (const listener of sessionListeners) listener(error);
    }
    throw error;
  },
  onError({ error }) {
    if (error instanceof ApiError) return error;
    return new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(errors);

/**
 * A fresh Idempotency-Key for one submit. The screen keeps it while the user retries the same
 * submit (a timeout, a double click), so the server acts once; a new submit gets a new key.
 */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

/** The data of a successful openapi-fetch call (errors were thrown by the middleware). */
export function dataOf<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined && result.response.status !== 204) {
    throw new ApiError(result.response.status, 'EMPTY', '服务器未返回数据');
  }
  return result.data as T;
}
