/**
 * A repeated Update on a run that has closed (api/http/workflow-update.ts): the server usually
 * answers a completed Update's id from the run's memory, but the fault suite saw a restarted dev
 * server answer "already completed" instead, and the retried step was told 409 although it had
 * been done. The outcome is then read from the run's history. Here a real completed signing's
 * handle is wrapped so its Update call answers as that server did; the history is the real one.
 */
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../api/http/errors';
import { executeWorkflowUpdate } from '../../api/http/workflow-update';
import { schoolConfirmUpdate, signingWorkflowId } from '../../workflows/messages';
import { newParties, signingIn } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** The handle of a run that closed, whose Update calls answer as the restarted server did. */
function closedAfterRestart(handle: WorkflowHandle): WorkflowHandle {
  return new Proxy(handle, {
    get(target, prop, receiver) {
      if (prop === 'executeUpdate') return () => Promise.reject(new Error('workflow execution already completed'));
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

describe('a repeated Update on a closed run', () => {
  it('answers the outcome the history holds for its id', async () => {
    const p = await newParties(h);
    const { id } = await signingIn(p, 'COMPLETED');
    const handle = h.client.workflow.getHandle(signingWorkflowId(id));
    const history = await handle.fetchHistory();
    const updateIds = (history.events ?? []).flatMap((e) => e.workflowExecutionUpdateCompletedEventAttributes?.meta?.updateId ?? []);
    expect(updateIds).toHaveLength(3);
    const onClosed = async () => new AppError('CONFLICT', '网签已结束');

    const answer = await executeWorkflowUpdate(closedAfterRestart(handle), schoolConfirmUpdate, { actor: { role: 'school', id: randomUUID(), partyId: p.world.schoolCode } }, updateIds[2], onClosed);
    expect(answer).toMatchObject({ signingId: id, status: 'COMPLETED', seq: 4, row: { status: 'COMPLETED', seq: 4 } });

    // An id the run never completed is refused as the run's end says.
    await expect(
      executeWorkflowUpdate(closedAfterRestart(handle), schoolConfirmUpdate, { actor: { role: 'school', id: randomUUID(), partyId: p.world.schoolCode } }, `never-${randomUUID()}`, onClosed),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: '网签已结束' });
  });
});
