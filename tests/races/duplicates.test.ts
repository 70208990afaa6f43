/**
 * Races of a request with itself, on the real stack: the same confirm sent twice at once (a double
 * click, a client retry), with and without an Idempotency-Key, and two submissions by one student
 * at once. Whatever the interleaving, the action happens once: without a key the second copy is
 * refused with 409 naming the status the first left; with the same key both copies get the one
 * answer — the action's Update id carries the key, so Temporal answers both with the one outcome
 * (even once the run has closed), and the copy that loses the insert of that answer replays the
 * stored one (api/http/idempotency.ts, `record`). A submission's copy meets the one-active-signing
 * index and replays the 201 the winner committed with its reservation.
 */
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signings } from '../../db/schema';
import { type Harness, startHarness } from '../support/harness';
import type { ApiResponse } from '../support/http';
import { sampleApplication, sampleEmployerSign } from '../support/sample-data';
import { countActions, expectAllConsistent } from './consistency';
import { type Contender, SETUP_SEQ, racePairs } from './pairs';
import { type RaceSigning, type RaceWorld, raceWorld, signingsIn } from './race-world';

const PAIRS = 20;
/** With a key every pair takes the same path (one Update id, one stored answer): fewer suffice. */
const KEYED_PAIRS = 10;
// Generous: on a loaded 2-core machine the setup's hundreds of Updates take their time.
const SCENARIO = { timeout: 180_000 };

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

type Send = (s: RaceSigning, headers?: Record<string, string>) => Promise<ApiResponse>;

interface Duplicate {
  name: string;
  from: keyof typeof SETUP_SEQ;
  action: Contender['action'];
  to: Contender['to'];
  send(w: RaceWorld): Send;
}

const DUPLICATES: Duplicate[] = [
  {
    name: 'school-confirm twice',
    from: 'PENDING_SCHOOL',
    action: 'schoolConfirm',
    to: 'COMPLETED',
    send: (w) => (s, headers) => w.school.post(`/api/signings/${s.id}/school-confirm`, undefined, headers),
  },
  {
    name: 'student-confirm twice with the same hash',
    from: 'PENDING_STUDENT',
    action: 'studentConfirm',
    to: 'PENDING_SCHOOL',
    send: () => (s, headers) =>
      s.student.api.post(`/api/signings/${s.id}/student-confirm`, { agreementHash: s.hash, previewed: true }, headers),
  },
  {
    name: 'employer-sign twice',
    from: 'PENDING_EMPLOYER',
    action: 'employerSign',
    to: 'PENDING_STUDENT',
    send: (w) => (s, headers) => w.employer.post(`/api/signings/${s.id}/employer-sign`, sampleEmployerSign(), headers),
  },
];

describe.each(DUPLICATES)('$name at once', SCENARIO, (dup) => {
  it('without an Idempotency-Key: one 200, the other 409 naming the status the first left', async () => {
    const w = await raceWorld(h, PAIRS);
    const started = await signingsIn(w, dup.from);
    const send = dup.send(w);
    const contender = (name: string): Contender => ({ name, action: dup.action, to: dup.to, send: (s) => send(s) });
    const { wins } = await racePairs(h, started, SETUP_SEQ[dup.from], contender('first'), contender('second'));
    console.log(`[races] ${dup.name}, no key`, wins);
  });

  it('with the same Idempotency-Key: acted on once; the copy gets the first answer, replayed', async () => {
    const w = await raceWorld(h, KEYED_PAIRS);
    const started = await signingsIn(w, dup.from);
    const send = dup.send(w);
    const keys = new Map(started.map((s) => [s.id, { 'Idempotency-Key': `race-${randomUUID()}` }]));
    const answers = await Promise.all(started.map((s) => Promise.all([send(s, keys.get(s.id)), send(s, keys.get(s.id))])));
    const trails = await expectAllConsistent(
      h,
      started.map((s) => s.id),
    );

    for (const [i, s] of started.entries()) {
      const pair = answers[i]!;
      const context = `signing ${s.id}: ${pair.map((r) => `${r.status} ${JSON.stringify(r.body)}`).join(' | ')}`;
      const firsts = pair.filter((r) => r.headers.get('idempotent-replayed') === null && r.status === 200);
      // Exactly one copy was processed, and it succeeded.
      expect(firsts, context).toHaveLength(1);
      const first = firsts[0]!;
      expect(first.body.status, context).toBe(dup.to);
      const copy = pair.find((r) => r !== first)!;
      expect(copy.status, context).toBe(200);
      expect(copy.headers.get('idempotent-replayed'), context).toBe('true');
      expect(copy.body, context).toEqual(first.body);
      // A retry with the key, once both have answered, gets the stored first answer.
      const retry = await send(s, keys.get(s.id));
      expect(retry.status, context).toBe(200);
      expect(retry.headers.get('idempotent-replayed'), context).toBe('true');
      expect(retry.body, context).toEqual(first.body);

      const trail = trails.get(s.id)!;
      expect(trail.view.seq, context).toBe(SETUP_SEQ[dup.from] + 1);
      expect(countActions(trail, dup.action, SETUP_SEQ[dup.from]), context).toBe(1);
    }
  });
});

