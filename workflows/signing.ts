/**
 * One signing = one workflow. It holds the signing's state, accepts party actions as Updates
 * (validated synchronously, so refusals leave no trace in history) or as Signals of the same name,
 * and persists every accepted transition through an idempotent activity, in order. The rules live
 * in domain/signing-machine.ts; this file only wires messages and activities to them.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  log,
  patched,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { SignalDefinition, UpdateDefinition } from '@temporalio/common';
import { beijingTime } from '../domain/beijing-time';
import { UNSTORABLE_WRITE } from '../domain/failure-types';
import { DEFAULT_DEADLINE_POLICY, type DeadlinePolicy, type StageStep, stageSchedule } from '../domain/deadline-policy';
import { type NotificationEvent, isAnnounced, reminderNotification, transitionNotification } from '../domain/notification-event';
import { planFromSigning } from '../domain/employment-plan';
import {
  type Actor,
  type Command,
  type Decision,
  type SigningState,
  type Transition,
  decide,
  expire,
  submit,
} from '../domain/signing-machine';
import { ACTION_LABELS, PARTY_LABELS, type Party, STATUS_LABELS, awaitingParty, isPending } from '../domain/status';
import type { StepRecord } from '../activities/record-step';
import { PERSIST_OPTIONS, recordStep, recordTransition } from './activity-proxies';
import { outsideAnyRequest } from './request-context';
import {
  type SigningView,
  type SigningWorkflowInput,
  cancelSignal,
  cancelUpdate,
  employerSignSignal,
  employerSignUpdate,
  returnSignal,
  returnUpdate,
  schoolConfirmSignal,
  schoolConfirmUpdate,
  statusQuery,
  studentConfirmSignal,
  studentConfirmUpdate,
  updateArchiveSignal,
  updateArchiveUpdate,
} from './messages';
import { createNotifier, notificationLabel } from './notifier';
import { AwaitingPartyKey, EmployerCreditCodeKey, SchoolCodeKey, SigningStatusKey, StageStartedAtKey } from './search-attributes';

export async function signingWorkflow(input: SigningWorkflowInput): Promise<SigningView> {
  // Runs started before deadlines existed carry no policy: they get the default.
  const policy: DeadlinePolicy = input.policy ?? DEFAULT_DEADLINE_POLICY;
  const first = submit(input);
  let state: SigningState = first.state;
  let lastEvent = first.event;
  const notifier = createNotifier();
  // Since this patch a step — a transition and the notification it announces, or a notification
  // alone — is persisted by ONE activity (recordStep), and a delivery workflow is started only when
  // the event has e-mails or webhook calls to deliver. Runs begun before it keep their sequence
  // (recordTransition, then recordNotifications and a delivery child for every event).
  const stepwise = patched(STEP_PERSISTENCE_PATCH);

  /** When the current stage expires: its start (the last transition) plus the stage deadline. */
  const deadlineAt = (): string | null =>
    isPending(state.status) ? new Date(Date.parse(state.stageStartedAt) + policy.stageDeadlineMs).toISOString() : null;

  // Transitions are persisted strictly in order: each write waits for the one before it.
  let persisted: Promise<void> = Promise.resolve();
  const persist = (transition: Transition, notification?: NotificationEvent): Promise<void> => {
    const record = {
      signingId: state.signingId,
      event: transition.event,
      state: transition.state,
      deadlineAt: deadlineAt(),
      newVersion: transition.newVersion,
      plan:
        transition.state.status === 'COMPLETED'
          ? planFromSigning(transition.state, transition.event.actor.id, transition.event.at)
          : undefined,
    };
    const summary = `记录：${ACTION_LABELS[transition.event.action]} → ${STATUS_LABELS[transition.state.status]}`;
    if (stepwise) return persistStep({ transition: record, notification }, notification ? `${summary}；通知：${notificationLabel(notification)}` : summary);
    persisted = persisted.then(() => recordTransition.executeWithOptions({ ...PERSIST_OPTIONS, summary }, [record]));
    return persisted;
  };

  // Set when a step's write failed with UNSTORABLE_WRITE (no retry can store it): the state here is
  // then ahead of the database, so the signing holds — every later action is refused, no timer
  // acts — until an operator repairs it (RELIABILITY.md "A write no retry can fix").
  let held: { seq: number; reason: string } | undefined;
  /** Holds the signing if `err` is an unstorable write; answers whether it was. */
  const holdFor = (err: unknown): boolean => {
    if (!(err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.type === UNSTORABLE_WRITE)) return false;
    if (!held) {
      held = { seq: state.seq, reason: err.cause.message };
      log.error('网签已暂停：一步无法保存', { signingId: state.signingId, seq: state.seq, failure: err.cause.message });
      setCurrentDetails(`已暂停办理：第 ${state.seq} 步无法保存（${err.cause.message}）。处理办法见 RELIABILITY.md「A write no retry can fix」`);
    }
    return true;
  };
  const heldRefusal = (): ApplicationFailure =>
    ApplicationFailure.create({
      type: 'CONFLICT',
      message: '该网签有一步办理结果未能保存，已暂停办理，运维人员正在处理，请稍后再试',
      details: [{ reason: UNSTORABLE_WRITE, status: state.status, statusLabel: STATUS_LABELS[state.status] }],
      nonRetryable: true,
    });

  /** (stepwise) One step's activity, after the steps before it; its delivery, if any, after it. */
  const persistStep = (step: StepRecord, summary: string): Promise<void> => {
    const outcome = persisted.then(() => recordStep.executeWithOptions({ ...PERSIST_OPTIONS, summary }, [step]));
    // An unstorable step holds the signing; later steps chained on it are never written.
    outcome.catch(holdFor);
    persisted = outcome.then(() => undefined);
    if (step.notification) notifier.deliver(step.notification, outcome);
    return persisted;
  };
  /** A notification with no transition (the submission's, a reminder). */
  const announce = (event: NotificationEvent): void => {
    if (stepwise) void persistStep({ notification: event }, `通知：${notificationLabel(event)}`);
    else notifier.notify(event, persisted);
  };

  const view = (): SigningView => ({
    signingId: state.signingId,
    status: state.status,
    statusLabel: STATUS_LABELS[state.status],
    awaiting: awaitingParty(state.status),
    deadlineAt: deadlineAt(),
    seq: state.seq,
    parties: state.parties,
    agreement: state.agreement ? { version: state.agreement.version, hash: state.agreement.hash } : null,
    lastEvent,
    updatedAt: state.updatedAt,
  });

  const accept = (transition: Transition): Promise<void> => {
    state = transition.state;
    lastEvent = transition.event;
    // Ids and codes only (no names, no agreement); the line carries the causing request's id.
    log.info('已受理状态变更', { signingId: state.signingId, seq: state.seq, action: transition.event.action, status: state.status });
    publish(state, deadlineAt());
    const notification = isAnnounced(transition.event.action)
      ? transitionNotification(state.signingId, state.parties, transition.event, awaitingParty(state.status), deadlineAt())
      : undefined;
    if (stepwise) return persist(transition, notification);
    const written = persist(transition);
    if (notification) notifier.notify(notification, written);
    return written;
  };

  const decideNow = (command: Command): Decision => decide(state, command, new Date().toISOString());

  /** Registers the Update and the Signal of one action on the same decision code. */
  function handle<I extends { actor: Actor }>(
    update: UpdateDefinition<SigningView, [I]>,
    signal: SignalDefinition<[I]>,
    toCommand: (input: I) => Command,
  ): void {
    setHandler(
      update,
      async (input) => {
        if (held) throw heldRefusal();
        const decision = decideNow(toCommand(input));
        // The validator accepted this against the same state (a handler starts synchronously
        // after its validator), so a refusal here would be a bug: fail the update, never lie.
        if (!decision.ok) throw refusalFailure(decision);
        try {
          await accept(decision.transition);
        } catch (err) {
          if (!holdFor(err)) throw err;
          throw ApplicationFailure.create({
            type: UNSTORABLE_WRITE,
            message: '办理已受理，但结果未能保存，网签已暂停办理；运维人员已收到告警',
            details: [{ seq: held!.seq }],
            nonRetryable: true,
          });
        }
        return view();
      },
      {
        validator: (input) => {
          if (held) throw heldRefusal();
          const decision = decideNow(toCommand(input));
          if (!decision.ok) throw refusalFailure(decision);
        },
      },
    );
    setHandler(signal, (input) => {
      if (held) {
        log.warn('signal ignored: the signing is held', { action: toCommand(input).type });
        return;
      }
      const decision = decideNow(toCommand(input));
      if (!decision.ok) {
        // A Signal cannot be refused to its sender; it is logged and ignored.
        log.warn('signal refused', { action: toCommand(input).type, refusal: decision.refusal });
        return;
      }
      // Persistence is awaited at the end of the run through `persisted`.
      void accept(decision.transition);
    });
  }

  upsertSearchAttributes([
    { key: SchoolCodeKey, value: input.parties.schoolCode },
    { key: EmployerCreditCodeKey, value: input.parties.employerCreditCode },
  ]);
  publish(state, deadlineAt());
  // Before the handlers are set: an Update that came with the start is delivered as soon as its
  // handler is, and its step must queue behind the submission's notice (tests/workflows saw
  // seq 2's notice recorded before seq 1's when the Update arrived in the first workflow task).
  // The submission (seq 1) was recorded by the API in the same transaction that reserved the
  // signing and started this run; persistence here begins with the first party action.
  announce(transitionNotification(state.signingId, state.parties, first.event, 'employer', deadlineAt()));

  handle(employerSignUpdate, employerSignSignal, (i) => ({ type: 'employerSign', ...i }));
  handle(studentConfirmUpdate, studentConfirmSignal, (i) => ({ type: 'studentConfirm', ...i }));
  handle(returnUpdate, returnSignal, (i) => ({ type: 'return', ...i }));
  handle(schoolConfirmUpdate, schoolConfirmSignal, (i) => ({ type: 'schoolConfirm', ...i }));
  handle(cancelUpdate, cancelSignal, (i) => ({ type: 'cancel', ...i }));
  handle(updateArchiveUpdate, updateArchiveSignal, (i) => ({ type: 'updateArchive', ...i }));
  setHandler(statusQuery, view);

  // Each stage (from one transition to the next) runs the policy's timeline: reminders to the
  // awaited party, then expiry. Any transition — including a return — starts a fresh stage.
  while (isPending(state.status)) {
    const { stageSeq } = state;
    const stageStart = Date.parse(state.stageStartedAt);
    const awaiting = awaitingParty(state.status)!;
    for (const step of stageSchedule(policy)) {
      const remaining = stageStart + step.offsetMs - Date.now();
      if (remaining > 0) await condition(() => state.stageSeq !== stageSeq || held !== undefined, remaining, { summary: stepSummary(step, awaiting) });
      if (state.stageSeq !== stageSeq || held) break;
      const now = new Date().toISOString();
      // A timer, not a request, does this: its activities must not carry the submitter's request id.
      if (step.kind === 'reminder') {
        outsideAnyRequest(() => announce(reminderNotification(state.signingId, state.parties, state.status, awaiting, stageSeq, step, now, deadlineAt()!)));
      } else {
        const expiry = expire(state, now);
        if (expiry) {
          await outsideAnyRequest(() => accept(expiry)).catch((err: unknown) => {
            if (!holdFor(err)) throw err;
          });
        }
      }
    }
    // Held: wait for the operator's repair (a reset to before the step, or a termination); nothing
    // here can store that step, and nothing after it may be written out of order.
    if (held) await condition(() => false);
  }

  // Let in-flight Update handlers reply before the run closes, then flush the last writes.
  await condition(allHandlersFinished);
  await persisted;
  await notifier.flushed();
  return view();
}

