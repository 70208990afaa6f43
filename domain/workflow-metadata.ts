/**
 * What an operator reads at the top of a signing in the Temporal UI: the static summary (the list
 * column) and the static details (the workflow page), fixed when the workflow starts. Only codes,
 * ids and times, never a name or another personal value, because they sit beside the search
 * attributes for anyone with UI access (the payload codec still encrypts them in the store).
 */
import { beijingTime } from './beijing-time';
import type { DeadlinePolicy } from './deadline-policy';

export interface SigningMetadataInput {
  signingId: string;
  /**
   * 协议书编号 (domain/agreement-no.ts): what people read out on the phone, shown in the list's
   * summary column so an operator can match it by eye (it is not a search attribute).
   */
  agreementNo: string;
  schoolCode: string;
  employerCreditCode: string;
  submittedAt: string;
  policy: DeadlinePolicy;
}

/** `网上签约 2027-10280-000123 · 学校 10280 · 单位 91350200MA31E12PXF` */
export function signingStaticSummary(input: Pick<SigningMetadataInput, 'agreementNo' | 'schoolCode' | 'employerCreditCode'>): string {
  return `网上签约 ${input.agreementNo} · 学校 ${input.schoolCode} · 单位 ${input.employerCreditCode}`;
}

/** Markdown (the UI renders it) with the signing's ids and the deadline policy it keeps. */
export function signingStaticDetails(input: SigningMetadataInput): string {
  const { policy } = input;
  return [
    `**协议书编号**：${input.agreementNo}`,
    `**网签编号**：${input.signingId}`,
    `**学校代码**：${input.schoolCode}`,
    `**单位统一社会信用代码**：${input.employerCreditCode}`,
    `**提交时间**：${beijingTime(input.submittedAt)}（北京时间）`,
    `**办理期限**：每个环节 ${durationLabel(policy.stageDeadlineMs)}；${durationLabel(policy.firstReminderAfterMs)}后首次提醒，` +
      `此后每 ${durationLabel(policy.reminderEveryMs)}提醒一次，截止前 ${durationLabel(policy.lastCallBeforeMs)}最后提醒`,
    '学生姓名、考生号、薪酬与联系方式不在此处显示；请在网上签约系统中查看。',
  ].join('\n\n');
}

const UNITS: Array<[ms: number, label: string]> = [
  [86_400_000, '天'],
  [3_600_000, '小时'],
  [60_000, '分钟'],
  [1_000, '秒'],
];

/** 259200000 → `3 天`, 129600000 → `36 小时`, 1500 → `1500 毫秒`: the largest unit that divides evenly. */
export function durationLabel(ms: number): string {
  for (const [size, label] of UNITS) if (ms % size === 0) return `${ms / size} ${label}`;
  return `${ms} 毫秒`;
}
