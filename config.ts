/**
 * The environment, parsed once by zod. Every process (API, worker, launcher, scripts) reads its
 * settings through here, so a wrong value stops the process at boot with a message that names the
 * variable instead of failing later inside a request.
 */
import { z } from 'zod';
import { DEFAULT_DEADLINE_POLICY, type DeadlinePolicy, policyProblem } from './domain/deadline-policy';
import { parseDurationMs } from './domain/duration';
import { PAYLOAD_KEY_ID_MESSAGE, PAYLOAD_KEY_ID_PATTERN, type PayloadKey, type PayloadKeyring, keyringOf, parsePayloadKeys } from './temporal/payload-keys';

/** A duration setting: ISO-8601 (`P3D`) or a Temporal duration string (`3 days`), in ms. */
const duration = (fallbackMs: number) =>
  z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return fallbackMs;
      const ms = parseDurationMs(text);
      if (ms === undefined || ms <= 0) {
        ctx.addIssue({ code: 'custom', message: `无法解析的时长「${text}」：应为 ISO-8601（如 P3D、PT36H）或 Temporal 时长（如 3 days、36h）` });
        return z.NEVER;
      }
      return ms;
    });

const port = z.coerce.number().int().min(1).max(65535);

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `json`: one JSON object per line (for log collectors); `pretty`: readable lines (`npm start` sets it). */
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
  /** Where the embedded launcher keeps PostgreSQL, Temporal's SQLite file and generated secrets. */
  DATA_DIR: z.string().min(1).default('.data'),
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** host:port of a Temporal frontend. Unset: the launcher starts a dev server. */
  TEMPORAL_ADDRESS: z.string().regex(/^[^:\s]+:\d+$/, '应为 host:port，例如 127.0.0.1:7233').optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('signing'),
  /** Port of the embedded Temporal dev server's frontend and its Web UI. */
  TEMPORAL_DEV_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  /** postgres://… of an existing database. Unset: the launcher starts an embedded PostgreSQL. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, '应为 postgres:// 开头的连接串').optional(),
  EMBEDDED_PG_PORT: port.default(5433),
  /** HMAC key for the API's bearer tokens; the launcher generates one into DATA_DIR. */
  JWT_SECRET: z.string().min(32, '至少 32 个字符').optional(),
  JWT_TTL: z.string().regex(/^\d+[smhd]$/, '例如 12h、30m').default('12h'),
  /** How long a portal browser session (the wq_session cookie) lasts from its login; fixed, not extended by use. */
  SESSION_TTL: z.string().regex(/^\d+[smhd]$/, '例如 12h、30m').refine((text) => !/^0+[smhd]$/.test(text), '应大于 0').default('12h'),
  /** Deadline policy of each stage; new signings take the policy in force when they start. */
  SIGNING_FIRST_REMINDER_AFTER: duration(DEFAULT_DEADLINE_POLICY.firstReminderAfterMs),
  SIGNING_REMINDER_EVERY: duration(DEFAULT_DEADLINE_POLICY.reminderEveryMs),
  SIGNING_LAST_CALL_BEFORE: duration(DEFAULT_DEADLINE_POLICY.lastCallBeforeMs),
  SIGNING_STAGE_DEADLINE: duration(DEFAULT_DEADLINE_POLICY.stageDeadlineMs),
  /** 解约 approved per student at most, for schools that set no limit of their own (docs/design.md §11). */
  RESCISSION_LIMIT_PER_STUDENT: z.coerce.number().int('应为整数').min(0, '不能小于 0').max(20, '不能大于 20').default(1),
  /** SMTP server for e-mail notifications: the worker sends them, the API queues the submission's. Unset: e-mails are skipped; the inbox still has them. */
  // '' is unset too: docker compose passes `SMTP_URL=` when .env leaves it empty.
  SMTP_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().regex(/^smtps?:\/\/[^\s]+$/, '应为 smtp:// 或 smtps:// 开头的地址，例如 smtp://user:pass@mail.example.com:587').optional(),
  ),
  SMTP_FROM: z.string().min(1).default('网上签约 <noreply@wangqian.local>'),
  /**
   * Keys of the payload codec that encrypts everything the service stores in Temporal (AES-256-GCM):
   * `id:base64key,id:base64key`, 32 bytes each. Keep old keys listed while histories encrypted with
   * them are retained. Unset: the launcher generates a development key into DATA_DIR.
   */
  PAYLOAD_KEYS: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return undefined;
      const { keys, problems } = parsePayloadKeys(text);
      for (const message of problems) ctx.addIssue({ code: 'custom', message });
      return problems.length ? z.NEVER : keys;
    }),
  /** Which of PAYLOAD_KEYS encrypts new payloads (the others only decrypt); may be omitted with one key. */
  PAYLOAD_KEY_ID: z.string().regex(PAYLOAD_KEY_ID_PATTERN, PAYLOAD_KEY_ID_MESSAGE).optional(),
  /**
   * Origins of the Temporal Web UI allowed to call /codec from the browser (CORS), comma-separated.
   * Unset: http://127.0.0.1:<TEMPORAL_UI_PORT> and http://localhost:<TEMPORAL_UI_PORT>, except in production.
   */
  TEMPORAL_UI_ORIGIN: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return undefined;
      const origins: string[] = [];
      for (const entry of text.split(',').map((o) => o.trim()).filter(Boolean)) {
        const origin = originOf(entry);
        if (origin) origins.push(origin);
        else ctx.addIssue({ code: 'custom', message: `「${entry}」不是有效的来源：应为 http(s)://主机[:端口]，不带路径，例如 http://localhost:8080` });
      }
      return origins;
    }),
  /**
   * ip:port where the worker serves the Temporal SDK's own metrics (Prometheus, at /metrics); `off`:
   * none. An IP, not a host name (the SDK's exporter binds a socket address). In a container use
   * 0.0.0.0:9464 so Prometheus can scrape every worker replica.
   */
  WORKER_METRICS_ADDRESS: z
    .string()
    .regex(/^(off|\d{1,3}(\.\d{1,3}){3}:\d{1,5}|\[[0-9a-fA-F:.]+\]:\d{1,5})$/, '应为 IP:端口（如 127.0.0.1:9464、0.0.0.0:9464）或 off')
    .default('127.0.0.1:9464'),
  /**
   * Worker: how many signing workflows it keeps in memory between their steps. A signing waits
   * days between actions, so keeping thousands cached buys little; each cached one holds heap
   * (BENCHMARKS.md, "Open signings (worker memory)"). One that was evicted is
   * rebuilt from its history at its next step. 0 turns
   * the cache off; otherwise at least 40 (the worker runs up to 40 workflow tasks at once).
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce
    .number()
    .int()
    .refine((n) => n === 0 || n >= 40, '应为 0（不缓存）或不小于 40 的整数')
    .default(500),
  /**
   * Worker: a workflow bundle prebuilt by scripts/bundle-workflows.ts (the Docker image has one).
   * Unset: the worker bundles the workflow code itself at start (development, tests).
   */
  WORKFLOW_BUNDLE_PATH: z.string().min(1).optional(),
  /** A worker's SDK metrics URL the API appends to its own /metrics (the embedded launcher sets it). */
  WORKER_METRICS_URL: z.url({ protocol: /^https?$/, error: '应为 http(s):// 地址，例如 http://127.0.0.1:9464/metrics' }).optional(),
}).superRefine((config, ctx) => {
  const problem = policyProblem(deadlinePolicyOf(config));
  if (problem) ctx.addIssue({ code: 'custom', path: ['SIGNING_STAGE_DEADLINE'], message: problem });
}).superRefine((config, ctx) => {
  if (config.PAYLOAD_KEYS === undefined) {
    if (config.PAYLOAD_KEY_ID !== undefined) ctx.addIssue({ code: 'custom', path: ['PAYLOAD_KEY_ID'], message: '已设置 PAYLOAD_KEY_ID，但未设置 PAYLOAD_KEYS' });
    return;
  }
  const result = keyringOf(config.PAYLOAD_KEYS, config.PAYLOAD_KEY_ID);
  if ('problem' in result) ctx.addIssue({ code: 'custom', path: ['PAYLOAD_KEY_ID'], message: result.problem });
});

