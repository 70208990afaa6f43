/**
 * One 解约 request = one workflow (docs/design.md §11). It holds the request's state, accepts the
 * parties' actions as Updates (validated synchronously, so a refusal leaves no trace in history)
 * or as Signals of the same name, persists every step after the request through one idempotent
 * activity, in order, and expires a stage that passes its deadline. The rules live in
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
import { beijingTime } from '../domain/beijing-time';
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
import { PARTY_LABELS } from '../domain/status';
import { PERSIST_OPTIONS } from './activity-proxies';
import { outsideAnyRequest } from './request-context';
import {
  RESCISSION_SIGNALS,
  RESCISSION_UPDATES,
  type RescissionActivities,
  type RescissionMessage,
  type RescissionView,
  type RescissionWorkflowInput,
  rescissionStatusQuery,
} from './rescission-messages';
import { AwaitingPartyKey, EmployerCreditCodeKey, RescissionStatusKey, SchoolCodeKey, StageStartedAtKey } from './search-attributes';

const { recordRescissionStep } = proxyActivities<RescissionActivities>(PERSIST_OPTIONS);

export async function rescissionWorkflow(input: RescissionWorkflowInput): Promise<RescissionView> {
  const request = openRequest(input);
  upsertSearchAttributes([
    { key: SchoolCodeKey, value: input.parties.schoolCode },
    { key: EmployerCreditCodeKey, value: input.parties.employerCreditCode },
  ]);
  request.publish();

  for (const action of RESCISSION_ACTION_NAMES) handleAction(request, action);
  setHandler(rescissionStatusQuery, request.view);

  await runStages(request);

  // Let in-flight Update handlers reply before the run closes, then flush the last writes.
  await condition(allHandlersFinished);
  await request.flushed();
  return request.view();
}

interface Request {
  readonly state: RescissionState;
  deadlineAt(): string | null;
  view(): RescissionView;
  publish(): void;
  /** Takes an accepted step; resolves once it is stored (after every step before it). */
  accept(next: { state: RescissionState; event: RescissionEvent }): Promise<void>;
  flushed(): Promise<void>;
}

function openRequest(input: RescissionWorkflowInput): Request {
  // The request (seq 1) was recorded by the API in the transaction that reserved it.
  const first = requestRescission(input);
  let state = first.state;
  let lastEvent = first.event;
  let persisted: Promise<void> = Promise.resolve();
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
    deadlineAt,
    view,
    publish,
    accept(next) {
      state = next.state;
      lastEvent = next.event;
      log.info('解约申请已受理一步', { rescissionId: state.rescissionId, seq: state.seq, action: next.event.action, status: state.status });
      publish();
      const record = { state, event: next.event, deadlineAt: deadlineAt() };
      const summary = `记录：${RESCISSION_EVENT_LABELS[next.event.action]} → ${RESCISSION_STATUS_LABELS[state.status]}`;
      persisted = persisted.then(() => recordRescissionStep.executeWithOptions({ ...PERSIST_OPTIONS, summary }, [record]));
      return persisted;
    },
    flushed: () => persisted,
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
      const decision = decideNow(message);
      // The validator accepted this against the same state: a refusal here would be a bug.
      if (!decision.ok) throw refusalFailure(decision);
      await request.accept(decision);
      return request.view();
    },
    {
      validator: (message) => {
        const decision = decideNow(message);
        if (!decision.ok) throw refusalFailure(decision);
      },
    },
  );
  setHandler(signal, (message) => {
    const decision = decideNow(message);
    if (!decision.ok) {
      // A Signal cannot be refused to its sender; it is logged and ignored.
      log.warn('rescission signal refused', { action, refusal: decision.refusal });
      return;
    }
    void request.accept(decision);
  });
}

/** Each stage waits for its party until the policy's deadline, then expires the request. */
async function runStages(request: Request): Promise<void> {
  while (isPendingRescission(request.state.status)) {
    const { seq } = request.state;
    const remaining = Date.parse(request.deadlineAt()!) - Date.now();
    const awaiting = awaitedRescissionParty(request.state)!;
    const moved = remaining > 0 && (await condition(() => request.state.seq !== seq, remaining, { summary: `解约办理期限：${PARTY_LABELS[awaiting]}未办理则过期` }));
    if (moved) continue;
    const expiry = expireRescission(request.state, new Date().toISOString());
    // A timer, not a request, does this: its activity must not carry a request id.
    if (expiry) await outsideAnyRequest(() => request.accept(expiry));
  }
}

function refusalFailure(decision: Extract<RescissionDecision, { ok: false }>): ApplicationFailure {
  const { refusal } = decision;
  return ApplicationFailure.create({ type: refusal.code, message: refusal.message, details: [refusal.details], nonRetryable: true });
}
