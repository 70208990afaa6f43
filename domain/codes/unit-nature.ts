/**
 * 单位性质 (the employer's nature), as the plan database stores it. The codes follow the Ministry of
 * Education's graduate-employment code table (全国高校毕业生就业管理系统 数据结构 — 单位性质代码), which
 * every edition closes with 99 其他 (社会组织, 国际组织 and others no row names); newer editions add
 * 33 个体工商户. Existing codes keep their meaning: a code is never renumbered or reused.
 * Pure (workflow-sandbox safe).
 */
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
  '33': '个体工商户',
  '39': '其他企业',
  '40': '部队',
  '55': '农村建制村',
  '56': '城镇社区',
  '99': '其他',
} as const;

export type UnitNatureCode = keyof typeof UNIT_NATURES;
export type UnitNatureLabel = (typeof UNIT_NATURES)[UnitNatureCode];

export const UNIT_NATURE_CODES = sortedCodes(UNIT_NATURES);

export const unitNatureSchema = codeSchema(UNIT_NATURE_CODES, '单位性质', `可选：${describeCodes(UNIT_NATURES)}`);

export function unitNatureLabel(code: string): UnitNatureLabel | undefined {
  return lookup(UNIT_NATURES, code);
}
