/**
 * One 解约 request = one workflow (docs/design.md §11). It holds the request's state, accepts the
 * parties' actions as Updates (validated synchronously, so a refusal leaves no trace in history)
 * or as Signals of the same name, persists every step after the request through one idempotent
 * activity (recordRescissionStep: the step, then its notification to the three parties), in
 * order, reminds the awaited party on the signing's policy, and expires a stage that passes its
 * deadline. A step PostgreSQL refuses for its data holds the request, as a signing is held. The rules live in
 * domain/rescission.ts; this file only wires messages, timers and the activity to them. Races —
 * an approval against a withdrawal, two answers at once — are decided here: the workflow takes one
 * message at a time, so the first accepted moves the state and the other is refused against it.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  log,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { SignalDefinition, UpdateDefinition } from '@temporalio/common';
import type { Activities, RescissionStep } from '../activities';
import { beijingTime } from '../domain/beijing-time';
import { type StageStep, stageSchedule } from '../domain/deadline-policy';
import type { NotificationEvent } from '../domain/notification-event';
import { rescissionNotification, rescissionReminder } from '../domain/rescission-notifications';
import {
  RESCISSION_ACTION_NAMES,
  RESCISSION_EVENT_LABELS,
  RESCISSION_STATUS_LABELS,
  type RescissionAction,
  type RescissionCommand,
  type RescissionDecision,
  type RescissionEvent,
  type RescissionState,
  awaitedRescissionParty,
  decideRescission,
  expireRescission,
  isPendingRescission,
  requestRescission,
} from '../domain/rescission';
import { PARTY_LABELS, type Party } from '../domain/status';
import { heldRefusal, unstoredStepFailure } from './held';
import { createStepQueue } from './step-queue';
import { PERSIST_OPTIONS } from './activity-proxies';
import { notificationLabel } from './notifier';
import { outsideAnyRequest } from './request-context';
import {
  RESCISSION_SIGNALS,
  RESCISSION_UPDATES,
  type RescissionMessage,
  type RescissionView,
  type RescissionWorkflowInput,
  rescissionStatusQuery,
} from './rescission-messages';
import { AwaitingPartyKey, EmployerCreditCodeKey, RescissionStatusKey, SchoolCodeKey, StageStartedAtKey } from './search-attributes';

const { recordRescissionStep } = proxyActivities<Pick<Activities, 'recordRescissionStep'>>(PERSIST_OPTIONS);

export async function rescissionWorkflow(input: RescissionWorkflowInput): Promise<RescissionView> {
  const request = openRequest(input);
  upsertSearchAttributes([
    { key: SchoolCodeKey, value: input.parties.schoolCode },
    { key: EmployerCreditCodeKey, value: input.parties.employerCreditCode },
  ]);
  request.publish();
  // Before the handlers are set, so an Update that came with the start queues behind it. The
  // request itself (seq 1) was recorded by the API in the transaction that started this run.
  request.announce(rescissionNotification(request.state, request.first, request.deadlineAt()));

  for (const action of RESCISSION_ACTION_NAMES) handleAction(request, action);
  setHandler(rescissionStatusQuery, request.view);

  await runStages(request, input);

  // Let in-flight Update handlers reply before the run closes, then flush the last writes.
  await condition(allHandlersFinished);
  await request.flushed();
  return request.view();
}

interface Request {
  readonly state: RescissionState;
  /** The request's own event (seq 1). */
  readonly first: RescissionEvent;
  /** Set when a step could not be stored: every later action is refused, no timer acts. */
  readonly held: { seq: number; reason: string } | undefined;
  deadlineAt(): string | null;
  view(): RescissionView;
  publish(): void;
  /** Takes an accepted step; resolves once it and its notification are stored (after every step before it). */
  accept(next: { state: RescissionState; event: RescissionEvent }): Promise<void>;
  /** Stores a notification with no step (the request's own, a reminder). */
  announce(event: NotificationEvent): void;
  /** Holds the request if `err` is an unstorable write; answers whether it was. */
  holdFor(err: unknown): boolean;
  flushed(): Promise<void>;
}

