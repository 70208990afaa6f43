/**
 * Database rows → the contract's response shapes (docs/design.md §7). Every status is shown with its
 * Chinese label, and each signing says what the caller can do next.
 */
import type { signingEvents } from '../../db/schema';
import {
  graduationDestinationLabel,
  industryLabel,
  industrySection,
  industrySectionLabel,
  unitNatureLabel,
} from '../../domain/codes';
import { regionName } from '../../domain/region';
import type { Application } from '../../domain/schemas';
import {
  ACTION_LABELS,
  PARTY_LABELS,
  STATUS_LABELS,
  type SigningStatus,
  allowedActions,
  awaitingParty,
  nextStepLabel,
} from '../../domain/status';
import type { AuthContext } from '../auth/authenticate';
import { mayRequestRescission } from '../../domain/rescission';
import { presentRescission } from '../rescissions/presenters';
import type { SigningRow } from './queries';

/** A status as every response shows it: with its Chinese label and the party it waits for. */
export function statusView(status: SigningStatus) {
  const awaiting = awaitingParty(status);
  return {
    status,
    statusLabel: STATUS_LABELS[status],
    awaiting,
    awaitingLabel: awaiting ? PARTY_LABELS[awaiting] : null,
  };
}

export function presentSigning(row: SigningRow, caller: AuthContext) {
  const { signing, student, school } = row;
  return {
    id: signing.id,
    agreementNo: signing.agreementNo,
    ...statusView(signing.status),
    nextStep: nextStepLabel(signing.status),
    deadlineAt: signing.deadlineAt?.toISOString() ?? null,
    allowedActions: allowedActions(signing.status, caller.role),
    // 解约 (docs/design.md §11): the latest request, and whether the caller may ask for one now
    // (the school's limit is checked when asked, and named in the refusal).
    rescission: row.rescission
      ? presentRescission(row.rescission, { studentId: student.id, employerCreditCode: signing.employerCreditCode, schoolCode: school.code }, row.letter, caller.role)
      : null,
    canRequestRescission: mayRequestRescission(signing.status, row.rescission?.status ?? null, caller.role),
    application: signing.application,
    student: { id: student.id, name: student.name, examineeNo: student.examineeNo },
    school: { code: school.code, name: school.name },
    employer: {
      creditCode: signing.employerCreditCode,
      name: signing.employerName,
      unitNature: signing.unitNature,
      contact: signing.contact,
    },
    labels: codeLabels(signing.application, signing.unitNature),
    agreement:
      signing.agreementVersion !== null && signing.agreementHash !== null
        ? { version: signing.agreementVersion, hash: signing.agreementHash }
        : null,
    archive: signing.archive,
    createdAt: signing.createdAt.toISOString(),
    updatedAt: signing.updatedAt.toISOString(),
    endedAt: signing.endedAt?.toISOString() ?? null,
  };
}

/** The Chinese names of the codes a signing carries, so clients need no code tables. */
export function codeLabels(application: Application, unitNature: string | null) {
  const section = industrySection(application.industryCode);
  return {
    graduationDestination: graduationDestinationLabel(application.graduationDestination) ?? null,
    region: regionName(application.regionCode) ?? null,
    industry: industryLabel(application.industryCode) ?? null,
    industrySection: section ? `${section} ${industrySectionLabel(section) ?? ''}`.trim() : null,
    unitNature: unitNature ? (unitNatureLabel(unitNature) ?? null) : null,
  };
}

export function presentEvent(event: typeof signingEvents.$inferSelect) {
  return {
    seq: event.seq,
    at: event.at.toISOString(),
    actor: { role: event.actorRole, id: event.actorId },
    action: event.action,
    actionLabel: ACTION_LABELS[event.action],
    fromStatus: event.fromStatus,
    fromStatusLabel: event.fromStatus ? STATUS_LABELS[event.fromStatus] : null,
    toStatus: event.toStatus,
    toStatusLabel: STATUS_LABELS[event.toStatus],
    ...(event.reason ? { reason: event.reason } : {}),
    ...(event.agreementVersion !== null ? { agreementVersion: event.agreementVersion } : {}),
    ...(event.rescissionId !== null ? { rescissionId: event.rescissionId } : {}),
  };
}
