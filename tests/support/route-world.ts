/**
 * Real resources of every kind the declared routes' `owns` names, for the suites that call every route
 * (tests/fuzz, tests/authz): one world (tests/support/flows.ts `newParties`) whose employer and
 * school own a signing in each status reachable through the API (each of its own student), a
 * completed one in each 解约 stage (tests/support/rescission-world.ts, the first with a 解约函), a saved
 * agreement draft, a template, a webhook of the employer and of the school, notifications in the
 * inboxes, and a student of the school with a login; an operator account; and the "other" parties
 * of the world, for whom all of it is foreign.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq, inArray } from 'drizzle-orm';
import { accounts, notifications } from '../../db/schema';
import { createAccount, upsertStudent } from '../../db/master-data';
import type { OwnedResource } from '../../api/http/route-spec';
import { signingStatusDuring } from '../../domain/rescission-notifications';
import type { SigningStatus } from '../../domain/status';
import { type Parties, newParties, signingIn } from './flows';
import { type Harness, TEST_PASSWORD } from './harness';
import { ApiClient } from './http';
import { RESCISSION_STAGE_NAMES, type RescissionStage, driveRescission, isRescissionStage, rescissionStateOf } from './rescission-world';
import { sampleContact } from './sample-data';

/** The statuses a signing reaches through the API (EXPIRED takes deadlines). */
export const WORLD_STATUSES = ['PENDING_EMPLOYER', 'PENDING_STUDENT', 'PENDING_SCHOOL', 'COMPLETED', 'CANCELLED'] as const;
export type WorldStatus = (typeof WORLD_STATUSES)[number];

/** Where a world signing stands: a signing status, or a 解约 stage of a completed signing. */
export type WorldState = WorldStatus | RescissionStage;
export const WORLD_STATES: readonly WorldState[] = [...WORLD_STATUSES, ...RESCISSION_STAGE_NAMES];

/** The signing's own status in a world state (a 解约 stage: 已完成, or 已解约 once approved). */
export function signingStatusIn(state: WorldState): SigningStatus {
  return isRescissionStage(state) ? signingStatusDuring(rescissionStateOf(state)) : state;
}

export type PartyRole = 'student' | 'employer' | 'school';

export interface WorldStudent {
  client: ApiClient;
  username: string;
  examineeNo: string;
  studentId: string;
  name: string;
}

export interface WorldSigning {
  id: string;
  hash: string | null;
  status: WorldState;
  student: WorldStudent;
  /** In a 解约 stage: the request's id. */
  rescissionId?: string;
}

export interface RouteWorld {
  h: Harness;
  p: Parties;
  operator: { client: ApiClient; username: string };
  signings: Record<WorldStatus, WorldSigning>;
  /** A completed signing in each 解约 stage, each of its own student. */
  rescissions: Record<RescissionStage, WorldSigning>;
  /** The employer's agreement template. */
  templateId: string;
  templateName: string;
  /** A loopback receiver answering 204 to every delivery, the address of every webhook the suites register. */
  sinkUrl: string;
  /** Webhook endpoints of the employer and of the school. */
  webhooks: { employer: string; school: string };
  /** A notification in the inbox of the owning student, employer and school account. */
  notifications: Record<PartyRole, string>;
  /** The owning party's client of each role (the student: the one of the signing in `status`). */
  owner(role: PartyRole, status?: WorldState): ApiClient;
  /**
   * The owning party's resource of a kind, as the path names it (a signing: the one in `status`;
   * a webhook or notification: the caller role's own).
   */
  resource(kind: OwnedResource, role: PartyRole | 'anonymous' | 'operator', status?: WorldState): { value: string; signing?: WorldSigning };
  /** The world's signing in `status`. */
  signingAt(status: WorldState): WorldSigning;
  /** The other world's party of each role: the owner's resources are foreign to it. */
  foreign(role: PartyRole): ApiClient;
  /** A new student of the owning school, with a login and no signing. */
  freshStudent(): Promise<WorldStudent>;
  /** A new signing of a new student, moved to `status` (a 解约 stage: completed, then the request's steps). */
  freshSigning(status: WorldState): Promise<WorldSigning>;
  /** A new login of the owning employer or school (the student's: a new student). */
  freshAccount(role: PartyRole): Promise<ApiClient>;
  close(): Promise<void>;
}

const digits = (length: number) => Array.from({ length }, (_, i) => (i === 0 ? randomInt(1, 10) : randomInt(0, 10))).join('');

async function accountIdOf(h: Harness, username: string): Promise<string> {
  const [row] = await h.database.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, username));
  if (!row) throw new Error(`no account ${username}`);
  return row.id;
}