function openRequest(input: RescissionWorkflowInput): Request {
  // The request (seq 1) was recorded by the API in the transaction that reserved it.
  const first = requestRescission(input);
  let state = first.state;
  let lastEvent = first.event;
  // Steps are persisted strictly in order; an unstorable one holds the request (./step-queue.ts).
  const steps = createStepQueue<RescissionStep>({
    record: (step, summary) => recordRescissionStep.executeWithOptions({ ...PERSIST_OPTIONS, summary }, [step]),
    where: () => ({ seq: state.seq, ids: { rescissionId: state.rescissionId }, what: '解约申请' }),
  });
  const deadlineAt = () =>
    isPendingRescission(state.status) ? new Date(Date.parse(state.stageStartedAt) + input.policy.stageDeadlineMs).toISOString() : null;
  const view = (): RescissionView => ({
    rescissionId: state.rescissionId,
    signingId: state.signingId,
    status: state.status,
    statusLabel: RESCISSION_STATUS_LABELS[state.status],
    awaiting: awaitedRescissionParty(state),
    deadlineAt: deadlineAt(),
    seq: state.seq,
    requestedBy: state.requestedBy,
    lastEvent,
    updatedAt: state.updatedAt,
  });
  const publish = () => {
    const awaiting = awaitedRescissionParty(state);
    upsertSearchAttributes([
      { key: RescissionStatusKey, value: state.status },
      { key: AwaitingPartyKey, value: awaiting },
      { key: StageStartedAtKey, value: new Date(state.stageStartedAt) },
    ]);
    const due = deadlineAt();
    setCurrentDetails(
      awaiting && due
        ? `解约申请：${RESCISSION_STATUS_LABELS[state.status]}；等待${PARTY_LABELS[awaiting]}办理，截止 ${beijingTime(due)}（北京时间）`
        : `解约申请：${RESCISSION_STATUS_LABELS[state.status]}`,
    );
  };
  return {
    get state() {
      return state;
    },
    first: first.event,
    get held() {
      return steps.held;
    },
    deadlineAt,
    view,
    publish,
    accept(next) {
      state = next.state;
      lastEvent = next.event;
      log.debug('解约申请已受理一步', { rescissionId: state.rescissionId, seq: state.seq, action: next.event.action, status: state.status });
      publish();
      const due = deadlineAt();
      const notification = rescissionNotification(state, next.event, due);
      const summary = `记录：${RESCISSION_EVENT_LABELS[next.event.action]} → ${RESCISSION_STATUS_LABELS[state.status]}；通知：${notificationLabel(notification)}`;
      return steps.persist({ record: { state, event: next.event, deadlineAt: due }, notification }, summary);
    },
    announce(event) {
      void steps.persist({ notification: event }, `通知：${notificationLabel(event)}`);
    },
    holdFor: steps.holdFor,
    flushed: steps.flushed,
  };
}

/** The Update and the Signal of `action`, on the same decision code. */
function handleAction(request: Request, action: RescissionAction): void {
  const decideNow = (message: RescissionMessage): RescissionDecision =>
    // The action is the message's name, never a field inside it (as commandOf for the signing).
    decideRescission(request.state, { ...message, type: action } as RescissionCommand, new Date().toISOString());
  const update: UpdateDefinition<RescissionView, [RescissionMessage]> = RESCISSION_UPDATES[action];
  const signal: SignalDefinition<[RescissionMessage]> = RESCISSION_SIGNALS[action];
  setHandler(
    update,
    async (message) => {
      if (request.held) throw heldRefusal('该解约申请', request.state.status, RESCISSION_STATUS_LABELS[request.state.status]);
      const decision = decideNow(message);
      // The validator accepted this against the same state: a refusal here would be a bug.
      if (!decision.ok) throw refusalFailure(decision);
      // The answer is the state this step made, taken before its write is awaited: a step accepted
      // meanwhile may move the state on, and the API answers from this view.
      const stored = request.accept(decision);
      const answer = request.view();
      try {
        await stored;
      } catch (err) {
        if (!request.holdFor(err)) throw err;
        throw unstoredStepFailure('解约申请', request.held!.seq);
      }
      return answer;
    },
    {
      validator: (message) => {
        if (request.held) throw heldRefusal('该解约申请', request.state.status, RESCISSION_STATUS_LABELS[request.state.status]);
        const decision = decideNow(message);
        if (!decision.ok) throw refusalFailure(decision);
      },
    },
  );
  setHandler(signal, (message) => {
    if (request.held) {
      log.warn('rescission signal ignored: the request is held', { action });
      return;
    }
    const decision = decideNow(message);
    if (!decision.ok) {
      // A Signal cannot be refused to its sender; it is logged and ignored.
      log.warn('rescission signal refused', { action, refusal: decision.refusal });
      return;
    }
    void request.accept(decision);
  });
}

/**
 * Each stage runs the signing's policy timeline (the policy travelled with the request):
 * reminders to the awaited party, then expiry. Returns once the request has ended.
 */
async function runStages(request: Request, input: RescissionWorkflowInput): Promise<void> {
  while (isPendingRescission(request.state.status)) {
    const { seq, stageStartedAt } = request.state;
    const stageStart = Date.parse(stageStartedAt);
    const awaiting = awaitedRescissionParty(request.state)!;
    for (const step of stageSchedule(input.policy)) {
      const remaining = stageStart + step.offsetMs - Date.now();
      if (remaining > 0) {
        await condition(() => request.state.seq !== seq || request.held !== undefined, remaining, { summary: stepSummary(step, awaiting) });
      }
      if (request.state.seq !== seq || request.held) break;
      // A timer, not a request, does this: its activities must not carry a request id.
      if (step.kind === 'reminder') {
        outsideAnyRequest(() => request.announce(rescissionReminder(request.state, seq, step, new Date().toISOString(), request.deadlineAt()!)));
      } else {
        const expiry = expireRescission(request.state, new Date().toISOString());
        if (expiry) {
          await outsideAnyRequest(() => request.accept(expiry)).catch((err: unknown) => {
            if (!request.holdFor(err)) throw err;
          });
        }
      }
    }
    // Held: wait for the operator's repair; nothing after the unstored step may be written.
    if (request.held) await condition(() => false);
  }
}

function stepSummary(step: StageStep, awaiting: Party): string {
  const party = PARTY_LABELS[awaiting];
  if (step.kind === 'deadline') return `解约办理期限：${party}未办理则过期`;
  return step.lastCall ? `最后提醒${party}办理解约：第 ${step.n} 次` : `提醒${party}办理解约：第 ${step.n} 次`;
}



function refusalFailure(decision: Extract<RescissionDecision, { ok: false }>): ApplicationFailure {
  const { refusal } = decision;
  return ApplicationFailure.create({ type: refusal.code, message: refusal.message, details: [refusal.details], nonRetryable: true });
}
