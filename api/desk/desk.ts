/**
 * The desks' shared handler and presentation: the school's 学生就业方案变更审核 table
 * (GET /api/school/signings) and the employer's list (GET /api/employer/signings) are one query
 * with a different party scope, default status and CSV columns.
 *
 * Columns follow the source's table: 当前流程 (status), 处理状态 (whether it waits for the caller),
 * 处理信息 (the last transition, with its reason), 协议书预览 (link to the printable agreement),
 * 学生姓名, 考生号, 毕业去向, 信息登记号, 社会信用代码, 单位名称, 单位地区代码, 工作职位类别代码.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { Db } from '../../db/client';
import { beijingTime } from '../../domain/beijing-time';
import { graduationDestinationLabel, industryLabel, jobCategoryLabel, unitNatureLabel } from '../../domain/codes';
import { regionName } from '../../domain/region';
import { RESCISSION_STATUS_LABELS } from '../../domain/rescission';
import {
  ACTION_LABELS,
  PARTY_LABELS,
  STATUS_LABELS,
  type SigningStatus,
  allowedActions,
  awaitingParty,
  isPending,
} from '../../domain/status';
import { requireRole } from '../auth/authenticate';
import { type CsvColumn, sendCsv } from '../http/csv';
import { type DeskQuery, type DeskRequest, deskRequestOf, encodeDeskCursor } from './params';
import { type DeskCaller, type DeskRow, allDeskRows, countDesk, listDeskPage } from './queries';
import { AppError } from '../http/errors';
import { parseInput } from '../http/validate';
import type { z } from '../../domain/zod';
import { statusView } from '../signings/presenters';

/** An export larger than this is refused: narrow the filters. */
export const CSV_MAX_ROWS = 100_000;

type DeskParty = DeskCaller['role'];

function actionLabel(action: string): string {
  return (ACTION_LABELS as Record<string, string>)[action] ?? action;
}

/** 处理状态 from the caller's side: its turn (未处理), another party's turn, or ended. */
function processingState(status: SigningStatus, party: DeskParty): { code: 'TODO' | 'WAITING' | 'ENDED'; label: string } {
  const awaiting = awaitingParty(status);
  if (awaiting === party) return { code: 'TODO', label: '未处理' };
  if (awaiting) return { code: 'WAITING', label: `待${PARTY_LABELS[awaiting]}处理` };
  return { code: 'ENDED', label: '已结束' };
}

function processInfo(row: DeskRow) {
  const event = row.lastEvent;
  if (!event) return null;
  const label = actionLabel(event.action);
  const at = new Date(event.at).toISOString();
  return {
    action: event.action,
    actionLabel: label,
    actorRole: event.actorRole,
    at,
    reason: event.reason,
    text: `${label}${event.reason ? `：${event.reason}` : ''}（${beijingTime(at)}）`,
  };
}

function agreementPreviewPath(row: DeskRow): string | null {
  return row.agreementVersion === null ? null : `/api/signings/${row.id}/agreement?format=html`;
}

export function presentDeskRow(row: DeskRow, party: DeskParty) {
  const app = row.application;
  const processing = processingState(row.status, party);
  const jobCategoryCode = row.position?.jobCategoryCode ?? null;
  return {
    id: row.id,
    agreementNo: row.agreementNo,
    ...statusView(row.status),
    processingState: processing.code,
    processingStateLabel: processing.label,
    processInfo: processInfo(row),
    allowedActions: allowedActions(row.status, party),
    agreementPreviewUrl: agreementPreviewPath(row),
    student: {
      id: row.studentId,
      name: row.studentName,
      examineeNo: row.examineeNo,
      major: row.major,
      educationLevel: row.educationLevel,
    },
    school: { code: row.schoolCode, name: row.schoolName },
    graduationDestination: app.graduationDestination,
    graduationDestinationLabel: graduationDestinationLabel(app.graduationDestination) ?? null,
    infoRegistrationNo: app.employer.infoRegistrationNo ?? null,
    employer: {
      creditCode: row.employerCreditCode,
      name: row.employerName,
      unitNature: row.unitNature,
      unitNatureLabel: row.unitNature ? (unitNatureLabel(row.unitNature) ?? null) : null,
    },
    regionCode: app.regionCode,
    regionName: regionName(app.regionCode) ?? null,
    industryCode: app.industryCode,
    industryLabel: industryLabel(app.industryCode) ?? null,
    position: row.position?.position ?? null,
    jobCategoryCode,
    jobCategoryLabel: jobCategoryCode ? (jobCategoryLabel(jobCategoryCode) ?? null) : null,
    agreement: row.agreementVersion !== null && row.agreementHash !== null ? { version: row.agreementVersion, hash: row.agreementHash } : null,
    submittedAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    deadlineAt: row.deadlineAt && isPending(row.status) ? row.deadlineAt.toISOString() : null,
    // 解约: the latest request's status, so a list can show one awaiting an answer on a completed signing.
    rescission: row.rescissionStatus ? { status: row.rescissionStatus, statusLabel: RESCISSION_STATUS_LABELS[row.rescissionStatus] } : null,
  };
}

const time = (d: Date | null) => (d ? beijingTime(d) : null);

function commonColumns(party: DeskParty, origin: string): CsvColumn<DeskRow>[] {
  return [
    { header: '当前流程', value: (r) => STATUS_LABELS[r.status] },
    { header: '处理状态', value: (r) => processingState(r.status, party).label },
    { header: '处理信息', value: (r) => processInfo(r)?.text },
    { header: '协议书预览', value: (r) => { const path = agreementPreviewPath(r); return path ? `${origin}${path}` : null; } },
    { header: '学生姓名', value: (r) => r.studentName },
    { header: '考生号', value: (r) => r.examineeNo, identifier: true },
  ];
}

