/**
 * Activity stubs for the signing workflow, with their retry policies. Persistence retries without
 * limit: an acknowledged step must reach PostgreSQL eventually, even after a long outage.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { ActivityOptions } from '@temporalio/common';
import type { Activities } from '../activities';

export const PERSIST_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
};

export const { recordStep } = proxyActivities<Activities>(PERSIST_OPTIONS);
