/**
 * What a 解约 request tells the parties (domain/rescission-notifications.ts), without servers: one
 * event per step with a stable id apart from the signing's own, its type, all three parties as
 * recipients, the party the request now waits for, the signing's status (已解约 only after an
 * approval) and the request's; reminders to the awaited party only.
 */
import { describe, expect, it } from 'vitest';
import { NOTIFICATION_TYPES } from '../../domain/notification-event';
import {
  type RescissionAction,
  type RescissionEvent,
  type RescissionEventAction,
  type RescissionRequester,
  type RescissionState,
  RESCISSION_STATUSES,
  decideRescission,
  expireRescission,
  requestRescission,
} from '../../domain/rescission';
import {
  RESCISSION_NOTIFICATION_TYPES,
  rescissionNotification,
  rescissionNotificationId,
  rescissionReminder,
  signingStatusDuring,
} from '../../domain/rescission-notifications';
import type { Actor, SigningParties } from '../../domain/signing-machine';
import type { Party } from '../../domain/status';

const parties: SigningParties = { studentId: 'st-1', employerCreditCode: '91350100M000100Y43', schoolCode: '10384' };
const actors: Record<Party, Actor> = {
  student: { role: 'student', id: 'acc-student', partyId: parties.studentId },
  employer: { role: 'employer', id: 'acc-employer', partyId: parties.employerCreditCode },
  school: { role: 'school', id: 'acc-school', partyId: parties.schoolCode },
};
const RESCISSION_ID = '6f1c0a52-7d0e-4c7e-9a55-1b2c3d4e5f60';
const SIGNING_ID = '0f6b3c2e-1111-4a4a-8b8b-123456789abc';
const T0 = '2027-03-01T08:00:00.000Z';
const T1 = '2027-03-02T08:00:00.000Z';
const DEADLINE = '2027-03-16T08:00:00.000Z';

type Step = { state: RescissionState; event: RescissionEvent };

function requested(by: RescissionRequester): Step {
  return requestRescission({
    rescissionId: RESCISSION_ID,
    signingId: SIGNING_ID,
    parties,
    requestedBy: actors[by] as Actor & { role: RescissionRequester },
    reason: '考取研究生，无法按期报到',
    letter: null,
    requestedAt: T0,
  });
}

function then(from: Step, action: RescissionAction, role: Party): Step {
  const command = action === 'reject' ? { type: action, actor: actors[role], reason: '不同意解约' } : { type: action, actor: actors[role] };
  const decision = decideRescission(from.state, command, T1);
  if (!decision.ok) throw new Error(`${action} by ${role}: ${decision.refusal.message}`);
  return decision;
}

/** Every step a request can take, requested by the employer (the student answers). */
function everyStep(): Record<RescissionEventAction | 'school reject', Step> {
  const request = requested('employer');
  const agree = then(request, 'agree', 'student');
  return {
    request,
    agree,
    reject: then(request, 'reject', 'student'),
    'school reject': then(agree, 'reject', 'school'),
    approve: then(agree, 'approve', 'school'),
    withdraw: then(agree, 'withdraw', 'employer'),
    expire: expireRescission(request.state, DEADLINE)!,
  };
}

describe('rescission notification ids and types', () => {
  it('gives every step its own type, all of them notification types, none the signing’s', () => {
    const types = Object.values(RESCISSION_NOTIFICATION_TYPES);
    expect(new Set(types).size).toBe(types.length);
    for (const type of types) expect(NOTIFICATION_TYPES).toContain(type);
    expect(RESCISSION_NOTIFICATION_TYPES).toEqual({
      request: 'signing.rescission_requested',
      agree: 'signing.rescission_agreed',
      reject: 'signing.rescission_rejected',
      withdraw: 'signing.rescission_withdrawn',
      expire: 'signing.rescission_expired',
      approve: 'signing.rescinded',
    });
  });

  it('names a step by the request and its seq, never like a signing’s `<signingId>.<seq>`', () => {
    expect(rescissionNotificationId(RESCISSION_ID, 3)).toBe(`rescission-${RESCISSION_ID}.3`);
    expect(rescissionNotificationId(RESCISSION_ID, 3)).not.toBe(`${RESCISSION_ID}.3`);
    // Stable: the same step gives the same id on every retry and replay.
    const { request } = everyStep();
    expect(rescissionNotification(request.state, request.event, DEADLINE).id).toBe(rescissionNotification(request.state, request.event, DEADLINE).id);
  });
});

