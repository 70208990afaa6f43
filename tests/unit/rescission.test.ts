/**
 * The 解约 state machine (domain/rescission.ts), without servers: the whole path, each rejection
 * and withdrawal, expiry, and — for every action, every status, every requester and every role —
 * that `decideRescission` accepts exactly what `allowedRescissionActions` offers, refuses the rest
 * with the right code, and never changes the state it was given.
 */
import { describe, expect, it } from 'vitest';
import {
  RESCISSION_ACTION_NAMES,
  RESCISSION_REQUESTERS,
  RESCISSION_STATUSES,
  type RescissionAction,
  type RescissionCommand,
  type RescissionRequester,
  type RescissionState,
  type RescissionStatus,
  allowedRescissionActions,
  awaitedRescissionParty,
  decideRescission,
  expireRescission,
  mayRequestRescission,
  requestRescission,
} from '../../domain/rescission';
import type { Actor, SigningParties } from '../../domain/signing-machine';
import { type Party, SIGNING_STATUSES } from '../../domain/status';

const parties: SigningParties = { studentId: 'st-1', employerCreditCode: '91350100M000100Y43', schoolCode: '10384' };
const actors: Record<Party, Actor> = {
  student: { role: 'student', id: 'acc-student', partyId: parties.studentId },
  employer: { role: 'employer', id: 'acc-employer', partyId: parties.employerCreditCode },
  school: { role: 'school', id: 'acc-school', partyId: parties.schoolCode },
};
const T0 = '2027-03-01T08:00:00.000Z';
const T1 = '2027-03-02T08:00:00.000Z';

function requested(by: RescissionRequester = 'student'): RescissionState {
  return requestRescission({
    rescissionId: 'r-1',
    signingId: 's-1',
    parties,
    requestedBy: actors[by] as Actor & { role: RescissionRequester },
    reason: '考取研究生，无法按期报到',
    letter: null,
    requestedAt: T0,
  }).state;
}

function command(type: RescissionAction, actor: Actor): RescissionCommand {
  return type === 'reject' ? { type, actor, reason: '不同意解约' } : { type, actor };
}

function step(state: RescissionState, type: RescissionAction, role: Party): RescissionState {
  const decision = decideRescission(state, command(type, actors[role]), T1);
  if (!decision.ok) throw new Error(`${type} by ${role} refused: ${decision.refusal.message}`);
  return decision.state;
}

function inStatus(status: RescissionStatus, by: RescissionRequester): RescissionState {
  return { ...requested(by), status };
}

describe('a rescission request', () => {
  it('starts 待对方同意, waiting for the other of student and employer', () => {
    const byStudent = requestRescission({
      rescissionId: 'r-1',
      signingId: 's-1',
      parties,
      requestedBy: actors.student as Actor & { role: 'student' },
      reason: '  个人原因  ',
      letter: null,
      requestedAt: T0,
    });
    expect(byStudent.state).toMatchObject({ status: 'PENDING_COUNTERPARTY', seq: 1, requestedBy: { role: 'student', id: 'acc-student' } });
    expect(byStudent.event).toMatchObject({ seq: 1, action: 'request', fromStatus: null, toStatus: 'PENDING_COUNTERPARTY' });
    expect(awaitedRescissionParty(byStudent.state)).toBe('employer');
    expect(awaitedRescissionParty(requested('employer'))).toBe('student');
  });

  it('goes request → agree → approve, the school of the student approving', () => {
    const agreed = step(requested('employer'), 'agree', 'student');
    expect(agreed).toMatchObject({ status: 'PENDING_SCHOOL', seq: 2, stageStartedAt: T1 });
    expect(awaitedRescissionParty(agreed)).toBe('school');
    const approved = step(agreed, 'approve', 'school');
    expect(approved).toMatchObject({ status: 'APPROVED', seq: 3 });
    expect(awaitedRescissionParty(approved)).toBeNull();
    expect(allowedRescissionActions(approved, 'school')).toEqual([]);
  });

  it('is rejected by the counterparty or by the school, with the reason kept', () => {
    const byCounterparty = decideRescission(requested('student'), { type: 'reject', actor: actors.employer, reason: '  岗位已为其保留  ' }, T1);
    expect(byCounterparty.ok && byCounterparty.state).toMatchObject({ status: 'REJECTED', decisionReason: '岗位已为其保留' });
    expect(byCounterparty.ok && byCounterparty.event).toMatchObject({ action: 'reject', reason: '岗位已为其保留', fromStatus: 'PENDING_COUNTERPARTY' });
    const bySchool = step(step(requested('student'), 'agree', 'employer'), 'reject', 'school');
    expect(bySchool).toMatchObject({ status: 'REJECTED', decisionReason: '不同意解约' });
  });

  it('is withdrawn by its requester at either stage', () => {
    expect(step(requested('student'), 'withdraw', 'student').status).toBe('WITHDRAWN');
    expect(step(step(requested('employer'), 'agree', 'student'), 'withdraw', 'employer').status).toBe('WITHDRAWN');
  });

  it('expires only while pending', () => {
    const expired = expireRescission(requested(), T1);
    expect(expired?.state).toMatchObject({ status: 'EXPIRED', seq: 2 });
    expect(expired?.event).toMatchObject({ action: 'expire', actor: { role: 'system' }, fromStatus: 'PENDING_COUNTERPARTY', toStatus: 'EXPIRED' });
    expect(expireRescission(step(requested(), 'withdraw', 'student'), T1)).toBeNull();
  });

  it('refuses a rejection without a reason, naming the field, and a message with unknown fields', () => {
    const noReason = decideRescission(requested(), { type: 'reject', actor: actors.employer } as unknown as RescissionCommand, T1);
    expect(noReason.ok).toBe(false);
    expect(!noReason.ok && noReason.refusal).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: 'reason' }] } });
    const extra = decideRescission(requested(), { type: 'agree', actor: actors.employer, approve: true } as unknown as RescissionCommand, T1);
    expect(!extra.ok && extra.refusal.code).toBe('VALIDATION_FAILED');
  });

  it('answers NOT_FOUND to a party of another signing, whatever its role', () => {
    for (const role of ['student', 'employer', 'school'] as const) {
      const stranger: Actor = { ...actors[role], partyId: `${actors[role].partyId}-other` };
      for (const type of RESCISSION_ACTION_NAMES) {
        const decision = decideRescission(requested(), command(type, stranger), T1);
        expect(!decision.ok && decision.refusal.code, `${type} by another ${role}`).toBe('NOT_FOUND');
      }
    }
  });
});

