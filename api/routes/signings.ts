/**
 * /api/signings: create (student), list and read (its parties), and the party actions, each of
 * which becomes one Update on the signing's workflow. Order of checks for an action: who you are
 * (401), whether your role can ever do it (403), the body (400), whether the signing is yours
 * (404), whether it fits the current status (409, decided by the workflow).
 */
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/client';
import {
  applicationSchema,
  archiveSchema,
  reasonSchema,
  studentConfirmSchema,
} from '../../domain/schemas';
import type { Actor } from '../../domain/signing-machine';
import type { ActionInput } from '../../domain/actions';
import { type PartyAction, SIGNING_STATUSES, partiesFor } from '../../domain/status';
import { type AuthContext, callerOf, requireRole } from '../auth';
import { AppError } from '../errors';
import { employerSignContent, parseEmployerSignBody } from '../drafts';
import { idempotencyIdOf } from '../idempotency';
import { presentEvent, presentSigning } from '../presenters';
import { type TemporalSettings, createSigning, sendAction } from '../signing-commands';
import { decodeCursor, pageOf } from '../cursor';
import {
  findAgreementVersion,
  findSigning,
  findStudent,
  listEvents,
  listSignings,
} from '../signing-queries';
import { emptyBodySchema, parseInput, uuidParamSchema, queryInteger } from '../validate';

const idSchema = uuidParamSchema;

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

export function signingsRouter({ db, temporal }: { db: Db; temporal: TemporalSettings }): Router {
  const router = Router();

  /** The signing if the caller is one of its parties; 404 otherwise (also for a malformed id). */
  async function loadOwn(req: Request, caller: AuthContext) {
    const id = idSchema.safeParse(req.params.id);
    const row = id.success ? await findSigning(db, id.data, caller) : null;
    if (!row) throw AppError.notFound();
    return row;
  }

  router.post('/', async (req, res) => {
    const caller = requireRole(req, 'student');
    const application = parseInput(applicationSchema, req.body);
    const student = await findStudent(db, caller.partyId);
    if (!student) throw AppError.notFound('学生信息');
    const signingId = await createSigning(db, temporal, {
      studentId: student.student.id,
      schoolCode: student.school.code,
      application,
      submittedBy: actorOf(caller),
    });
    const row = await findSigning(db, signingId, caller);
    if (!row) throw new Error(`signing ${signingId} vanished after creation`);
    res.status(201).location(`/api/signings/${signingId}`).json(presentSigning(row, caller));
  });

  router.get('/', async (req, res) => {
    const caller = callerOf(req);
    const query = parseInput(listQuerySchema, req.query, 'query');
    const rows = await listSignings(db, caller, {
      status: query.status,
      limit: query.limit,
      cursor: decodeCursor(query.cursor),
    });
    const { page, nextCursor } = pageOf(rows, query.limit, (row) => row.signing);
    res.json({ items: page.map((row) => presentSigning(row, caller)), nextCursor });
  });

  router.get('/:id', async (req, res) => {
    const caller = callerOf(req);
    res.json(presentSigning(await loadOwn(req, caller), caller));
  });

  router.get('/:id/agreement', async (req, res) => {
    const caller = callerOf(req);
    const query = parseInput(agreementQuerySchema, req.query, 'query');
    const { signing } = await loadOwn(req, caller);
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
  });

  router.get('/:id/events', async (req, res) => {
    const caller = callerOf(req);
    const { signing } = await loadOwn(req, caller);
    res.json({ items: (await listEvents(db, signing.id)).map(presentEvent) });
  });

  /** One party action: role → body → ownership → Update → the signing as persisted. */
  function action<A extends PartyAction>(path: string, name: A, inputOf: (body: unknown) => ActionInput<A>, method: 'post' | 'put' = 'post') {
    router[method](`/:id/${path}`, async (req, res) => {
      const caller = requireRole(req, ...partiesFor(name));
      const input = inputOf(req.body);
      const own = await loadOwn(req, caller);
      await sendAction(temporal, own.signing.id, actorOf(caller), name, input, {
        updateId: idempotencyIdOf(req),
        currentStatus: own.signing.status,
      });
      const row = await findSigning(db, own.signing.id, caller);
      if (!row) throw AppError.notFound();
      res.json(presentSigning(row, caller));
    });
  }

  // employer-sign: the full agreement, or {useDraft:true, previewed:true} to send the saved draft
  // (api/drafts.ts: read after the ownership check, complete or 400). Afterwards the draft holds
  // exactly what was sent, so a returned agreement is edited from the version the student saw.
  router.post('/:id/employer-sign', async (req, res) => {
    const caller = requireRole(req, ...partiesFor('employerSign'));
    const request = parseEmployerSignBody(req.body);
    const own = await loadOwn(req, caller);
    const input = await employerSignContent(db, own.signing, request);
    await sendAction(temporal, own.signing.id, actorOf(caller), 'employerSign', input, {
      updateId: idempotencyIdOf(req),
      currentStatus: own.signing.status,
    });
    const row = await findSigning(db, own.signing.id, caller);
    if (!row) throw AppError.notFound();
    res.json(presentSigning(row, caller));
  });
  action('student-confirm', 'studentConfirm', (body) => {
    const { agreementHash } = parseInput(studentConfirmSchema, body);
    return { agreementHash };
  });
  action('return', 'return', (body) => parseInput(reasonSchema, body));
  // School confirm takes no body; an empty or absent one is fine, anything else is refused.
  action('school-confirm', 'schoolConfirm', (body) => {
    parseInput(emptyBodySchema, body);
    return {};
  });
  action('cancel', 'cancel', (body) => parseInput(reasonSchema, body));
  // 档案接收: the employer while filling in (PENDING_EMPLOYER), the student while confirming
  // (PENDING_STUDENT). Recorded in the audit trail; copied into the plan at completion.
  action('archive', 'updateArchive', (body) => ({ archive: parseInput(archiveSchema, body) }), 'put');

  return router;
}

function actorOf(caller: AuthContext): Actor {
  return { role: caller.role, id: caller.accountId, partyId: caller.partyId };
}
