/**
 * One signing = one workflow. It holds the signing's state, accepts party actions as Updates
 * (validated synchronously, so refusals leave no trace in history) or as Signals of the same name,
 * and persists every step through one idempotent activity (recordStep), in order. The rules live
 * in domain/signing-machine.ts; this file only wires messages and activities to them.
 *
 * The flow: describe the signing (older runs: publish it and record the submission's notice),
 * register the action handlers, then run each stage's timeline (reminders, expiry) until the
 * signing ends, and flush the last writes.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  log,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { SignalDefinition, UpdateDefinition } from '@temporalio/common';
import { beijingTime } from '../domain/beijing-time';
import { DEFAULT_DEADLINE_POLICY, type DeadlinePolicy, type StageStep, stageSchedule } from '../domain/deadline-policy';
import { type NotificationEvent, isAnnounced, reminderNotification, transitionNotification } from '../domain/notification-event';
import { planFromSigning } from '../domain/employment-plan';
import { signingProjection } from '../domain/signing-projection';
import { PARTY_ACTIONS, type PartyAction } from '../domain/actions';
import {
  type ActionMessage,
  type Decision,
  type SigningEvent,
  type SigningState,
  type Transition,
  commandOf,
  decide,
  expire,
  submit,
} from '../domain/signing-machine';
import { ACTION_LABELS, PARTY_LABELS, type Party, STATUS_LABELS, awaitingParty, isPending } from '../domain/status';
import type { StepRecord, TransitionRecord } from '../activities';
import { heldRefusal, unstoredStepFailure } from './held';
import { createStepQueue } from './step-queue';
import { PERSIST_OPTIONS, recordStep } from './activity-proxies';
import { outsideAnyRequest } from './request-context';
import {
  ACTION_SIGNALS,
  ACTION_UPDATES,
  type SigningView,
  type SigningWorkflowInput,
  statusQuery,
} from './messages';
import { notificationLabel } from './notifier';
import { AwaitingPartyKey, EmployerCreditCodeKey, SchoolCodeKey, SigningStatusKey, StageStartedAtKey } from './search-attributes';

export async function signingWorkflow(input: SigningWorkflowInput): Promise<SigningView> {
  const first = submit(input);
  // Runs started before deadlines existed carry no policy: they get the default.
  const signing = openSigning(first, input.policy ?? DEFAULT_DEADLINE_POLICY);

  // The submission (seq 1) was recorded by the API in the same transaction that reserved the
  // signing and started this run; persistence here begins with the first party action.
  const notice = transitionNotification(first.state.signingId, first.state.parties, first.event, 'employer', signing.deadlineAt());
  if (input.submissionNotice) {
    // The start set the search attributes and the API wrote the notice: no upsert, no activity.
    describe(signing.state, signing.deadlineAt());
    if (input.submissionNotice.deliver) signing.deliverRecorded(notice);
  } else {
    // Runs started before that: the same commands as then, so their histories replay.
    upsertSearchAttributes([
      { key: SchoolCodeKey, value: input.parties.schoolCode },
      { key: EmployerCreditCodeKey, value: input.parties.employerCreditCode },
    ]);
    publish(signing.state, signing.deadlineAt());
    // Before the handlers are set: an Update that came with the start is delivered as soon as its
    // handler is, and its step must queue behind the submission's notice (tests/workflows saw
    // seq 2's notice recorded before seq 1's when the Update arrived in the first workflow task).
    signing.announce(notice);
  }

  for (const action of PARTY_ACTIONS) handleAction(signing, action);
  setHandler(statusQuery, signing.view);

  await runStages(signing);

  // Let in-flight Update handlers reply before the run closes, then flush the last writes.
  await condition(allHandlersFinished);
  await signing.flushed();
  return signing.view();
}

/** The signing as this run holds it: its state, and the in-order persistence of its steps. */
interface Signing {
  readonly state: SigningState;
  readonly policy: DeadlinePolicy;
  /** Set when a step could not be stored (see `holdFor`). */
  readonly held: { seq: number; reason: string } | undefined;
  /** When the current stage expires: its start (the last transition) plus the stage deadline. */
  deadlineAt(): string | null;
  view(): SigningView;
  /** Takes an accepted transition; resolves once its step (and notification, if any) is stored. */
  accept(transition: Transition): Promise<void>;
  /** Stores a notification with no transition (a reminder; an older run's submission). */
  announce(event: NotificationEvent): void;
  /** Starts the delivery of a notification someone else stored (the API, the submission's). */
  deliverRecorded(event: NotificationEvent): void;
  /** Holds the signing if `err` is an unstorable write; answers whether it was. */
  holdFor(err: unknown): boolean;
  /** Resolves when every step has been stored and every delivery started. */
  flushed(): Promise<void>;
}

