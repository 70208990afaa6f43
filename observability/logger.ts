/**
 * The one way a process makes its logger: pino, one JSON object per line on stdout (what log
 * collectors read), or readable lines for people (`LOG_FORMAT=pretty`, which `npm start` sets for
 * its children). Every line written while an HTTP request is being served carries its `requestId`.
 * Secrets never belong in a log line; the redaction below is a second line of defence for a
 * password or Authorization header passed by mistake.
 */
import { type DestinationStream, type Logger, type LoggerOptions, destination as stdoutDestination, pino, stdTimeFunctions } from 'pino';
import PinoPretty from 'pino-pretty';
import type { Config } from '../config';
import { serializeError } from './log-serializers';
import { currentRequestId } from './request-context';

export type { Logger } from 'pino';

export interface CreateLoggerOptions {
  level: Config['LOG_LEVEL'];
  /** `json` (default) or `pretty`. */
  format?: Config['LOG_FORMAT'] | undefined;
  /** The process ('api', 'worker'), on every line. */
  name?: string | undefined;
  /** Where lines go (default: stdout). Tests pass an in-memory stream. */
  destination?: DestinationStream | undefined;
}

const REDACTED = '[已隐藏]';
const SECRETS = ['password', 'newPassword', 'currentPassword', 'initialPassword', 'passwordHash', 'authorization', 'cookie'];
const REDACTED_PATHS = [
  ...SECRETS,
  ...SECRETS.map((key) => `body.${key}`),
  ...['authorization', 'cookie'].flatMap((key) => [`headers.${key}`, `req.headers.${key}`]),
];

export function createLogger(options: CreateLoggerOptions): Logger {
  const settings: LoggerOptions = {
    level: options.level,
    ...(options.name ? { name: options.name } : {}),
    timestamp: stdTimeFunctions.isoTime,
    // Level names ("info"), not pino's numbers: what people grep for and collectors map.
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
    serializers: { err: serializeError, error: serializeError },
    // Explicit paths only: wildcard paths made every line measurably slower, explicit ones cost next to
    // nothing (BENCHMARKS.md, "Figures behind code comments").
    redact: { paths: REDACTED_PATHS, censor: REDACTED },
  };
  // Synchronous writes: a line logged just before process.exit() (a failed start) is not lost.
  const out = options.destination ?? (options.format === 'pretty' ? prettyStdout() : stdoutDestination({ dest: 1, sync: true }));
  return pino(settings, out);
}

function prettyStdout(): DestinationStream {
  return PinoPretty({
    sync: true,
    colorize: Boolean(process.stdout.isTTY),
    translateTime: 'SYS:HH:MM:ss.l',
    // The launcher prefixes each child's lines with its name already.
    ignore: 'pid,hostname,name',
    singleLine: true,
  });
}
