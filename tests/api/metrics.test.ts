/**
 * GET /metrics after a whole signing: the HTTP histogram counts the requests under their route
 * patterns (no ids in any label), the transition counter and the signings gauge follow the audit
 * trail, and notification deliveries move on every channel (inbox, e-mail through a real SMTP
 * sink, a webhook to a real receiver). A worker's SDK metrics are appended when configured.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createApp } from '../../api/app';
import { connectDatabase } from '../../db/client';
import { accounts } from '../../db/schema';
import { freePort } from '../../launcher/processes';
import { newParties, signingIn } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';
import { type Sample, scrape, valueOf } from '../support/prometheus';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { type WebhookReceiver, startWebhookReceiver } from '../support/webhook-receiver';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

let h: Harness;
let smtp: SmtpSink;
let receiver: WebhookReceiver;
let connection: Connection;
/** The harness's worker and client, behind an app that reads the database on every scrape. */
let api: { url: string; close(): Promise<void> };

beforeAll(async () => {
  smtp = await startSmtpSink();
  receiver = await startWebhookReceiver();
  h = await startHarness({ smtpUrl: smtp.url });
  connection = await Connection.connect({ address: inject('temporalAddress') });
  api = await listen(
    createApp({ database: h.database, temporal: h.client, connection, taskQueue: h.taskQueue, jwtSecret: randomUUID() + randomUUID(), metricsMaxAgeMs: 0 }),
  );
});

afterAll(async () => {
  await api?.close();
  await connection?.close();
  await h?.close();
  await Promise.all([smtp?.close(), receiver?.close()]);
});

const metricsUrl = () => `${api.url}/metrics`;
const duration = (samples: Sample[], method: string, route: string, code: string) =>
  valueOf(samples, 'http_request_duration_seconds_count', { method, route, code });
const deliveries = (samples: Sample[], channel: string, outcome: string) =>
  valueOf(samples, 'wangqian_notification_deliveries_total', { channel, outcome });

