/**
 * SIGTERM / SIGINT for the API process. In order:
 * 1. drain: /readyz answers 503 (load balancers stop routing here) and every response from now on
 *    carries `Connection: close`, so keep-alive clients reconnect elsewhere;
 * 2. stop listening: new connections are refused, idle keep-alive ones are closed;
 * 3. wait for the requests in flight to finish (their connections close after the response);
 * 4. close PostgreSQL and the Temporal connection, exit 0.
 * If the whole sequence has not finished within `timeoutMs`, log it and exit 1: an orchestrator's
 * kill would come anyway, and this way the log says what was still open.
 */
import type { Server, ServerResponse } from 'node:http';

/** console and pino loggers both fit. */
export interface ShutdownLogger {
  info(message: string): void;
  error(message: string): void;
}

export interface DrainState {
  /** True from the first signal on. */
  readonly draining: boolean;
}

export interface GracefulShutdownOptions {
  server: Server;
  /** Closes what the requests used (database, Temporal); runs after the last request finished. */
  closeResources: () => Promise<unknown>;
  logger: ShutdownLogger;
  /** Hard limit for the whole sequence (default 25 s: under the usual 30 s before a SIGKILL). */
  timeoutMs?: number;
  signals?: readonly NodeJS.Signals[];
  /** Injected by tests; process.exit otherwise. */
  exit?: (code: number) => void;
}

export interface GracefulShutdown extends DrainState {
  /** Starts the sequence (what a signal does); later calls return the same promise. */
  shutdown(reason: string): Promise<void>;
}

export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 25_000;

/** A drain flag for createApp's `isDraining`, readable before the server exists. */
export function createDrainState(): DrainState & { begin(): void } {
  let draining = false;
  return {
    get draining() {
      return draining;
    },
    begin() {
      draining = true;
    },
  };
}

export function installGracefulShutdown(
  options: GracefulShutdownOptions & { drain?: ReturnType<typeof createDrainState> },
): GracefulShutdown {
  const { server, closeResources, logger } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const drain = options.drain ?? createDrainState();
  let running: Promise<void> | undefined;

  // Responses in progress. When the drain begins, those that have not sent their headers yet get
  // `Connection: close`, as does any request still arriving on an open keep-alive connection; a
  // response that had already started closes its connection once finished. Otherwise a keep-alive
  // connection would stay open after its last response until Node's keep-alive timeout.
  const inFlight = new Set<ServerResponse>();
  const closeConnection = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('Connection', 'close');
  };
  // Prepended: runs before Express, which may answer at once.
  server.prependListener('request', (_req, res: ServerResponse) => {
    if (drain.draining) closeConnection(res);
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
    res.once('finish', () => {
      inFlight.delete(res);
      if (drain.draining) server.closeIdleConnections();
    });
  });

  const sequence = async (reason: string): Promise<void> => {
    drain.begin();
    for (const res of inFlight) closeConnection(res);
    logger.info(`API 收到 ${reason}：停止接收新请求，等待进行中的请求完成 (draining)`);
    const timer = setTimeout(() => {
      logger.error(`API 在 ${timeoutMs / 1000} 秒内未能完成停止，强制退出 (shutdown timed out; exiting with requests or connections still open)`);
      exit(1);
    }, timeoutMs);
    try {
      await new Promise<void>((resolve, reject) => {
        server.close((err) => (err && (err as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING' ? reject(err) : resolve()));
        // Node closes idle keep-alive connections on close() since v19; explicit for clarity.
        server.closeIdleConnections();
      });
      await closeResources();
      clearTimeout(timer);
      logger.info('API 已停止 (stopped)');
      exit(0);
    } catch (err) {
      clearTimeout(timer);
      logger.error(`API 停止时出错 (error during shutdown): ${err instanceof Error ? err.message : String(err)}`);
      exit(1);
    }
  };

  const shutdown = (reason: string) => (running ??= sequence(reason));
  for (const signal of options.signals ?? (['SIGTERM', 'SIGINT'] as const)) {
    process.on(signal, () => void shutdown(signal));
  }
  return {
    get draining() {
      return drain.draining;
    },
    shutdown,
  };
}