function tailColumns(): CsvColumn<DeskRow>[] {
  return [
    { header: '协议书编号', value: (r) => r.agreementNo, identifier: true },
    { header: '协议版本', value: (r) => r.agreementVersion },
    { header: '协议哈希', value: (r) => r.agreementHash },
    { header: '提交时间（北京时间）', value: (r) => time(r.createdAt) },
    { header: '最近更新（北京时间）', value: (r) => time(r.updatedAt) },
    { header: '办理期限（北京时间）', value: (r) => (isPending(r.status) ? time(r.deadlineAt) : null) },
    { header: '网签编号', value: (r) => r.id },
  ];
}

/** The 学生就业方案变更审核 table's columns, in the source's order, then the agreement and times. */
export function schoolCsvColumns(origin: string): CsvColumn<DeskRow>[] {
  return [
    ...commonColumns('school', origin),
    { header: '毕业去向', value: (r) => r.application.graduationDestination, identifier: true },
    { header: '信息登记号', value: (r) => r.application.employer.infoRegistrationNo, identifier: true },
    { header: '社会信用代码', value: (r) => r.employerCreditCode, identifier: true },
    { header: '单位名称', value: (r) => r.employerName },
    { header: '单位地区代码', value: (r) => r.application.regionCode, identifier: true },
    { header: '单位地区', value: (r) => regionName(r.application.regionCode) },
    { header: '工作职位类别代码', value: (r) => r.position?.jobCategoryCode, identifier: true },
    { header: '工作职位类别', value: (r) => (r.position?.jobCategoryCode ? jobCategoryLabel(r.position.jobCategoryCode) : null) },
    { header: '专业', value: (r) => r.major },
    { header: '学历', value: (r) => r.educationLevel },
    ...tailColumns(),
  ];
}

/** The employer's list: its students, their school and what it sent them. */
export function employerCsvColumns(origin: string): CsvColumn<DeskRow>[] {
  return [
    ...commonColumns('employer', origin),
    { header: '学校代码', value: (r) => r.schoolCode, identifier: true },
    { header: '学校名称', value: (r) => r.schoolName },
    { header: '专业', value: (r) => r.major },
    { header: '学历', value: (r) => r.educationLevel },
    { header: '信息登记号', value: (r) => r.application.employer.infoRegistrationNo, identifier: true },
    { header: '单位地区代码', value: (r) => r.application.regionCode, identifier: true },
    { header: '单位地区', value: (r) => regionName(r.application.regionCode) },
    { header: '工作职位', value: (r) => r.position?.position },
    { header: '工作职位类别代码', value: (r) => r.position?.jobCategoryCode, identifier: true },
    ...tailColumns(),
  ];
}

export interface DeskOptions {
  party: DeskParty;
  defaultStatus: SigningStatus;
  querySchema: z.ZodType<DeskQuery, unknown>;
  csvColumns: (origin: string) => CsvColumn<DeskRow>[];
  /** Chinese name of the download (a timestamp and `.csv` are appended) and its ASCII fallback. */
  csvName: string;
  csvAsciiName: string;
}

/** `20260601-1000` in Beijing time, for file names. */
function fileStamp(now: Date): string {
  return beijingTime(now).replace(/[-:]/g, '').replace(' ', '-');
}

export function deskHandler(db: Db, options: DeskOptions): RequestHandler {
  return async (req: Request, res: Response) => {
    const caller = requireRole(req, options.party) as DeskCaller;
    const request = deskRequestOf(parseInput(options.querySchema, req.query, 'query'), options.defaultStatus);
    if (request.format === 'csv') {
      await exportCsv(db, req, res, caller, request, options);
      return;
    }
    const [page, total] = await Promise.all([
      listDeskPage(db, caller, request.filters, request.sort, { limit: request.limit, after: request.cursor }),
      countDesk(db, caller, request.filters),
    ]);
    const last = page.rows.at(-1);
    res.json({
      items: page.rows.map((row) => presentDeskRow(row, options.party)),
      total,
      nextCursor: page.hasMore && last ? encodeDeskCursor(request.sort, { key: last.sortKey, id: last.id }) : null,
      status: request.filters.statuses ?? 'all',
      sort: request.sort.field,
      order: request.sort.order,
    });
  };
}

/** Every matching row, from one consistent snapshot, as a CSV download. */
async function exportCsv(db: Db, req: Request, res: Response, caller: DeskCaller, request: DeskRequest, options: DeskOptions) {
  const origin = `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  const stamp = fileStamp(new Date());
  await db.transaction(
    async (tx) => {
      const total = await countDesk(tx, caller, request.filters);
      if (total > CSV_MAX_ROWS) {
        throw new AppError('VALIDATION_FAILED', `符合条件的记录有 ${total} 条，超过导出上限 ${CSV_MAX_ROWS} 条，请缩小筛选范围`, [
          { path: 'query', message: `导出上限 ${CSV_MAX_ROWS} 条` },
        ]);
      }
      await sendCsv(res, {
        filename: `${options.csvName}_${stamp}.csv`,
        asciiFilename: `${options.csvAsciiName}-${stamp}.csv`,
        columns: options.csvColumns(origin),
        pages: allDeskRows(tx, caller, request.filters, request.sort),
        headers: { 'X-Total-Count': String(total) },
      });
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
