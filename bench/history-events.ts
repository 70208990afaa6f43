/**
 * History events per signing, as the server counts them (describe → historyLength), over a sample
 * of each round's closed workflows: what a signing costs Temporal in writes and what a cache miss
 * replays.
 */
import type { Client } from '@temporalio/client';

export async function eventsPerSigning(client: Client, workflowIds: readonly string[], sample = 20): Promise<number | null> {
  const picked = workflowIds.slice(-sample);
  if (picked.length === 0) return null;
  const lengths = await Promise.all(picked.map(async (id) => (await client.workflow.getHandle(id).describe()).historyLength));
  return Math.round((lengths.reduce((a, b) => a + b, 0) / lengths.length) * 10) / 10;
}
