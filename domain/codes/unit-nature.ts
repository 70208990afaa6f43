/** 单位性质 (the employer's nature), as the plan database stores it. Pure (workflow-sandbox safe). */
import { codeSchema, describeCodes, lookup, sortedCodes } from './code-list';

export const UNIT_NATURES = {
  '10': '机关',
  '20': '科研设计单位',
  '21': '高等教育单位',
  '22': '中初教育单位',
  '23': '医疗卫生单位',
  '29': '其他事业单位',
  '31': '国有企业',
  '32': '三资企业',
  '39': '其他企业',
  '40': '部队',
  '55': '农村建制村',
  '56': '城镇社区',
} as const;

export type UnitNatureCode = keyof typeof UNIT_NATURES;
export type UnitNatureLabel = (typeof UNIT_NATURES)[UnitNatureCode];

export const UNIT_NATURE_CODES = sortedCodes(UNIT_NATURES);

export const unitNatureSchema = codeSchema(UNIT_NATURE_CODES, '单位性质', `可选：${describeCodes(UNIT_NATURES)}`);

export function unitNatureLabel(code: string): UnitNatureLabel | undefined {
  return lookup(UNIT_NATURES, code);
}
