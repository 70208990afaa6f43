/**
 * View types for answers whose OpenAPI schema is still an open object (`GET /api/me`, the signing's
 * extra fields). They describe what api/me/routes.ts and api/signings/presenters.ts send; where the document
 * types a shape, use the generated `components['schemas']` instead.
 */
import type { components } from '../../generated/api-schema';

export type Role = 'student' | 'employer' | 'school';

export type SigningStatus = components['schemas']['Signing']['status'];

/** 解约: the signing's latest request as the document types it (api/openapi/responses.ts). */
export type Rescission = components['schemas']['Rescission'];
export type RescissionStatus = Rescission['status'];
export type RescissionAction = Rescission['allowedActions'][number];

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

/** A signing as api/signings/presenters.ts presents it. */
export interface SigningView {
  id: string;
  /** 协议书编号, e.g. 2027-10280-000123 (domain/agreement-no.ts). */
  agreementNo: string;
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
  /** The latest 解约 request, null if none was ever made. */
  rescission: Rescission | null;
  /** Whether the caller may ask for 解约 now (the school's limit is checked when asked). */
  canRequestRescission: boolean;
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
  currentPlan: { signingId: string; agreementNo: string; syncedAt: string; agreementHash: string; rows: LabeledValue[] } | null;
  archive: (Archive & { source: 'plan' | 'signing' }) | null;
  currentSigning: (SigningView & { nextStepLabel: string | null; deadlineLabel: string | null }) | null;
  /** Plans withdrawn from the 就业方案库 by an approved 解约, newest first (api/me/routes.ts). */
  withdrawnPlans: WithdrawnPlan[];
}

export interface WithdrawnPlan {
  signingId: string;
  agreementNo: string;
  employerName: string;
  creditCode: string;
  syncedAt: string;
  withdrawnAt: string;
  /** Who approved the 解约 (the school admin's name, else 学校). */
  withdrawnBy: string;
  rescissionId: string;
}

export interface PartyMe extends MeBase {
  role: 'employer' | 'school';
  partyId: string;
}

export type Me = StudentMe | PartyMe;

/** One entry of GET /api/signings/:id/events (api/signings/presenters.ts presentEvent), oldest first. */
export interface SigningEvent {
  seq: number;
  at: string;
  actor: { role: Role | 'system'; id: string | null };
  action: string;
  actionLabel: string;
  fromStatus: SigningStatus | null;
  fromStatusLabel: string | null;
  toStatus: SigningStatus;
  toStatusLabel: string;
  reason?: string;
  agreementVersion?: number;
}

/** One field's change between two sent versions (domain/agreement-diff FieldChange). */
export interface AgreementFieldChange {
  path: string;
  label: string;
  section: string;
  from: string | number | boolean | null;
  to: string | number | boolean | null;
  fromText: string;
  toText: string;
}

/** GET /api/signings/:id/agreement/versions (api/signings/version-routes.ts), oldest first. */
export interface AgreementVersionsView {
  currentVersion: number | null;
  items: {
    version: number;
    hash: string;
    current: boolean;
    sentAt: string;
    sentBy: { role: 'employer'; id: string; name: string | null };
    previousVersion: number | null;
    /** null for version 1 (nothing to compare with). */
    changes: AgreementFieldChange[] | null;
  }[];
}

/** GET /api/signings/:id/agreement[?version=N] (api/signings/routes.ts): one sent version. */
export interface AgreementVersionView {
  version: number;
  hash: string;
  current: boolean;
  unitNature: string;
  contact: Record<string, string>;
  agreement: Record<string, unknown>;
  archive: Archive | null;
  sentAt: string;
}

/** A row of the employer's and the school's desks (api/desk/desk.ts presentDeskRow). */
export interface DeskRow {
  id: string;
  /** 协议书编号, e.g. 2027-10280-000123 (domain/agreement-no.ts). */
  agreementNo: string;
  status: SigningStatus;
  statusLabel: string;
  awaiting: Role | null;
  awaitingLabel: string | null;
  processingState: 'TODO' | 'WAITING' | 'ENDED';
  processingStateLabel: string;
  processInfo: { action: string; actionLabel: string; actorRole: string; at: string; reason: string | null; text: string } | null;
  allowedActions: string[];
  agreementPreviewUrl: string | null;
  student: { id: string; name: string; examineeNo: string; major: string | null; educationLevel: string | null };
  school: { code: string; name: string };
  graduationDestination: string;
  graduationDestinationLabel: string | null;
  infoRegistrationNo: string | null;
  employer: { creditCode: string; name: string; unitNature: string | null; unitNatureLabel: string | null };
  regionCode: string;
  regionName: string | null;
  industryCode: string;
  industryLabel: string | null;
  position: string | null;
  jobCategoryCode: string | null;
  jobCategoryLabel: string | null;
  agreement: { version: number; hash: string } | null;
  submittedAt: string;
  updatedAt: string;
  deadlineAt: string | null;
  /** The latest 解约 request's status (api/desk/desk.ts), null if none. */
  rescission: { status: RescissionStatus; statusLabel: string } | null;
}

