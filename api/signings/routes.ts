/**
 * /api/signings: create (student), list and read (its parties), and the party actions, each of
 * which becomes one Update on the signing's workflow. Order of checks for an action: who you are
 * (401), whether your role can ever do it (403), the body (400), whether the signing is yours
 * (404), whether it fits the current status (409, decided by the workflow).
 */
import type { Response } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/client';
import {
  applicationSchema,
  archiveSchema,
  employerSignSchema,
  reasonSchema,
  studentConfirmSchema,
} from '../../domain/schemas';
import { ACTIONS, type ActionInput, PARTY_ACTIONS, type PartyAction } from '../../domain/actions';
import type { SigningProjection } from '../../domain/signing-projection';
import { SIGNING_STATUSES, partiesFor } from '../../domain/status';
import { type AuthContext, actorOf, callerOf, requireRole } from '../auth/authenticate';
import { AppError } from '../http/errors';
import { employerSignContent, parseEmployerSignBody, useDraftSchema } from '../drafts/drafts';
import { idempotencyIdOf, recordInTransaction } from '../http/idempotency';
import { presentEvent, presentSigning } from './presenters';
import { type TemporalSettings, createSigning, sendAction } from './commands';
import { decodeCursor, pageOf } from '../http/cursor';
import {
  findAgreementVersion,
  findSigning,
  findStudent,
  listEvents,
  listSignings,
  loadOwnSigning,
  type SigningRow,
} from './queries';
import { emptyBodySchema, parseInput, queryInteger } from '../http/validate';
import { type Route, defineRoute, routeGroup } from '../http/define-route';
import { ANY_PARTY, type RouteInput, TAGS, json } from '../http/route-spec';
import { ownSigning, signingParam } from '../http/params';
import { agreementVersionResponseSchema, signingEventsSchema, signingPageSchema, signingResponseSchema } from '../openapi/responses';
import { DOCUMENT_FORMATS, documentQuerySchema, sendAgreementDocument } from './agreement-document';

export const listQuerySchema = z
  .object({
    status: z.enum(SIGNING_STATUSES).optional(),
    limit: queryInteger('每页条数', 1, 100, 20),
    cursor: z.string().max(200).optional(),
  })
  .strict();

export const agreementQuerySchema = z
  .object({
    version: queryInteger('版本', 1, 10_000),
    format: z.enum(['json']).default('json'),
  })
  .strict();

/**
 * GET /api/signings/{id}/agreement is one operation in two representations: `format=html|pdf`
 * (the printable document, api/signings/agreement-document.ts) and JSON otherwise. Its query is both
 * schemas together: the same `version`, and `format` as either's.
 */
const agreementAnyFormatQuerySchema = z
  .object({
    version: agreementQuerySchema.shape.version,
    format: z.enum([...agreementQuerySchema.shape.format.unwrap().options, ...documentQuerySchema.shape.format.options]).default('json'),
  })
  .strict();

/** The employer-sign body: the full agreement, or the saved draft (api/drafts/drafts.ts). */
const employerSignBodySchema = z.union([employerSignSchema, useDraftSchema]);

export interface SigningDeps {
  db: Db;
  temporal: TemporalSettings;
}

/** The signing as persisted after an accepted action, for the caller. */
async function answerWithSigning(db: Db, signingId: string, caller: AuthContext, res: Response): Promise<void> {
  const row = await findSigning(db, signingId, caller);
  if (!row) throw AppError.notFound();
  res.json(presentSigning(row, caller));
}

/** The signing as the accepted step left it: the row read before, with the columns the step wrote. */
function rowAfter(own: SigningRow, row: SigningProjection, deadlineAt: string | null): SigningRow {
  return {
    ...own,
    signing: {
      ...own.signing,
      ...row,
      deadlineAt: deadlineAt ? new Date(deadlineAt) : null,
      updatedAt: new Date(row.updatedAt),
      endedAt: row.endedAt ? new Date(row.endedAt) : null,
    },
  };
}

/** What an action's route needs besides the request: the signing it acts on, for inputs read from the database. */
interface ActionContext {
  db: Db;
  signing: SigningRow['signing'];
}

/**
 * One party action's route: role → body → ownership → Update → the signing as persisted. Its
 * parties, and whether it fits a status, come from the action's declaration (domain/actions.ts);
 * here is only how HTTP reaches it: the path under /api/signings/{id}/, the method, the document's
 * summary, and how the checked body becomes the action's input.
 */
