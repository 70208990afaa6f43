/**
 * What an operator sees and does in the Temporal UI (README: 运维指南): the list filters the admin
 * guide gives find the signing through its search attributes; the workflow page shows the static
 * summary, details and current details; a `cancel` Signal sent from the UI with an actor and a
 * reason cancels the signing exactly as the API would (audit trail, database, parties told).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelSignal, signingWorkflowId, statusQuery } from '../../workflows/messages';
import { newParties, signingIn } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** The ids of the signing workflows a list filter finds (visibility is eventually consistent). */
async function listed(query: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const execution of h.client.workflow.list({ query })) ids.push(execution.workflowId);
  return ids;
}

describe("the operator's Temporal UI", () => {
  it('finds a signing with the guide’s filters and shows codes, not personal data', async () => {
    const p = await newParties(h);
    const { id } = await signingIn(p, 'PENDING_STUDENT');
    const workflowId = signingWorkflowId(id);
    const handle = h.client.workflow.getHandle(workflowId);

    const { schoolCode } = p.world;
    const employerCode = p.world.employer.creditCode;
    // 等待某校学生确认的网签 / 某单位的网签 / 在当前环节停留（这里：自一小时后回看）的网签
    const waitingForStudent = `WorkflowType = "signingWorkflow" AND SchoolCode = "${schoolCode}" AND AwaitingParty = "student"`;
    const ofEmployer = `EmployerCreditCode = "${employerCode}" AND SigningStatus = "PENDING_STUDENT"`;
    const stalledBefore = (iso: string) => `SchoolCode = "${schoolCode}" AND ExecutionStatus = "Running" AND StageStartedAt < "${iso}"`;
    await expect.poll(() => listed(waitingForStudent), { timeout: 30_000, interval: 500 }).toEqual([workflowId]);
    await expect.poll(() => listed(ofEmployer), { timeout: 30_000, interval: 500 }).toEqual([workflowId]);
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    await expect.poll(() => listed(stalledBefore(inAnHour)), { timeout: 30_000, interval: 500 }).toEqual([workflowId]);
    expect(await listed(stalledBefore(new Date(Date.now() - 7 * 86_400_000).toISOString()))).toEqual([]);

    const description = await handle.describe();
    expect(await description.staticSummary()).toMatch(new RegExp(`^网上签约 \\d{4}-${schoolCode}-\\d{6} · 学校 ${schoolCode} · 单位 ${employerCode}$`));
    const details = (await description.staticDetails()) ?? '';
    expect(details).toContain(`**网签编号**：${id}`);
    expect(details).toContain('每个环节 14 天');
    const metadata = (await handle.query('__temporal_workflow_metadata')) as { currentDetails?: string };
    expect(metadata.currentDetails).toMatch(/^当前状态：待学生确认；等待学生办理，截止 /);
    // No name in what the list and the page show.
    const shown = JSON.stringify([await description.staticSummary(), details, metadata.currentDetails, description.typedSearchAttributes.getAll()]);
    expect(shown).not.toContain('于同学');
    expect(shown).not.toContain('tiger7');
  });

  it('a cancel Signal from the UI, with the school as actor and a reason, cancels like the API', async () => {
    const p = await newParties(h);
    const { id } = await signingIn(p, 'PENDING_SCHOOL');
    const handle = h.client.workflow.getHandle(signingWorkflowId(id));

    // Exactly the JSON the guide tells an operator to paste into the UI's "Send a Signal" form.
    await handle.signal(cancelSignal, {
      actor: { role: 'school', id: 'operator:ops-zhang', partyId: p.world.schoolCode },
      reason: '学生书面申请撤销，运维代为取消（工单 42）',
    });

    await expect.poll(async () => (await p.student.get(`/api/signings/${id}`)).body.status, { timeout: 30_000, interval: 250 }).toBe('CANCELLED');
    const events = (await p.school.get(`/api/signings/${id}/events`)).body.items as Array<Record<string, any>>;
    expect(events.at(-1)).toMatchObject({
      action: 'cancel',
      actor: { role: 'school', id: 'operator:ops-zhang' },
      fromStatus: 'PENDING_SCHOOL',
      toStatus: 'CANCELLED',
      reason: '学生书面申请撤销，运维代为取消（工单 42）',
    });
    expect((await handle.result()).status).toBe('CANCELLED');
  });

  it('a Signal naming another school is ignored: the signing keeps waiting', async () => {
    const p = await newParties(h);
    const { id } = await signingIn(p, 'PENDING_SCHOOL');
    const handle = h.client.workflow.getHandle(signingWorkflowId(id));
    await handle.signal(cancelSignal, { actor: { role: 'school', id: 'operator:ops-zhang', partyId: p.world.otherSchool.schoolCode }, reason: '填错学校' });
    // A Query after the Signal is answered only once the Signal was processed (same task order).
    expect(await handle.query(statusQuery)).toMatchObject({ status: 'PENDING_SCHOOL' });
    expect((await p.student.get(`/api/signings/${id}`)).body.status).toBe('PENDING_SCHOOL');
  });
});
