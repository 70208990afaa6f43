/**
 * `tsx scripts/build-web.ts [--types-only | --if-stale]` (npm run build:web, typecheck, dev:web):
 * builds the portal, or only writes its API types (launcher/build-web.ts).
 */
import { buildWeb, writeApiTypes } from '../launcher/build-web';

const args = new Set(process.argv.slice(2));
const run = args.has('--types-only') ? writeApiTypes() : buildWeb({ ifStale: args.has('--if-stale') });
run.catch((err: unknown) => {
  console.error('[门户 web] 构建失败 (build failed):', err);
  process.exit(1);
});
