/**
 * PostgreSQL schema (drizzle). The workflow is the source of truth for a signing's state; these
 * tables are its durable projection (written by idempotent activities) plus the accounts and
 * master data the API needs. Migrations are generated from this file by drizzle-kit into
 * db/migrations and committed.
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { AccountRole } from '../domain/account-role';
import type { NotificationType } from '../domain/notification-event';
import type { Agreement, AgreementDraft, Application, Archive, Contact } from '../domain/schemas';
import type { RescissionLetter, RescissionRequester, RescissionStatus } from '../domain/rescission';
import type { AuditAction, Party, SigningStatus } from '../domain/status';
import { LETTER_MAX_BYTES } from '../domain/letter-type';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/** 学校. `code` is the school's national code (e.g. 10280 上海大学). */
export const schools = pgTable('schools', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  /**
   * 解约 approved per student at most (docs/design.md §11); null: the service's default
   * (config RESCISSION_LIMIT_PER_STUDENT, 1).
   */
  rescissionLimit: integer('rescission_limit'),
  createdAt: createdAt(),
});

/** 用人单位, identified by its 统一社会信用代码. */
export const employers = pgTable('employers', {
  creditCode: text('credit_code').primaryKey(),
  name: text('name').notNull(),
  unitNature: text('unit_nature'),
  regionCode: text('region_code'),
  createdAt: createdAt(),
});

/** 毕业生. `examineeNo` is the 考生号, unique nationally. */
export const students = pgTable(
  'students',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schoolCode: text('school_code')
      .notNull()
      .references(() => schools.code),
    examineeNo: text('examinee_no').notNull().unique(),
    name: text('name').notNull(),
    /** 生源地主管单位, carried into the employment plan. */
    originAuthority: text('origin_authority'),
    /** 专业 and 学历, as the school's roster has them (CSV import). */
    major: text('major'),
    educationLevel: text('education_level'),
    createdAt: createdAt(),
  },
  (t) => [index('students_school_idx').on(t.schoolCode)],
);

export type { AccountRole };

/**
 * Login accounts. A party's account has the one of studentId / employerCreditCode / schoolCode
 * that matches its role; an operator's (运维人员, codec endpoint only) has none of them.
 */
export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull().unique(),
    passwordHash: text('password_hash').notNull(),
    role: text('role').$type<AccountRole>().notNull(),
    displayName: text('display_name').notNull(),
    email: text('email'),
    studentId: uuid('student_id').references(() => students.id),
    employerCreditCode: text('employer_credit_code').references(() => employers.creditCode),
    schoolCode: text('school_code').references(() => schools.code),
    disabled: boolean('disabled').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    check(
      'accounts_role_party_ck',
      sql`(${t.role} = 'student' and ${t.studentId} is not null)
        or (${t.role} = 'employer' and ${t.employerCreditCode} is not null)
        or (${t.role} = 'school' and ${t.schoolCode} is not null)
        or (${t.role} = 'operator' and ${t.studentId} is null and ${t.employerCreditCode} is null and ${t.schoolCode} is null)`,
    ),
  ],
);

/**
 * The portal's browser sessions (the `wq_session` cookie, api/auth/browser-sessions.ts). The cookie holds
 * a random 32-byte token; only its SHA-256 is kept here, so a leaked table or backup opens no
 * session. A session ends at `expires_at` (fixed at login) or when its row is deleted (logout).
 */