export type Config = z.infer<typeof configSchema>;

export function deadlinePolicyOf(
  config: Pick<Config, 'SIGNING_FIRST_REMINDER_AFTER' | 'SIGNING_REMINDER_EVERY' | 'SIGNING_LAST_CALL_BEFORE' | 'SIGNING_STAGE_DEADLINE'>,
): DeadlinePolicy {
  return {
    firstReminderAfterMs: config.SIGNING_FIRST_REMINDER_AFTER,
    reminderEveryMs: config.SIGNING_REMINDER_EVERY,
    lastCallBeforeMs: config.SIGNING_LAST_CALL_BEFORE,
    stageDeadlineMs: config.SIGNING_STAGE_DEADLINE,
  };
}

function originOf(text: string): string | undefined {
  try {
    const url = new URL(text);
    const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
    return (url.protocol === 'http:' || url.protocol === 'https:') && bare ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** The payload codec's keyring (PAYLOAD_KEYS is optional for the launcher only: requireSetting it first). */
export function payloadKeyringOf(config: { PAYLOAD_KEYS: PayloadKey[]; PAYLOAD_KEY_ID?: string | undefined }): PayloadKeyring {
  const result = keyringOf(config.PAYLOAD_KEYS, config.PAYLOAD_KEY_ID);
  if ('problem' in result) throw new ConfigError(`配置错误 (invalid configuration):\n  PAYLOAD_KEY_ID: ${result.problem}`);
  return result.keyring;
}

/** Origins allowed to call /codec from a browser: TEMPORAL_UI_ORIGIN, else the local UI outside production. */
export function codecCorsOriginsOf(config: Pick<Config, 'TEMPORAL_UI_ORIGIN' | 'TEMPORAL_UI_PORT' | 'NODE_ENV'>): string[] {
  if (config.TEMPORAL_UI_ORIGIN) return config.TEMPORAL_UI_ORIGIN;
  if (config.NODE_ENV === 'production') return [];
  return [`http://127.0.0.1:${config.TEMPORAL_UI_PORT}`, `http://localhost:${config.TEMPORAL_UI_PORT}`];
}

/** Parses an environment; throws a readable multi-line error naming each bad variable. */
export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "unset" (docker-compose passes `FOO=` for absent values).
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = configSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new ConfigError(`配置错误 (invalid configuration):\n${lines.join('\n')}`);
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** For process entry points: parse, or print the problem and exit 1. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return parseConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}

/** Settings a process needs that are optional for the launcher but required when run alone. */
export function requireSetting<K extends keyof Config>(config: Config, key: K): NonNullable<Config[K]> {
  const value = config[key];
  if (value === undefined || value === null) {
    console.error(`配置错误 (invalid configuration):\n  ${String(key)}: 必须设置（单独运行此进程时）`);
    process.exit(1);
  }
  return value as NonNullable<Config[K]>;
}
