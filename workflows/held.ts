/**
 * Holding a run whose step PostgreSQL refused for its data (UNSTORABLE_WRITE, activities/
 * unstorable-write.ts): the signing's and the 解约 request's workflows both stop taking actions
 * then, until an operator repairs it (RELIABILITY.md "A write no retry can fix"). What they share:
 * recognising the failure, and the answers they give meanwhile.
 */
import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import { UNSTORABLE_WRITE } from '../domain/failure-types';

/** The reason of a step's UNSTORABLE_WRITE failure, or undefined for any other error. */
export function unstorableReason(err: unknown): string | undefined {
  return err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.type === UNSTORABLE_WRITE
    ? err.cause.message
    : undefined;
}

/** The refusal of every action while held (`what`: 该网签 / 该解约申请), naming the current status. */
export function heldRefusal(what: string, status: string, statusLabel: string): ApplicationFailure {
  return ApplicationFailure.create({
    type: 'CONFLICT',
    message: `${what}有一步办理结果未能保存，已暂停办理，运维人员正在处理，请稍后再试`,
    details: [{ reason: UNSTORABLE_WRITE, status, statusLabel }],
    nonRetryable: true,
  });
}

/** The failure of the Update whose own step could not be stored. */
export function unstoredStepFailure(what: string, seq: number): ApplicationFailure {
  return ApplicationFailure.create({
    type: UNSTORABLE_WRITE,
    message: `办理已受理，但结果未能保存，${what}已暂停办理；运维人员已收到告警`,
    details: [{ seq }],
    nonRetryable: true,
  });
}
