/**
 * Durations in configuration: ISO-8601 (`P14D`, `PT36H`) or Temporal's duration strings
 * (`14 days`, `36h`, `500ms`), parsed to milliseconds once at boot so the workflow only ever sees
 * plain numbers. Years and months are refused: their length depends on the calendar.
 */
import ms from 'ms';
import { parse as parseIso, toSeconds } from 'iso8601-duration';

export function parseDurationMs(text: string): number | undefined {
  const value = text.trim();
  if (/^P/i.test(value)) {
    try {
      const parts = parseIso(value.toUpperCase());
      if (parts.years || parts.months) return undefined;
      return Math.round(toSeconds(parts) * 1000);
    } catch {
      return undefined;
    }
  }
  if (value === '') return undefined;
  try {
    const result = ms(value as ms.StringValue);
    return typeof result === 'number' && Number.isFinite(result) ? result : undefined;
  } catch {
    return undefined;
  }
}
