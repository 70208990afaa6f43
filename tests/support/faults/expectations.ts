/** The assertions every fault test makes about its outcome (vitest only; the runner is plain). */
import { expect } from 'vitest';
import type { FaultOutcome } from './scenario';

export function expectNothingLostNothingTwice(outcome: FaultOutcome): void {
  const { report, stats } = outcome;
  // Only the process the scenario killed went away: the API and the worker survived the outage.
  expect(outcome.unexpectedExits).toEqual([]);
  // Every step a party took was acknowledged in the end; no request failed or got an unplanned 5xx.
  expect(stats.failures).toEqual([]);
  expect(stats.unexpected5xx).toEqual([]);
  expect(outcome.http.statuses['500'] ?? 0).toBe(0);
  // Every signing and 解约 request reached its planned end, and the database equals the workflow.
  expect(report.stateProblems).toEqual([]);
  expect(report.rescissions.checked).toBe(outcome.rescissions);
  // The audit trail: seq 1..n once each, n = the accepted steps.
  expect(report.duplicateEvents).toBe(0);
  expect(report.eventProblems).toEqual([]);
  expect(report.events).toBe(outcome.steps);
  // Inbox, outbox and deliveries: one per (event, recipient), all sent.
  expect(report.notificationProblems).toEqual([]);
  expect(report.email.missing).toBe(0);
  expect(report.email.unexpected).toBe(0);
  // At-least-once e-mail: any resent copy carries the same Message-ID as the first.
  expect(report.email.messageIdConflicts).toBe(0);
  expect(report.email.received).toBe(report.email.expected);
  // Webhooks: every event processed exactly once by each receiver (its dedupe by event id).
  expect(report.webhooks.missing).toBe(0);
  expect(report.webhooks.processedTwice).toBe(0);
  expect(report.webhooks.processed).toBe(report.webhooks.expected);
}