function openSigning(first: Transition, policy: DeadlinePolicy): Signing {
  let state = first.state;
  let lastEvent = first.event;
  const deadlineAt = () => deadlineOf(state, policy);
  // Steps are persisted strictly in order; an unstorable one holds the signing (./step-queue.ts).
  const steps = createStepQueue<StepRecord>({
    record: (step, summary) => recordStep.executeWithOptions({ ...PERSIST_OPTIONS, summary }, [step]),
    where: () => ({ seq: state.seq, ids: { signingId: state.signingId }, what: '网签' }),
  });

  return {
    get state() {
      return state;
    },
    policy,
    get held() {
      return steps.held;
    },
    deadlineAt,
    view: () => viewOf(state, lastEvent, deadlineAt()),
    accept(transition) {
      state = transition.state;
      lastEvent = transition.event;
      // Ids and codes only (no names, no agreement); the line carries the causing request's id.
      log.debug('已受理状态变更', { signingId: state.signingId, seq: state.seq, action: transition.event.action, status: state.status });
      publish(state, deadlineAt());
      const notification = isAnnounced(transition.event.action)
        ? transitionNotification(state.signingId, state.parties, transition.event, awaitingParty(state.status), deadlineAt())
        : undefined;
      const summary = `记录：${ACTION_LABELS[transition.event.action]} → ${STATUS_LABELS[transition.state.status]}`;
      return steps.persist(
        { transition: transitionRecord(transition, deadlineAt()), notification },
        notification ? `${summary}；通知：${notificationLabel(notification)}` : summary,
      );
    },
    announce(event) {
      void steps.persist({ notification: event }, `通知：${notificationLabel(event)}`);
    },
    deliverRecorded: steps.deliverRecorded,
    holdFor: steps.holdFor,
    flushed: steps.flushed,
  };
}

/**
 * Registers the Update and the Signal of `action` (domain/actions.ts) on the same decision code.
 * Typed for any action's message: what `action`'s input must hold is checked by `decide` (its
 * schema in the table), as a Signal's payload arrives unchecked anyway.
 */
function handleAction(signing: Signing, action: PartyAction): void {
  type Message = ActionMessage<PartyAction>;
  const decideNow = (message: Message): Decision => decide(signing.state, commandOf(action, message), new Date().toISOString());
  const update: UpdateDefinition<SigningView, [Message]> = ACTION_UPDATES[action];
  const signal: SignalDefinition<[Message]> = ACTION_SIGNALS[action];
  setHandler(
    update,
    async (input) => {
      if (signing.held) throw heldRefusal('该网签', signing.state.status, STATUS_LABELS[signing.state.status]);
      const decision = decideNow(input);
      // The validator accepted this against the same state (a handler starts synchronously
      // after its validator), so a refusal here would be a bug: fail the update, never lie.
      if (!decision.ok) throw refusalFailure(decision);
      // The answer is the state this step made, taken before its write is awaited: a step accepted
      // meanwhile may move the state on, and the API answers from this view.
      const stored = signing.accept(decision.transition);
      const answer = signing.view();
      try {
        await stored;
      } catch (err) {
        if (!signing.holdFor(err)) throw err;
        throw unstoredStepFailure('网签', signing.held!.seq);
      }
      return answer;
    },
    {
      validator: (input) => {
        if (signing.held) throw heldRefusal('该网签', signing.state.status, STATUS_LABELS[signing.state.status]);
        const decision = decideNow(input);
        if (!decision.ok) throw refusalFailure(decision);
      },
    },
  );
  setHandler(signal, (input) => {
    if (signing.held) {
      log.warn('signal ignored: the signing is held', { action: commandOf(action, input).type });
      return;
    }
    const decision = decideNow(input);
    if (!decision.ok) {
      // A Signal cannot be refused to its sender; it is logged and ignored.
      log.warn('signal refused', { action: commandOf(action, input).type, refusal: decision.refusal });
      return;
    }
    // Persistence is awaited at the end of the run (`flushed`).
    void signing.accept(decision.transition);
  });
}

