/**
 * A webhook receiver as an integrator would write it (node:http on a free loopback port): it
 * verifies each request's signature over the raw body, refuses bad ones with 400, and processes
 * each event id once even when a retry delivers it again. `setDown(true)` makes it answer 503, as
 * a receiver in maintenance would; `setLoseAcks(true)` makes it process each event and then answer
 * 503, as when its answer is lost on the way back, so the sender delivers the event again.
 */
import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, verifyWebhookSignature } from '../../domain/webhook-signature';

export interface ReceivedRequest {
  eventId: string | undefined;
  signature: string | undefined;
  rawBody: string;
  status: number;
  /** performance.now() when the request was answered, to order it against the test's own steps. */
  receivedAt: number;
}

export interface WebhookReceiver {
  url: string;
  /** Set once the endpoint is registered and its secret known. */
  secret: string;
  requests: ReceivedRequest[];
  /** Event id → its parsed body, processed once. */
  processed: Map<string, any>;
  /** How many correctly signed requests carried each event id (at least once; more after a retry). */
  deliveries: Map<string, number>;
  /** How many times each event id was processed (once, thanks to the dedupe). */
  processCount: Map<string, number>;
  setDown(down: boolean): void;
  setLoseAcks(lose: boolean): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startWebhookReceiver(path = '/hooks/wangqian'): Promise<WebhookReceiver> {
  let down = false;
  let loseAcks = false;
  const receiver: Omit<WebhookReceiver, 'url' | 'close'> = {
    secret: '',
    requests: [],
    processed: new Map(),
    deliveries: new Map(),
    processCount: new Map(),
    setDown: (value) => {
      down = value;
    },
    setLoseAcks: (value) => {
      loseAcks = value;
    },
  };
  const server: Server = createServer((req, res) => {
    void readBody(req).then((rawBody) => {
      const eventId = req.headers[EVENT_ID_HEADER.toLowerCase()] as string | undefined;
      const signature = req.headers[SIGNATURE_HEADER.toLowerCase()] as string | undefined;
      const answer = (status: number) => {
        receiver.requests.push({ eventId, signature, rawBody, status, receivedAt: performance.now() });
        res.writeHead(status).end();
      };
      if (down) return answer(503);
      if (!verifyWebhookSignature(receiver.secret, signature, rawBody)) return answer(400);
      // Deduplicate by event id: a retry of an event already processed is acknowledged, not redone.
      const event = JSON.parse(rawBody) as { id: string };
      receiver.deliveries.set(event.id, (receiver.deliveries.get(event.id) ?? 0) + 1);
      if (!receiver.processed.has(event.id)) {
        receiver.processed.set(event.id, event);
        receiver.processCount.set(event.id, (receiver.processCount.get(event.id) ?? 0) + 1);
      }
      answer(loseAcks ? 503 : 200);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
