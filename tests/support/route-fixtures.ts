/**
 * A valid request for every operation of the declared routes (api/routes.ts), by operationId:
 * what the authorization matrix sends (so the answer is decided by who asks, not by the input) and
 * what the fuzzer mutates. A route without an entry here fails tests/authz, so a new route cannot
 * be forgotten.
 *
 * The owned path parameter is filled by the suites (own or foreign resource); a fixture gives the
 * rest. `fresh` marks operations whose success changes what later cases rely on: their
 * own-resource success case gets a new resource or caller from it.
 */
import { randomUUID } from 'node:crypto';
import type { PartyAction } from '../../domain/status';
import { uniqueCreditCode, TEST_PASSWORD } from './harness';
import type { ApiClient } from './http';
import type { PartyRole, RouteWorld, WorldSigning, WorldState } from './route-world';
import { sampleApplication, sampleArchive, sampleEmployerSign } from './sample-data';

export interface ValidInput {
  /** Path parameters other than the owned one. */
  params?: Record<string, string>;
  query?: Record<string, string>;
  /** A JSON body (absent: none sent). */
  body?: unknown;
  /** A body in another media type (the CSV roster). */
  raw?: { contentType: string; text: string };
  /** Request headers a valid request needs (the browser session's same-origin proof). */
  headers?: Record<string, string>;
}

export interface FixtureCase {
  world: RouteWorld;
  role: PartyRole | 'anonymous' | 'operator';
  /** The signing named by the path, for routes owning one. */
  signing?: WorldSigning | undefined;
}

export interface Fresh {
  /** Replaces the caller (own-resource success case). */
  caller?: ApiClient;
  /** Replaces the owned path parameter's value. */
  resource?: string;
}

export interface RouteFixture {
  /**
   * For a route owning a signing: the state of the signing it reads or edits — and, for a route
   * whose step a state decides, the one its refusals of other roles and parties are tried in.
   */
  status?: WorldState;
  /** The caller of a route without an owned resource, when not the owning party's default one. */
  caller?: (world: RouteWorld, role: PartyRole) => ApiClient;
  /** A new caller or resource for each successful own-resource case (the call changes it). */
  fresh?: (world: RouteWorld, role: PartyRole) => Promise<Fresh>;
  input(c: FixtureCase): ValidInput | Promise<ValidInput>;
}

const HASH_PLACEHOLDER = '0'.repeat(64);

/** Valid bodies of the signing actions (a syntactically valid hash where the signing has none yet). */
export const ACTION_BODIES: Record<PartyAction, (signing: WorldSigning | undefined) => unknown> = {
  employerSign: () => sampleEmployerSign(),
  studentConfirm: (s) => ({ agreementHash: s?.hash ?? HASH_PLACEHOLDER, previewed: true }),
  return: () => ({ reason: '信息有误，请修改' }),
  schoolConfirm: () => undefined,
  cancel: () => ({ reason: '不再签约' }),
  updateArchive: () => sampleArchive(),
};

/** What a browser sends on a request from this origin's own pages (api/http/csrf.ts). */
export const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' } as const;

const action = (name: PartyAction): RouteFixture => ({ input: ({ signing }) => ({ body: ACTION_BODIES[name](signing) }) });

/** A 解约 answer: refused by other roles and parties on a request awaiting the employer. */
const rescissionAnswer = (body?: unknown): RouteFixture => ({ status: 'asked-by-student', input: () => (body === undefined ? {} : { body }) });

