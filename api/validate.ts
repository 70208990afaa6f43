/**
 * Request parsing through the domain's zod schemas (the one source of request types). A failure
 * becomes 400 VALIDATION_FAILED listing each field path and its problem; field paths of query
 * and header inputs are prefixed so the client knows where to look.
 */
import type { z } from 'zod';
import { formatIssues } from '../domain/schemas';
import { AppError } from './errors';

export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' = 'body'): z.infer<S> {
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (result.success) return result.data;
  const details = formatIssues(result.error).map((d) => (where === 'query' ? { ...d, path: `query.${d.path}` } : d));
  throw new AppError('VALIDATION_FAILED', where === 'body' ? '请求数据校验未通过' : '查询参数校验未通过', details);
}
