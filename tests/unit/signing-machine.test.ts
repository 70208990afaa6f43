import { describe, expect, it } from 'vitest';
import { agreementHash } from '../../domain/agreement-hash';
import { planFromSigning } from '../../domain/employment-plan';
import { type Actor, type Command, type SigningState, commandOf, decide, expire, submit } from '../../domain/signing-machine';
import { PARTY_ACTIONS, type Party, SIGNING_STATUSES, type SigningStatus, allowedActions } from '../../domain/status';
import { sampleAgreement, sampleApplication, sampleArchive, sampleContact } from '../support/sample-data';

const NOW = '2026-06-01T08:00:00.000Z';
const parties = { studentId: 'stu-1', employerCreditCode: '91350200MA31E12PXF', schoolCode: '10280' };
const actors: Record<Party, Actor> = {
  student: { role: 'student', id: 'acc-student', partyId: parties.studentId },
  employer: { role: 'employer', id: 'acc-employer', partyId: parties.employerCreditCode },
  school: { role: 'school', id: 'acc-school', partyId: parties.schoolCode },
};

function fresh(): SigningState {
  return submit({ signingId: 'sig-1', parties, application: sampleApplication(), submittedBy: actors.student, submittedAt: NOW }).state;
}

function sign(state: SigningState, overrides: Partial<Extract<Command, { type: 'employerSign' }>> = {}): SigningState {
  const d = decide(state, { type: 'employerSign', actor: actors.employer, unitNature: '39', contact: sampleContact(), agreement: sampleAgreement(), archive: sampleArchive(), ...overrides }, NOW);
  if (!d.ok) throw new Error(d.refusal.message);
  return d.transition.state;
}

function apply(state: SigningState, command: Command): SigningState {
  const d = decide(state, command, NOW);
  if (!d.ok) throw new Error(d.refusal.message);
  return d.transition.state;
}

function inStatus(status: SigningStatus): SigningState {
  const s0 = fresh();
  switch (status) {
    case 'PENDING_EMPLOYER':
      return s0;
    case 'PENDING_STUDENT':
      return sign(s0);
    case 'PENDING_SCHOOL': {
      const s1 = sign(s0);
      return apply(s1, { type: 'studentConfirm', actor: actors.student, agreementHash: s1.agreement!.hash });
    }
    case 'COMPLETED':
      return apply(inStatus('PENDING_SCHOOL'), { type: 'schoolConfirm', actor: actors.school });
    case 'CANCELLED':
      return apply(s0, { type: 'cancel', actor: actors.student, reason: '信息填写错误' });
    case 'EXPIRED':
      return expire(s0, NOW)!.state;
    // Reached only through an approved 解约 (domain/rescission.ts), after the run has ended.
    case 'RESCINDED':
      return { ...inStatus('COMPLETED'), status: 'RESCINDED' };
  }
}

function commandFor(action: (typeof PARTY_ACTIONS)[number], party: Party, state: SigningState): Command {
  const actor = actors[party];
  switch (action) {
    case 'employerSign':
      return { type: action, actor, unitNature: '39', contact: sampleContact(), agreement: sampleAgreement() };
    case 'studentConfirm':
      return { type: action, actor, agreementHash: state.agreement?.hash ?? '0'.repeat(64) };
    case 'return':
    case 'cancel':
      return { type: action, actor, reason: '测试原因' };
    case 'schoolConfirm':
      return { type: action, actor };
    case 'updateArchive':
      return { type: action, actor, archive: sampleArchive() };
  }
}