function actionRoute<A extends PartyAction, P>(
  action: A,
  http: {
    path: string;
    summary: string;
    /** The documented body (default: the action's own, domain/actions.ts). */
    body?: z.ZodType;
    /** Checks the body (400 before the ownership check). */
    parse: (body: unknown) => P;
    /** The action's input from the checked body (after the ownership check). */
    input: (parsed: P, context: ActionContext) => ActionInput<A> | Promise<ActionInput<A>>;
    extra?: Partial<RouteInput>;
  },
): Route<SigningDeps> {
  return defineRoute<SigningDeps>({
    operationId: `signing_${action}`,
    method: 'post',
    path: `/api/signings/{id}/${http.path}`,
    tag: TAGS.signings,
    summary: http.summary,
    roles: partiesFor(action),
    schemas: { params: signingParam, body: http.body ?? ACTIONS[action].body },
    success: [json(200, '操作已受理，返回更新后的网签记录', signingResponseSchema)],
    errors: ['CONFLICT'],
    owns: ownSigning,
    action,
    ...http.extra,
    handle:
      ({ db, temporal }) =>
      async (req, res) => {
        const caller = requireRole(req, ...partiesFor(action));
        const parsed = http.parse(req.body);
        const own = await loadOwnSigning(db, req.params.id, caller);
        const input = await http.input(parsed, { db, signing: own.signing });
        const view = await sendAction(temporal, own.signing.id, actorOf(caller), action, input, {
          updateId: idempotencyIdOf(req),
          currentStatus: own.signing.status,
        });
        // The Update answers once the step is persisted, with the row as that step wrote it: no
        // need to read it back (runs older than the projection answer without it).
        if (view.row) res.json(presentSigning(rowAfter(own, view.row, view.deadlineAt), caller));
        else await answerWithSigning(db, own.signing.id, caller, res);
      },
  });
}

/** Every party action's route; a new action in domain/actions.ts does not typecheck until it has one. */
const ACTION_ROUTES: Record<PartyAction, Route<SigningDeps>> = {
  // The full agreement, or {useDraft:true, previewed:true} to send the saved draft (api/drafts/drafts.ts:
  // read after the ownership check, complete or 409 DRAFT_INCOMPLETE). The step that records the version also makes
  // the draft what was sent, so a returned agreement is edited from the version the student saw.
  employerSign: actionRoute('employerSign', {
    path: 'employer-sign',
    summary: '单位签约并发送协议（完整协议，或 {useDraft:true} 发送已存草稿）',
    body: employerSignBodySchema,
    parse: parseEmployerSignBody,
    input: (request, { db, signing }) => employerSignContent(db, signing, request),
  }),
  studentConfirm: actionRoute('studentConfirm', {
    path: 'student-confirm',
    summary: '学生确认协议（须为当前版本的哈希）',
    parse: (body) => parseInput(studentConfirmSchema, body),
    input: ({ agreementHash }) => ({ agreementHash }),
  }),
  return: actionRoute('return', {
    path: 'return',
    summary: '退回用人单位（学生或学校，须填原因）',
    parse: (body) => parseInput(reasonSchema, body),
    input: (reason) => reason,
  }),
  // School confirm takes no body; an empty or absent one is fine, anything else is refused.
  schoolConfirm: actionRoute('schoolConfirm', {
    path: 'school-confirm',
    summary: '学校确认并同步至就业方案库',
    body: emptyBodySchema,
    parse: (body) => parseInput(emptyBodySchema, body),
    input: () => ({}),
    extra: { bodyOptional: true },
  }),
  cancel: actionRoute('cancel', {
    path: 'cancel',
    summary: '取消网上签约（须填原因）',
    parse: (body) => parseInput(reasonSchema, body),
    input: (reason) => reason,
  }),
  // 档案接收: the employer while filling in (PENDING_EMPLOYER), the student while confirming
  // (PENDING_STUDENT). Recorded in the audit trail; copied into the plan at completion.
  updateArchive: actionRoute('updateArchive', {
    path: 'archive',
    summary: '保存档案接收信息',
    parse: (body) => parseInput(archiveSchema, body),
    input: (archive) => ({ archive }),
    extra: { method: 'put', idempotencyKey: false },
  }),
};

