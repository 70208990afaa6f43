/**
 * `tsx scripts/schemathesis.ts` (npm run tools:install): prints the command that runs the pinned
 * Schemathesis, installing it first if need be (launcher/schemathesis.ts); otherwise the
 * explanation, and exits 1.
 */
import { resolveSchemathesis } from '../launcher/schemathesis';

resolveSchemathesis().then(
  (cmd) => console.log([...Object.entries(cmd.env).map(([k, v]) => `${k}=${v}`), cmd.command, ...cmd.args].join(' ')),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