export interface DeskPage {
  items: DeskRow[];
  total: number;
  nextCursor: string | null;
  status: SigningStatus[] | 'all';
  sort: string;
  order: 'asc' | 'desc';
}

/** One section of a draft's completeness (domain/agreement-draft DraftSection). */
export interface DraftSectionState {
  key: string;
  no: number | null;
  label: string;
  required: boolean;
  filled: boolean;
  complete: boolean;
  issues: { path: string; message: string }[];
}

export interface DraftCompletenessView {
  complete: boolean;
  completedSections: number;
  totalSections: number;
  next: string | null;
  sections: DraftSectionState[];
}

/** The employer's agreement draft (api/drafts/drafts.ts presentDraft). */
export interface DraftView {
  signingId: string;
  unitNature: string | null;
  contact: Record<string, string> | null;
  agreement: Record<string, unknown>;
  archive: Partial<Archive> | null;
  labels: { unitNature: string | null };
  completeness: DraftCompletenessView;
  /** Whose 档案接收 the draft shows: its own, the one saved on the signing, or none. */
  archiveSource: 'draft' | 'signing' | null;
  updatedAt: string;
  updatedBy: string;
}

/** GET /api/employer/templates list entry (api/drafts/drafts.ts presentTemplateSummary). */
export interface TemplateSummary {
  id: string;
  name: string;
  complete: boolean;
  completedSections: number;
  totalSections: number;
  createdAt: string;
  updatedAt: string;
}

/** GET /api/employer/templates/:id (api/drafts/drafts.ts presentTemplate). */
export interface TemplateView extends Omit<DraftView, 'signingId' | 'archiveSource' | 'updatedBy'> {
  id: string;
  name: string;
  createdAt: string;
}

/** GET /api/webhooks list entry (api/notifications/webhook-routes.ts); the secret is never listed. */
export interface WebhookEndpoint {
  id: string;
  url: string;
  description: string | null;
  createdAt: string;
  stats: { delivered: number; pending: number; failed: number; lastDeliveredAt: string | null };
}

/** POST /api/webhooks 201: the only answer that carries the signing secret. */
export interface CreatedWebhook {
  id: string;
  url: string;
  description: string | null;
  secret: string;
  createdAt: string;
}

/** One id's outcome of POST /api/signings/school-confirm | school-return (api/signings/batch-routes.ts). */
export type BatchResult =
  | { id: string; ok: true; status: SigningStatus; statusLabel: string }
  | { id: string; ok: false; error: { code: string; message: string; details?: unknown } };

export interface BatchResponse {
  results: BatchResult[];
  succeeded: number;
  failed: number;
}

/** A row of the school's 解约审批 (api/desk/rescission-desk.ts presentDeskRescission). */
export interface RescissionDeskRow {
  id: string;
  signingId: string;
  agreementNo: string;
  status: RescissionStatus;
  statusLabel: string;
  awaiting: Role | null;
  awaitingLabel: string | null;
  student: { id: string; name: string; examineeNo: string };
  employer: { creditCode: string; name: string };
  requestedBy: { role: 'student' | 'employer'; roleLabel: string };
  reason: string;
  decisionReason: string | null;
  hasLetter: boolean;
  /** 解约 the student already had approved, against the school's limit. */
  approvedCount: number;
  limit: number;
  deadlineAt: string | null;
  createdAt: string;
  updatedAt: string;
  endedAt: string | null;
}

export interface RescissionDeskPage {
  items: RescissionDeskRow[];
  nextCursor: string | null;
}

/** A login issued once with its password (POST /api/school/students/import, …/reset-password). */
export interface IssuedLogin {
  examineeNo: string;
  name: string;
  username: string;
  initialPassword: string;
}

/** POST /api/school/students/import (api/roster/import-roster.ts ImportResult). */
export interface StudentImportResult {
  created: number;
  updated: number;
  /** Rows with at least one problem. */
  failed: number;
  /** `row` is the line in the file (the header is line 1); `field` the column's header or null. */
  errors: { row: number; field: string | null; message: string; examineeNo?: string }[];
  accounts: IssuedLogin[];
}
