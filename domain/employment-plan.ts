/**
 * The 就业方案 a completed signing writes into the plan database: the fields of the source's
 * 当前就业方案 table, taken from the application and the confirmed agreement version.
 */
import type { SigningState } from './signing-machine';

export interface EmploymentPlanRecord {
  studentId: string;
  signingId: string;
  schoolCode: string;
  graduationDestination: string;
  infoRegistrationNo: string | null;
  creditCode: string;
  employerName: string;
  regionCode: string;
  jobCategoryCode: string;
  industryCode: string;
  unitNature: string;
  contactAddress: string;
  contactPostcode: string;
  contactPhone: string;
  archiveUnitName: string | null;
  archivePostcode: string | null;
  archiveRecipient: string | null;
  archivePhone: string | null;
  archiveAddress: string | null;
  agreementVersion: number;
  agreementHash: string;
  confirmedBy: string;
  syncedAt: string;
}

/** Builds the plan from a signing the school has just confirmed. */
export function planFromSigning(state: SigningState, confirmedBy: string, syncedAt: string): EmploymentPlanRecord {
  const version = state.agreement;
  if (!version) throw new Error(`signing ${state.signingId} has no agreement to sync`);
  const { application } = state;
  // The archive as last saved (the student may complete it while confirming).
  const archive = state.archive ?? version.archive;
  return {
    studentId: state.parties.studentId,
    signingId: state.signingId,
    schoolCode: state.parties.schoolCode,
    graduationDestination: application.graduationDestination,
    infoRegistrationNo: application.employer.infoRegistrationNo ?? null,
    creditCode: application.employer.creditCode,
    employerName: application.employer.name,
    regionCode: application.regionCode,
    jobCategoryCode: version.agreement.subject.jobCategoryCode,
    industryCode: application.industryCode,
    unitNature: version.unitNature,
    contactAddress: version.contact.address,
    contactPostcode: version.contact.postcode,
    contactPhone: version.contact.phone,
    archiveUnitName: archive?.unitName ?? null,
    archivePostcode: archive?.postcode ?? null,
    archiveRecipient: archive?.recipient ?? null,
    archivePhone: archive?.phone ?? null,
    archiveAddress: archive?.address ?? null,
    agreementVersion: version.version,
    agreementHash: version.hash,
    confirmedBy,
    syncedAt,
  };
}