describe('GET /metrics', () => {
  it('moves the HTTP histogram, the transition counter, the signings gauge and the deliveries after a signing', async () => {
    const p = await newParties({ ...h, baseUrl: api.url });
    // The student gets e-mail as well; the employer's webhook receives its events.
    await h.database.db.update(accounts).set({ email: `${p.world.student.username}@example.test` }).where(eq(accounts.username, p.world.student.username));
    const hook = await p.employer.post('/api/webhooks', { url: receiver.url, description: '指标测试' });
    expect(hook.status).toBe(201);
    receiver.secret = hook.body.secret;

    const before = await scrape(metricsUrl());
    expect(before.status).toBe(200);
    expect(before.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(valueOf(before.samples, 'wangqian_business_metrics_up')).toBe(1);

    const { id } = await signingIn(p, 'COMPLETED');
    // Refused (already completed): answered by the error handler, still under the route's pattern.
    expect((await p.employer.post(`/api/signings/${id}/employer-sign`, { nonsense: true })).status).toBe(400);
    // No route matched: one fixed label, whatever the URL.
    expect((await p.employer.get(`/api/signings/${id}/no-such-thing`)).status).toBe(404);

    // Deliveries are made by the worker after the transitions: wait until each channel has moved.
    const after = await vi.waitFor(
      async () => {
        const now = await scrape(metricsUrl());
        for (const [channel, outcome] of [['inbox', 'sent'], ['email', 'sent'], ['webhook', 'sent']] as const) {
          expect(deliveries(now.samples, channel, outcome)).toBeGreaterThan(deliveries(before.samples, channel, outcome));
        }
        return now;
      },
      { timeout: 30_000, interval: 200 },
    );

    const route = '/api/signings/:id/employer-sign';
    expect(duration(after.samples, 'POST', route, '200') - duration(before.samples, 'POST', route, '200')).toBe(1);
    expect(duration(after.samples, 'POST', route, '400') - duration(before.samples, 'POST', route, '400')).toBe(1);
    expect(duration(after.samples, 'POST', '/api/signings/', '201') - duration(before.samples, 'POST', '/api/signings/', '201')).toBe(1);
    expect(duration(after.samples, 'GET', 'unmatched', '404')).toBeGreaterThan(duration(before.samples, 'GET', 'unmatched', '404'));
    // The histogram has its buckets and sum too.
    expect(valueOf(after.samples, 'http_request_duration_seconds_bucket', { method: 'POST', route, code: '200', le: '+Inf' })).toBe(
      duration(after.samples, 'POST', route, '200'),
    );

    // Other test files share the database, so "at least": this flow added one of each.
    const transitions = (samples: Sample[], action: string, status: string) =>
      valueOf(samples, 'wangqian_signing_transitions_total', { action, status });
    expect(transitions(after.samples, 'schoolConfirm', 'COMPLETED') - transitions(before.samples, 'schoolConfirm', 'COMPLETED')).toBeGreaterThanOrEqual(1);
    expect(transitions(after.samples, 'submit', 'PENDING_EMPLOYER') - transitions(before.samples, 'submit', 'PENDING_EMPLOYER')).toBeGreaterThanOrEqual(1);
    expect(valueOf(after.samples, 'wangqian_signings', { status: 'COMPLETED' })).toBeGreaterThanOrEqual(1);
    for (const status of ['PENDING_EMPLOYER', 'PENDING_STUDENT', 'PENDING_SCHOOL', 'COMPLETED', 'CANCELLED', 'EXPIRED']) {
      expect(after.samples.some((s) => s.name === 'wangqian_signings' && s.labels.status === status)).toBe(true);
    }
    // The default process metrics are there.
    expect(after.samples.some((s) => s.name === 'process_cpu_seconds_total')).toBe(true);
    expect(after.samples.some((s) => s.name === 'nodejs_eventloop_lag_seconds')).toBe(true);

    // Nothing personal or unbounded in any label: no ids, no long digit runs (考生号, credit codes), no query.
    const values = after.samples.flatMap((s) => Object.values(s.labels));
    const routes = new Set(after.samples.filter((s) => s.labels.route !== undefined).map((s) => s.labels.route!));
    expect(routes.size).toBeGreaterThan(3);
    for (const r of routes) expect(r === 'unmatched' || (r.startsWith('/') && !r.includes('?'))).toBe(true);
    for (const value of values) {
      expect(value).not.toMatch(UUID);
      expect(value).not.toMatch(/\d{5,}/);
      expect(value).not.toContain(p.world.student.username);
    }
  });

  it('keeps answering while the database is unreachable, with wangqian_business_metrics_up 0', async () => {
    // An app over a PostgreSQL URL where nothing listens.
    const database = connectDatabase(`postgres://nobody:x@127.0.0.1:${await freePort()}/none`, { max: 1 });
    const errors: unknown[] = [];
    const app = createApp({
      database,
      temporal: new Client({ connection }),
      connection,
      taskQueue: 'unused',
      jwtSecret: randomBytes(32).toString('hex'),
      logger: { error: (obj) => errors.push(obj) },
    });
    const server = await listen(app);
    try {
      const res = await scrape(`${server.url}/metrics`);
      expect(res.status).toBe(200);
      expect(valueOf(res.samples, 'wangqian_business_metrics_up')).toBe(0);
      expect(res.samples.some((s) => s.name === 'wangqian_signing_transitions_total')).toBe(false);
      expect(res.samples.some((s) => s.name === 'process_cpu_seconds_total')).toBe(true);
      expect(errors.length).toBeGreaterThan(0);
    } finally {
      await server.close();
      await database.close();
    }
  });

  it("appends a worker's SDK metrics when workerMetricsUrl is set, and says when they are unavailable", async () => {
    const sdkText = '# HELP temporal_worker_start Fake SDK exporter\n# TYPE temporal_worker_start counter\ntemporal_worker_start{namespace="default"} 1\n';
    const exporter = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(sdkText));
    await new Promise<void>((resolve) => exporter.listen(0, '127.0.0.1', resolve));
    const exporterUrl = `http://127.0.0.1:${(exporter.address() as AddressInfo).port}/metrics`;
    const appWith = (workerMetricsUrl: string) =>
      listen(createApp({ database: h.database, temporal: new Client({ connection }), connection, taskQueue: 'unused', jwtSecret: randomUUID() + randomUUID(), workerMetricsUrl }));
    const up = await appWith(exporterUrl);
    const down = await appWith(`http://127.0.0.1:${await freePort()}/metrics`);
    try {
      const withWorker = await scrape(`${up.url}/metrics`);
      expect(valueOf(withWorker.samples, 'wangqian_worker_metrics_up')).toBe(1);
      expect(valueOf(withWorker.samples, 'temporal_worker_start', { namespace: 'default' })).toBe(1);
      expect(valueOf(withWorker.samples, 'wangqian_business_metrics_up')).toBe(1);

      const without = await scrape(`${down.url}/metrics`);
      expect(without.status).toBe(200);
      expect(valueOf(without.samples, 'wangqian_worker_metrics_up')).toBe(0);
      expect(without.samples.some((s) => s.name.startsWith('temporal_'))).toBe(false);
    } finally {
      await Promise.all([up.close(), down.close()]);
      await new Promise((resolve) => exporter.close(resolve));
    }
  });
});

async function listen(app: ReturnType<typeof createApp>): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
