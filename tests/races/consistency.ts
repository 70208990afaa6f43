/**
 * After a race: the database must agree with the workflow, which is the source of truth. For each
 * signing, the workflow's state (the `status` Query, answered by a replay once the run has closed)
 * is compared with the signings row and the audit trail (signing_events): same status, same seq,
 * and events numbered exactly 1..seq with the last one leading to the current status — so every
 * accepted action was recorded once and no refused one was recorded at all.
 *
 * An accepted Update answers only after its transition is persisted, so the row should already
 * agree; the bounded poll only tolerates the one write the API does not wait for (a Signal's), and
 * turns a lagging database into a clear failure instead of a flaky one.
 */
import { asc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { signingEvents, signings } from '../../db/schema';
import type { AuditAction, SigningStatus } from '../../domain/status';
import { type SigningView, signingWorkflowId, statusQuery } from '../../workflows/messages';
import type { Harness } from '../support/harness';

export interface SigningTrail {
  view: SigningView;
  status: SigningStatus;
  events: { seq: number; action: AuditAction; toStatus: SigningStatus }[];
}

const CONVERGENCE_MS = 15_000;

async function rowOf(h: Harness, id: string) {
  const [row] = await h.database.db.select({ status: signings.status, seq: signings.seq }).from(signings).where(eq(signings.id, id));
  if (!row) throw new Error(`signing ${id} has no row`);
  return row;
}

/**
 * The workflow's own view. A closed run answers by a replay on the worker; on an overloaded
 * machine that can time out, which says nothing about the signing, so it is asked again (bounded).
 */
async function queryStatus(h: Harness, id: string): Promise<SigningView> {
  const handle = h.client.workflow.getHandle(signingWorkflowId(id));
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await handle.query(statusQuery);
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

/** Checks one signing; returns the workflow's view and the audit trail for scenario assertions. */
export async function expectConsistent(h: Harness, id: string): Promise<SigningTrail> {
  const view = await queryStatus(h, id);
  const deadline = Date.now() + CONVERGENCE_MS;
  let row = await rowOf(h, id);
  while (row.seq < view.seq && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    row = await rowOf(h, id);
  }
  expect({ id, status: row.status, seq: row.seq }).toEqual({ id, status: view.status, seq: view.seq });

  const events = await h.database.db
    .select({ seq: signingEvents.seq, action: signingEvents.action, toStatus: signingEvents.toStatus })
    .from(signingEvents)
    .where(eq(signingEvents.signingId, id))
    .orderBy(asc(signingEvents.seq));
  expect(events.map((e) => e.seq)).toEqual(Array.from({ length: view.seq }, (_, i) => i + 1));
  expect(events.at(-1)).toMatchObject({ seq: view.lastEvent.seq, action: view.lastEvent.action, toStatus: view.status });
  return { view, status: view.status, events };
}

/** expectConsistent for every signing, a few at a time (each closed run is replayed to answer). */
export async function expectAllConsistent(h: Harness, ids: readonly string[]): Promise<Map<string, SigningTrail>> {
  const trails = new Map<string, SigningTrail>();
  const queue = [...ids];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) trails.set(id, await expectConsistent(h, id));
    }),
  );
  return trails;
}

/** How many events of `action` the trail holds after its first `after` events (the setup's). */
export function countActions(trail: SigningTrail, action: AuditAction, after = 0): number {
  return trail.events.filter((e) => e.seq > after && e.action === action).length;
}
