/**
 * Bulk seeding of signings straight into PostgreSQL, for the desks' read-only tests and for
 * scripts/measure-desk.ts.
 *
 * THESE SIGNINGS HAVE NO WORKFLOW. They are projection rows only (signings, their audit trail and
 * agreement versions, as the activities would have written them), made so that a few hundred or
 * ten thousand rows exist in seconds. Never send an action to one: there is no workflow to take it.
 * Tests that act on signings create them through the API.
 *
 * Deterministic for a given seed (names, statuses, employers, regions, times), with deliberate ties:
 * repeated student names, and runs of signings submitted in the same millisecond, so the keyset's
 * id tie-break is exercised.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client';
import { sql } from 'drizzle-orm';
import { agreementSerials, agreementVersions, signingEvents, signings, students } from '../../db/schema';
import { formatAgreementNo, graduationCohort } from '../../domain/agreement-no';
import type { Application } from '../../domain/schemas';
import type { AuditAction, Party, SigningStatus } from '../../domain/status';
import { sampleAgreement, sampleArchive, sampleContact } from './sample-data';

export interface SeedEmployer {
  creditCode: string;
  name: string;
}

export interface SeededSigning {
  id: string;
  agreementNo: string;
  schoolCode: string;
  status: SigningStatus;
  studentName: string;
  examineeNo: string;
  employerCreditCode: string;
  employerName: string;
  regionCode: string;
  createdAt: Date;
  updatedAt: Date;
  agreementVersion: number | null;
  jobCategoryCode: string | null;
  lastAction: AuditAction;
  lastReason: string | null;
}

export interface SeedOptions {
  schoolCode: string;
  employers: readonly SeedEmployer[];
  count: number;
  /** Submission time of the newest signing; older ones go back from it. */
  newestAt?: Date;
  seed?: number;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '华', '慧'];
export const SEED_REGIONS = ['310101', '310104', '310115', '440305', '110101', '320102'] as const;
const MAJORS = ['计算机科学与技术', '软件工程', '金融学', '机械工程'];
const LEVELS = ['本科', '硕士研究生'];
const JOB_CATEGORIES = ['13', '29', '21', '22'];

/** mulberry32: a tiny deterministic PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pickStatus(r: number): SigningStatus {
  if (r < 0.4) return 'PENDING_SCHOOL';
  if (r < 0.6) return 'PENDING_EMPLOYER';
  if (r < 0.75) return 'PENDING_STUDENT';
  if (r < 0.9) return 'COMPLETED';
  if (r < 0.95) return 'CANCELLED';
  return 'EXPIRED';
}

const HOUR = 3_600_000;

type EventStep = { action: AuditAction; actor: Party | 'system'; to: SigningStatus; reason?: string; version?: number };

/** The audit trail that leads to `status` (with a return to the employer on some). */
function trailTo(status: SigningStatus, withReturn: boolean): EventStep[] {
  const submit: EventStep = { action: 'submit', actor: 'student', to: 'PENDING_EMPLOYER' };
  const sign: EventStep = { action: 'employerSign', actor: 'employer', to: 'PENDING_STUDENT', version: 1 };
  const confirm: EventStep = { action: 'studentConfirm', actor: 'student', to: 'PENDING_SCHOOL', version: 1 };
  switch (status) {
    case 'PENDING_EMPLOYER':
      return withReturn ? [submit, sign, { action: 'return', actor: 'student', to: 'PENDING_EMPLOYER', reason: '税前月薪与面谈不一致', version: 1 }] : [submit];
    case 'PENDING_STUDENT':
      return [submit, sign];
    case 'PENDING_SCHOOL':
      return [submit, sign, confirm];
    case 'COMPLETED':
      return [submit, sign, confirm, { action: 'schoolConfirm', actor: 'school', to: 'COMPLETED', version: 1 }];
    case 'CANCELLED':
      return [submit, { action: 'cancel', actor: 'student', to: 'CANCELLED', reason: '测试取消' }];
    case 'EXPIRED':
      return [submit, { action: 'expire', actor: 'system', to: 'EXPIRED' }];
    case 'RESCINDED':
      return [
        ...trailTo('COMPLETED', withReturn),
        { action: 'rescission_request', actor: 'employer', to: 'COMPLETED', reason: '单位岗位调整' },
        { action: 'rescission_agree', actor: 'student', to: 'COMPLETED' },
        { action: 'rescission_approve', actor: 'school', to: 'RESCINDED' },
      ];
  }
}

