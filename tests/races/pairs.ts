/**
 * A race of two conflicting requests on each of many signings, all fired at once, and the
 * verdict: on every signing exactly one request wins (200, the signing in the winner's status)
 * and the other loses with 409 CONFLICT whose Chinese message and details name the status the
 * winner left — never a 5xx, never two winners; then the database agrees with the workflow and
 * the audit trail holds the winner's action once and the loser's not at all.
 */
import { expect } from 'vitest';
import { type AuditAction, STATUS_LABELS, type SigningStatus } from '../../domain/status';
import type { Harness } from '../support/harness';
import type { ApiResponse } from '../support/http';
import { type SigningTrail, countActions, expectAllConsistent } from './consistency';
import type { RaceSigning } from './race-world';

export interface Contender {
  /** For messages: who does what. */
  name: string;
  action: AuditAction;
  /** The signing's status after this contender wins. */
  to: SigningStatus;
  send(signing: RaceSigning): Promise<ApiResponse>;
}

export interface PairOutcome {
  wins: Record<string, number>;
  trails: Map<string, SigningTrail>;
}

/** The loser's answer: 409 CONFLICT naming the status the winner left, in Chinese. */
export function expectConflictNaming(res: ApiResponse, status: SigningStatus, context: string): void {
  expect(res.status, `${context}: ${JSON.stringify(res.body)}`).toBe(409);
  expect(res.body.error).toMatchObject({ code: 'CONFLICT', details: { status, statusLabel: STATUS_LABELS[status] } });
  expect(res.body.error.message).toContain(`当前状态为「${STATUS_LABELS[status]}」`);
}

/** Seq of the last event once the setup has driven a signing to each status (submit = 1). */
export const SETUP_SEQ = { PENDING_EMPLOYER: 1, PENDING_STUDENT: 2, PENDING_SCHOOL: 3 } as const;

export async function racePairs(
  h: Harness,
  signings: readonly RaceSigning[],
  setupSeq: number,
  a: Contender,
  b: Contender,
): Promise<PairOutcome> {
  // Every request of every pair is sent before any answer is awaited; which one leaves first
  // alternates, so both orders are tried.
  const answers = await Promise.all(
    signings.map((s, i) => {
      if (i % 2 === 0) return Promise.all([a.send(s), b.send(s)]);
      const second = b.send(s);
      return Promise.all([a.send(s), second]);
    }),
  );
  const wins: Record<string, number> = { [a.name]: 0, [b.name]: 0 };
  const trails = await expectAllConsistent(
    h,
    signings.map((s) => s.id),
  );

  signings.forEach((s, i) => {
    const [resA, resB] = answers[i]!;
    const context = `signing ${s.id}: ${a.name} → ${resA.status}, ${b.name} → ${resB.status}`;
    expect([resA.status, resB.status].sort(), context).toEqual([200, 409]);
    const [winner, won, lost] = resA.status === 200 ? [a, resA, resB] : [b, resB, resA];
    const loser = winner === a ? b : a;
    wins[winner.name]! += 1;
    expect(won.body.status, context).toBe(winner.to);
    expectConflictNaming(lost, winner.to, context);

    const trail = trails.get(s.id)!;
    expect(trail.status, context).toBe(winner.to);
    // Exactly one event after the setup's: the winner's.
    expect(trail.view.seq, context).toBe(setupSeq + 1);
    expect(trail.events.at(-1)?.action, context).toBe(winner.action);
    expect(countActions(trail, winner.action, setupSeq), context).toBe(1);
    if (loser.action !== winner.action) expect(countActions(trail, loser.action, setupSeq), context).toBe(0);
  });
  return { wins, trails };
}
