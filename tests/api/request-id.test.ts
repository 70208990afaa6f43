/**
 * One request id from the HTTP request to the workflow and its activities: the API's request line,
 * the signing workflow's line for the transition, the persistence activity's lines and the start
 * of the notification child workflow all carry the id the client sent (or the one the API made
 * up), and no captured line holds a password or a bearer token.
 *
 * Both loggers capture in memory: the API's through the harness option, the worker's by installing
 * the SDK runtime with our pino adapter before the harness starts its worker (one runtime per
 * process; the harness's own quiet logger then stays out).
 */
import { randomUUID } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { Runtime } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeadlinePolicy } from '../../domain/deadline-policy';
import { createLogger } from '../../observability/logger';
import { sdkLogger } from '../../observability/temporal-sdk-logger';
import { signingWorkflowId } from '../../workflows/messages';
import { REQUEST_ID_HEADER } from '../../domain/request-id';
import { newParties, signingIn } from '../support/flows';
import { type Harness, TEST_PASSWORD, startHarness } from '../support/harness';
import { ApiClient } from '../support/http';
import { type WebhookReceiver, startWebhookReceiver } from '../support/webhook-receiver';
import { sampleApplication, sampleEmployerSign } from '../support/sample-data';

type Line = Record<string, any>;

/** A pino destination that keeps every line, parsed, and the raw text. */
function memoryLog() {
  const lines: Line[] = [];
  const raw: string[] = [];
  return {
    lines,
    raw,
    destination: {
      write(text: string) {
        raw.push(text);
        lines.push(JSON.parse(text) as Line);
      },
    },
  };
}

const api = memoryLog();
const worker = memoryLog();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// Reminders at 1 s and 2 s, expiry at 3 s: for the timer-driven transition.
const SHORT: DeadlinePolicy = { firstReminderAfterMs: 1000, reminderEveryMs: 1000, lastCallBeforeMs: 500, stageDeadlineMs: 3000 };

let h: Harness;
let receiver: WebhookReceiver;
beforeAll(async () => {
  Runtime.install({ logger: sdkLogger(createLogger({ level: 'debug', destination: worker.destination })) });
  receiver = await startWebhookReceiver();
  h = await startHarness({ logger: createLogger({ level: 'debug', name: 'api', destination: api.destination }) });
});
afterAll(async () => {
  await h?.close();
  await receiver?.close();
});

const linesOf = (log: { lines: Line[] }, requestId: string) => log.lines.filter((l) => l.requestId === requestId);
/** The request id in the signing run's start headers: the submission's. */
async function startRequestId(signingId: string): Promise<unknown> {
  const history = await h.client.workflow.getHandle(signingWorkflowId(signingId)).fetchHistory();
  const header = history.events?.[0]?.workflowExecutionStartedEventAttributes?.header?.fields?.[REQUEST_ID_HEADER];
  return header ? defaultPayloadConverter.fromPayload(header) : undefined;
}

