/**
 * The command shapes issue 13 added, run live and then replayed: an open-ended agreement (hash
 * canonical form 2, no months), phones in their stored forms with an extension and abroad, then
 * confirmed and completed. The recorded fixtures (tests/fixtures/histories) hold fixed-term
 * agreements only; this proves the current workflow code replays runs of the other kinds and phone
 * forms deterministically, with the worker's own options (WORKFLOW_OPTIONS) and the harness's
 * payload codec.
 */
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataConverter } from '../../temporal/data-converter';
import { WORKFLOW_OPTIONS } from '../../worker';
import { signingWorkflowId } from '../../workflows/messages';
import { newParties } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';
import { sampleApplication, sampleArchive, sampleContact, sampleOpenEndedAgreement } from '../support/sample-data';
import { quietTemporalLogs } from '../support/temporal-logs';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('replay of the new command shapes', () => {
  it('an open-ended agreement with normalised phones completes and replays without a determinism error', { timeout: 180_000 }, async () => {
    const p = await newParties(h);
    const created = await p.student.post('/api/signings', sampleApplication(p.world.employer.creditCode));
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    const signed = await p.employer.post(`/api/signings/${id}/employer-sign`, {
      unitNature: '99',
      contact: { ...sampleContact(), phone: '+852 2123 4567' },
      agreement: sampleOpenEndedAgreement(),
      archive: { ...sampleArchive(), phone: '（021）6482 6000 转 8001' },
      previewed: true,
    });
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    const confirmed = await p.student.post(`/api/signings/${id}/student-confirm`, { agreementHash: signed.body.agreement.hash, previewed: true });
    expect(confirmed.status).toBe(200);
    expect((await p.school.post(`/api/signings/${id}/school-confirm`)).status).toBe(200);

    const handle = h.client.workflow.getHandle(signingWorkflowId(id));
    await handle.result();
    const stored = (await p.student.get(`/api/signings/${id}/agreement`)).body;
    expect(stored.agreement.employmentTerms).toMatchObject({ contractTermKind: 'openEnded' });
    expect(stored.archive.phone).toBe('021-64826000转8001');

    quietTemporalLogs();
    const history = await handle.fetchHistory();
    await expect(
      Worker.runReplayHistory({ ...WORKFLOW_OPTIONS, dataConverter: createDataConverter(h.payloadCodec) }, history, handle.workflowId),
    ).resolves.toBeUndefined();
  });
});