describe('every action in every status, for every requester and role', () => {
  const roles: Party[] = ['student', 'employer', 'school'];
  for (const by of RESCISSION_REQUESTERS) {
    for (const status of RESCISSION_STATUSES) {
      it(`requested by the ${by}, ${status}: accepts exactly the allowed actions and changes nothing otherwise`, () => {
        for (const role of roles) {
          const state = inStatus(status, by);
          const before = structuredClone(state);
          const allowed = allowedRescissionActions(state, role);
          for (const type of RESCISSION_ACTION_NAMES) {
            const decision = decideRescission(state, command(type, actors[role]), T1);
            expect(decision.ok, `${type} by ${role}`).toBe(allowed.includes(type));
            if (!decision.ok) {
              const roleCan = type === 'approve' ? role === 'school' : type === 'reject' ? true : role !== 'school';
              expect(decision.refusal.code, `${type} by ${role}`).toBe(roleCan ? 'CONFLICT' : 'FORBIDDEN');
              expect(decision.refusal.details.status).toBe(status);
            }
            expect(state, `${type} by ${role} left the state as it was`).toEqual(before);
          }
        }
      });
    }
  }

  it('offers the awaited party its choices and the requester its withdrawal', () => {
    const pending = requested('student');
    expect(allowedRescissionActions(pending, 'employer')).toEqual(['agree', 'reject']);
    expect(allowedRescissionActions(pending, 'student')).toEqual(['withdraw']);
    expect(allowedRescissionActions(pending, 'school')).toEqual([]);
    const atSchool = step(pending, 'agree', 'employer');
    expect(allowedRescissionActions(atSchool, 'school')).toEqual(['reject', 'approve']);
    expect(allowedRescissionActions(atSchool, 'student')).toEqual(['withdraw']);
    expect(allowedRescissionActions(atSchool, 'employer')).toEqual([]);
  });

  it('tells the requester why it cannot agree to its own request', () => {
    const decision = decideRescission(requested('student'), command('agree', actors.student), T1);
    expect(!decision.ok && decision.refusal).toMatchObject({ code: 'CONFLICT', message: '解约申请待对方同意，不能由提出方办理' });
  });
});

describe('mayRequestRescission', () => {
  it('lets the student or the employer ask on a completed signing with no open request, and nobody else', () => {
    const allowed: string[] = [];
    for (const status of SIGNING_STATUSES) {
      for (const latest of [null, ...RESCISSION_STATUSES]) {
        for (const role of ['student', 'employer', 'school'] as const) {
          if (mayRequestRescission(status, latest, role)) allowed.push(`${status} ${latest} ${role}`);
        }
      }
    }
    const ended = ['APPROVED', 'REJECTED', 'WITHDRAWN', 'EXPIRED'];
    expect(allowed.sort()).toEqual(
      [null, ...ended].flatMap((latest) => RESCISSION_REQUESTERS.map((role) => `COMPLETED ${latest} ${role}`)).sort(),
    );
  });
});