describe('request id', () => {
  it('follows an employer-sign from the API into the workflow, its activities and the notification workflow', async () => {
    const p = await newParties(h);
    // An endpoint of the employer's, so the transition's notification has a delivery to start.
    const endpoint = await p.employer.post('/api/webhooks', { url: receiver.url });
    expect(endpoint.status).toBe(201);
    receiver.secret = endpoint.body.secret;
    const { id } = await signingIn(p, 'PENDING_EMPLOYER');
    const requestId = `test-${randomUUID()}`;

    const res = await p.employer.post(`/api/signings/${id}/employer-sign`, sampleEmployerSign(), { 'X-Request-Id': requestId });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe(requestId);

    // The API's one line for the request: the route pattern, not the URL with the signing's id.
    await expect.poll(() => linesOf(api, requestId).filter((l) => l.msg === '请求完成')).toHaveLength(1);
    const [line] = linesOf(api, requestId).filter((l) => l.msg === '请求完成');
    expect(line).toMatchObject({ method: 'POST', route: '/api/signings/:id/employer-sign', status: 200, level: 'info', name: 'api' });
    expect(typeof line!.durationMs).toBe('number');
    expect(JSON.stringify(line)).not.toContain(id);

    // The workflow's line for the transition (delivered through the SDK's sink after the activation).
    await expect
      .poll(() => linesOf(worker, requestId).find((l) => l.msg === '已受理状态变更'))
      .toMatchObject({ sdkComponent: 'workflow', workflowType: 'signingWorkflow', signingId: id, seq: 2, action: 'employerSign', status: 'PENDING_STUDENT' });

    // The activity that persisted that transition, and the notification it announced (the
    // persistence functions log through the context of whichever activity runs them).
    expect(linesOf(worker, requestId).find((l) => l.msg === '已记录状态变更')).toMatchObject({
      sdkComponent: 'activity',
      activityType: expect.any(String),
      signingId: id,
      seq: 2,
      status: 'PENDING_STUDENT',
    });
    await expect
      .poll(() => linesOf(worker, requestId).find((l) => l.msg === '已记录通知'))
      .toMatchObject({ sdkComponent: 'activity', signingId: id, type: 'signing.employer_signed' });
    // …and the delivery workflow started on its behalf got the id in its start headers.
    const childStartIds = async () => {
      const history = await h.client.workflow.getHandle(signingWorkflowId(id)).fetchHistory();
      return (history.events ?? []).flatMap((e) => {
        const header = e.startChildWorkflowExecutionInitiatedEventAttributes?.header?.fields?.[REQUEST_ID_HEADER];
        return header ? [defaultPayloadConverter.fromPayload(header)] : [];
      });
    };
    await expect.poll(childStartIds, { timeout: 30_000, interval: 250 }).toContain(requestId);
  });

  it('gives each request its own id: the submission and the next action do not share one', async () => {
    const p = await newParties(h);
    const submitId = `test-${randomUUID()}`;
    const created = await p.student.post('/api/signings', sampleApplication(p.world.employer.creditCode), { 'X-Request-Id': submitId });
    expect(created.status).toBe(201);
    const signId = `test-${randomUUID()}`;
    expect((await p.employer.post(`/api/signings/${created.body.id}/employer-sign`, sampleEmployerSign(), { 'X-Request-Id': signId })).status).toBe(200);

    await expect.poll(() => linesOf(worker, signId).some((l) => l.msg === '已记录状态变更')).toBe(true);
    // The run was started by the submission; the transition it persisted belongs to the sign request.
    const recorded = worker.lines.filter((l) => l.msg === '已记录状态变更' && l.signingId === created.body.id);
    expect(recorded.map((l) => l.requestId)).toEqual([signId]);
    expect(await startRequestId(created.body.id)).toBe(submitId);
  });

  it('records a transition a timer caused (expiry) under no request id', async () => {
    const shortApi = await h.startApi({ deadlinePolicy: SHORT });
    const p = await newParties(h);
    const student = new ApiClient(shortApi, p.student.token);
    const submitId = `test-${randomUUID()}`;
    const created = await student.post('/api/signings', sampleApplication(p.world.employer.creditCode), { 'X-Request-Id': submitId });
    expect(created.status).toBe(201);

    await expect
      .poll(() => worker.lines.find((l) => l.msg === '已记录状态变更' && l.signingId === created.body.id), { timeout: 30_000, interval: 250 })
      .toMatchObject({ status: 'EXPIRED' });
    // The workflow's and the activity's lines of the expiry, and the reminders before it.
    const byTimer = worker.lines.filter(
      (l) => l.signingId === created.body.id && (l.status === 'EXPIRED' || l.type === 'signing.reminder' || l.type === 'signing.expired'),
    );
    expect(byTimer.map((l) => l.msg)).toEqual(expect.arrayContaining(['已受理状态变更', '已记录状态变更', '已记录通知']));
    for (const l of byTimer) expect(l.requestId).toBeUndefined();
    // The submission itself (its row, event and notice are written by the API) started the run
    // under the submitting request's id.
    expect(await startRequestId(created.body.id)).toBe(submitId);
  });

  it('makes up an id when none is sent, and replaces one that is not a sane token', async () => {
    const anonymous = new ApiClient(h.baseUrl);
    const none = await anonymous.get('/healthz');
    expect(none.headers.get('x-request-id')).toMatch(UUID);

    for (const bad of ['x'.repeat(200), 'has space', '<script>', '-leading-dash', 'a/b', '{"requestId":1}']) {
      const res = await anonymous.request('GET', '/healthz', undefined, { 'X-Request-Id': bad });
      const given = res.headers.get('x-request-id');
      expect(given, bad).toMatch(UUID);
      expect(given).not.toBe(bad);
      expect(api.lines.some((l) => l.requestId === bad)).toBe(false);
    }

    // An error answer carries an id too, and its line names no route it did not reach.
    const missing = await anonymous.get('/nope');
    expect(missing.status).toBe(404);
    const missingId = missing.headers.get('x-request-id')!;
    expect(missingId).toMatch(UUID);
    await expect.poll(() => linesOf(api, missingId)).toEqual([expect.objectContaining({ msg: '请求完成', route: null, status: 404 })]);
  });

  it('writes no password, token or Authorization header into any line', async () => {
    // Logins (passwords in bodies) and bearer requests happened above; one more of each here.
    const p = await newParties(h);
    await signingIn(p, 'PENDING_STUDENT');
    const secrets = [TEST_PASSWORD, p.student.token!, p.employer.token!, 'Bearer '];
    for (const text of [...api.raw, ...worker.raw]) {
      for (const secret of secrets) expect(text).not.toContain(secret);
      expect(text.toLowerCase()).not.toContain('authorization');
    }
    expect(api.lines.some((l) => l.route === '/api/auth/login' && l.status === 200)).toBe(true);
  });
});