export const browserSessions = pgTable(
  'browser_sessions',
  {
    /** SHA-256 of the cookie's token, hex. */
    id: text('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('browser_sessions_account_idx').on(t.accountId)],
);

/**
 * One row per signing (= one workflow). `seq` is the number of the last transition applied, so a
 * retried or late activity never moves the row backwards.
 */
export const signings = pgTable(
  'signings',
  {
    id: uuid('id').primaryKey(),
    workflowId: text('workflow_id').notNull().unique(),
    studentId: uuid('student_id')
      .notNull()
      .references(() => students.id),
    schoolCode: text('school_code')
      .notNull()
      .references(() => schools.code),
    /** The employer named in the application; it need not have an account yet. */
    employerCreditCode: text('employer_credit_code').notNull(),
    employerName: text('employer_name').notNull(),
    /** 协议书编号 (domain/agreement-no.ts), drawn from agreement_serials when the row is inserted. */
    agreementNo: text('agreement_no').notNull().unique(),
    status: text('status').$type<SigningStatus>().notNull(),
    seq: integer('seq').notNull().default(0),
    application: jsonb('application').$type<Application>().notNull(),
    unitNature: text('unit_nature'),
    contact: jsonb('contact').$type<Contact>(),
    archive: jsonb('archive').$type<Archive>(),
    agreementVersion: integer('agreement_version'),
    agreementHash: text('agreement_hash'),
    /** When the current stage expires (null once ended): shown to the parties as "by when". */
    deadlineAt: timestamp('deadline_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true, mode: 'date' }),
    /** The signing's latest 解约 request (open or ended), set when one is requested. */
    rescissionId: uuid('rescission_id'),
  },
  (t) => [
    // docs/design.md §5: at most one pending-or-completed signing per student, enforced by the database
    // so that two racing submissions cannot both win.
    uniqueIndex('signings_one_active_per_student_uq')
      .on(t.studentId)
      .where(sql`${t.status} in ('PENDING_EMPLOYER','PENDING_STUDENT','PENDING_SCHOOL','COMPLETED')`),
    // Role-scoped lists: newest first, keyset on (created_at, id).
    index('signings_student_list_idx').on(t.studentId, t.createdAt.desc(), t.id.desc()),
    index('signings_employer_list_idx').on(t.employerCreditCode, t.status, t.createdAt.desc(), t.id.desc()),
    index('signings_school_list_idx').on(t.schoolCode, t.status, t.createdAt.desc(), t.id.desc()),
    index('signings_employer_all_idx').on(t.employerCreditCode, t.createdAt.desc(), t.id.desc()),
    index('signings_school_all_idx').on(t.schoolCode, t.createdAt.desc(), t.id.desc()),
  ],
);

/**
 * The last 协议书编号 serial drawn per school and graduating cohort. Drawn by an atomic upsert in
 * its own statement (api/signings/agreement-numbers.ts): the row lock is held for that statement only, so
 * concurrent submissions of one school do not queue behind each other's workflow starts.
 */
export const agreementSerials = pgTable(
  'agreement_serials',
  {
    schoolCode: text('school_code')
      .notNull()
      .references(() => schools.code),
    cohort: integer('cohort').notNull(),
    lastSerial: integer('last_serial').notNull(),
  },
  (t) => [primaryKey({ columns: [t.schoolCode, t.cohort] })],
);

/** Every version the employer sent, with the hash the student confirms. */
export const agreementVersions = pgTable(
  'agreement_versions',
  {
    signingId: uuid('signing_id')
      .notNull()
      .references(() => signings.id),
    version: integer('version').notNull(),
    hash: text('hash').notNull(),
    unitNature: text('unit_nature').notNull(),
    contact: jsonb('contact').$type<Contact>().notNull(),
    agreement: jsonb('agreement').$type<Agreement>().notNull(),
    archive: jsonb('archive').$type<Archive>(),
    sentBy: uuid('sent_by').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.signingId, t.version] })],
);

