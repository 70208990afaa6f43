/**
 * Request parsing through the domain's zod schemas (the one source of request types). A failure
 * becomes 400 VALIDATION_FAILED listing each field path and its problem; field paths of query
 * and header inputs are prefixed so the client knows where to look.
 */
import { formatIssues } from '../../domain/schemas';
import { z } from '../../domain/zod';
import { AppError } from './errors';

/**
 * A path parameter naming a row by its UUID. Handlers `safeParse` it and answer 404 when it does
 * not fit (a malformed id names nothing), so no path parameter ever yields 400.
 */
export const uuidParamSchema = z.string().uuid();

/**
 * A whole number in a query string: plain decimal digits only (`0x5`, `1e1`, `+5`, ` 5` and `5.0`
 * are refused, where `Number()` would take them), then bounded; absent: `fallback`, or undefined. The
 * document shows it as an integer.
 */
export function queryInteger(label: string, min: number, max: number): z.ZodOptional<ReturnType<typeof decimalInteger>>;
export function queryInteger(label: string, min: number, max: number, fallback: number): z.ZodDefault<ReturnType<typeof decimalInteger>>;
export function queryInteger(label: string, min: number, max: number, fallback?: number) {
  const schema = decimalInteger(label, min, max, fallback);
  return fallback === undefined ? schema.optional() : schema.default(fallback);
}

function decimalInteger(label: string, min: number, max: number, fallback: number | undefined) {
  return z
    .string()
    .regex(/^(0|[1-9][0-9]{0,8})$/, `${label}应为十进制整数，例如 ${min === 1 ? 20 : min}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `${label}不能小于 ${min}`).max(max, `${label}不能大于 ${max}`))
    .meta({
      override: ({ jsonSchema }: { jsonSchema: Record<string, unknown> }) => {
        for (const key of Object.keys(jsonSchema)) if (key !== 'description') delete jsonSchema[key];
        // zod leaves out a default its input type (a string) does not hold; the document states it.
        Object.assign(jsonSchema, { type: 'integer', minimum: min, maximum: max, ...(fallback === undefined ? {} : { default: fallback }) });
      },
    });
}

/** The body of an action that takes none: absent, or an empty object; anything else is refused. */
export const emptyBodySchema = z.object({}).strict().optional();

export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' = 'body'): z.infer<S> {
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (result.success) return result.data;
  const details = formatIssues(result.error).map((d) => (where === 'query' ? { ...d, path: `query.${d.path}` } : d));
  throw new AppError('VALIDATION_FAILED', where === 'body' ? '请求数据校验未通过' : '查询参数校验未通过', details);
}
