/**
 * The recorder's 解约 scenarios (record-histories.record.ts, paths `rescission-*` of
 * history-paths.ts): each completes a signing through the API, then takes a 解约 request along its
 * path — through the API (Updates), or as Signals straight to the workflow — and names the request's
 * workflow, whose history becomes the fixture. Expiry and reminder paths request through an API
 * whose deadline policy is short: the request keeps the policy it was made under.
 */
import type { Harness } from '../support/harness';
import { RESCISSION_SIGNALS, type RescissionView, rescissionStatusQuery, rescissionWorkflowId } from '../../workflows/rescission-messages';
import type { RescissionStatus } from '../../domain/rescission';
import type { Actor } from '../../domain/signing-machine';
import type { Party } from '../../domain/status';
import { type Parties, newParties, signingIn } from '../support/flows';
import { ApiClient } from '../support/http';
import { LETTER_PDF } from '../support/rescission-world';
import { expect } from 'vitest';

export interface Recorded {
  workflowId: string;
  /** Checks the closed run's result is the path's expected end. */
  check(result: unknown): void;
}

export interface RescissionRecorderContext {
  h: Harness;
  /** APIs started with the recorder's short policies (expiry at 12 s; one reminder after 1 s). */
  expiringApi: string;
  remindingApi: string;
  actorsOf(p: Parties): Promise<Record<Party, Actor>>;
  /** Gives the parties' accounts e-mail addresses, and the employer and school a webhook each. */
  reachable(p: Parties): Promise<void>;
}

const REASON = '录制历史：已考取研究生，无法按期报到';