/** The audit trail: one row per accepted transition, unique per (signing, seq). */
export const signingEvents = pgTable(
  'signing_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    signingId: uuid('signing_id')
      .notNull()
      .references(() => signings.id),
    seq: integer('seq').notNull(),
    action: text('action').$type<AuditAction>().notNull(),
    actorRole: text('actor_role').$type<Party | 'system'>().notNull(),
    actorId: text('actor_id').notNull(),
    fromStatus: text('from_status').$type<SigningStatus>(),
    toStatus: text('to_status').$type<SigningStatus>().notNull(),
    reason: text('reason'),
    agreementVersion: integer('agreement_version'),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    /** A 解约 step: its request and its own step number (the request is 1); unique, so a retried write adds nothing. */
    rescissionId: uuid('rescission_id'),
    rescissionSeq: integer('rescission_seq'),
  },
  (t) => [
    uniqueIndex('signing_events_seq_uq').on(t.signingId, t.seq),
    uniqueIndex('signing_events_rescission_step_uq').on(t.rescissionId, t.rescissionSeq).where(sql`${t.rescissionId} is not null`),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * The most a 解约函 may weigh (api/rescissions/letter.ts refuses larger uploads with 413); declared in
 * domain/letter-type.ts so the portal checks a chosen file against the same figure.
 */
export const RESCISSION_LETTER_MAX_BYTES = LETTER_MAX_BYTES;

/** 解约函: the letter attached to a 解约 request, a PDF, PNG or JPEG (by its bytes), kept in PostgreSQL. */
export const rescissionLetters = pgTable(
  'rescission_letters',
  {
    id: uuid('id').primaryKey(),
    signingId: uuid('signing_id')
      .notNull()
      .references(() => signings.id),
    contentType: text('content_type').$type<RescissionLetter['contentType']>().notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    data: bytea('data').notNull(),
    uploadedBy: uuid('uploaded_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check('rescission_letters_size_ck', sql`${t.size} = octet_length(${t.data}) and ${t.size} between 1 and ${sql.raw(String(RESCISSION_LETTER_MAX_BYTES))}`),
    check('rescission_letters_type_ck', sql`${t.contentType} in ('application/pdf','image/png','image/jpeg')`),
  ],
);

/**
 * 解约 requests (docs/design.md §11): one row per request = one rescissionWorkflow. The API writes
 * the request (seq 1) in the transaction that starts the workflow; the workflow's activity moves
 * the row forward (`seq` guard). Its steps are in signing_events, with the signing's own trail.
 */
export const rescissions = pgTable(
  'rescissions',
  {
    id: uuid('id').primaryKey(),
    workflowId: text('workflow_id').notNull().unique(),
    signingId: uuid('signing_id')
      .notNull()
      .references(() => signings.id),
    studentId: uuid('student_id')
      .notNull()
      .references(() => students.id),
    schoolCode: text('school_code').notNull(),
    employerCreditCode: text('employer_credit_code').notNull(),
    status: text('status').$type<RescissionStatus>().notNull(),
    seq: integer('seq').notNull(),
    requestedByRole: text('requested_by_role').$type<RescissionRequester>().notNull(),
    requestedBy: uuid('requested_by').notNull(),
    reason: text('reason').notNull(),
    letterId: uuid('letter_id').references(() => rescissionLetters.id),
    /** The reason of a rejection (by the counterparty or the school). */
    decisionReason: text('decision_reason'),
    /** The account whose step ended the request (the approving school admin, a rejecter…). */
    decidedBy: uuid('decided_by'),
    deadlineAt: timestamp('deadline_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    // At most one open request per signing: two racing requests cannot both be reserved.
    uniqueIndex('rescissions_one_open_per_signing_uq')
      .on(t.signingId)
      .where(sql`${t.status} in ('PENDING_COUNTERPARTY','PENDING_SCHOOL')`),
    index('rescissions_school_list_idx').on(t.schoolCode, t.status, t.createdAt.desc(), t.id.desc()),
    index('rescissions_student_idx').on(t.studentId, t.status),
  ],
);

/**
 * 就业方案库: the students' employment plans, with the fields of the source's 当前就业方案 table.
 * Written when the school confirms, one per completed signing. An approved 解约 withdraws the plan
 * (`withdrawn_at`, the rescission, who approved it) and never deletes it; each student has at most
 * one plan not withdrawn: the current one.
 */
export const employmentPlans = pgTable('employment_plans', {
  signingId: uuid('signing_id')
    .primaryKey()
    .references(() => signings.id),
  studentId: uuid('student_id')
    .notNull()
    .references(() => students.id),
  schoolCode: text('school_code').notNull(),
  /** 毕业去向 */
  graduationDestination: text('graduation_destination').notNull(),
  /** 单位信息登记号 */
  infoRegistrationNo: text('info_registration_no'),
  /** 社会信用代码 */
  creditCode: text('credit_code').notNull(),
  /** 单位名称 */
  employerName: text('employer_name').notNull(),
  /** 单位地区 */
  regionCode: text('region_code').notNull(),
  /** 工作职位类别 */
  jobCategoryCode: text('job_category_code').notNull(),
  /** 生源地主管单位 */
  originAuthority: text('origin_authority'),
  /** 行业类别 */
  industryCode: text('industry_code').notNull(),
  /** 单位性质 */
  unitNature: text('unit_nature').notNull(),
  /** 联系地址 / 邮编 / 电话 */
  contactAddress: text('contact_address').notNull(),
  contactPostcode: text('contact_postcode').notNull(),
  contactPhone: text('contact_phone').notNull(),
  /** 档案接收单位 / 邮编 / 收件人 / 电话 / 详细地址 */
  archiveUnitName: text('archive_unit_name'),
  archivePostcode: text('archive_postcode'),
  archiveRecipient: text('archive_recipient'),
  archivePhone: text('archive_phone'),
  archiveAddress: text('archive_address'),
  /** 居住证标志 / 报到证标志 / 回原籍标志 / 报到证 / 报到证审核状态: maintained by later processes. */
  residencePermitFlag: text('residence_permit_flag'),
  reportCardFlag: text('report_card_flag'),
  returnToOriginFlag: text('return_to_origin_flag'),
  reportCardNo: text('report_card_no'),
  reportCardReviewStatus: text('report_card_review_status'),
  agreementVersion: integer('agreement_version').notNull(),
  agreementHash: text('agreement_hash').notNull(),
  confirmedBy: uuid('confirmed_by').notNull(),
  syncedAt: timestamp('synced_at', { withTimezone: true, mode: 'date' }).notNull(),
  /** Set by an approved 解约: when, by which request, approved by which school account. */
  withdrawnAt: timestamp('withdrawn_at', { withTimezone: true, mode: 'date' }),
  rescissionId: uuid('rescission_id'),
  withdrawnBy: uuid('withdrawn_by'),
}, (t) => [
  uniqueIndex('employment_plans_current_per_student_uq').on(t.studentId).where(sql`${t.withdrawnAt} is null`),
  // 个人中心's withdrawn plans (GET /api/me): the partial index above cannot serve them.
  index('employment_plans_withdrawn_idx').on(t.studentId).where(sql`${t.withdrawnAt} is not null`),
  check('employment_plans_withdrawal_ck', sql`(${t.withdrawnAt} is null) = (${t.rescissionId} is null) and (${t.withdrawnAt} is null) = (${t.withdrawnBy} is null)`),
]);

/**
 * Outcomes of POSTs sent with an Idempotency-Key: a repeat returns the stored answer. A row with
 * a null status is a request still in progress (a concurrent repeat gets 409).
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    accountId: uuid('account_id').notNull(),
    key: text('key').notNull(),
    fingerprint: text('fingerprint').notNull(),
    statusCode: integer('status_code'),
    body: jsonb('body'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.key] })],
);

/**
 * 站内信: one row per (notification event, recipient account), written by recordNotifications.
 * `created_at` is the event's own time (millisecond precision, set by the workflow), so the inbox's
 * keyset cursor round-trips exactly and a retried write keeps the original time.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: text('event_id').notNull(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    signingId: uuid('signing_id')
      .notNull()
      .references(() => signings.id),
    type: text('type').$type<NotificationType>().notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('notifications_event_account_uq').on(t.eventId, t.accountId),
    // The inbox, newest first, keyset on (created_at, id); the partial one serves ?unread=true and the count.
    index('notifications_inbox_idx').on(t.accountId, t.createdAt.desc(), t.id.desc()),
    index('notifications_unread_idx').on(t.accountId, t.createdAt.desc(), t.id.desc()).where(sql`${t.readAt} is null`),
  ],
);

export const EMAIL_STATUSES = ['pending', 'sent', 'failed', 'skipped'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

/** E-mail outbox: one row per (event, account with an address); delivered by sendEmail. */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: text('event_id').notNull(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    status: text('status').$type<EmailStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('email_outbox_event_account_uq').on(t.eventId, t.accountId)],
);

/**
 * Webhook endpoints an employer (credit code) or a school (school code) registered. The secret is
 * kept because every delivery is signed with it (HMAC needs the key itself, unlike a password); the
 * API shows it only in the creation response. Deleting sets `deleted_at` so the delivery log stays.
 */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partyRole: text('party_role').$type<'employer' | 'school'>().notNull(),
    partyId: text('party_id').notNull(),
    url: text('url').notNull(),
    description: text('description'),
    secret: text('secret').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => accounts.id),
    createdAt: createdAt(),
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('webhook_endpoints_party_idx').on(t.partyRole, t.partyId).where(sql`${t.deletedAt} is null`)],
);

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** One event for one endpoint. `body` is the exact JSON sent (and signed) on every attempt. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: text('event_id').notNull(),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id),
    body: text('body').notNull(),
    status: text('status').$type<WebhookDeliveryStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_event_endpoint_uq').on(t.eventId, t.endpointId),
    index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.status),
  ],
);

