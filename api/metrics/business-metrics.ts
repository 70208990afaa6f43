/**
 * Business metrics read from PostgreSQL when Prometheus scrapes, not counted in memory: any number
 * of API and worker processes, and their restarts, then agree, because the numbers are the
 * database's. Each API replica reports the same global values (aggregate with max, not sum).
 *
 * - wangqian_signing_transitions_total{action,status}: rows of the append-only audit trail
 *   (signing_events), by action and the status it led to — a true counter.
 * - wangqian_notification_deliveries_total{channel,outcome}: deliveries that reached a final
 *   outcome (e-mail sent/failed/skipped, webhook sent/failed, inbox sent). Only final outcomes, so
 *   the counter never goes down; a delivery's status moves only from pending to one of them.
 * - wangqian_notification_deliveries_pending{channel}: deliveries not yet final (a gauge).
 * - wangqian_signings{status}: signings by current status (a gauge).
 * - wangqian_rescissions{status}: 解约 requests by current status (a gauge; the open ones are
 *   PENDING_COUNTERPARTY and PENDING_SCHOOL). Their steps are in the transitions counter
 *   (actions `rescission_*`), as they are in the signings' audit trail.
 *
 * Labels are closed sets of codes (actions, statuses, channels): nothing personal.
 * All reads run in one read-only REPEATABLE READ transaction (one snapshot, so the families agree
 * with each other) under a statement timeout. They scan whole tables, which on big tables is
 * slow (scripts/measure-metrics.ts; figures in BENCHMARKS.md, "Figures behind code comments").
 * So a read is reused for `maxAgeMs` (default 30 s) and
 * concurrent scrapes share one: the database does at most one read per API process per interval,
 * however often and by how many Prometheus servers it is scraped.
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import type postgres from 'postgres';
import { SIGNING_STATUSES } from '../../domain/status';
import { RESCISSION_STATUSES } from '../../domain/rescission';

export const NOTIFICATION_CHANNELS = ['email', 'webhook', 'inbox'] as const;
export const FINAL_OUTCOMES = ['sent', 'failed', 'skipped'] as const;
type Channel = (typeof NOTIFICATION_CHANNELS)[number];

/** Each table's status as a channel outcome; webhook_deliveries says `delivered` for sent. */
const OUTCOME_OF: Record<string, string> = { sent: 'sent', delivered: 'sent', failed: 'failed', skipped: 'skipped', pending: 'pending' };

interface Snapshot {
  transitions: Array<{ action: string; status: string; n: number }>;
  deliveries: Array<{ channel: Channel; status: string; n: number }>;
  signings: Array<{ status: string; n: number }>;
  rescissions: Array<{ status: string; n: number }>;
}

const QUERY_TIMEOUT_MS = 5_000;

