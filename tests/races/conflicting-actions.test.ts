/**
 * Races between two parties' conflicting actions on the same signing, on the real stack: for each
 * scenario PAIRS signings are driven to the contested status, then both requests of every pair
 * are sent at once. The workflow decides the order; see ./pairs.ts for the verdict checked on
 * every pair (one 200, one 409 naming the winner's status, database = workflow, one event).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../api/http/errors';
import { sendAction } from '../../api/signings/commands';
import { DEFAULT_DEADLINE_POLICY } from '../../domain/deadline-policy';
import { type Harness, startHarness } from '../support/harness';
import { sampleEmployerSign } from '../support/sample-data';
import { expectAllConsistent } from './consistency';
import { type Contender, SETUP_SEQ, expectConflictNaming, racePairs } from './pairs';
import { type RaceSigning, type RaceWorld, raceWorld, signingsIn } from './race-world';

const PAIRS = 20;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const studentCancel = (): Contender => ({
  name: 'student cancel',
  action: 'cancel',
  to: 'CANCELLED',
  send: (s) => s.student.api.post(`/api/signings/${s.id}/cancel`, { reason: '学生取消' }),
});

// Generous: on a loaded 2-core machine the setup's hundreds of Updates take their time.
const SCENARIO = { timeout: 180_000 };

describe('two parties at once: one serial order wins, the refused side gets 409 naming the status it found', SCENARIO, () => {
  it('student cancels while the school confirms (待学校确认)', async () => {
    const w = await raceWorld(h, PAIRS);
    const signings = await signingsIn(w, 'PENDING_SCHOOL');
    const { wins } = await racePairs(h, signings, SETUP_SEQ.PENDING_SCHOOL, studentCancel(), {
      name: 'school confirm',
      action: 'schoolConfirm',
      to: 'COMPLETED',
      send: (s) => w.school.post(`/api/signings/${s.id}/school-confirm`),
    });
    console.log('[races] cancel vs school confirm', wins);
  });

  // Not an exclusive pair: a student may also cancel after the employer signed (待学生确认). So
  // the outcome is one of the two serial orders — cancel first (the employer's 409 names 已取消)
  // or sign then cancel (both 200) — and never a lost or doubled step.
  it('student cancels while the employer signs (待单位确认): one of the two serial orders', async () => {
    const w = await raceWorld(h, PAIRS);
    const signings = await signingsIn(w, 'PENDING_EMPLOYER');
    const answers = await Promise.all(
      signings.map((s, i) => {
        const cancel = () => s.student.api.post(`/api/signings/${s.id}/cancel`, { reason: '学生取消' });
        const sign = () => w.employer.post(`/api/signings/${s.id}/employer-sign`, sampleEmployerSign());
        // Which one leaves first alternates, so both orders are tried.
        if (i % 2 === 0) return Promise.all([cancel(), sign()]);
        const signed = sign();
        return Promise.all([cancel(), signed]);
      }),
    );
    const trails = await expectAllConsistent(
      h,
      signings.map((s) => s.id),
    );
    let signedFirst = 0;
    signings.forEach((s, i) => {
      const [cancel, sign] = answers[i]!;
      const trail = trails.get(s.id)!;
      const context = `signing ${s.id}: cancel ${cancel.status} ${JSON.stringify(cancel.body)}, sign ${sign.status} ${JSON.stringify(sign.body)}`;
      expect(cancel.status, context).toBe(200);
      expect(cancel.body.status, context).toBe('CANCELLED');
      expect(trail.status, context).toBe('CANCELLED');
      const after = trail.events.filter((e) => e.seq > SETUP_SEQ.PENDING_EMPLOYER).map((e) => e.action);
      if (sign.status === 200) {
        signedFirst += 1;
        expect(after, context).toEqual(['employerSign', 'cancel']);
      } else {
        expectConflictNaming(sign, 'CANCELLED', context);
        expect(after, context).toEqual(['cancel']);
      }
    });
    console.log('[races] cancel vs employer sign', { signedFirst, cancelledFirst: PAIRS - signedFirst });
  });

  it('student returns while the same student confirms (待学生确认)', async () => {
    const w = await raceWorld(h, PAIRS);
    const signings = await signingsIn(w, 'PENDING_STUDENT');
    const { wins } = await racePairs(
      h,
      signings,
      SETUP_SEQ.PENDING_STUDENT,
      {
        name: 'student return',
        action: 'return',
        to: 'PENDING_EMPLOYER',
        send: (s) => s.student.api.post(`/api/signings/${s.id}/return`, { reason: '薪资有误' }),
      },
      {
        name: 'student confirm',
        action: 'studentConfirm',
        to: 'PENDING_SCHOOL',
        send: (s) => s.student.api.post(`/api/signings/${s.id}/student-confirm`, { agreementHash: s.hash, previewed: true }),
      },
    );
    console.log('[races] student return vs student confirm', wins);
  });

  it('school returns while the school confirms (待学校确认)', async () => {
    const w = await raceWorld(h, PAIRS);
    const signings = await signingsIn(w, 'PENDING_SCHOOL');
    const { wins } = await racePairs(
      h,
      signings,
      SETUP_SEQ.PENDING_SCHOOL,
      {
        name: 'school return',
        action: 'return',
        to: 'PENDING_EMPLOYER',
        send: (s) => w.school.post(`/api/signings/${s.id}/return`, { reason: '信息登记号有误' }),
      },
      {
        name: 'school confirm',
        action: 'schoolConfirm',
        to: 'COMPLETED',
        send: (s) => w.school.post(`/api/signings/${s.id}/school-confirm`),
      },
    );
    console.log('[races] school return vs school confirm', wins);
  });
});

describe('batch school-confirm racing the students’ individual cancels', SCENARIO, () => {
  async function batchRace(w: RaceWorld, signings: RaceSigning[]) {
    const [batch, ...cancels] = await Promise.all([
      w.school.post('/api/signings/school-confirm', { ids: signings.map((s) => s.id) }),
      ...signings.map((s) => s.student.api.post(`/api/signings/${s.id}/cancel`, { reason: '学生取消' })),
    ]);
    return { batch: batch!, cancels };
  }

  it('each id has one winner: the batch result and the cancel answer agree, and so do database and workflow', async () => {
    const w = await raceWorld(h, PAIRS);
    const signings = await signingsIn(w, 'PENDING_SCHOOL');
    const { batch, cancels } = await batchRace(w, signings);

    expect(batch.status, JSON.stringify(batch.body)).toBe(200);
    expect(batch.body.results.map((r: { id: string }) => r.id)).toEqual(signings.map((s) => s.id));
    const trails = await expectAllConsistent(
      h,
      signings.map((s) => s.id),
    );
    let confirmed = 0;
    signings.forEach((s, i) => {
      const result = batch.body.results[i];
      const cancel = cancels[i]!;
      const trail = trails.get(s.id)!;
      const context = `signing ${s.id}: batch ${JSON.stringify(result)}, cancel ${cancel.status} ${JSON.stringify(cancel.body)}`;
      expect(trail.view.seq, context).toBe(SETUP_SEQ.PENDING_SCHOOL + 1);
      if (result.ok) {
        confirmed += 1;
        expect(result, context).toMatchObject({ status: 'COMPLETED', statusLabel: '已完成（已同步至就业方案库）' });
        expectConflictNaming(cancel, 'COMPLETED', context);
        expect(trail.events.at(-1)?.action, context).toBe('schoolConfirm');
      } else {
        expect(cancel.status, context).toBe(200);
        expect(cancel.body.status, context).toBe('CANCELLED');
        expectConflictNaming({ status: 409, body: { error: result.error }, headers: new Headers() }, 'CANCELLED', context);
        expect(trail.events.at(-1)?.action, context).toBe('cancel');
      }
    });
    expect(batch.body).toMatchObject({ succeeded: confirmed, failed: PAIRS - confirmed });
    console.log('[races] batch school confirm vs cancels', { confirmed, cancelled: PAIRS - confirmed });
  });
});

describe('an action that reaches a run a racing action has just closed', SCENARIO, () => {
  // The window the pair races hit only sometimes, made deterministic: the loser read the row
  // (待学校确认) before the winner ended the run, and its Update arrives after the run closed.
  it('is refused with 409 naming the final status, not the one it read before sending', async () => {
    const w = await raceWorld(h, 1);
    const [s] = await signingsIn(w, 'PENDING_SCHOOL');
    expect((await w.school.post(`/api/signings/${s!.id}/school-confirm`)).status).toBe(200);
    const temporal = { client: h.client, taskQueue: h.taskQueue, deadlinePolicy: DEFAULT_DEADLINE_POLICY, emailEnabled: false };
    const refusal = await sendAction(
      temporal,
      s!.id,
      { role: 'student', id: 'stale-reader', partyId: s!.student.studentId },
      'cancel',
      { reason: '学生取消' },
      { currentStatus: 'PENDING_SCHOOL' },
    ).catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ code: 'CONFLICT', details: { status: 'COMPLETED', statusLabel: '已完成（已同步至就业方案库）' } });
    expect((refusal as AppError).message).toContain('当前状态为「已完成（已同步至就业方案库）」');
  });
});
