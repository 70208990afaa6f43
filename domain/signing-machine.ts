/**
 * The signing's state machine as plain functions: given the current state and a party's command,
 * decide whether it is accepted and, if so, the next state and the event to record. The workflow
 * only wires messages and activities to these functions, so every rule here is unit-tested
 * without Temporal. Pure and deterministic (time is passed in), hence safe in the workflow sandbox.
 */
import { ACTIONS, type ActionInput } from './actions';
import { agreementHash } from './agreement-hash';
import { commandIssues } from './command-checks';
import type { FieldIssue } from './schemas/issues';
import type { Agreement, Application, Archive, Contact } from './schemas';
import {
  type AuditAction,
  type Party,
  type PartyAction,
  type SigningStatus,
  PARTY_ROLE_NAMES,
  STATUS_LABELS,
  awaitingParty,
  fitsStatus,
  isAllowed,
  isPending,
  partiesFor,
  targetStatus,
} from './status';

/** Who acted: the account, its role, and the party identity the role acts for. */
export interface Actor {
  role: Party;
  /** Account id (recorded in the audit trail). */
  id: string;
  /** studentId for a student, credit code for an employer, school code for a school admin. */
  partyId: string;
}

export interface SystemActor {
  role: 'system';
  id: 'system';
}

export interface SigningParties {
  studentId: string;
  employerCreditCode: string;
  schoolCode: string;
}

export interface AgreementVersion {
  version: number;
  hash: string;
  unitNature: string;
  contact: Contact;
  agreement: Agreement;
  archive?: Archive | undefined;
  sentBy: string;
  sentAt: string;
}

export interface SigningState {
  signingId: string;
  status: SigningStatus;
  /** Number of accepted transitions; the submit is 1. */
  seq: number;
  parties: SigningParties;
  application: Application;
  /** The agreement version currently in force (the last one sent). */
  agreement?: AgreementVersion | undefined;
  /** Set when the student confirmed: the hash it confirmed. */
  confirmedHash?: string | undefined;
  /** 档案接收: as last saved by the employer (with or before sending) or by the student. */
  archive?: Archive | undefined;
  /** The transition that began the current stage (status), and when: deadlines count from it. */
  stageSeq: number;
  stageStartedAt: string;
  updatedAt: string;
}

/** What action `A`'s Update and Signal carry: who acts, and the action's input (./actions.ts). */
export type ActionMessage<A extends PartyAction> = { actor: Actor } & ActionInput<A>;

/** A party's command: one member per action of ./actions.ts, told apart by `type`. */
export type Command = { [A in PartyAction]: { type: A } & ActionMessage<A> }[PartyAction];

/**
 * The command of action `action` carrying `message`. The action is the message's name, never a
 * field inside it: `type` is set after the message is spread, so a Signal sent from the UI or CLI
 * with its own `type` (say an employerSign carrying `type:'cancel'`) is still the action it was
 * sent as, and its input is checked as that action's.
 */
export function commandOf<A extends PartyAction>(action: A, message: ActionMessage<A>): Command {
  // TypeScript cannot narrow the union by a generic `A`; for each A this is its member of `Command`.
  return { ...message, type: action } as Command;
}

/** One accepted transition, as the audit trail records it. */
export interface SigningEvent {
  seq: number;
  action: AuditAction;
  actor: { role: Party | 'system'; id: string };
  fromStatus: SigningStatus | null;
  toStatus: SigningStatus;
  reason?: string | undefined;
  agreementVersion?: number | undefined;
  at: string;
}

export interface Transition {
  state: SigningState;
  event: SigningEvent;
  /** Present when this transition created a new agreement version. */
  newVersion?: AgreementVersion | undefined;
}

/** Why a command was refused. Codes match the API's error codes. */
export interface Refusal {
  code: 'CONFLICT' | 'FORBIDDEN' | 'NOT_FOUND' | 'VALIDATION_FAILED';
  message: string;
  details: { status: SigningStatus; statusLabel: string; reason?: string; currentHash?: string; issues?: FieldIssue[] };
}

export type Decision = { ok: true; transition: Transition } | { ok: false; refusal: Refusal };

export interface SubmitInput {
  signingId: string;
  parties: SigningParties;
  application: Application;
  submittedBy: Actor;
  submittedAt: string;
}

/** The state right after the student's submission, and its event (seq 1). */
export function submit(input: SubmitInput): Transition {
  const state: SigningState = {
    signingId: input.signingId,
    status: 'PENDING_EMPLOYER',
    seq: 1,
    parties: input.parties,
    application: input.application,
    stageSeq: 1,
    stageStartedAt: input.submittedAt,
    updatedAt: input.submittedAt,
  };
  const event: SigningEvent = {
    seq: 1,
    action: 'submit',
    actor: { role: input.submittedBy.role, id: input.submittedBy.id },
    fromStatus: null,
    toStatus: 'PENDING_EMPLOYER',
    at: input.submittedAt,
  };
  return { state, event };
}

