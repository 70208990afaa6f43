/**
 * The deadline policy of a stage (docs/design.md §3; issue "no signing stalls silently"): while a signing
 * waits for a party, a first reminder after `firstReminderAfterMs`, then one every
 * `reminderEveryMs`, a last call `lastCallBeforeMs` before the deadline, and the deadline itself
 * `stageDeadlineMs` after the stage began. The policy in force when a signing starts travels with
 * it (workflow input), so configuration changes never alter running signings. Pure.
 */

export interface DeadlinePolicy {
  firstReminderAfterMs: number;
  reminderEveryMs: number;
  lastCallBeforeMs: number;
  stageDeadlineMs: number;
}

export const DEFAULT_DEADLINE_POLICY: DeadlinePolicy = {
  firstReminderAfterMs: 3 * 86_400_000,
  reminderEveryMs: 3 * 86_400_000,
  lastCallBeforeMs: 86_400_000,
  stageDeadlineMs: 14 * 86_400_000,
};

export type StageStep =
  | { kind: 'reminder'; offsetMs: number; n: number; lastCall: boolean }
  | { kind: 'deadline'; offsetMs: number };

/** Why a policy cannot work, or null. Used by the config schema at boot. */
export function policyProblem(policy: DeadlinePolicy): string | null {
  const { firstReminderAfterMs, reminderEveryMs, lastCallBeforeMs, stageDeadlineMs } = policy;
  if (stageDeadlineMs <= 0) return '办理期限必须大于 0';
  if (reminderEveryMs <= 0) return '提醒间隔必须大于 0';
  if (firstReminderAfterMs <= 0 || firstReminderAfterMs >= stageDeadlineMs) return '首次提醒时间必须在 0 与办理期限之间';
  if (lastCallBeforeMs <= 0 || lastCallBeforeMs >= stageDeadlineMs) return '最后提醒的提前量必须在 0 与办理期限之间';
  if (stageDeadlineMs / reminderEveryMs > 1000) return '提醒间隔过短：一个阶段最多 1000 次提醒';
  return null;
}

/**
 * The stage's timeline, as offsets from the moment the stage began: regular reminders strictly
 * before the last call, then the last call, then the deadline. Reminders are numbered in order.
 */
export function stageSchedule(policy: DeadlinePolicy): StageStep[] {
  const lastCallAt = policy.stageDeadlineMs - policy.lastCallBeforeMs;
  const steps: StageStep[] = [];
  let n = 0;
  for (let at = policy.firstReminderAfterMs; at < lastCallAt; at += policy.reminderEveryMs) {
    steps.push({ kind: 'reminder', offsetMs: at, n: ++n, lastCall: false });
  }
  steps.push({ kind: 'reminder', offsetMs: lastCallAt, n: n + 1, lastCall: true });
  steps.push({ kind: 'deadline', offsetMs: policy.stageDeadlineMs });
  return steps;
}