async function ok(promise: Promise<{ status: number; body: any }>, expected: number, what: string) {
  const res = await promise;
  if (res.status !== expected) throw new Error(`${what}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export function rescissionScenarios(ctx: RescissionRecorderContext): Record<string, () => Promise<Recorded>> {
  // Read when a scenario runs: the recorder starts its stack after building this table.
  /** New parties and their completed signing. */
  async function completed(): Promise<{ p: Parties; id: string }> {
    const p = await newParties(ctx.h);
    const { id } = await signingIn(p, 'COMPLETED');
    return { p, id };
  }

  /** `client` asks to rescind (through the API at `api`, so under its policy); the request's id. */
  async function ask(client: ApiClient, id: string, options: { api?: string; letter?: boolean } = {}): Promise<string> {
    const via = new ApiClient(options.api ?? ctx.h.baseUrl, client.token);
    const path = `/api/signings/${id}/rescission`;
    if (!options.letter) return (await ok(via.post(path, { reason: REASON }), 201, 'request')).rescission.id;
    const form = new FormData();
    form.append('reason', REASON);
    form.append('letter', new Blob([LETTER_PDF], { type: 'application/pdf' }), '解约函.pdf');
    return (await ok(via.postForm(path, form), 201, 'request with a letter')).rescission.id;
  }

  const answer = (client: ApiClient, id: string, action: 'agree' | 'reject' | 'approve' | 'withdraw', reason?: string) =>
    ok(client.post(`/api/signings/${id}/rescission/${action}`, reason === undefined ? undefined : { reason }), 200, action);

  const handle = (rescissionId: string) => ctx.h.client.workflow.getHandle(rescissionWorkflowId(rescissionId));

  /** Polls the request's status Query until `done` holds. */
  async function until(rescissionId: string, done: (view: RescissionView) => boolean): Promise<RescissionView> {
    for (let i = 0; i < 600; i++) {
      const view = await handle(rescissionId).query(rescissionStatusQuery);
      if (done(view)) return view;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`rescission ${rescissionId} never reached the expected state`);
  }

  function endsIn(rescissionId: string, status: RescissionStatus, fromStatus?: RescissionStatus): Recorded {
    return {
      workflowId: rescissionWorkflowId(rescissionId),
      check(result) {
        const view = result as RescissionView;
        expect(view.status).toBe(status);
        if (fromStatus) expect(view.lastEvent.fromStatus).toBe(fromStatus);
      },
    };
  }

  return {
    async 'rescission-approved'() {
      const { p, id } = await completed();
      const rescissionId = await ask(p.employer, id);
      await answer(p.student, id, 'agree');
      await answer(p.school, id, 'approve');
      return endsIn(rescissionId, 'APPROVED');
    },
    async 'rescission-approved-with-deliveries'() {
      const { p, id } = await completed();
      await ctx.reachable(p);
      const rescissionId = await ask(p.student, id);
      await answer(p.employer, id, 'agree');
      await answer(p.school, id, 'approve');
      return endsIn(rescissionId, 'APPROVED');
    },
    async 'rescission-rejected-by-counterparty'() {
      const { p, id } = await completed();
      const rescissionId = await ask(p.student, id, { letter: true });
      await answer(p.employer, id, 'reject', '岗位已为其保留，不同意解约');
      return endsIn(rescissionId, 'REJECTED', 'PENDING_COUNTERPARTY');
    },
    async 'rescission-rejected-by-school'() {
      const { p, id } = await completed();
      const rescissionId = await ask(p.employer, id);
      await answer(p.student, id, 'agree');
      await answer(p.school, id, 'reject', '解约材料不全，请补充后重新申请');
      return endsIn(rescissionId, 'REJECTED', 'PENDING_SCHOOL');
    },
    async 'rescission-withdrawn-pending-counterparty'() {
      const { p, id } = await completed();
      const rescissionId = await ask(p.student, id);
      await answer(p.student, id, 'withdraw');
      return endsIn(rescissionId, 'WITHDRAWN', 'PENDING_COUNTERPARTY');
    },
    async 'rescission-withdrawn-pending-school'() {
      const { p, id } = await completed();
      const rescissionId = await ask(p.employer, id);
      await answer(p.student, id, 'agree');
      await answer(p.employer, id, 'withdraw');
      return endsIn(rescissionId, 'WITHDRAWN', 'PENDING_SCHOOL');
    },
    async 'rescission-expired-pending-counterparty'() {
      const { p, id } = await completed();
      const rescissionId = await ask(p.student, id, { api: ctx.expiringApi });
      return endsIn(rescissionId, 'EXPIRED', 'PENDING_COUNTERPARTY');
    },
    async 'rescission-expired-pending-school'() {
      const { p, id } = await completed();
      const rescissionId = await ask(p.employer, id, { api: ctx.expiringApi });
      await answer(p.student, id, 'agree');
      return endsIn(rescissionId, 'EXPIRED', 'PENDING_SCHOOL');
    },
    async 'rescission-reminded-then-approved'() {
      const { p, id } = await completed();
      const rescissionId = await ask(p.employer, id, { api: ctx.remindingApi });
      // The first reminder's timer has fired: the student answers after being reminded.
      for (let i = 0; ; i++) {
        const history = await handle(rescissionId).fetchHistory();
        if (history.events?.some((e) => e.timerFiredEventAttributes)) break;
        if (i > 600) throw new Error('the reminder never fired');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await answer(p.student, id, 'agree');
      await answer(p.school, id, 'approve');
      return endsIn(rescissionId, 'APPROVED');
    },
    async 'rescission-signals-approved'() {
      const { p, id } = await completed();
      const actors = await ctx.actorsOf(p);
      const rescissionId = await ask(p.student, id);
      await handle(rescissionId).signal(RESCISSION_SIGNALS.agree, { actor: actors.employer });
      await until(rescissionId, (v) => v.status === 'PENDING_SCHOOL');
      await handle(rescissionId).signal(RESCISSION_SIGNALS.approve, { actor: actors.school });
      return endsIn(rescissionId, 'APPROVED');
    },
    async 'rescission-signal-refused-then-withdrawn'() {
      const { p, id } = await completed();
      const actors = await ctx.actorsOf(p);
      const rescissionId = await ask(p.employer, id);
      // Not the school's turn: the workflow logs the refusal and ignores the Signal.
      await handle(rescissionId).signal(RESCISSION_SIGNALS.approve, { actor: actors.school });
      await handle(rescissionId).signal(RESCISSION_SIGNALS.withdraw, { actor: actors.employer });
      return endsIn(rescissionId, 'WITHDRAWN', 'PENDING_COUNTERPARTY');
    },
    async 'rescission-update-refused-then-approved'() {
      const { p, id } = await completed();
      const rescissionId = await ask(p.student, id);
      // The validator refuses it: 409, and nothing of it in history.
      await ok(p.school.post(`/api/signings/${id}/rescission/approve`), 409, 'refused approve');
      await answer(p.employer, id, 'agree');
      await answer(p.school, id, 'approve');
      return endsIn(rescissionId, 'APPROVED');
    },
  };
}
