/**
 * Deadlines end to end on the dev server, through the API, with short configured durations:
 * reminders at 2 s and 4 s, a last call at 6 s, expiry at 7 s. What the parties see (inbox,
 * status, audit trail) and what an operator sees in Temporal (timer summaries, current details).
 */
import { defaultPayloadConverter } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeadlinePolicy } from '../../domain/deadline-policy';
import { signingWorkflowId } from '../../workflows/messages';
import { newParties } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';
import { ApiClient } from '../support/http';
import { sampleApplication } from '../support/sample-data';

const SHORT: DeadlinePolicy = { firstReminderAfterMs: 2000, reminderEveryMs: 2000, lastCallBeforeMs: 1000, stageDeadlineMs: 7000 };
const LONG: DeadlinePolicy = { firstReminderAfterMs: 600_000, reminderEveryMs: 600_000, lastCallBeforeMs: 300_000, stageDeadlineMs: 3_600_000 };

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ deadlinePolicy: SHORT });
});
afterAll(async () => {
  await h?.close();
});

async function waitForStatus(client: ApiClient, id: string, status: string) {
  await expect.poll(async () => (await client.get(`/api/signings/${id}`)).body.status, { timeout: 60_000, interval: 250 }).toBe(status);
}

async function inbox(client: ApiClient, signingId: string) {
  const res = await client.get('/api/me/notifications?limit=50');
  expect(res.status).toBe(200);
  return (res.body.items as Array<{ type: string; title: string; body: string; signingId: string }>).filter((n) => n.signingId === signingId);
}

describe('stage deadlines through the API (short policy)', () => {
  it('reminds the employer, last-calls, expires, and tells every party', async () => {
    const p = await newParties(h);
    const created = await p.student.post('/api/signings', sampleApplication(p.world.employer.creditCode));
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    expect(Date.parse(created.body.deadlineAt) - Date.parse(created.body.createdAt)).toBe(SHORT.stageDeadlineMs);

    // The operator's view while it waits: whom, and until when.
    const handle = h.client.workflow.getHandle(signingWorkflowId(id));
    const metadata = (await handle.query('__temporal_workflow_metadata')) as { currentDetails?: string };
    expect(metadata.currentDetails).toMatch(/^当前状态：待单位确认；等待用人单位办理，截止 \d{4}-\d\d-\d\d \d\d:\d\d（北京时间）$/);

    await waitForStatus(p.student, id, 'EXPIRED');
    const signing = (await p.employer.get(`/api/signings/${id}`)).body;
    expect(signing).toMatchObject({ statusLabel: '已过期', allowedActions: [], deadlineAt: null });
    const events = (await p.school.get(`/api/signings/${id}/events`)).body.items;
    expect(events.map((e: { action: string }) => e.action)).toEqual(['submit', 'expire']);
    expect(events[1]).toMatchObject({ actor: { role: 'system' }, fromStatus: 'PENDING_EMPLOYER', toStatus: 'EXPIRED' });

    // Delivery to the inbox follows the transition; wait until the expiry notice is there.
    await expect.poll(async () => (await inbox(p.employer, id)).length, { timeout: 30_000 }).toBe(5);
    const employerInbox = await inbox(p.employer, id);
    expect(employerInbox.map((n) => n.type)).toEqual([
      'signing.expired',
      'signing.reminder',
      'signing.reminder',
      'signing.reminder',
      'signing.submitted',
    ]);
    expect(employerInbox[3]!.title).toMatch(/第 1 次/);
    expect(employerInbox[2]!.title).toMatch(/第 2 次/);
    expect(employerInbox[1]!.title).toMatch(/^最后提醒：/);
    expect(employerInbox[0]!.title).toMatch(/过期/);
    for (const party of [p.student, p.school]) {
      await expect.poll(async () => (await inbox(party, id)).map((n) => n.type), { timeout: 30_000 }).toEqual(['signing.expired', 'signing.submitted']);
    }

    // Each timer says in the Temporal UI what it is for.
    const history = await handle.fetchHistory();
    const summaries = (history.events ?? [])
      .filter((e) => e.timerStartedEventAttributes)
      // Raw history: the summaries are encrypted like every payload (tests/support/harness.ts).
      .map((e) => (e.userMetadata?.summary ? defaultPayloadConverter.fromPayload<string>(h.payloadCodec.decodeOne(e.userMetadata.summary)) : null));
    expect(summaries).toEqual(['提醒用人单位：第 1 次', '提醒用人单位：第 2 次', '最后提醒用人单位：第 3 次', '办理期限：用人单位未办理则过期']);
  });

  it('stops reminding once the party acts', async () => {
    const p = await newParties(h);
    const { body: created } = await p.student.post('/api/signings', sampleApplication(p.world.employer.creditCode));
    await p.student.post(`/api/signings/${created.id}/cancel`, { reason: '改投其他单位' });
    await waitForStatus(p.student, created.id, 'CANCELLED');
    // Past where the first two reminders would have been.
    await new Promise((resolve) => setTimeout(resolve, SHORT.firstReminderAfterMs + SHORT.reminderEveryMs + 500));
    const types = (await inbox(p.employer, created.id)).map((n) => n.type);
    expect(types).toEqual(['signing.cancelled', 'signing.submitted']);
  });

  it('keeps a running signing on the policy it started with when the configuration changes', async () => {
    const p = await newParties(h);
    // An API configured with a one-hour deadline starts the first signing …
    const longApi = await h.startApi({ deadlinePolicy: LONG });
    const first = await new ApiClient(longApi, p.student.token).post('/api/signings', sampleApplication(p.world.employer.creditCode));
    expect(first.status).toBe(201);
    // … then the configuration changes to the short policy, and a second signing starts.
    const otherStudent = await ApiClient.login(h.baseUrl, p.world.otherStudent.username);
    const second = await otherStudent.post('/api/signings', sampleApplication(p.world.employer.creditCode));
    expect(second.status).toBe(201);

    await waitForStatus(otherStudent, second.body.id, 'EXPIRED');
    const stillRunning = (await p.student.get(`/api/signings/${first.body.id}`)).body;
    expect(stillRunning.status).toBe('PENDING_EMPLOYER');
    expect(Date.parse(stillRunning.deadlineAt) - Date.parse(stillRunning.createdAt)).toBe(LONG.stageDeadlineMs);
    expect(await inbox(p.employer, first.body.id)).toHaveLength(1); // only the submission, no reminder yet
    await p.student.post(`/api/signings/${first.body.id}/cancel`, { reason: '测试结束' });
  });
});
