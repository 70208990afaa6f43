/**
 * GET /api/signings/:id/agreement?format=html|pdf[&version=N] — the printable 就业协议书 of a
 * version (default: the current one) as an A4 HTML page or PDF, for its parties only (404
 * otherwise, as everywhere). Both are laid out from one document model (api/signings/render/).
 *
 * The route is declared once, in api/signings/routes.ts, which hands the request here when `format`
 * asks for a document and answers JSON itself otherwise.
 */
import type { Request, Response } from 'express';
import type { Db } from '../../db/client';
import { z } from '../../domain/zod';
import type { AuthContext } from '../auth/authenticate';
import { AppError } from '../http/errors';
import { renderAgreementHtml } from './render/agreement-html';
import type { AgreementDocumentInput } from './render/agreement-model';
import { renderAgreementPdf } from './render/agreement-pdf';
import { findAgreementVersion, findStudent, listEvents, loadOwnSigning } from './queries';
import { parseInput, queryInteger } from '../http/validate';

export const DOCUMENT_FORMATS = ['html', 'pdf'] as const;

export const documentQuerySchema = z
  .object({
    version: queryInteger('版本', 1, 10_000),
    format: z.enum(DOCUMENT_FORMATS),
  })
  .strict();

/** The data of the document for `version` (default current) of a signing the caller is party to. */
export async function loadAgreementDocument(
  db: Db,
  caller: AuthContext,
  signingId: unknown,
  requestedVersion: number | undefined,
): Promise<AgreementDocumentInput> {
  const { signing } = await loadOwnSigning(db, signingId, caller);
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
    rescindedAt: signing.status === 'RESCINDED' ? (events.findLast((e) => e.action === 'rescission_approve')?.at ?? null) : null,
    events: events
      .filter((e) => e.agreementVersion === row.version)
      .map((e) => ({ action: e.action, actorRole: e.actorRole, at: e.at, reason: e.reason })),
    generatedAt: new Date(),
  };
}

/** Answers GET /api/signings/{id}/agreement when `format` asks for the printable document (api/signings/routes.ts declares the route). */
export async function sendAgreementDocument(db: Db, caller: AuthContext, req: Request, res: Response): Promise<void> {
  const query = parseInput(documentQuerySchema, req.query, 'query');
  const doc = await loadAgreementDocument(db, caller, req.params.id, query.version);
  const fileName = `agreement-${doc.agreementNo}-v${doc.version}.${query.format}`;
  res.status(200).set({
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
    'Content-Disposition': `inline; filename="${fileName}"`,
    'Content-Description': 'File Transfer',
  });
  if (query.format === 'pdf') {
    res.type('application/pdf').send(await renderAgreementPdf(doc));
    return;
  }
  res
    .type('html')
    .set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'")
    .send(renderAgreementHtml(doc));
}
