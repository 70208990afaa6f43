/**
 * The Temporal SDK's logger interface on top of pino, for the worker's runtime: the SDK's own
 * lines, workflow lines (`log` from @temporalio/workflow) and activity lines (`log` from
 * @temporalio/activity) become JSON lines like the rest, with their attributes (workflowId,
 * activityType, requestId, …) as fields.
 *
 * The worker's lifecycle chatter (every state change, the bundle size) is INFO in the SDK; here it
 * is debug, so LOG_LEVEL=info shows what the service does rather than how the worker breathes.
 * Warnings and errors from the SDK stay as they are.
 */
import type { LogLevel, LogMetadata, Logger as SdkLogger } from '@temporalio/common';
import type { TelemetryOptions } from '@temporalio/worker';
import type { Level, Logger } from 'pino';

const LEVELS: Record<LogLevel, Level> = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' };

/** Components whose INFO lines are the SDK's own housekeeping. */
const SDK_INTERNALS = new Set(['worker', 'core']);

export function sdkLogger(logger: Logger): SdkLogger {
  const write = (level: LogLevel, message: string, meta?: LogMetadata): void => {
    let target = LEVELS[level];
    if (target === 'info' && SDK_INTERNALS.has(String(meta?.sdkComponent))) target = 'debug';
    if (!logger.isLevelEnabled(target)) return;
    // Symbol keys (the SDK's timestamp) are not fields of a JSON line.
    logger[target]({ ...meta }, message);
  };
  return {
    log: write,
    trace: (message, meta) => write('TRACE', message, meta),
    debug: (message, meta) => write('DEBUG', message, meta),
    info: (message, meta) => write('INFO', message, meta),
    warn: (message, meta) => write('WARN', message, meta),
    error: (message, meta) => write('ERROR', message, meta),
  };
}

/** The SDK's native core logs its warnings and errors through the same logger, not to stderr. */
export const FORWARD_CORE_LOGS: NonNullable<TelemetryOptions['logging']> = {
  filter: { core: 'WARN', other: 'ERROR' },
  forward: {},
};
