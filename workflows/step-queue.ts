/**
 * The in-order persistence both workflows run their steps through (the signing's recordStep, the
 * 解约 request's recordRescissionStep): each step's activity waits for the one before it, its
 * notification's delivery starts once it is stored, and a step PostgreSQL refuses for its data
 * (UNSTORABLE_WRITE) holds the run — the state is then ahead of the database, so every later action
 * is refused and no timer acts until an operator repairs it (RELIABILITY.md "A write no retry can
 * fix"). Later steps chained on a refused one are never written.
 */
import { log, setCurrentDetails } from '@temporalio/workflow';
import type { StepOutcome } from '../activities';
import type { NotificationEvent } from '../domain/notification-event';
import { unstorableReason } from './held';
import { type Notifier, createNotifier } from './notifier';

export interface Held {
  seq: number;
  reason: string;
}

export interface StepQueue<S extends { notification?: NotificationEvent | undefined }> {
  /** Set once a step could not be stored. */
  readonly held: Held | undefined;
  /** Queues `step` after the steps before it; resolves once it is stored. */
  persist(step: S, summary: string): Promise<void>;
  /** Starts the delivery of a notification stored outside this queue (it has something to deliver). */
  deliverRecorded(notification: NotificationEvent): void;
  /** Holds the run if `err` is an unstorable write; answers whether it was. */
  holdFor(err: unknown): boolean;
  /** Resolves when every step has been stored and every delivery started. */
  flushed(): Promise<void>;
}

export function createStepQueue<S extends { notification?: NotificationEvent | undefined }>(options: {
  record: (step: S, summary: string) => Promise<StepOutcome>;
  /** Where the run stands, for the hold's record: its seq, and what the log and the UI call it. */
  where: () => { seq: number; ids: Record<string, string>; what: string };
}): StepQueue<S> {
  let held: Held | undefined;
  const notifier: Notifier = createNotifier();
  let persisted: Promise<void> = Promise.resolve();

  const holdFor = (err: unknown): boolean => {
    const reason = unstorableReason(err);
    if (reason === undefined) return false;
    if (!held) {
      const { seq, ids, what } = options.where();
      held = { seq, reason };
      log.error(`${what}已暂停：一步无法保存`, { ...ids, seq, failure: reason });
      setCurrentDetails(`已暂停办理：${what}第 ${seq} 步无法保存（${reason}）。处理办法见 RELIABILITY.md「A write no retry can fix」`);
    }
    return true;
  };

  return {
    get held() {
      return held;
    },
    persist(step, summary) {
      const outcome = persisted.then(() => options.record(step, summary));
      outcome.catch(holdFor);
      persisted = outcome.then(() => undefined);
      if (step.notification) notifier.deliver(step.notification, outcome);
      return persisted;
    },
    deliverRecorded(notification) {
      notifier.deliver(notification, Promise.resolve({ deliver: true }));
    },
    holdFor,
    async flushed() {
      await persisted;
      await notifier.flushed();
    },
  };
}