/** Every HTTP attempt of a delivery: its number, time, HTTP status or error, and duration. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id),
    attempt: integer('attempt').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    httpStatus: integer('http_status'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [primaryKey({ columns: [t.deliveryId, t.attempt] })],
);

/**
 * The employer's work in progress on a signing's agreement, saved section by section (上一条 /
 * 保存并进入下一条). Not a transition: written by the API directly, read back when it sends.
 */
export const agreementDrafts = pgTable('agreement_drafts', {
  signingId: uuid('signing_id')
    .primaryKey()
    .references(() => signings.id),
  unitNature: text('unit_nature'),
  contact: jsonb('contact').$type<Partial<Contact>>(),
  agreement: jsonb('agreement').$type<AgreementDraft>().notNull(),
  archive: jsonb('archive').$type<Partial<Archive>>(),
  updatedBy: uuid('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** Named agreement templates of an employer: fill the terms once, start many drafts from them. */
export const agreementTemplates = pgTable(
  'agreement_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employerCreditCode: text('employer_credit_code').notNull(),
    name: text('name').notNull(),
    unitNature: text('unit_nature'),
    contact: jsonb('contact').$type<Partial<Contact>>(),
    agreement: jsonb('agreement').$type<AgreementDraft>().notNull(),
    archive: jsonb('archive').$type<Partial<Archive>>(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('agreement_templates_name_uq').on(t.employerCreditCode, t.name)],
);