/** The newest notification of the account, waiting for the workflow's activity to record one. */
async function someNotification(h: Harness, accountId: string): Promise<string> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const [row] = await h.database.db.select({ id: notifications.id }).from(notifications).where(eq(notifications.accountId, accountId)).limit(1);
    if (row) return row.id;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no notification recorded for account ${accountId}`);
}

async function ok(promise: Promise<{ status: number; body: any }>, expected: number, what: string): Promise<any> {
  const res = await promise;
  if (res.status !== expected) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function createRouteWorld(h: Harness): Promise<RouteWorld> {
  const p = await newParties(h);
  const sink: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(204).end());
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/hook`;
  const { db } = h.database;
  const tag = randomUUID().slice(0, 8);

  const freshStudent = async (): Promise<WorldStudent> => {
    const examineeNo = digits(14);
    const name = `学生${tag}${digits(4)}`;
    const studentId = await upsertStudent(db, { schoolCode: p.world.schoolCode, examineeNo, name });
    const username = `stu-${examineeNo}`;
    await createAccount(db, { username, password: TEST_PASSWORD, displayName: name }, { role: 'student', studentId });
    return { client: await ApiClient.login(h.baseUrl, username), username, examineeNo, studentId, name };
  };

  const freshSigning = async (status: WorldState): Promise<WorldSigning> => {
    const student = await freshStudent();
    const { id, hash } = await signingIn({ ...p, student: student.client }, isRescissionStage(status) ? 'COMPLETED' : status);
    if (!isRescissionStage(status)) return { id, hash, status, student };
    const rescissionId = await driveRescission({ student: student.client, employer: p.employer, school: p.school }, id, status);
    return { id, hash, status, student, rescissionId };
  };

  const freshAccount = async (role: PartyRole): Promise<ApiClient> => {
    if (role === 'student') return (await freshStudent()).client;
    const username = `${role}-${tag}-${digits(6)}`;
    const link = role === 'employer' ? ({ role, employerCreditCode: p.world.employer.creditCode } as const) : ({ role, schoolCode: p.world.schoolCode } as const);
    await createAccount(db, { username, password: TEST_PASSWORD, displayName: `${role} ${tag}` }, link);
    return ApiClient.login(h.baseUrl, username);
  };

  const operatorUsername = `ops-${tag}`;
  await createAccount(db, { username: operatorUsername, password: TEST_PASSWORD, displayName: '运维人员' }, { role: 'operator' });
  const operator = { client: await ApiClient.login(h.baseUrl, operatorUsername), username: operatorUsername };

  const signingList = await Promise.all(WORLD_STATES.map((status) => freshSigning(status)));
  const byState = Object.fromEntries(signingList.map((s) => [s.status, s])) as Record<WorldState, WorldSigning>;
  const signings = Object.fromEntries(WORLD_STATUSES.map((s) => [s, byState[s]])) as Record<WorldStatus, WorldSigning>;
  const rescissions = Object.fromEntries(RESCISSION_STAGE_NAMES.map((s) => [s, byState[s]])) as Record<RescissionStage, WorldSigning>;

  // A saved draft on the signing awaiting the employer (GET …/agreement/draft answers 404 without one).
  await ok(
    p.employer.request('PUT', `/api/signings/${signings.PENDING_EMPLOYER.id}/agreement/draft`, { unitNature: '39', contact: sampleContact() }),
    200,
    'draft',
  );
  const templateName = `模板${tag}`;
  const template = await ok(p.employer.post('/api/employer/templates', { name: templateName, unitNature: '39' }), 201, 'template');
  const employerHook = await ok(p.employer.post('/api/webhooks', { url: `${sinkUrl}-${tag}`, description: '单位' }), 201, 'employer webhook');
  const schoolHook = await ok(p.school.post('/api/webhooks', { url: `${sinkUrl}-${tag}`, description: '学校' }), 201, 'school webhook');

  const [employerAccount, schoolAccount, studentAccount] = await Promise.all([
    accountIdOf(h, p.world.employer.username),
    accountIdOf(h, p.world.school.username),
    accountIdOf(h, signings.PENDING_SCHOOL.student.username),
  ]);
  const [employerNote, schoolNote, studentNote] = (await Promise.all(
    [employerAccount, schoolAccount, studentAccount].map((id) => someNotification(h, id)),
  )) as [string, string, string];

  const foreignClients: Record<PartyRole, ApiClient> = { student: p.otherStudent, employer: p.otherEmployer, school: p.otherSchool };
  return {
    h,
    p,
    operator,
    sinkUrl,
    signings,
    rescissions,
    templateId: template.id,
    templateName,
    webhooks: { employer: employerHook.id, school: schoolHook.id },
    notifications: { student: studentNote, employer: employerNote, school: schoolNote },
    owner: (role, status = 'PENDING_SCHOOL') => (role === 'student' ? byState[status].student.client : role === 'employer' ? p.employer : p.school),
    foreign: (role) => foreignClients[role],
    resource(kind, role, status = 'PENDING_SCHOOL') {
      switch (kind) {
        case 'signing':
          return { value: byState[status].id, signing: byState[status] };
        case 'template':
          return { value: template.id };
        case 'webhook':
          return { value: role === 'school' ? schoolHook.id : employerHook.id };
        case 'notification':
          return { value: { student: studentNote, employer: employerNote, school: schoolNote }[role === 'employer' || role === 'school' ? role : 'student'] };
        case 'student':
          return { value: signings.PENDING_SCHOOL.student.examineeNo };
      }
    },
    signingAt: (status) => byState[status],
    freshStudent,
    freshSigning,
    freshAccount,
    close: () => new Promise<void>((resolve) => sink.close(() => resolve())),
  };
}

/** Account ids of the world's parties (own and other), for scoping database snapshots. */
export async function worldAccountIds(world: RouteWorld): Promise<string[]> {
  const { db } = world.h.database;
  const w = world.p.world;
  const rows = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(
      and(
        inArray(accounts.role, ['student', 'employer', 'school', 'operator']),
        inArray(accounts.username, [
          w.student.username,
          w.otherStudent.username,
          w.employer.username,
          w.otherEmployer.username,
          w.school.username,
          w.otherSchool.username,
          world.operator.username,
          ...[...Object.values(world.signings), ...Object.values(world.rescissions)].map((s) => s.student.username),
        ]),
      ),
    );
  return rows.map((r) => r.id);
}

export type { SigningStatus };
