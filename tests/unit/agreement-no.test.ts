/** 协议书编号: the cohort rule (Beijing calendar, September opens next year's cohort) and the format. */
import { describe, expect, it } from 'vitest';
import { AGREEMENT_NO_PATTERN, formatAgreementNo, graduationCohort } from '../../domain/agreement-no';

describe('graduationCohort', () => {
  it('counts September onward toward next year’s cohort, on the Beijing calendar', () => {
    expect(graduationCohort(new Date('2026-01-01T00:00:00+08:00'))).toBe(2026);
    expect(graduationCohort(new Date('2026-06-30T12:00:00+08:00'))).toBe(2026);
    // 23:59:59 on 31 August in Beijing is still this year's cohort; midnight opens the next.
    expect(graduationCohort(new Date('2026-08-31T15:59:59.999Z'))).toBe(2026);
    expect(graduationCohort(new Date('2026-08-31T16:00:00.000Z'))).toBe(2027);
    expect(graduationCohort(new Date('2026-12-31T15:59:59.999Z'))).toBe(2027);
    // New Year's Eve after 16:00 UTC is already 1 January in Beijing: still the 2027 cohort.
    expect(graduationCohort(new Date('2026-12-31T16:00:00.000Z'))).toBe(2027);
  });
});

describe('formatAgreementNo', () => {
  it('pads the serial to six digits and grows past them', () => {
    expect(formatAgreementNo(2026, '10280', 123)).toBe('2026-10280-000123');
    expect(formatAgreementNo(2027, '1031010280', 1)).toBe('2027-1031010280-000001');
    expect(formatAgreementNo(2027, '10280', 1_000_000)).toBe('2027-10280-1000000');
    for (const no of ['2026-10280-000123', '2027-1031010280-000001', '2027-10280-1000000']) expect(no).toMatch(AGREEMENT_NO_PATTERN);
  });

  it('refuses serials that are not positive integers', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => formatAgreementNo(2026, '10280', bad)).toThrow(RangeError);
  });
});