async function insertChunked<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** Inserts `count` students of the school, each with one signing (projection rows only: no workflow). */
export async function seedDeskSignings(db: Db, options: SeedOptions): Promise<SeededSigning[]> {
  const random = prng(options.seed ?? 4);
  const newest = (options.newestAt ?? new Date()).getTime();
  const examineeBase = `${Math.floor(100_000 + Math.random() * 899_999)}`;
  const studentRows: (typeof students.$inferInsert)[] = [];
  const signingRows: (typeof signings.$inferInsert)[] = [];
  const eventRows: (typeof signingEvents.$inferInsert)[] = [];
  const versionRows: (typeof agreementVersions.$inferInsert)[] = [];
  const seeded: SeededSigning[] = [];
  // Continue the school's serials: a school may be seeded more than once.
  const existing = await db.select().from(agreementSerials).where(sql`${agreementSerials.schoolCode} = ${options.schoolCode}`);
  const serials = new Map<number, number>(existing.map((r) => [r.cohort, r.lastSerial]));
  let createdAt = newest;

  for (let i = 0; i < options.count; i++) {
    const studentId = randomUUID();
    const id = randomUUID();
    const name = SURNAMES[Math.floor(random() * SURNAMES.length)]! + GIVEN[Math.floor(random() * GIVEN.length)]!;
    const examineeNo = `${examineeBase}${String(i).padStart(8, '0')}`;
    const employer = options.employers[Math.floor(random() * options.employers.length)]!;
    const regionCode = SEED_REGIONS[Math.floor(random() * SEED_REGIONS.length)]!;
    const status = pickStatus(random());
    const withReturn = status === 'PENDING_EMPLOYER' && random() < 0.3;
    // Every 8th signing shares its predecessor's submission millisecond.
    if (i % 8 !== 1) createdAt -= Math.floor(20 + random() * 40) * 60_000 + Math.floor(random() * 1000);
    const trail = trailTo(status, withReturn);
    const stepAt = (n: number) => new Date(createdAt + n * (1 + Math.floor(random() * 20)) * HOUR);
    const times = trail.map((_, n) => (n === 0 ? new Date(createdAt) : stepAt(n)));
    for (let n = 1; n < times.length; n++) if (times[n]!.getTime() <= times[n - 1]!.getTime()) times[n] = new Date(times[n - 1]!.getTime() + 1000);
    const updatedAt = times.at(-1)!;
    const version = trail.reduce<number | null>((v, step) => step.version ?? v, null);
    const jobCategoryCode = version ? JOB_CATEGORIES[Math.floor(random() * JOB_CATEGORIES.length)]! : null;
    const pending = status.startsWith('PENDING_');
    const application: Application = {
      graduationDestination: '01',
      employed: true,
      employer: { creditCode: employer.creditCode, name: employer.name, infoRegistrationNo: String(2_100_000 + (i % 1000)) },
      regionCode,
      industryCode: '65',
    };

    studentRows.push({
      id: studentId,
      schoolCode: options.schoolCode,
      examineeNo,
      name,
      major: MAJORS[i % MAJORS.length]!,
      educationLevel: LEVELS[i % LEVELS.length]!,
    });
    const agreement = jobCategoryCode ? sampleAgreement() : null;
    if (agreement && jobCategoryCode) agreement.subject.jobCategoryCode = jobCategoryCode as typeof agreement.subject.jobCategoryCode;
    // Numbered as the API would, and the school's counters advanced past them below, so a signing
    // created through the API afterwards draws a fresh number.
    const cohort = graduationCohort(new Date(createdAt));
    const serial = (serials.get(cohort) ?? 0) + 1;
    serials.set(cohort, serial);
    const agreementNo = formatAgreementNo(cohort, options.schoolCode, serial);
    signingRows.push({
      id,
      agreementNo,
      workflowId: `signing-${id}`,
      studentId,
      schoolCode: options.schoolCode,
      employerCreditCode: employer.creditCode,
      employerName: employer.name,
      status,
      seq: trail.length,
      application,
      unitNature: version ? '39' : null,
      contact: version ? sampleContact() : null,
      archive: version ? sampleArchive() : null,
      agreementVersion: version,
      agreementHash: version ? `${id.replace(/-/g, '')}${'0'.repeat(32)}` : null,
      deadlineAt: pending ? new Date(updatedAt.getTime() + 14 * 24 * HOUR) : null,
      createdAt: new Date(createdAt),
      updatedAt,
      endedAt: pending ? null : updatedAt,
    });
    let from: SigningStatus | null = null;
    trail.forEach((step, n) => {
      eventRows.push({
        signingId: id,
        seq: n + 1,
        action: step.action,
        actorRole: step.actor,
        actorId: step.actor === 'system' ? 'system' : randomUUID(),
        fromStatus: from,
        toStatus: step.to,
        reason: step.reason ?? null,
        agreementVersion: step.version ?? null,
        at: times[n]!,
      });
      from = step.to;
    });
    if (agreement && version) {
      versionRows.push({
        signingId: id,
        version,
        hash: `${id.replace(/-/g, '')}${'0'.repeat(32)}`,
        unitNature: '39',
        contact: sampleContact(),
        agreement,
        archive: sampleArchive(),
        sentBy: randomUUID(),
        sentAt: times[1]!,
      });
    }
    const last = trail.at(-1)!;
    seeded.push({
      id,
      agreementNo,
      schoolCode: options.schoolCode,
      status,
      studentName: name,
      examineeNo,
      employerCreditCode: employer.creditCode,
      employerName: employer.name,
      regionCode,
      createdAt: new Date(createdAt),
      updatedAt,
      agreementVersion: version,
      jobCategoryCode,
      lastAction: last.action,
      lastReason: last.reason ?? null,
    });
  }

  await insertChunked(studentRows, 2000, (chunk) => db.insert(students).values(chunk));
  await insertChunked(signingRows, 1000, (chunk) => db.insert(signings).values(chunk));
  await insertChunked(eventRows, 2000, (chunk) => db.insert(signingEvents).values(chunk));
  await insertChunked(versionRows, 1000, (chunk) => db.insert(agreementVersions).values(chunk));
  for (const [cohort, lastSerial] of serials) {
    await db
      .insert(agreementSerials)
      .values({ schoolCode: options.schoolCode, cohort, lastSerial })
      .onConflictDoUpdate({
        target: [agreementSerials.schoolCode, agreementSerials.cohort],
        set: { lastSerial: sql`greatest(${agreementSerials.lastSerial}, excluded.last_serial)` },
      });
  }
  return seeded;
}
