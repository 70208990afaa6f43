/**
 * What every `temporal server start-dev` we run is given — the launcher's embedded server, the
 * bench's, the test servers: the search attributes the workflow upserts, and the dynamic config
 * the service is tuned for. Compose's server gets the same config from
 * deploy/temporal/dynamicconfig.yaml (tests/unit/docker-compose.test.ts keeps the two equal).
 */
import { SEARCH_ATTRIBUTE_REGISTRATIONS } from '../workflows/search-attributes';

export const SERVER_DYNAMIC_CONFIG = {
  // Eager activities: the server hands a step's persistence activity to the worker in its reply to
  // the workflow task that scheduled it, instead of through a task-queue poll — fewer round trips
  // and less server work per step (BENCHMARKS.md). Off by default in the server.
  'system.enableActivityEagerExecution': true,
} as const;

export function devServerArgs(): string[] {
  return [
    ...Object.entries(SEARCH_ATTRIBUTE_REGISTRATIONS).flatMap(([name, type]) => ['--search-attribute', `${name}=${type}`]),
    ...Object.entries(SERVER_DYNAMIC_CONFIG).flatMap(([key, value]) => ['--dynamic-config-value', `${key}=${JSON.stringify(value)}`]),
  ];
}