async function readSnapshot(sql: postgres.Sql): Promise<Snapshot> {
  const read = sql.begin('isolation level repeatable read read only', async (tx) => {
    // set_config(…, true) = SET LOCAL, with a bind parameter (SET itself takes none).
    await tx`select set_config('statement_timeout', ${String(QUERY_TIMEOUT_MS)}, true)`;
    const transitions = await tx<Snapshot['transitions']>`
      select action, to_status as status, count(*)::int as n from signing_events group by action, to_status`;
    const deliveries = await tx<Snapshot['deliveries']>`
      select 'email' as channel, status, count(*)::int as n from email_outbox group by status
      union all
      select 'webhook', status, count(*)::int from webhook_deliveries group by status
      union all
      select 'inbox', 'sent', count(*)::int from notifications`;
    const signings = await tx<Snapshot['signings']>`select status, count(*)::int as n from signings group by status`;
    const rescissions = await tx<Snapshot['rescissions']>`select status, count(*)::int as n from rescissions group by status`;
    return { transitions: [...transitions], deliveries: [...deliveries], signings: [...signings], rescissions: [...rescissions] };
  });
  // The statement timeout does not cover connecting; an unreachable server must not hang the scrape.
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`business metrics read timed out after ${QUERY_TIMEOUT_MS} ms`)), QUERY_TIMEOUT_MS);
  });
  try {
    return await Promise.race([read, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface BusinessMetricsOptions {
  /** Told when a read fails (the scrape still succeeds, with wangqian_business_metrics_up 0). */
  onError?: (err: unknown) => void;
  /** How long a successful read is served to later scrapes (default 30 s; 0: read every scrape). */
  maxAgeMs?: number;
}

export const DEFAULT_BUSINESS_METRICS_MAX_AGE_MS = 30_000;

export function businessMetrics(registry: Registry, sql: postgres.Sql, options: BusinessMetricsOptions = {}): void {
  const maxAgeMs = options.maxAgeMs ?? DEFAULT_BUSINESS_METRICS_MAX_AGE_MS;
  let inFlight: Promise<Snapshot | undefined> | undefined;
  let last: { readAt: number; data: Snapshot } | undefined;
  const up = new Gauge({
    name: 'wangqian_business_metrics_up',
    help: '业务指标本次是否成功读自数据库 (1: the business metrics below were read from PostgreSQL in this scrape)',
    registers: [registry],
    async collect() {
      await snapshot();
    },
  });
  const readSeconds = new Gauge({
    name: 'wangqian_business_metrics_read_seconds',
    help: '读取业务指标的耗时（秒）(time the business metrics read of this scrape took)',
    registers: [registry],
    async collect() {
      await snapshot();
    },
  });

  /** One read per scrape at most, shared by the families' collect() calls (prom-client runs them concurrently). */
  const snapshot = (): Promise<Snapshot | undefined> => {
    if (last && performance.now() - last.readAt < maxAgeMs) return Promise.resolve(last.data);
    return (inFlight ??= (async () => {
      const end = readSeconds.startTimer();
      try {
        const result = await readSnapshot(sql);
        last = { readAt: performance.now(), data: result };
        up.set(1);
        return result;
      } catch (err) {
        up.set(0);
        options.onError?.(err);
        return undefined;
      } finally {
        end();
        inFlight = undefined;
      }
    })());
  };

  new Counter({
    name: 'wangqian_signing_transitions_total',
    help: '网签状态变更次数，按动作与变更后的状态 (signing transitions by action and resulting status, from the audit trail)',
    labelNames: ['action', 'status'] as const,
    registers: [registry],
    async collect() {
      const data = await snapshot();
      // Rebuilt from the database each time; after a failed read the series are absent, not stale.
      this.reset();
      for (const row of data?.transitions ?? []) this.inc({ action: row.action, status: row.status }, row.n);
    },
  });

  new Counter({
    name: 'wangqian_notification_deliveries_total',
    help: '通知投递的最终结果，按渠道 (notification deliveries that reached a final outcome, by channel)',
    labelNames: ['channel', 'outcome'] as const,
    registers: [registry],
    async collect() {
      const data = await snapshot();
      this.reset();
      if (!data) return;
      // Every combination a channel can produce, at 0 when absent, so rate() sees the first one.
      for (const channel of NOTIFICATION_CHANNELS) {
        for (const outcome of channel === 'inbox' ? ['sent'] : channel === 'webhook' ? ['sent', 'failed'] : FINAL_OUTCOMES) {
          this.inc({ channel, outcome }, 0);
        }
      }
      for (const row of data.deliveries) {
        const outcome = OUTCOME_OF[row.status] ?? row.status;
        if (outcome !== 'pending') this.inc({ channel: row.channel, outcome }, row.n);
      }
    },
  });

  new Gauge({
    name: 'wangqian_notification_deliveries_pending',
    help: '尚未完成投递的通知，按渠道 (notification deliveries not yet final, by channel)',
    labelNames: ['channel'] as const,
    registers: [registry],
    async collect() {
      const data = await snapshot();
      this.reset();
      if (!data) return;
      for (const channel of ['email', 'webhook'] as const) this.set({ channel }, 0);
      for (const row of data.deliveries) if (row.status === 'pending') this.inc({ channel: row.channel }, row.n);
    },
  });

  statusGauge(registry, snapshot, 'wangqian_signings', '网签数量，按当前状态 (signings by current status)', SIGNING_STATUSES, (d) => d.signings);
  statusGauge(registry, snapshot, 'wangqian_rescissions', '解约申请数量，按当前状态 (rescission requests by current status)', RESCISSION_STATUSES, (d) => d.rescissions);
}

/** A gauge of rows by current status: every status present, at 0 when it has none. */
function statusGauge(
  registry: Registry,
  snapshot: () => Promise<Snapshot | undefined>,
  name: string,
  help: string,
  statuses: readonly string[],
  rows: (data: Snapshot) => Array<{ status: string; n: number }>,
): void {
  new Gauge({
    name,
    help,
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const data = await snapshot();
      this.reset();
      if (!data) return;
      for (const status of statuses) this.set({ status }, 0);
      for (const row of rows(data)) this.set({ status: row.status }, row.n);
    },
  });
}
