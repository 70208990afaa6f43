/**
 * Fetches a worker's Temporal SDK metrics (its Prometheus exporter) to append to the API's own.
 * A worker that does not answer costs the scrape at most the timeout, and shows as
 * wangqian_worker_metrics_up 0 instead of failing the API's metrics.
 */
const TIMEOUT_MS = 2_000;

function upLine(up: 0 | 1): string {
  return [
    '# HELP wangqian_worker_metrics_up 是否取到了 worker 的 Temporal SDK 指标 (1: the worker SDK metrics below were scraped)',
    '# TYPE wangqian_worker_metrics_up gauge',
    `wangqian_worker_metrics_up ${up}`,
    '',
  ].join('\n');
}

export async function scrapeWorker(url: string): Promise<string> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const text = await response.text();
    return `${upLine(1)}${text.endsWith('\n') ? text : `${text}\n`}`;
  } catch {
    return upLine(0);
  }
}
