/**
 * A fresh Java time-skipping test server for a workflow test, with the search attributes the
 * workflows upsert registered as production registers them. One per test: its time-skipping lock
 * is global, and one test's leftovers (a result() still locked, abandoned runs) must not stall the
 * next test's clock.
 */
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { inject } from 'vitest';
import { SEARCH_ATTRIBUTE_REGISTRATIONS } from '../../workflows/search-attributes';

export async function timeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: inject('testServerPath') } },
  });
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(
      Object.entries(SEARCH_ATTRIBUTE_REGISTRATIONS).map(([name, type]) => [
        name,
        type === 'Datetime'
          ? temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME
          : temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
      ]),
    ),
  });
  return env;
}
