import { describe, expect, it } from 'vitest';
import { DEFAULT_DEADLINE_POLICY } from '../../domain/deadline-policy';
import { durationLabel, signingStaticDetails, signingStaticSummary } from '../../domain/workflow-metadata';

describe('the static summary and details an operator sees in the Temporal UI', () => {
  const input = {
    signingId: '6f1c2a9e-1d2b-4c3d-8e4f-5a6b7c8d9e0f',
    agreementNo: '2026-10280-000123',
    schoolCode: '10280',
    employerCreditCode: '91350200MA31E12PXF',
    submittedAt: '2026-06-01T08:00:00.000Z',
    policy: DEFAULT_DEADLINE_POLICY,
  };

  it('summarises by codes only', () => {
    expect(signingStaticSummary(input)).toBe('网上签约 2026-10280-000123 · 学校 10280 · 单位 91350200MA31E12PXF');
  });

  it('details the ids, the Beijing submission time and the policy the signing keeps', () => {
    const details = signingStaticDetails(input);
    expect(details).toContain('**协议书编号**：2026-10280-000123');
    expect(details).toContain('**网签编号**：6f1c2a9e-1d2b-4c3d-8e4f-5a6b7c8d9e0f');
    expect(details).toContain('**提交时间**：2026-06-01 16:00（北京时间）');
    expect(details).toContain('每个环节 14 天；3 天后首次提醒，此后每 3 天提醒一次，截止前 1 天最后提醒');
  });

  it('labels durations in the largest unit that divides them', () => {
    expect(durationLabel(36 * 3_600_000)).toBe('36 小时');
    expect(durationLabel(90_000)).toBe('90 秒');
    expect(durationLabel(1_500)).toBe('1500 毫秒');
  });
});