/**
 * Each stage (from one transition to the next) runs the policy's timeline: reminders to the
 * awaited party, then expiry. Any transition — including a return — starts a fresh stage.
 * Returns once the signing has ended.
 */
async function runStages(signing: Signing): Promise<void> {
  while (isPending(signing.state.status)) {
    const { stageSeq, stageStartedAt, status } = signing.state;
    const stageStart = Date.parse(stageStartedAt);
    const awaiting = awaitingParty(status)!;
    for (const step of stageSchedule(signing.policy)) {
      const remaining = stageStart + step.offsetMs - Date.now();
      if (remaining > 0) {
        await condition(() => signing.state.stageSeq !== stageSeq || signing.held !== undefined, remaining, { summary: stepSummary(step, awaiting) });
      }
      if (signing.state.stageSeq !== stageSeq || signing.held) break;
      // A timer, not a request, does this: its activities must not carry the submitter's request id.
      if (step.kind === 'reminder') outsideAnyRequest(() => remind(signing, step, stageSeq, awaiting));
      else await outsideAnyRequest(() => expireStage(signing));
    }
    // Held: wait for the operator's repair (a reset to before the step, or a termination); nothing
    // here can store that step, and nothing after it may be written out of order.
    if (signing.held) await condition(() => false);
  }
}

function remind(signing: Signing, step: Extract<StageStep, { kind: 'reminder' }>, stageSeq: number, awaiting: Party): void {
  const { state } = signing;
  const now = new Date().toISOString();
  signing.announce(reminderNotification(state.signingId, state.parties, state.status, awaiting, stageSeq, step, now, signing.deadlineAt()!));
}

async function expireStage(signing: Signing): Promise<void> {
  const expiry = expire(signing.state, new Date().toISOString());
  if (!expiry) return;
  await signing.accept(expiry).catch((err: unknown) => {
    if (!signing.holdFor(err)) throw err;
  });
}

function deadlineOf(state: SigningState, policy: DeadlinePolicy): string | null {
  return isPending(state.status) ? new Date(Date.parse(state.stageStartedAt) + policy.stageDeadlineMs).toISOString() : null;
}

function viewOf(state: SigningState, lastEvent: SigningEvent, deadlineAt: string | null): SigningView {
  return {
    signingId: state.signingId,
    status: state.status,
    statusLabel: STATUS_LABELS[state.status],
    awaiting: awaitingParty(state.status),
    deadlineAt,
    seq: state.seq,
    parties: state.parties,
    agreement: state.agreement ? { version: state.agreement.version, hash: state.agreement.hash } : null,
    lastEvent,
    updatedAt: state.updatedAt,
    row: signingProjection(state),
  };
}

/** What recordStep writes for a transition: the event, the row, a new version, the plan on completion. */
function transitionRecord(transition: Transition, deadlineAt: string | null): TransitionRecord {
  return {
    signingId: transition.state.signingId,
    event: transition.event,
    row: signingProjection(transition.state),
    deadlineAt,
    newVersion: transition.newVersion,
    plan:
      transition.state.status === 'COMPLETED'
        ? planFromSigning(transition.state, transition.event.actor.id, transition.event.at)
        : undefined,
  };
}



function stepSummary(step: StageStep, awaiting: Party): string {
  const party = PARTY_LABELS[awaiting];
  if (step.kind === 'deadline') return `办理期限：${party}未办理则过期`;
  return step.lastCall ? `最后提醒${party}：第 ${step.n} 次` : `提醒${party}：第 ${step.n} 次`;
}

/** Keeps the search attributes and the UI's current details in step with the state. */
function publish(state: SigningState, deadlineAt: string | null): void {
  upsertSearchAttributes([
    { key: SigningStatusKey, value: state.status },
    { key: AwaitingPartyKey, value: awaitingParty(state.status) },
    { key: StageStartedAtKey, value: new Date(state.stageStartedAt) },
  ]);
  describe(state, deadlineAt);
}

/** The UI's current details (the run's metadata: no history event). */
function describe(state: SigningState, deadlineAt: string | null): void {
  const awaiting = awaitingParty(state.status);
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
