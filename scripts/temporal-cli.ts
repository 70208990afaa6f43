/**
 * `tsx scripts/temporal-cli.ts [--test-server]` (npm run temporal:install): prints the path of the
 * Temporal CLI (or of the Java test server), installing it first if need be (launcher/temporal-cli.ts);
 * otherwise the explanation, and exits 1.
 */
import { resolveTemporalCli, resolveTestServer } from '../launcher/temporal-cli';

const wantTestServer = process.argv.includes('--test-server');
(wantTestServer ? resolveTestServer() : resolveTemporalCli()).then(
  (binary) => console.log(binary),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