export const signingRoutes = routeGroup<SigningDeps>('signings', [
  defineRoute({
    operationId: 'signing_create',
    method: 'post',
    path: '/api/signings',
    tag: TAGS.signings,
    summary: '学生协议申请（提交就业方案）',
    roles: ['student'],
    schemas: { body: applicationSchema },
    success: [json(201, '已创建，状态为待单位确认', signingResponseSchema)],
    errors: ['NOT_FOUND', 'CONFLICT'],
    idempotencyKey: 'record',
    handle:
      ({ db, temporal }) =>
      async (req, res) => {
        const caller = requireRole(req, 'student');
        const application = parseInput(applicationSchema, req.body);
        const student = await findStudent(db, caller.partyId);
        if (!student) throw AppError.notFound('学生信息');
        // Answered from what was inserted, with the student read above: nothing to read back.
        const { id, name, examineeNo } = student.student;
        const present = (signing: SigningRow['signing']) =>
          presentSigning({ signing, student: { id, name, examineeNo }, school: student.school, rescission: null, letter: null }, caller);
        const record = recordInTransaction(req);
        const signing = await createSigning(db, temporal, {
          studentId: student.student.id,
          schoolCode: student.school.code,
          application,
          submittedBy: actorOf(caller),
          // A keyed submission's answer commits with the reservation: a copy racing it meets the
          // one-active-signing index, then finds this answer stored and replays it.
          ...(record && { alsoRecord: (tx, inserted) => record(tx, 201, present(inserted)) }),
        });
        res.status(201).location(`/api/signings/${signing.id}`).json(present(signing));
      },
  }),
  defineRoute({
    operationId: 'signing_list',
    method: 'get',
    path: '/api/signings',
    tag: TAGS.signings,
    summary: '本人相关的网签记录（新的在前，游标分页）',
    roles: ANY_PARTY,
    schemas: { query: listQuerySchema },
    success: [json(200, '一页网签记录', signingPageSchema)],
    handle:
      ({ db }) =>
      async (req, res) => {
        const caller = callerOf(req);
        const query = parseInput(listQuerySchema, req.query, 'query');
        const rows = await listSignings(db, caller, {
          status: query.status,
          limit: query.limit,
          cursor: decodeCursor(query.cursor),
        });
        const { page, nextCursor } = pageOf(rows, query.limit, (row) => row.signing);
        res.json({ items: page.map((row) => presentSigning(row, caller)), nextCursor });
      },
  }),
  defineRoute({
    operationId: 'signing_get',
    method: 'get',
    path: '/api/signings/{id}',
    tag: TAGS.signings,
    summary: '一条网签记录（仅限其当事方）',
    roles: ANY_PARTY,
    schemas: { params: signingParam },
    success: [json(200, '网签记录', signingResponseSchema)],
    owns: ownSigning,
    handle:
      ({ db }) =>
      async (req, res) => {
        const caller = callerOf(req);
        res.json(presentSigning(await loadOwnSigning(db, req.params.id, caller), caller));
      },
  }),
  defineRoute({
    operationId: 'signing_agreement',
    method: 'get',
    path: '/api/signings/{id}/agreement',
    tag: TAGS.signings,
    summary: '协议内容（JSON），或可打印的就业协议书（format=html|pdf）',
    roles: ANY_PARTY,
    schemas: { params: signingParam, query: agreementAnyFormatQuerySchema },
    success: [
      { status: 200, description: '默认当前版本；version 指定历史版本', formats: ['json', 'html', 'pdf'], schema: agreementVersionResponseSchema },
    ],
    owns: ownSigning,
    handle:
      ({ db }) =>
      async (req, res) => {
        const caller = callerOf(req);
        const format = req.query.format;
        if (typeof format === 'string' && (DOCUMENT_FORMATS as readonly string[]).includes(format)) {
          await sendAgreementDocument(db, caller, req, res);
          return;
        }
        const query = parseInput(agreementQuerySchema, req.query, 'query');
        const { signing } = await loadOwnSigning(db, req.params.id, caller);
        const version = query.version ?? signing.agreementVersion;
        const row = version ? await findAgreementVersion(db, signing.id, version) : null;
        if (!row) throw AppError.notFound('协议版本');
        res.json({
          version: row.version,
          hash: row.hash,
          current: row.version === signing.agreementVersion,
          unitNature: row.unitNature,
          contact: row.contact,
          agreement: row.agreement,
          archive: row.archive,
          sentAt: row.sentAt.toISOString(),
        });
      },
  }),
  defineRoute({
    operationId: 'signing_events',
    method: 'get',
    path: '/api/signings/{id}/events',
    tag: TAGS.signings,
    summary: '审计记录',
    roles: ANY_PARTY,
    schemas: { params: signingParam },
    success: [json(200, '审计记录', signingEventsSchema)],
    owns: ownSigning,
    handle:
      ({ db }) =>
      async (req, res) => {
        const caller = callerOf(req);
        const { signing } = await loadOwnSigning(db, req.params.id, caller);
        res.json({ items: (await listEvents(db, signing.id)).map(presentEvent) });
      },
  }),
  ...PARTY_ACTIONS.map((action) => ACTION_ROUTES[action]),
]);