function refuse(state: SigningState, code: Refusal['code'], message: string, extra: Partial<Refusal['details']> = {}): Decision {
  return {
    ok: false,
    refusal: { code, message, details: { status: state.status, statusLabel: STATUS_LABELS[state.status], ...extra } },
  };
}

/** The identity `role` acts for in this signing: the student's id, the employer's credit code, the school's code. */
export function partyIdOf(parties: SigningParties, role: Party): string {
  switch (role) {
    case 'student':
      return parties.studentId;
    case 'employer':
      return parties.employerCreditCode;
    case 'school':
      return parties.schoolCode;
  }
}

/** Decides a party's command against the current state. Never mutates `state`. */
export function decide(state: SigningState, command: Command, now: string): Decision {
  const issues = commandIssues(command.type, command);
  if (issues.length > 0) return refuse(state, 'VALIDATION_FAILED', '请求数据校验未通过', { issues });
  const { actor } = command;
  // Not a party of this signing: existence is not revealed (docs/design.md §7).
  if (partyIdOf(state.parties, actor.role) !== actor.partyId) {
    return refuse(state, 'NOT_FOUND', '未找到该网签记录');
  }
  if (!partiesFor(command.type).includes(actor.role)) {
    return refuse(state, 'FORBIDDEN', `${roleName(actor.role)}无权执行此操作`);
  }
  if (!fitsStatus(command.type, state.status) || !isAllowed(command.type, state.status, actor.role)) {
    return refuse(state, 'CONFLICT', conflictMessage(command.type, state.status));
  }
  const to = targetStatus(command.type, state.status);
  // A status change begins a new stage (and its deadline clock); a data-only action does not.
  const stage = to === state.status ? {} : { stageSeq: state.seq + 1, stageStartedAt: now };
  const base = {
    seq: state.seq + 1,
    action: command.type,
    actor: { role: actor.role, id: actor.id },
    fromStatus: state.status,
    toStatus: to,
    at: now,
  } satisfies SigningEvent;

  switch (command.type) {
    case 'employerSign': {
      const version = (state.agreement?.version ?? 0) + 1;
      const hash = agreementHash({
        signingId: state.signingId,
        version,
        unitNature: command.unitNature,
        contact: command.contact,
        agreement: command.agreement,
        archive: command.archive,
      });
      const newVersion: AgreementVersion = {
        version,
        hash,
        unitNature: command.unitNature,
        contact: command.contact,
        agreement: command.agreement,
        archive: command.archive,
        sentBy: actor.id,
        sentAt: now,
      };
      return {
        ok: true,
        transition: {
          state: {
            ...state,
            ...stage,
            status: to,
            seq: base.seq,
            agreement: newVersion,
            archive: command.archive ?? state.archive,
            confirmedHash: undefined,
            updatedAt: now,
          },
          event: { ...base, agreementVersion: version },
          newVersion,
        },
      };
    }
    case 'studentConfirm': {
      const current = state.agreement;
      if (!current || current.hash !== command.agreementHash) {
        return refuse(state, 'CONFLICT', '所确认的协议不是当前版本，请重新查看协议后再确认', {
          reason: 'AGREEMENT_HASH_MISMATCH',
          ...(current ? { currentHash: current.hash } : {}),
        });
      }
      return {
        ok: true,
        transition: {
          state: { ...state, ...stage, status: to, seq: base.seq, confirmedHash: current.hash, updatedAt: now },
          event: { ...base, agreementVersion: current.version },
        },
      };
    }
    case 'return':
    case 'cancel':
      return {
        ok: true,
        transition: {
          state: { ...state, ...stage, status: to, seq: base.seq, confirmedHash: undefined, updatedAt: now },
          event: { ...base, reason: command.reason, agreementVersion: state.agreement?.version },
        },
      };
    case 'updateArchive':
      return {
        ok: true,
        transition: { state: { ...state, seq: base.seq, archive: command.archive, updatedAt: now }, event: base },
      };
    case 'schoolConfirm':
      return {
        ok: true,
        transition: {
          state: { ...state, ...stage, status: to, seq: base.seq, updatedAt: now },
          event: { ...base, agreementVersion: state.agreement?.version },
        },
      };
  }
}

/** The system ends a pending signing whose stage deadline passed. */
export function expire(state: SigningState, now: string): Transition | null {
  if (!isPending(state.status)) return null;
  const event: SigningEvent = {
    seq: state.seq + 1,
    action: 'expire',
    actor: { role: 'system', id: 'system' },
    fromStatus: state.status,
    toStatus: 'EXPIRED',
    at: now,
  };
  return { state: { ...state, status: 'EXPIRED', seq: event.seq, stageSeq: event.seq, stageStartedAt: now, updatedAt: now }, event };
}

const roleName = (role: Party): string => PARTY_ROLE_NAMES[role];

function conflictMessage(action: PartyAction, status: SigningStatus): string {
  const awaited = awaitingParty(status);
  const tail = awaited ? '' : '，网签已结束';
  return `当前状态为「${STATUS_LABELS[status]}」${tail}，不能执行「${ACTIONS[action].shortLabel}」`;
}