/** See `stepwise` in signingWorkflow. */
export const STEP_PERSISTENCE_PATCH = 'step-persistence';

function stepSummary(step: StageStep, awaiting: Party): string {
  const party = PARTY_LABELS[awaiting];
  if (step.kind === 'deadline') return `办理期限：${party}未办理则过期`;
  return step.lastCall ? `最后提醒${party}：第 ${step.n} 次` : `提醒${party}：第 ${step.n} 次`;
}

/** Keeps the search attributes and the UI's current details in step with the state. */
function publish(state: SigningState, deadlineAt: string | null): void {
  const awaiting = awaitingParty(state.status);
  upsertSearchAttributes([
    { key: SigningStatusKey, value: state.status },
    { key: AwaitingPartyKey, value: awaiting },
    { key: StageStartedAtKey, value: new Date(state.stageStartedAt) },
  ]);
  setCurrentDetails(
    awaiting && deadlineAt
      ? `当前状态：${STATUS_LABELS[state.status]}；等待${PARTY_LABELS[awaiting]}办理，截止 ${beijingTime(deadlineAt)}（北京时间）`
      : `当前状态：${STATUS_LABELS[state.status]}`,
  );
}

function refusalFailure(decision: Extract<Decision, { ok: false }>): ApplicationFailure {
  const { refusal } = decision;
  return ApplicationFailure.create({
    type: refusal.code,
    message: refusal.message,
    details: [refusal.details],
    nonRetryable: true,
  });
}
