/** Keeps the Temporal SDK's per-worker INFO lines out of test output; warnings still show. */
import { DefaultLogger, Runtime } from '@temporalio/worker';

let installed = false;
export function quietTemporalLogs(): void {
  if (installed) return;
  installed = true;
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed in this process by another module: keep that one.
  }
}