describe('rescissionNotification: each step, to the three parties', () => {
  const cases: Array<[keyof ReturnType<typeof everyStep>, Partial<ReturnType<typeof rescissionNotification>>]> = [
    ['request', { type: 'signing.rescission_requested', status: 'COMPLETED', awaiting: 'student', reason: '考取研究生，无法按期报到' }],
    ['agree', { type: 'signing.rescission_agreed', status: 'COMPLETED', awaiting: 'school', reason: undefined }],
    ['reject', { type: 'signing.rescission_rejected', status: 'COMPLETED', awaiting: null, reason: '不同意解约' }],
    ['school reject', { type: 'signing.rescission_rejected', status: 'COMPLETED', awaiting: null, reason: '不同意解约' }],
    ['approve', { type: 'signing.rescinded', status: 'RESCINDED', awaiting: null }],
    ['withdraw', { type: 'signing.rescission_withdrawn', status: 'COMPLETED', awaiting: null }],
    ['expire', { type: 'signing.rescission_expired', status: 'COMPLETED', awaiting: null, reason: undefined }],
  ];

  it.each(cases)('%s', (name, expected) => {
    const { state, event } = everyStep()[name];
    const deadlineAt = expected.awaiting ? DEADLINE : null;
    const n = rescissionNotification(state, event, deadlineAt);
    expect(n).toMatchObject({
      ...expected,
      id: `rescission-${RESCISSION_ID}.${event.seq}`,
      signingId: SIGNING_ID,
      at: event.at,
      parties,
      recipients: ['student', 'employer', 'school'],
      deadlineAt,
      actor: event.actor,
      rescission: { id: RESCISSION_ID, status: state.status },
    });
    // The signing's own transition fields are not set: this is not a signing step.
    expect(n.action).toBeUndefined();
    expect(n.reminder).toBeUndefined();
  });

  it('counts the steps in order: request 1, answer 2, decision 3', () => {
    const steps = everyStep();
    expect([steps.request, steps.agree, steps.approve].map((s) => rescissionNotification(s.state, s.event, null).id)).toEqual([
      `rescission-${RESCISSION_ID}.1`,
      `rescission-${RESCISSION_ID}.2`,
      `rescission-${RESCISSION_ID}.3`,
    ]);
  });

  it('awaits the employer when the student asked', () => {
    const request = requested('student');
    expect(rescissionNotification(request.state, request.event, DEADLINE)).toMatchObject({ awaiting: 'employer', actor: { role: 'student', id: 'acc-student' } });
  });

  it('names the system as the actor of an expiry', () => {
    const { expire } = everyStep();
    expect(rescissionNotification(expire.state, expire.event, null).actor).toEqual({ role: 'system', id: 'system' });
  });
});

describe('rescissionReminder', () => {
  it('reminds only the awaited party, under the stage’s id with its number', () => {
    const { request, agree } = everyStep();
    const toStudent = rescissionReminder(request.state, 1, { n: 2, lastCall: false }, T1, DEADLINE);
    expect(toStudent).toMatchObject({
      id: `rescission-${RESCISSION_ID}.1.r2`,
      type: 'signing.reminder',
      signingId: SIGNING_ID,
      status: 'COMPLETED',
      at: T1,
      recipients: ['student'],
      awaiting: 'student',
      deadlineAt: DEADLINE,
      reminder: { n: 2, lastCall: false },
      rescission: { id: RESCISSION_ID, status: 'PENDING_COUNTERPARTY' },
    });
    const toSchool = rescissionReminder(agree.state, 2, { n: 1, lastCall: true }, T1, DEADLINE);
    expect(toSchool).toMatchObject({ id: `rescission-${RESCISSION_ID}.2.r1`, recipients: ['school'], awaiting: 'school', reminder: { n: 1, lastCall: true } });
  });

  it('refuses to remind anyone of a request that has ended', () => {
    const { approve, withdraw } = everyStep();
    for (const ended of [approve, withdraw]) {
      expect(() => rescissionReminder(ended.state, ended.event.seq, { n: 1, lastCall: false }, T1, DEADLINE)).toThrow(/awaits nobody/);
    }
  });
});

describe('signingStatusDuring', () => {
  it('is 已解约 after an approval and 已完成 in every other status', () => {
    expect(Object.fromEntries(RESCISSION_STATUSES.map((status) => [status, signingStatusDuring({ status })]))).toEqual({
      PENDING_COUNTERPARTY: 'COMPLETED',
      PENDING_SCHOOL: 'COMPLETED',
      APPROVED: 'RESCINDED',
      REJECTED: 'COMPLETED',
      WITHDRAWN: 'COMPLETED',
      EXPIRED: 'COMPLETED',
    });
  });
});
