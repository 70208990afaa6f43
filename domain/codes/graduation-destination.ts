/**
 * 毕业去向 (graduation destination), as the school's 就业方案 (plan database) records it: the source
 * system's 派遣网上签约(01) is the destination whose evidence is a signed 就业协议书 (the MOE table's
 * 签就业协议形式就业). The plan database stores the code; this signing flow handles
 * only `01` (派遣网上签约 — the graduate signs an employment agreement, 签订协议书), so the list holds
 * only that code and any other is refused. Pure (workflow-sandbox safe).
 */
import { codeSchema, lookup, sortedCodes } from './code-list';

export const GRADUATION_DESTINATIONS = {
  '01': '派遣网上签约',
} as const;

export type GraduationDestinationCode = keyof typeof GRADUATION_DESTINATIONS;
export type GraduationDestinationLabel = (typeof GRADUATION_DESTINATIONS)[GraduationDestinationCode];

export const GRADUATION_DESTINATION_CODES = sortedCodes(GRADUATION_DESTINATIONS);

export const graduationDestinationSchema = codeSchema(
  GRADUATION_DESTINATION_CODES,
  '毕业去向',
  '网上签约只受理 01 派遣网上签约 / 签订协议书',
);

export function graduationDestinationLabel(code: string): GraduationDestinationLabel | undefined {
  return lookup(GRADUATION_DESTINATIONS, code);
}
