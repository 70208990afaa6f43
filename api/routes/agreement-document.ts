/**
 * GET /api/signings/:id/agreement?format=html|pdf[&version=N] — the printable 就业协议书 of a
 * version (default: the current one) as an A4 HTML page or PDF, for its parties only (404
 * otherwise, as everywhere). Both are laid out from one document model (api/render/).
 *
 * Mounted on /api/signings before the signings router: it answers only when `format` asks for a
 * document and passes every other request of that path on (`next()`), so the JSON form stays with
 * the signings router.
 */
import { Router } from 'express';
import type { Db } from '../../db/client';
import { z } from '../../domain/zod';
import { callerOf } from '../auth';
import { AppError } from '../errors';
import { renderAgreementHtml } from '../render/agreement-html';
import type { AgreementDocumentInput } from '../render/agreement-model';
import { renderAgreementPdf } from '../render/agreement-pdf';
import { findAgreementVersion, findSigning, findStudent, listEvents } from '../signing-queries';
import { parseInput, uuidParamSchema, queryInteger } from '../validate';

export const DOCUMENT_FORMATS = ['html', 'pdf'] as const;

export const documentQuerySchema = z
  .object({
    version: queryInteger('版本', 1, 10_000),
    format: z.enum(DOCUMENT_FORMATS),
  })
  .strict();

const idSchema = uuidParamSchema;

/** The data of the document for `version` (default current) of a signing the caller is party to. */
export async function loadAgreementDocument(
  db: Db,
  caller: ReturnType<typeof callerOf>,
  signingId: string,
  requestedVersion: number | undefined,
): Promise<AgreementDocumentInput> {
  const id = idSchema.safeParse(signingId);
  const own = id.success ? await findSigning(db, id.data, caller) : null;
  if (!own) throw AppError.notFound();
  const { signing } = own;
  const version = requestedVersion ?? signing.agreementVersion;
  const [row, student, events] = await Promise.all([
    version ? findAgreementVersion(db, signing.id, version) : null,
    findStudent(db, signing.studentId),
    listEvents(db, signing.id),
  ]);
  if (!row) throw AppError.notFound('协议版本');
  if (!student) throw new Error(`student ${signing.studentId} of signing ${signing.id} is missing`);
  const isCurrent = row.version === signing.agreementVersion;
  return {
    signingId: signing.id,
    agreementNo: signing.agreementNo,
    status: signing.status,
    currentVersion: signing.agreementVersion,
    version: row.version,
    hash: row.hash,
    application: signing.application,
    student: {
      name: student.student.name,
      examineeNo: student.student.examineeNo,
      major: student.student.major,
      educationLevel: student.student.educationLevel,
      originAuthority: student.student.originAuthority,
    },
    school: student.school,
    employerName: signing.employerName,
    unitNature: row.unitNature,
    contact: row.contact,
    agreement: row.agreement,
    // The current version shows the archive as last saved (the student may complete it).
    archive: (isCurrent ? signing.archive : null) ?? row.archive,
    sentAt: row.sentAt,
    events: events
      .filter((e) => e.agreementVersion === row.version)
      .map((e) => ({ action: e.action, actorRole: e.actorRole, at: e.at, reason: e.reason })),
    generatedAt: new Date(),
  };
}

export function agreementDocumentRouter({ db }: { db: Db }): Router {
  const router = Router();

  router.get('/:id/agreement', async (req, res, next) => {
    const format = req.query.format;
    if (typeof format !== 'string' || !(DOCUMENT_FORMATS as readonly string[]).includes(format)) {
      next();
      return;
    }
    const caller = callerOf(req);
    const query = parseInput(documentQuerySchema, req.query, 'query');
    const doc = await loadAgreementDocument(db, caller, req.params.id, query.version);
    // Named by the 协议书编号, which people file it under (ASCII: digits, letters and hyphens).
    const fileName = `agreement-${doc.agreementNo}-v${doc.version}.${query.format}`;
    res.status(200).set({
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
      'Content-Disposition': `inline; filename="${fileName}"`,
      // Browsers show the document inline; Swagger UI (which looks for this header or an attachment) offers it as a file.
      'Content-Description': 'File Transfer',
    });
    if (query.format === 'pdf') {
      res.type('application/pdf').send(await renderAgreementPdf(doc));
      return;
    }
    res
      .type('html')
      // The page needs nothing but its own inline stylesheet.
      .set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'")
      .send(renderAgreementHtml(doc));
  });

  return router;
}