describe('signing state machine', () => {
  it('starts PENDING_EMPLOYER with the submit as event 1', () => {
    const t = submit({ signingId: 'sig-1', parties, application: sampleApplication(), submittedBy: actors.student, submittedAt: NOW });
    expect(t.state.status).toBe('PENDING_EMPLOYER');
    expect(t.event).toMatchObject({ seq: 1, action: 'submit', fromStatus: null, toStatus: 'PENDING_EMPLOYER', actor: { role: 'student', id: 'acc-student' } });
  });

  it('runs the whole flow: sign → confirm → school confirm', () => {
    const signed = sign(fresh());
    expect(signed).toMatchObject({ status: 'PENDING_STUDENT', seq: 2, agreement: { version: 1 } });
    const confirmed = apply(signed, { type: 'studentConfirm', actor: actors.student, agreementHash: signed.agreement!.hash });
    expect(confirmed).toMatchObject({ status: 'PENDING_SCHOOL', seq: 3, confirmedHash: signed.agreement!.hash });
    const done = apply(confirmed, { type: 'schoolConfirm', actor: actors.school });
    expect(done).toMatchObject({ status: 'COMPLETED', seq: 4 });
  });

  it('hashes the canonical agreement: same content same hash, key order irrelevant, new version new hash', () => {
    const signed = sign(fresh());
    const doc = { signingId: 'sig-1', version: 1, unitNature: '39', contact: sampleContact(), agreement: sampleAgreement(), archive: sampleArchive() };
    expect(signed.agreement!.hash).toBe(agreementHash(doc));
    expect(signed.agreement!.hash).toMatch(/^[0-9a-f]{64}$/);
    const reordered = Object.fromEntries(Object.entries(doc).reverse()) as typeof doc;
    expect(agreementHash(reordered)).toBe(signed.agreement!.hash);
    expect(agreementHash({ ...doc, version: 2 })).not.toBe(signed.agreement!.hash);
    expect(agreementHash({ ...doc, agreement: sampleAgreement({ monthlySalaryPreTax: 6000 }) })).not.toBe(signed.agreement!.hash);
  });

  it('refuses a confirmation of a hash that is not the current version', () => {
    const v1 = sign(fresh());
    const returned = apply(v1, { type: 'return', actor: actors.student, reason: '薪资不符' });
    expect(returned.status).toBe('PENDING_EMPLOYER');
    const v2 = sign(returned, { agreement: sampleAgreement({ monthlySalaryPreTax: 6000, monthlySalaryAfterTax: 5500 }) });
    expect(v2.agreement!.version).toBe(2);
    const stale = decide(v2, { type: 'studentConfirm', actor: actors.student, agreementHash: v1.agreement!.hash }, NOW);
    expect(stale.ok).toBe(false);
    if (!stale.ok) expect(stale.refusal).toMatchObject({ code: 'CONFLICT', details: { status: 'PENDING_STUDENT', reason: 'AGREEMENT_HASH_MISMATCH', currentHash: v2.agreement!.hash } });
    expect(apply(v2, { type: 'studentConfirm', actor: actors.student, agreementHash: v2.agreement!.hash }).status).toBe('PENDING_SCHOOL');
  });

  it('lets the school return to the employer with a reason', () => {
    const pendingSchool = inStatus('PENDING_SCHOOL');
    const d = decide(pendingSchool, { type: 'return', actor: actors.school, reason: '单位名称与营业执照不符' }, NOW);
    expect(d.ok).toBe(true);
    if (d.ok) {
      expect(d.transition.state.status).toBe('PENDING_EMPLOYER');
      expect(d.transition.event).toMatchObject({ action: 'return', reason: '单位名称与营业执照不符', fromStatus: 'PENDING_SCHOOL', actor: { role: 'school' } });
    }
  });

  it.each(['PENDING_EMPLOYER', 'PENDING_STUDENT', 'PENDING_SCHOOL'] as const)('lets every party cancel in %s', (status) => {
    for (const party of ['student', 'employer', 'school'] as const) {
      const d = decide(inStatus(status), { type: 'cancel', actor: actors[party], reason: '双方协商取消' }, NOW);
      expect(d.ok).toBe(true);
      if (d.ok) expect(d.transition.event).toMatchObject({ toStatus: 'CANCELLED', reason: '双方协商取消', fromStatus: status });
    }
  });

  // Every action × party × status: accepted exactly when allowedActions says so; refusals are
  // 403 for a role that can never do it, 409 otherwise, and never change the state.
  for (const status of SIGNING_STATUSES) {
    for (const party of ['student', 'employer', 'school'] as const) {
      it(`decides each action of the ${party} in ${status} as allowedActions says`, () => {
        const state = inStatus(status);
        const snapshot = structuredClone(state);
        for (const action of PARTY_ACTIONS) {
          const d = decide(state, commandFor(action, party, state), NOW);
          expect(d.ok, `${action}`).toBe(allowedActions(status, party).includes(action));
          if (!d.ok) expect(['CONFLICT', 'FORBIDDEN']).toContain(d.refusal.code);
          if (!d.ok) expect(d.refusal.details.status).toBe(status);
        }
        expect(state).toEqual(snapshot);
      });
    }
  }

  it('refuses an actor who is not a party of this signing as not found', () => {
    const stranger: Actor = { role: 'employer', id: 'acc-x', partyId: '914403001922038216' };
    const d = decide(fresh(), { type: 'cancel', actor: stranger, reason: '不是我的' }, NOW);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.refusal.code).toBe('NOT_FOUND');
  });

  it('refuses malformed payloads (as a Signal from the UI might send) with the fields named', () => {
    const state = fresh();
    const noActor = decide(state, { type: 'cancel', reason: '缺少操作人' } as unknown as Command, NOW);
    expect(noActor.ok).toBe(false);
    if (!noActor.ok) expect(noActor.refusal).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: 'actor' }] } });
    const badTerms = decide(
      state,
      { type: 'employerSign', actor: actors.employer, unitNature: '98', contact: sampleContact(), agreement: sampleAgreement({ probationMonths: 6 }) },
      NOW,
    );
    expect(badTerms.ok).toBe(false);
    if (!badTerms.ok) {
      expect(badTerms.refusal.code).toBe('VALIDATION_FAILED');
      expect(badTerms.refusal.details.issues?.map((i) => i.path)).toEqual(
        expect.arrayContaining(['unitNature', 'agreement.employmentTerms.probationMonths']),
      );
    }
    expect(state).toEqual(fresh());
  });

  it('lets the awaited employer or student save the archive details without restarting the stage', () => {
    const archive = { ...sampleArchive(), recipient: '人事处 王老师' };
    const byEmployer = apply(fresh(), { type: 'updateArchive', actor: actors.employer, archive });
    expect(byEmployer).toMatchObject({ status: 'PENDING_EMPLOYER', seq: 2, stageSeq: 1, archive });
    const signed = sign(fresh(), { archive: undefined });
    const byStudent = apply(signed, { type: 'updateArchive', actor: actors.student, archive });
    expect(byStudent).toMatchObject({ status: 'PENDING_STUDENT', stageSeq: signed.stageSeq, stageStartedAt: signed.stageStartedAt, archive });
    // The student's archive goes into the plan, and the agreement hash the student confirms is unchanged.
    const confirmed = apply(byStudent, { type: 'studentConfirm', actor: actors.student, agreementHash: signed.agreement!.hash });
    const done = apply(confirmed, { type: 'schoolConfirm', actor: actors.school });
    expect(planFromSigning(done, 'acc-school', NOW)).toMatchObject({ archiveRecipient: '人事处 王老师' });
    // Not the school's to change, and not the employer's once it has sent.
    expect(decide(signed, { type: 'updateArchive', actor: actors.employer, archive }, NOW)).toMatchObject({ ok: false, refusal: { code: 'CONFLICT' } });
    expect(decide(signed, { type: 'updateArchive', actor: actors.school, archive }, NOW)).toMatchObject({ ok: false, refusal: { code: 'FORBIDDEN' } });
  });

  it('expires only pending signings', () => {
    expect(expire(fresh(), NOW)?.state.status).toBe('EXPIRED');
    expect(expire(inStatus('COMPLETED'), NOW)).toBeNull();
  });

  it('builds the employment plan from the confirmed version', () => {
    const done = inStatus('COMPLETED');
    const plan = planFromSigning(done, 'acc-school', NOW);
    expect(plan).toMatchObject({
      studentId: 'stu-1',
      graduationDestination: '01',
      creditCode: '91350200MA31E12PXF',
      employerName: 'tiger7',
      infoRegistrationNo: '2100000',
      regionCode: '310104',
      industryCode: '65',
      jobCategoryCode: '13',
      unitNature: '39',
      contactPostcode: '200444',
      archiveUnitName: '上海市学生事务中心',
      agreementVersion: 1,
      agreementHash: done.agreement!.hash,
    });
  });
});

describe('commandOf', () => {
  it('names the action the message was sent as, whatever `type` a Signal carries inside it', () => {
    const actor: Actor = { role: 'employer', id: 'a-1', partyId: '91350100M000100Y43' };
    const forged = { actor, reason: '想取消', type: 'cancel' } as unknown as Parameters<typeof commandOf<'return'>>[1];
    expect(commandOf('return', forged).type).toBe('return');
  });
});
