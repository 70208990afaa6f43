/**
 * postgres.js 3.4.9 (the newest release) can throw from a timer after a connection has closed:
 * `TypeError: Cannot read properties of null (reading 'write')` at nextWrite (src/connection.js),
 * upstream porsager/postgres#1154 and #1208, fixes #1168/#1209 not released. A small write is
 * deferred with setImmediate; if the socket closes first, the deferred write dereferences null.
 * No caller can catch it, so PostgreSQL going down — which must only delay work (docs/design.md §5) —
 * crashed the API or the worker (found by tests/faults/postgres-outage). The query it belonged to
 * has already been rejected with CONNECTION_CLOSED by then (we use pooled connections only, no
 * reserve()), so the lost write is moot and the process can carry on.
 *
 * Process entry points install this; anything else uncaught still ends the process as Node would.
 */

let installed = false;

/** The upstream defect, recognised by its message and the driver frame it comes from. */
export function isPostgresNextWriteCrash(err: unknown): boolean {
  return (
    err instanceof TypeError &&
    err.message === "Cannot read properties of null (reading 'write')" &&
    /\bnextWrite\b/.test(err.stack ?? '') &&
    /[\\/]postgres[\\/]src[\\/]connection\.js/.test(err.stack ?? '')
  );
}

export function installPostgresWriteGuard(warn: (message: string) => void = (message) => console.warn(message)): void {
  if (installed) return;
  installed = true;
  process.on('uncaughtException', (err) => {
    if (isPostgresNextWriteCrash(err)) {
      warn('postgres.js: write on a closed connection ignored (porsager/postgres#1208); its query was already failed');
      return;
    }
    // What Node does without a listener: print and exit 1.
    console.error(err);
    process.exit(1);
  });
}
