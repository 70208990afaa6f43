import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../config';
import { DEFAULT_DEADLINE_POLICY, policyProblem, stageSchedule } from '../../domain/deadline-policy';
import { parseDurationMs } from '../../domain/duration';

const DAY = 86_400_000;

describe('deadline policy', () => {
  it('schedules reminders on days 3, 6, 9, 12, a last call on day 13 and the deadline on day 14', () => {
    expect(stageSchedule(DEFAULT_DEADLINE_POLICY)).toEqual([
      { kind: 'reminder', offsetMs: 3 * DAY, n: 1, lastCall: false },
      { kind: 'reminder', offsetMs: 6 * DAY, n: 2, lastCall: false },
      { kind: 'reminder', offsetMs: 9 * DAY, n: 3, lastCall: false },
      { kind: 'reminder', offsetMs: 12 * DAY, n: 4, lastCall: false },
      { kind: 'reminder', offsetMs: 13 * DAY, n: 5, lastCall: true },
      { kind: 'deadline', offsetMs: 14 * DAY },
    ]);
  });

  it('drops a regular reminder that would fall on or after the last call', () => {
    const steps = stageSchedule({ firstReminderAfterMs: 2 * DAY, reminderEveryMs: 4 * DAY, lastCallBeforeMs: 4 * DAY, stageDeadlineMs: 10 * DAY });
    expect(steps.map((s) => s.offsetMs / DAY)).toEqual([2, 6, 10]);
    expect(steps[1]).toMatchObject({ kind: 'reminder', lastCall: true, n: 2 });
  });

  it('refuses policies that cannot work', () => {
    expect(policyProblem(DEFAULT_DEADLINE_POLICY)).toBeNull();
    expect(policyProblem({ ...DEFAULT_DEADLINE_POLICY, lastCallBeforeMs: 20 * DAY })).toMatch(/最后提醒/);
    expect(policyProblem({ ...DEFAULT_DEADLINE_POLICY, firstReminderAfterMs: 15 * DAY })).toMatch(/首次提醒/);
    expect(policyProblem({ ...DEFAULT_DEADLINE_POLICY, reminderEveryMs: 1000 })).toMatch(/过短/);
  });
});

describe('durations in configuration', () => {
  it.each([
    ['P3D', 3 * DAY],
    ['PT36H', 36 * 3_600_000],
    ['P1DT12H', 36 * 3_600_000],
    ['3 days', 3 * DAY],
    ['36h', 36 * 3_600_000],
    ['500ms', 500],
  ])('parses %s', (text, expected) => {
    expect(parseDurationMs(text)).toBe(expected);
  });

  it.each(['P1M', 'P1Y', 'soon', '', 'PXD'])('refuses %s', (text) => {
    expect(parseDurationMs(text)).toBeUndefined();
  });

  it('is validated at boot with the variable named', () => {
    expect(parseConfig({}).SIGNING_STAGE_DEADLINE).toBe(14 * DAY);
    expect(() => parseConfig({ SIGNING_REMINDER_EVERY: 'soon' })).toThrow(/SIGNING_REMINDER_EVERY: 无法解析的时长/);
    expect(() => parseConfig({ SIGNING_LAST_CALL_BEFORE: 'P30D' })).toThrow(/SIGNING_STAGE_DEADLINE/);
  });
});
