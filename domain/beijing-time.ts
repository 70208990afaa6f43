/**
 * Times shown to people are Beijing time (UTC+8, no daylight saving). Formatted by arithmetic, not
 * Intl, so the workflow sandbox and every process print the same text for the same instant.
 */
const OFFSET_MS = 8 * 3_600_000;

/** `2026-06-14T08:00:00.000Z` → `2026-06-14 16:00`. */
export function beijingTime(iso: string | number | Date): string {
  const ms = new Date(iso).getTime();
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** `2026-06-14T08:00:00.000Z` → `2026年6月14日 16:00`. */
export function beijingTimeLong(iso: string | number | Date): string {
  const shifted = new Date(new Date(iso).getTime() + OFFSET_MS);
  const hh = String(shifted.getUTCHours()).padStart(2, '0');
  const mm = String(shifted.getUTCMinutes()).padStart(2, '0');
  return `${shifted.getUTCFullYear()}年${shifted.getUTCMonth() + 1}月${shifted.getUTCDate()}日 ${hh}:${mm}`;
}
