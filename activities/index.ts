/**
 * The worker's activities, built from their dependencies so tests and processes wire their own.
 */
import type { Db } from '../db/client';
import { createDeliveryBookkeeping } from './deliveries';
import { type MailSettings, createMailer } from './mailer';
import { createRecordNotifications } from './record-notifications';
import { createRecordRescissionStep } from './record-rescission-step';
import { createRecordStep } from './record-step';
import { createSendEmail } from './send-email';
import { createSendWebhook } from './send-webhook';
import { failFastOnUnstorable } from './unstorable-write';

export interface ActivityDeps {
  db: Db;
  /** SMTP for e-mail notifications; without it e-mails are recorded as skipped. */
  mail?: MailSettings | undefined;
  /** Per-attempt timeout of a webhook POST (default 10 s). */
  webhookTimeoutMs?: number | undefined;
}

export function createActivities(deps: ActivityDeps) {
  const mailer = deps.mail ? createMailer(deps.mail) : undefined;
  // The persistence of a step: a write PostgreSQL refuses for its data fails at once (activities/unstorable-write.ts).
  // recordStep is the signing workflow's one persistence activity, recordRescissionStep the 解约
  // workflow's: each writes a step and its notification in one transaction.
  const emailEnabled = mailer !== undefined;
  const recordNotifications = failFastOnUnstorable('recordNotifications', createRecordNotifications({ db: deps.db, emailEnabled }));
  const bookkeeping = createDeliveryBookkeeping(deps);
  return {
    recordStep: failFastOnUnstorable('recordStep', createRecordStep({ db: deps.db, emailEnabled })),
    recordRescissionStep: failFastOnUnstorable('recordRescissionStep', createRecordRescissionStep({ db: deps.db, emailEnabled })),
    // Not called by a workflow: the notification half of recordStep on its own, which
    // tests/api/notifications.test.ts drives directly.
    recordNotifications,
    ...bookkeeping,
    sendEmail: createSendEmail({ db: deps.db, mailer }),
    sendWebhook: createSendWebhook({ db: deps.db, ...(deps.webhookTimeoutMs ? { timeoutMs: deps.webhookTimeoutMs } : {}) }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
export type { TransitionRecord } from './record-transition';
export type { StepOutcome, StepRecord } from './record-step';
export type { RescissionStep } from './record-rescission-step';
export type { DeliveryFailure, DeliveryKind, PendingDeliveries } from './deliveries';
