/**
 * The worker's activities, built from their dependencies so tests and processes wire their own.
 */
import type { Db } from '../db/client';
import { createDeliveryBookkeeping } from './deliveries';
import { type MailSettings, createMailer } from './mailer';
import { createRecordNotifications } from './record-notifications';
import { createRecordTransition } from './record-transition';
import { createSendEmail } from './send-email';
import { createSendWebhook } from './send-webhook';

export interface ActivityDeps {
  db: Db;
  /** SMTP for e-mail notifications; without it e-mails are recorded as skipped. */
  mail?: MailSettings | undefined;
  /** Per-attempt timeout of a webhook POST (default 10 s). */
  webhookTimeoutMs?: number | undefined;
}

export function createActivities(deps: ActivityDeps) {
  const mailer = deps.mail ? createMailer(deps.mail) : undefined;
  return {
    recordTransition: createRecordTransition(deps),
    recordNotifications: createRecordNotifications({ db: deps.db, emailEnabled: mailer !== undefined }),
    ...createDeliveryBookkeeping(deps),
    sendEmail: createSendEmail({ db: deps.db, mailer }),
    sendWebhook: createSendWebhook({ db: deps.db, ...(deps.webhookTimeoutMs ? { timeoutMs: deps.webhookTimeoutMs } : {}) }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
export type { TransitionRecord } from './record-transition';
export type { DeliveryFailure, DeliveryKind, PendingDeliveries } from './deliveries';
