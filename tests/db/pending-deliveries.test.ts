/**
 * listPendingDeliveries on an event with no rows at all (activities/deliveries.ts): the
 * submission's notice is written by the API in the transaction that starts the signing's run, so
 * the delivery can look before it commits. It retries then; once past the wait, an event that never
 * committed has nothing to deliver.
 */
import { randomUUID } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDeliveryBookkeeping, UNCOMMITTED_NOTICE_WAIT_MS } from '../../activities/deliveries';
import { connectDatabase } from '../../db/client';

const database = connectDatabase(inject('databaseUrl'), { max: 2 });
const { listPendingDeliveries } = createDeliveryBookkeeping({ db: database.db });
afterAll(() => database.close());

const runAsActivity = (scheduledAgoMs: number, eventId: string) =>
  new MockActivityEnvironment({ scheduledTimestampMs: Date.now() - scheduledAgoMs }).run(listPendingDeliveries, eventId);

describe('an event with no delivery rows', () => {
  it('is retried while it may still be committing', async () => {
    await expect(runAsActivity(1_000, `${randomUUID()}.1`)).rejects.toMatchObject({ type: 'NOTICE_NOT_COMMITTED', nonRetryable: false });
  });

  it('has nothing to deliver once the wait is over (its transaction never committed)', async () => {
    await expect(runAsActivity(UNCOMMITTED_NOTICE_WAIT_MS + 1_000, `${randomUUID()}.1`)).resolves.toEqual({ emails: [], webhooks: [] });
  });
});