export const ROUTE_FIXTURES: Record<string, RouteFixture> = {
  healthz: { input: () => ({}) },
  readyz: { input: () => ({}) },
  metrics: { input: () => ({}) },
  openapi: { input: () => ({}) },
  docs: { input: () => ({}) },
  codec_encode: {
    input: () => ({ body: { payloads: [{ metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from('"你好"').toString('base64') }] } }),
  },
  codec_decode: {
    input: async ({ world }) => {
      const [encoded] = await world.h.payloadCodec.encode([{ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('"你好"') }]);
      const b64 = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString('base64');
      return {
        body: {
          payloads: [{ metadata: Object.fromEntries(Object.entries(encoded!.metadata ?? {}).map(([k, v]) => [k, b64(v)])), data: b64(encoded!.data) }],
        },
      };
    },
  },
  login: { input: ({ world }) => ({ body: { username: world.p.world.student.username, password: TEST_PASSWORD } }) },
  session_create: { input: ({ world }) => ({ body: { username: world.p.world.student.username, password: TEST_PASSWORD }, headers: { ...SAME_ORIGIN } }) },
  session_delete: { input: () => ({ headers: { ...SAME_ORIGIN } }) },
  employerRegister: {
    input: () => {
      const tag = randomUUID().slice(0, 8);
      return {
        body: { creditCode: uniqueCreditCode(), name: `注册单位${tag}`, username: `reg${tag}`, password: 'Register-pass-1', email: `reg${tag}@example.com` },
      };
    },
  },
  me: { input: () => ({}) },
  myPlan: { caller: (w, role) => w.owner(role, 'COMPLETED'), input: () => ({}) },
  changePassword: {
    fresh: async (w, role) => ({ caller: await w.freshAccount(role) }),
    input: () => ({ body: { currentPassword: TEST_PASSWORD, newPassword: 'Changed-pass-9' } }),
  },
  signing_create: {
    fresh: async (w) => ({ caller: (await w.freshStudent()).client }),
    input: ({ world }) => ({ body: sampleApplication(world.p.world.employer.creditCode) }),
  },
  signing_list: { input: () => ({ query: { limit: '10' } }) },
  signing_get: { input: () => ({}) },
  signing_agreement: { input: () => ({ query: { format: 'json' } }) },
  signing_events: { input: () => ({}) },
  signing_versions: { input: () => ({}) },
  signing_employerSign: action('employerSign'),
  signing_studentConfirm: action('studentConfirm'),
  signing_return: action('return'),
  signing_schoolConfirm: action('schoolConfirm'),
  signing_cancel: action('cancel'),
  signing_updateArchive: action('updateArchive'),
  signing_rescission_request: { status: 'COMPLETED', input: () => ({ body: { reason: '已考取研究生，无法按期报到' } }) },
  signing_rescission_agree: rescissionAnswer(),
  signing_rescission_reject: rescissionAnswer({ reason: '不同意解约' }),
  signing_rescission_approve: rescissionAnswer(),
  signing_rescission_withdraw: rescissionAnswer(),
  // The world's request in this stage came with a 解约函.
  signing_rescission_letter: { status: 'asked-by-student', input: () => ({}) },
  // A completed signing: each item is refused (409 in its result), the request itself succeeds.
  signing_batchSchoolConfirm: { input: ({ world }) => ({ body: { ids: [world.signings.COMPLETED.id] } }) },
  signing_batchSchoolReturn: { input: ({ world }) => ({ body: { ids: [world.signings.COMPLETED.id], reason: '信息有误，请修改' } }) },
  draft_get: { status: 'PENDING_EMPLOYER', input: () => ({}) },
  draft_save: { status: 'PENDING_EMPLOYER', input: () => ({ body: { unitNature: '39' } }) },
  draft_fromTemplate: { status: 'PENDING_EMPLOYER', input: ({ world }) => ({ body: { templateId: world.templateId } }) },
  template_create: { input: () => ({ body: { name: `模板${randomUUID().slice(0, 8)}`, unitNature: '39' } }) },
  template_list: { input: () => ({}) },
  template_get: { input: () => ({}) },
  template_update: { input: () => ({ body: { unitNature: '39' } }) },
  template_delete: {
    fresh: async (w) => {
      const res = await w.p.employer.post('/api/employer/templates', { name: `待删${randomUUID().slice(0, 8)}` });
      return { resource: res.body.id };
    },
    input: () => ({}),
  },
  desk_school: { input: () => ({ query: { limit: '10' } }) },
  desk_employer: { input: () => ({ query: { limit: '10' } }) },
  desk_schoolRescissions: { input: () => ({ query: { limit: '10' } }) },
  // A signing without an open request: its item is refused (409 in its result), the request itself succeeds.
  // The batch names requests; as the other batches, one that no longer fits (per-id CONFLICT, nothing changes).
  desk_schoolRescissionsApprove: { input: ({ world }) => ({ body: { ids: [world.rescissions.approved.rescissionId!] } }) },
  notification_list: { input: () => ({ query: { limit: '10' } }) },
  notification_read: { input: () => ({}) },
  webhook_create: { input: ({ world }) => ({ body: { url: `${world.sinkUrl}/created`, description: '测试' } }) },
  webhook_list: { input: () => ({}) },
  webhook_delete: {
    fresh: async (w, role) => {
      const res = await (role === 'employer' ? w.p.employer : w.p.school).post('/api/webhooks', { url: `${w.sinkUrl}/delete-me` });
      return { resource: res.body.id };
    },
    input: () => ({}),
  },
  codes_regions: { input: () => ({}) },
  codes_industries: { input: () => ({}) },
  codes_unitNatures: { input: () => ({}) },
  codes_jobCategories: { input: () => ({}) },
  codes_graduationDestinations: { input: () => ({}) },
  student_import: {
    input: () => ({ raw: { contentType: 'text/csv', text: `考生号,姓名\n${Date.now()}${Math.floor(Math.random() * 10)},导入学生\n` } }),
  },
  student_resetPassword: {
    fresh: async (w) => ({ resource: (await w.freshStudent()).examineeNo }),
    input: () => ({}),
  },
};

