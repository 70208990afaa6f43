/**
 * 协议书编号: the number people read out, print and search by, e.g. `2027-10280-000123` — the
 * graduating cohort (届), the school's code and a serial of that school and cohort. The signing's
 * UUID stays its id in URLs and in the API; this number is for people.
 *
 * The cohort is the year the graduate leaves: recruitment for a cohort opens in September of the
 * year before (秋季招聘), so an agreement submitted from September on (Beijing calendar) belongs to
 * next year's cohort, one submitted January–August to this year's.
 *
 * The serial is allocated by the database (api/signings/agreement-numbers.ts), never computed here, so two
 * concurrent submissions cannot share a number; gaps (a submission refused after its number was
 * drawn) are allowed. Pure (workflow-sandbox safe).
 */

const BEIJING_OFFSET_MS = 8 * 3_600_000;
/** The month (1–12, Beijing calendar) from which submissions count toward the next cohort. */
export const NEXT_COHORT_FROM_MONTH = 9;
/** Digits the serial is padded to; a school past 999 999 signings in one cohort gets a 7th digit. */
export const SERIAL_DIGITS = 6;

export function graduationCohort(at: Date): number {
  const beijing = new Date(at.getTime() + BEIJING_OFFSET_MS);
  const year = beijing.getUTCFullYear();
  return beijing.getUTCMonth() + 1 >= NEXT_COHORT_FROM_MONTH ? year + 1 : year;
}

export function formatAgreementNo(cohort: number, schoolCode: string, serial: number): string {
  if (!Number.isSafeInteger(serial) || serial < 1) throw new RangeError(`agreement serial must be a positive integer, got ${serial}`);
  return `${cohort}-${schoolCode}-${String(serial).padStart(SERIAL_DIGITS, '0')}`;
}

/** The shape of a number: 4-digit cohort, the school code (5-digit 院校代码 or 10-digit 学校标识码), a serial of 6+ digits. */
export const AGREEMENT_NO_PATTERN = /^\d{4}-[0-9A-Za-z]+-\d{6,}$/;
