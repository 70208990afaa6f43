/**
 * Request parsing through the domain's zod schemas (the one source of request types). A failure
 * becomes 400 VALIDATION_FAILED listing each field path and its problem; field paths of query
 * and header inputs are prefixed so the client knows where to look.
 */
import { formatIssues } from '../domain/schemas';
import { z } from '../domain/zod';
import { AppError } from './errors';

/**
 * A path parameter naming a row by its UUID. Handlers `safeParse` it and answer 404 when it does
 * not fit (a malformed id names nothing), so no path parameter ever yields 400.
 */
export const uuidParamSchema = z.string().uuid();

/** The body of an action that takes none: absent, or an empty object; anything else is refused. */
export const emptyBodySchema = z.object({}).strict().optional();

export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' = 'body'): z.infer<S> {
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (result.success) return result.data;
  const details = formatIssues(result.error).map((d) => (where === 'query' ? { ...d, path: `query.${d.path}` } : d));
  throw new AppError('VALIDATION_FAILED', where === 'body' ? '请求数据校验未通过' : '查询参数校验未通过', details);
}