describe('two submissions by one student at once', SCENARIO, () => {
  it('one 201, the other 409 naming the first; one signing row and one workflow per student', async () => {
    const w = await raceWorld(h, PAIRS);
    // Two different applications (another 行业类别 and 单位地区), so neither could pass as a retry.
    const other = { ...sampleApplication(w.creditCode), regionCode: '310104', industryCode: '64' };
    const answers = await Promise.all(
      w.students.map((st) =>
        Promise.all([st.api.post('/api/signings', sampleApplication(w.creditCode)), st.api.post('/api/signings', other)]),
      ),
    );

    const winners: string[] = [];
    answers.forEach((pair, i) => {
      const context = `student ${i}: ${pair.map((r) => `${r.status} ${JSON.stringify(r.body)}`).join(' | ')}`;
      expect(pair.map((r) => r.status).sort(), context).toEqual([201, 409]);
      const created = pair.find((r) => r.status === 201)!;
      const refused = pair.find((r) => r.status === 409)!;
      expect(created.body.status, context).toBe('PENDING_EMPLOYER');
      expect(refused.body.error, context).toMatchObject({
        code: 'CONFLICT',
        details: { status: 'PENDING_EMPLOYER', statusLabel: '待单位确认', signingId: created.body.id },
      });
      expect(refused.body.error.message, context).toContain('「待单位确认」');
      winners.push(created.body.id);
    });

    // The database: exactly the winners, one per student.
    const rows = await h.database.db
      .select({ id: signings.id, studentId: signings.studentId })
      .from(signings)
      .where(eq(signings.schoolCode, w.schoolCode));
    expect(rows.map((r) => r.id).sort()).toEqual([...winners].sort());
    expect(new Set(rows.map((r) => r.studentId)).size).toBe(PAIRS);

    // Temporal: one run per winner, and no other run for this school (a loser never starts one;
    // visibility is eventually consistent, so wait until the winners are all listed).
    const query = `SchoolCode = "${w.schoolCode}"`;
    let listed: string[] = [];
    for (let attempt = 0; attempt < 100 && listed.length < PAIRS; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 200));
      listed = [];
      for await (const run of h.client.workflow.list({ query })) listed.push(run.workflowId);
    }
    expect(listed.sort()).toEqual(winners.map((id) => `signing-${id}`).sort());

    const trails = await expectAllConsistent(h, winners);
    for (const trail of trails.values()) expect(trail.events.map((e) => e.action)).toEqual(['submit']);
  });

  it('with the same Idempotency-Key: one signing; the copy gets the same 201, replayed', async () => {
    const w = await raceWorld(h, KEYED_PAIRS);
    const answers = await Promise.all(
      w.students.map((st) => {
        const headers = { 'Idempotency-Key': `submit-${randomUUID()}` };
        return Promise.all([
          st.api.post('/api/signings', sampleApplication(w.creditCode), headers),
          st.api.post('/api/signings', sampleApplication(w.creditCode), headers),
        ]);
      }),
    );
    const winners = answers.map((pair, i) => {
      const context = `student ${i}: ${pair.map((r) => `${r.status} ${JSON.stringify(r.body)}`).join(' | ')}`;
      const firsts = pair.filter((r) => r.status === 201 && r.headers.get('idempotent-replayed') === null);
      expect(firsts, context).toHaveLength(1);
      const copy = pair.find((r) => r !== firsts[0])!;
      expect(copy.status, context).toBe(201);
      expect(copy.headers.get('idempotent-replayed'), context).toBe('true');
      expect(copy.body, context).toEqual(firsts[0]!.body);
      return firsts[0]!.body.id as string;
    });
    const rows = await h.database.db.select({ id: signings.id }).from(signings).where(inArray(signings.studentId, w.students.map((s) => s.studentId)));
    expect(rows.map((r) => r.id).sort()).toEqual([...winners].sort());
    await expectAllConsistent(h, winners);
  });
});
