/**
 * installGracefulShutdown on a plain node:http server, in process, with `exit` captured: the drain
 * order (refuse new connections, finish the request in flight with Connection: close, then close
 * the resources, exit 0) and the hard timeout (exit 1 with a message). The real process with a
 * real SIGTERM is tests/e2e/shutdown.test.ts.
 */
import { Agent, type IncomingMessage, type ServerResponse, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { createDrainState, installGracefulShutdown } from '../../api/http/graceful-shutdown';

interface Held {
  req: IncomingMessage;
  res: ServerResponse;
}

/** A server whose /hold requests wait until the test answers them. */
async function holdingServer() {
  const held: Held[] = [];
  const waiters: Array<(h: Held) => void> = [];
  const server = createServer((req, res) => {
    if (req.url === '/hold') {
      const h = { req, res };
      const waiter = waiters.shift();
      if (waiter) waiter(h);
      else held.push(h);
      return;
    }
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  /** Resolves with the next /hold request once the server has it. */
  const nextHeld = () => new Promise<Held>((resolve) => (held.length ? resolve(held.shift()!) : waiters.push(resolve)));
  return { server, port, nextHeld };
}

function get(port: number, path: string): Promise<{ status: number; connection: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    // A keep-alive client: only the drain makes the server answer `Connection: close`.
    const agent = new Agent({ keepAlive: true });
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        agent.destroy();
        resolve({ status: res.statusCode!, connection: res.headers.connection, body });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });
}

function recorder() {
  const lines: string[] = [];
  let exitCode: number | undefined;
  let exited!: () => void;
  const exitedPromise = new Promise<void>((resolve) => (exited = resolve));
  return {
    lines,
    logger: { info: (m: string) => lines.push(`info ${m}`), error: (m: string) => lines.push(`error ${m}`) },
    exit: (code: number) => {
      exitCode ??= code;
      exited();
    },
    exited: exitedPromise,
    get exitCode() {
      return exitCode;
    },
  };
}

describe('installGracefulShutdown', () => {
  it('refuses new connections, finishes the request in flight, then closes resources and exits 0', async () => {
    const { server, port, nextHeld } = await holdingServer();
    const rec = recorder();
    const order: string[] = [];
    const drain = createDrainState();
    const shutdown = installGracefulShutdown({
      server,
      drain,
      logger: rec.logger,
      signals: [],
      exit: rec.exit,
      closeResources: async () => {
        order.push('resources closed');
      },
    });

    const inFlight = get(port, '/hold');
    const held = await nextHeld();
    const done = shutdown.shutdown('SIGTERM');
    expect(shutdown.draining).toBe(true);
    expect(drain.draining).toBe(true);
    expect(await connectionRefused(port)).toBe(true);
    expect(order).toEqual([]);

    order.push('request answered');
    held.res.end('finished');
    expect(await inFlight).toEqual({ status: 200, connection: 'close', body: 'finished' });
    await done;
    expect(order).toEqual(['request answered', 'resources closed']);
    expect(rec.exitCode).toBe(0);
    // A second signal does not start a second sequence.
    expect(shutdown.shutdown('SIGINT')).toBe(done);
  });

  it('exits 1 with a message when requests are still open at the hard timeout', async () => {
    const { server, port, nextHeld } = await holdingServer();
    const rec = recorder();
    let closed = false;
    const shutdown = installGracefulShutdown({
      server,
      logger: rec.logger,
      signals: [],
      exit: rec.exit,
      timeoutMs: 200,
      closeResources: async () => {
        closed = true;
      },
    });
    const stuck = get(port, '/hold').catch(() => undefined);
    const held = await nextHeld();
    void shutdown.shutdown('SIGTERM');
    await rec.exited;
    expect(rec.exitCode).toBe(1);
    expect(rec.lines.some((l) => l.startsWith('error') && l.includes('timed out'))).toBe(true);
    expect(closed).toBe(false);
    held.res.destroy();
    await stuck;
  });
});
