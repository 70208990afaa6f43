/**
 * What every `temporal server start-dev` we run is given — the launcher's embedded server, the
 * bench's, the test servers: the search attributes the workflow upserts (compose registers the same
 * list with deploy/temporal/create-namespace.sh).
 */
import { SEARCH_ATTRIBUTE_REGISTRATIONS } from '../workflows/search-attributes';

export function devServerArgs(): string[] {
  return Object.entries(SEARCH_ATTRIBUTE_REGISTRATIONS).flatMap(([name, type]) => ['--search-attribute', `${name}=${type}`]);
}
