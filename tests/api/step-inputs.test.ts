/**
 * recordStep's two input shapes (activities/record-transition.ts): a step carries the row it
 * writes; an activity scheduled before that change carries the whole state instead, and must still
 * write the same row when a new worker runs it after a deploy. Both are written here directly (no
 * workflow) on signings the API created, and compared.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecordStep } from '../../activities/record-step';
import type { TransitionRecord } from '../../activities';
import { signingEvents, signings } from '../../db/schema';
import { decide, submit } from '../../domain/signing-machine';
import { signingProjection } from '../../domain/signing-projection';
import { newParties } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';
import { sampleApplication, sampleEmployerSign } from '../support/sample-data';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** A signing the API created (its row at seq 1), and the employer-sign transition the rules make of it. */
async function employerSignOf() {
  const p = await newParties(h);
  const application = sampleApplication(p.world.employer.creditCode);
  const created = await p.student.post('/api/signings', application);
  expect(created.status).toBe(201);
  const signingId: string = created.body.id;
  const parties = { studentId: p.world.student.studentId, employerCreditCode: p.world.employer.creditCode, schoolCode: p.world.schoolCode };
  const first = submit({ signingId, parties, application, submittedBy: { role: 'student', id: randomUUID(), partyId: parties.studentId }, submittedAt: created.body.createdAt });
  const { previewed: _previewed, ...input } = sampleEmployerSign();
  const actor = { role: 'employer' as const, id: randomUUID(), partyId: parties.employerCreditCode };
  const decision = decide(first.state, { type: 'employerSign', actor, ...input }, new Date().toISOString());
  if (!decision.ok) throw new Error(JSON.stringify(decision.refusal));
  return { signingId, transition: decision.transition };
}

const rowOf = async (signingId: string) => {
  const [row] = await h.database.db
    .select({ status: signings.status, seq: signings.seq, unitNature: signings.unitNature, contact: signings.contact, archive: signings.archive, agreementVersion: signings.agreementVersion, agreementHash: signings.agreementHash })
    .from(signings)
    .where(eq(signings.id, signingId));
  return row;
};

describe('recordStep inputs', () => {
  it('writes the same row from the carried row and from an older input’s whole state, once each', async () => {
    const recordStep = createRecordStep({ db: h.database.db, emailEnabled: false });
    const carried = await employerSignOf();
    const legacy = await employerSignOf();
    const deadlineAt = new Date(Date.now() + 86_400_000).toISOString();
    const common = (t: typeof carried) => ({ signingId: t.signingId, event: t.transition.event, deadlineAt, newVersion: t.transition.newVersion });
    const byRow: TransitionRecord = { ...common(carried), row: signingProjection(carried.transition.state) };
    const byState: TransitionRecord = { ...common(legacy), state: legacy.transition.state };

    await recordStep({ transition: byRow });
    await recordStep({ transition: byState });
    // A retry of either changes nothing.
    await recordStep({ transition: byRow });
    await recordStep({ transition: byState });

    const [a, b] = [await rowOf(carried.signingId), await rowOf(legacy.signingId)];
    expect(a).toMatchObject({ status: 'PENDING_STUDENT', seq: 2, agreementVersion: 1, unitNature: '39' });
    expect({ ...b, agreementHash: null }).toEqual({ ...a, agreementHash: null });
    expect(b!.agreementHash).toBe(legacy.transition.newVersion!.hash);
    for (const id of [carried.signingId, legacy.signingId]) {
      const events = await h.database.db.select({ seq: signingEvents.seq }).from(signingEvents).where(eq(signingEvents.signingId, id));
      expect(events.map((e) => e.seq).sort()).toEqual([1, 2]);
    }
  });

  it('refuses an input that carries neither, writing nothing', async () => {
    const recordStep = createRecordStep({ db: h.database.db, emailEnabled: false });
    const t = await employerSignOf();
    await expect(recordStep({ transition: { signingId: t.signingId, event: t.transition.event } })).rejects.toThrow(/neither its row nor its state/);
    expect(await rowOf(t.signingId)).toMatchObject({ status: 'PENDING_EMPLOYER', seq: 1 });
  });
});
