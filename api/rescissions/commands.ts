/**
 * The API's 解约 writes (docs/design.md §11): a new request — a database reservation plus a workflow
 * start, atomically, as a new signing is — and a party's answer (one Update on the request's
 * workflow, through api/http/workflow-update.ts).
 */
import { createHash, randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { rescissionLetters, rescissions, signingEvents, signings } from '../../db/schema';
import { isUniqueViolation } from '../../db/unique-violation';
import {
  RESCISSION_STATUS_LABELS,
  type RescissionAction,
  type RescissionLetter,
  type RescissionRequester,
  counterpartyOf,
  isPendingRescission,
  requestRescission,
} from '../../domain/rescission';
import type { Actor, SigningParties } from '../../domain/signing-machine';
import { STATUS_LABELS, type SigningStatus } from '../../domain/status';
import {
  RESCISSION_UPDATES,
  type RescissionMessage,
  type RescissionView,
  type RescissionWorkflowInput,
  rescissionWorkflowId,
} from '../../workflows/rescission-messages';
import type { rescissionWorkflow } from '../../workflows/rescission';
import { AwaitingPartyKey, EmployerCreditCodeKey, RescissionStatusKey, SchoolCodeKey, StageStartedAtKey } from '../../workflows/search-attributes';
import { AppError } from '../http/errors';
import { executeWorkflowUpdate } from '../http/workflow-update';
import type { TemporalSettings } from '../signings/commands';
import type { RescissionRequestBody } from './letter';
import { type RescissionRow, countApprovedRescissions, findRescission, rescissionLimitOf } from './queries';

export interface NewRescission {
  signing: { id: string; status: SigningStatus; agreementNo: string; rescissionId: string | null };
  parties: SigningParties;
  requester: Actor & { role: RescissionRequester };
  body: RescissionRequestBody;
  /** The service's default limit of approved 解约 per student (the school's own wins). */
  defaultLimit: number;
}

const isOpenRequestConflict = (err: unknown) => isUniqueViolation(err, 'rescissions_one_open_per_signing_uq');

function openRequestConflict(status: RescissionRow['status'] | undefined): AppError {
  const label = RESCISSION_STATUS_LABELS[status ?? 'PENDING_COUNTERPARTY'];
  return new AppError('CONFLICT', `已有一份「${label}」的解约申请，办理结束前不能再次申请`, { rescissionStatus: status ?? 'PENDING_COUNTERPARTY', rescissionStatusLabel: label });
}

/** Why a request cannot be made now (409), checked before anything is written; the database decides races. */
async function refusalOf(db: Db, input: NewRescission): Promise<AppError | null> {
  const { signing, parties } = input;
  if (signing.status !== 'COMPLETED') {
    return new AppError('CONFLICT', `当前状态为「${STATUS_LABELS[signing.status]}」，只有已完成的网签可以申请解约`, {
      status: signing.status,
      statusLabel: STATUS_LABELS[signing.status],
    });
  }
  const latest = signing.rescissionId ? await findRescission(db, signing.rescissionId) : null;
  if (latest && isPendingRescission(latest.status)) return openRequestConflict(latest.status);
  const [limit, used] = await Promise.all([rescissionLimitOf(db, parties.schoolCode, input.defaultLimit), countApprovedRescissions(db, parties.studentId)]);
  if (used >= limit) {
    return new AppError(
      'CONFLICT',
      limit === 0
        ? '学校未开放解约申请；如有特殊情况，请联系学校就业指导中心'
        : `学校规定每名毕业生至多解约 ${limit} 次，该毕业生已解约 ${used} 次，不能再申请；如有特殊情况，请联系学校就业指导中心`,
      { limit, used },
    );
  }
  return null;
}

/**
 * Reserves the request in PostgreSQL — its row (seq 1), the letter, the step in the signing's
 * trail — and starts its workflow inside the same transaction: a second request racing this one
 * waits on the one-open-request index and then fails with 409, and a failed start leaves nothing.
 * Inserted before the signing row is touched, so the lock order is the activity's (the request,
 * then the signing): no deadlock with a step of an earlier request being recorded.
 */
export async function createRescission(db: Db, temporal: TemporalSettings, input: NewRescission): Promise<string> {
  const refusal = await refusalOf(db, input);
  if (refusal) throw refusal;
  const rescissionId = randomUUID();
  const workflowId = rescissionWorkflowId(rescissionId);
  const requestedAt = new Date();
  const letter: RescissionLetter | null = input.body.letter
    ? {
        id: randomUUID(),
        contentType: input.body.letter.contentType,
        size: input.body.letter.bytes.length,
        sha256: createHash('sha256').update(input.body.letter.bytes).digest('hex'),
      }
    : null;
  const workflowInput: RescissionWorkflowInput = {
    rescissionId,
    signingId: input.signing.id,
    parties: input.parties,
    requestedBy: input.requester,
    reason: input.body.reason,
    letter,
    requestedAt: requestedAt.toISOString(),
    policy: temporal.deadlinePolicy,
  };
  const first = requestRescission(workflowInput);
  const deadlineAt = new Date(requestedAt.getTime() + temporal.deadlinePolicy.stageDeadlineMs);
  let startAttempted = false;
  try {
    await db.transaction(async (tx) => {
      if (letter && input.body.letter) {
        await tx.insert(rescissionLetters).values({
          id: letter.id,
          signingId: input.signing.id,
          contentType: letter.contentType,
          size: letter.size,
          sha256: letter.sha256,
          data: input.body.letter.bytes,
          uploadedBy: input.requester.id,
          createdAt: requestedAt,
        });
      }
      await tx.insert(rescissions).values({
        id: rescissionId,
        workflowId,
        signingId: input.signing.id,
        studentId: input.parties.studentId,
        schoolCode: input.parties.schoolCode,
        employerCreditCode: input.parties.employerCreditCode,
        status: first.state.status,
        seq: first.state.seq,
        requestedByRole: input.requester.role,
        requestedBy: input.requester.id,
        reason: first.state.reason,
        letterId: letter?.id ?? null,
        deadlineAt,
        createdAt: requestedAt,
        updatedAt: requestedAt,
      });
      const [moved] = await tx
        .update(signings)
        .set({ seq: sql`${signings.seq} + 1`, rescissionId, updatedAt: requestedAt })
        .where(and(eq(signings.id, input.signing.id), eq(signings.status, 'COMPLETED')))
        .returning({ seq: signings.seq });
      // Rescinded since it was read (another request approved in between).
      if (!moved) throw new AppError('CONFLICT', '该网签已不是「已完成」状态，不能申请解约');
      await tx.insert(signingEvents).values({
        signingId: input.signing.id,
        seq: moved.seq,
        action: 'rescission_request',
        actorRole: first.event.actor.role,
        actorId: first.event.actor.id,
        fromStatus: 'COMPLETED',
        toStatus: 'COMPLETED',
        reason: first.event.reason ?? null,
        rescissionId,
        rescissionSeq: 1,
        at: requestedAt,
      });
      startAttempted = true;
      const awaiting = counterpartyOf(input.requester.role);
      await temporal.client.workflow.start<typeof rescissionWorkflow>('rescissionWorkflow', {
        workflowId,
        taskQueue: temporal.taskQueue,
        args: [workflowInput],
        typedSearchAttributes: [
          { key: RescissionStatusKey, value: 'PENDING_COUNTERPARTY' },
          { key: AwaitingPartyKey, value: awaiting },
          { key: SchoolCodeKey, value: input.parties.schoolCode },
          { key: EmployerCreditCodeKey, value: input.parties.employerCreditCode },
          { key: StageStartedAtKey, value: requestedAt },
        ],
        // Codes and ids only, never a name or the reason (docs/design.md §6).
        staticSummary: `解约申请 ${input.signing.agreementNo} · 学校 ${input.parties.schoolCode} · 单位 ${input.parties.employerCreditCode}`,
        staticDetails: [
          `**协议书编号**：${input.signing.agreementNo}`,
          `**网签编号**：${input.signing.id}`,
          `**解约申请编号**：${rescissionId}`,
          `**提出方**：${input.requester.role === 'student' ? '学生' : '用人单位'}`,
          '解约原因与解约函不在此处显示；请在网上签约系统中查看。',
        ].join('\n\n'),
      });
    });
  } catch (err) {
    if (isOpenRequestConflict(err)) throw openRequestConflict(undefined);
    if (startAttempted && !(err instanceof WorkflowExecutionAlreadyStartedError)) {
      // The reservation did not commit, but the run may exist: end it (best effort).
      await temporal.client.workflow
        .getHandle(workflowId)
        .terminate('rescission reservation was not committed')
        .catch(() => undefined);
    }
    throw err;
  }
  return rescissionId;
}

/** One party's answer to the request, as an Update; resolves once the step is persisted. */
export async function sendRescissionAction<A extends RescissionAction>(
  db: Db,
  temporal: TemporalSettings,
  rescission: RescissionRow,
  action: A,
  message: RescissionMessage<A>,
  updateId: string | undefined,
): Promise<RescissionView> {
  const handle = temporal.client.workflow.getHandle(rescission.workflowId);
  return executeWorkflowUpdate(handle, RESCISSION_UPDATES[action], message, updateId, async () => {
    // The run has ended since the row was read: the refusal names how it ended.
    const final = (await findRescission(db, rescission.id))?.status ?? rescission.status;
    return new AppError('CONFLICT', `解约申请${RESCISSION_STATUS_LABELS[final]}，已结束，不能再办理`, {
      rescissionStatus: final,
      rescissionStatusLabel: RESCISSION_STATUS_LABELS[final],
    });
  });
}
