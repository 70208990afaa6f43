/**
 * View types for answers whose OpenAPI schema is still an open object (`GET /api/me`, the signing's
 * extra fields). They describe what api/routes/me.ts and api/presenters.ts send; where the document
 * types a shape, use the generated `components['schemas']` instead.
 */
import type { components } from '../../generated/api-schema';

export type Role = 'student' | 'employer' | 'school';

export type SigningStatus = components['schemas']['Signing']['status'];

export interface LabeledValue {
  key: string;
  label: string;
  value: string | null;
}

export interface Archive {
  unitName: string;
  postcode: string;
  recipient: string;
  phone: string;
  address: string;
}

/** A signing as api/presenters.ts presents it. */
export interface SigningView {
  id: string;
  agreementNo?: string;
  status: SigningStatus;
  statusLabel: string;
  awaiting: Role | null;
  awaitingLabel: string | null;
  nextStep: string | null;
  deadlineAt: string | null;
  allowedActions: string[];
  application: {
    graduationDestination: string;
    employed: boolean;
    employer: { creditCode: string; name: string; infoRegistrationNo?: string };
    regionCode: string;
    industryCode: string;
  };
  student: { id: string; name: string; examineeNo: string };
  school: { code: string; name: string };
  employer: { creditCode: string; name: string; unitNature: string | null; contact: Record<string, string> | null };
  labels: { graduationDestination: string | null; region: string | null; industry: string | null; industrySection: string | null; unitNature: string | null };
  agreement: { version: number; hash: string } | null;
  archive: Archive | null;
  createdAt: string;
  updatedAt: string;
  endedAt: string | null;
}

interface MeBase {
  id: string;
  username: string;
  role: Role;
  roleLabel: string;
  name: string;
  email: string | null;
  partyId?: string;
}

export interface StudentMe extends MeBase {
  role: 'student';
  student: {
    id: string;
    name: string;
    examineeNo: string;
    school: { code: string; name: string };
    major: string | null;
    educationLevel: string | null;
    originAuthority: string | null;
  } | null;
  summary: { items: LabeledValue[]; employmentPlan: string; archive: string };
  currentPlan: { signingId: string; syncedAt: string; agreementHash: string; rows: LabeledValue[] } | null;
  archive: (Archive & { source: 'plan' | 'signing' }) | null;
  currentSigning: (SigningView & { nextStepLabel: string | null; deadlineLabel: string | null }) | null;
}

export interface PartyMe extends MeBase {
  role: 'employer' | 'school';
  partyId: string;
}

export type Me = StudentMe | PartyMe;
