/**
 * The business metrics' mapping and read policy over a stand-in for postgres.js that answers the
 * three GROUP BY queries with fixed rows and counts its reads: final delivery outcomes in the
 * counter (webhook `delivered` → `sent`), pending ones in the gauge, zero series for every
 * channel/outcome and status, one read per scrape, reuse within maxAgeMs, and absent families
 * (not stale ones) with wangqian_business_metrics_up 0 after a failed read.
 */
import { Registry } from 'prom-client';
import type postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { businessMetrics } from '../../api/metrics/business-metrics';
import { SIGNING_STATUSES } from '../../domain/status';
import { parsePrometheus, valueOf } from '../support/prometheus';

function fakeSql(rows: { transitions: object[]; deliveries: object[]; signings: object[]; rescissions: object[] }) {
  const state = { reads: 0, fail: false };
  const tx = (strings: TemplateStringsArray) => {
    const text = strings.join('?');
    if (text.includes('set_config')) return Promise.resolve([]);
    if (text.includes('signing_events')) return Promise.resolve(rows.transitions);
    if (text.includes('email_outbox')) return Promise.resolve(rows.deliveries);
    if (text.includes('from signings')) return Promise.resolve(rows.signings);
    if (text.includes('from rescissions')) return Promise.resolve(rows.rescissions);
    throw new Error(`unexpected query: ${text}`);
  };
  const sql = {
    begin: async (_mode: string, fn: (t: typeof tx) => Promise<unknown>) => {
      state.reads += 1;
      if (state.fail) throw new Error('connect ECONNREFUSED');
      return fn(tx);
    },
  } as unknown as postgres.Sql;
  return { sql, state };
}

const ROWS = {
  transitions: [
    { action: 'submit', status: 'PENDING_EMPLOYER', n: 5 },
    { action: 'schoolConfirm', status: 'COMPLETED', n: 2 },
  ],
  deliveries: [
    { channel: 'email', status: 'sent', n: 3 },
    { channel: 'email', status: 'pending', n: 1 },
    { channel: 'webhook', status: 'delivered', n: 4 },
    { channel: 'webhook', status: 'pending', n: 2 },
    { channel: 'inbox', status: 'sent', n: 9 },
  ],
  signings: [{ status: 'COMPLETED', n: 2 }, { status: 'PENDING_EMPLOYER', n: 3 }],
  rescissions: [{ status: 'PENDING_SCHOOL', n: 1 }],
};

async function scrapeOnce(registry: Registry) {
  return parsePrometheus(await registry.metrics());
}

describe('business metrics', () => {
  it('maps the rows to counters and gauges with one read per scrape', async () => {
    const { sql, state } = fakeSql(ROWS);
    const registry = new Registry();
    businessMetrics(registry, sql, { maxAgeMs: 0 });
    const samples = await scrapeOnce(registry);
    expect(state.reads).toBe(1);
    expect(valueOf(samples, 'wangqian_business_metrics_up')).toBe(1);
    expect(valueOf(samples, 'wangqian_signing_transitions_total', { action: 'submit', status: 'PENDING_EMPLOYER' })).toBe(5);
    expect(valueOf(samples, 'wangqian_signing_transitions_total', { action: 'schoolConfirm', status: 'COMPLETED' })).toBe(2);
    const deliveries = samples.filter((s) => s.name === 'wangqian_notification_deliveries_total').map((s) => [s.labels.channel, s.labels.outcome, s.value]);
    expect(deliveries).toEqual(
      expect.arrayContaining([
        ['email', 'sent', 3],
        ['email', 'failed', 0],
        ['email', 'skipped', 0],
        ['webhook', 'sent', 4],
        ['webhook', 'failed', 0],
        ['inbox', 'sent', 9],
      ]),
    );
    expect(deliveries).toHaveLength(6);
    expect(valueOf(samples, 'wangqian_notification_deliveries_pending', { channel: 'email' })).toBe(1);
    expect(valueOf(samples, 'wangqian_notification_deliveries_pending', { channel: 'webhook' })).toBe(2);
    expect(valueOf(samples, 'wangqian_signings', { status: 'PENDING_EMPLOYER' })).toBe(3);
    expect(valueOf(samples, 'wangqian_signings', { status: 'EXPIRED' })).toBe(0);
    // One gauge per status, 已解约 included.
    expect(samples.filter((s) => s.name === 'wangqian_signings')).toHaveLength(SIGNING_STATUSES.length);
    expect(valueOf(samples, 'wangqian_rescissions', { status: 'PENDING_SCHOOL' })).toBe(1);
    expect(valueOf(samples, 'wangqian_rescissions', { status: 'APPROVED' })).toBe(0);

    await scrapeOnce(registry);
    expect(state.reads).toBe(2);
  });

  it('reuses a read within maxAgeMs', async () => {
    const { sql, state } = fakeSql(ROWS);
    const registry = new Registry();
    businessMetrics(registry, sql, { maxAgeMs: 60_000 });
    await scrapeOnce(registry);
    const again = await scrapeOnce(registry);
    expect(state.reads).toBe(1);
    expect(valueOf(again, 'wangqian_signing_transitions_total', { action: 'submit', status: 'PENDING_EMPLOYER' })).toBe(5);
  });

  it('drops the families and reports up 0 when a read fails, and recovers on the next', async () => {
    const { sql, state } = fakeSql(ROWS);
    const registry = new Registry();
    const errors: unknown[] = [];
    businessMetrics(registry, sql, { maxAgeMs: 0, onError: (err) => errors.push(err) });
    await scrapeOnce(registry);
    state.fail = true;
    const failed = await scrapeOnce(registry);
    expect(valueOf(failed, 'wangqian_business_metrics_up')).toBe(0);
    expect(failed.some((s) => s.name.startsWith('wangqian_signing') || s.name.startsWith('wangqian_notification'))).toBe(false);
    expect(errors).toHaveLength(1);
    state.fail = false;
    const back = await scrapeOnce(registry);
    expect(valueOf(back, 'wangqian_business_metrics_up')).toBe(1);
    expect(valueOf(back, 'wangqian_signings', { status: 'COMPLETED' })).toBe(2);
  });
});
