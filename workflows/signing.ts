/**
 * One signing = one workflow. It holds the signing's state, accepts party actions as Updates
 * (validated synchronously, so refusals leave no trace in history) or as Signals of the same name,
 * and persists every accepted transition through an idempotent activity, in order. The rules live
 * in domain/signing-machine.ts; this file only wires messages and activities to them.
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
import type { Activities } from '../activities';
import { planFromSigning } from '../domain/employment-plan';
import {
  type Actor,
  type Command,
  type Decision,
  type SigningState,
  type Transition,
  decide,
  submit,
} from '../domain/signing-machine';
import { ACTION_LABELS, PARTY_LABELS, STATUS_LABELS, awaitingParty, isTerminal } from '../domain/status';
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
} from './messages';
import { AwaitingPartyKey, EmployerCreditCodeKey, SchoolCodeKey, SigningStatusKey } from './search-attributes';

const ACTIVITY_OPTIONS = {
  startToCloseTimeout: '30 seconds',
  // No attempt limit: an acknowledged step must reach PostgreSQL eventually, even after an outage.
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
} as const;
const { recordTransition } = proxyActivities<Activities>(ACTIVITY_OPTIONS);

export async function signingWorkflow(input: SigningWorkflowInput): Promise<SigningView> {
  const first = submit(input);
  let state: SigningState = first.state;
  let lastEvent = first.event;

  // Transitions are persisted strictly in order: each write waits for the one before it.
  let persisted: Promise<void> = Promise.resolve();
  const persist = (transition: Transition): Promise<void> => {
    const record = {
      signingId: state.signingId,
      event: transition.event,
      state: transition.state,
      newVersion: transition.newVersion,
      plan:
        transition.state.status === 'COMPLETED'
          ? planFromSigning(transition.state, transition.event.actor.id, transition.event.at)
          : undefined,
    };
    const summary = `记录：${ACTION_LABELS[transition.event.action]} → ${STATUS_LABELS[transition.state.status]}`;
    persisted = persisted.then(() => recordTransition.executeWithOptions({ ...ACTIVITY_OPTIONS, summary }, [record]));
    return persisted;
  };

  const view = (): SigningView => ({
    signingId: state.signingId,
    status: state.status,
    statusLabel: STATUS_LABELS[state.status],
    awaiting: awaitingParty(state.status),
    seq: state.seq,
    parties: state.parties,
    agreement: state.agreement ? { version: state.agreement.version, hash: state.agreement.hash } : null,
    lastEvent,
    updatedAt: state.updatedAt,
  });

  const accept = (transition: Transition): Promise<void> => {
    state = transition.state;
    lastEvent = transition.event;
    publish(state);
    return persist(transition);
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
        const decision = decideNow(toCommand(input));
        // The validator accepted this against the same state (a handler starts synchronously
        // after its validator), so a refusal here would be a bug: fail the update, never lie.
        if (!decision.ok) throw refusalFailure(decision);
        await accept(decision.transition);
        return view();
      },
      {
        validator: (input) => {
          const decision = decideNow(toCommand(input));
          if (!decision.ok) throw refusalFailure(decision);
        },
      },
    );
    setHandler(signal, (input) => {
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

  handle(employerSignUpdate, employerSignSignal, (i) => ({ type: 'employerSign', ...i }));
  handle(studentConfirmUpdate, studentConfirmSignal, (i) => ({ type: 'studentConfirm', ...i }));
  handle(returnUpdate, returnSignal, (i) => ({ type: 'return', ...i }));
  handle(schoolConfirmUpdate, schoolConfirmSignal, (i) => ({ type: 'schoolConfirm', ...i }));
  handle(cancelUpdate, cancelSignal, (i) => ({ type: 'cancel', ...i }));
  setHandler(statusQuery, view);

  upsertSearchAttributes([
    { key: SchoolCodeKey, value: input.parties.schoolCode },
    { key: EmployerCreditCodeKey, value: input.parties.employerCreditCode },
  ]);
  publish(state);
  // The submission (seq 1) was recorded by the API in the same transaction that reserved the
  // signing and started this run; persistence here begins with the first party action.

  await condition(() => isTerminal(state.status));
  // Let in-flight Update handlers reply before the run closes, then flush the last writes.
  await condition(allHandlersFinished);
  await persisted;
  return view();
}

/** Keeps the search attributes and the UI's current details in step with the state. */
function publish(state: SigningState): void {
  const awaiting = awaitingParty(state.status);
  upsertSearchAttributes([
    { key: SigningStatusKey, value: state.status },
    { key: AwaitingPartyKey, value: awaiting },
  ]);
  setCurrentDetails(
    awaiting
      ? `当前状态：${STATUS_LABELS[state.status]}；等待${PARTY_LABELS[awaiting]}办理`
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
