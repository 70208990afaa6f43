import { describe, it, expect } from 'vitest';
import {
  GRADUATION_DESTINATION_CODES,
  INDUSTRIES,
  INDUSTRY_CODES,
  INDUSTRY_SECTIONS,
  INDUSTRY_SECTION_LETTERS,
  JOB_CATEGORIES,
  JOB_CATEGORY_CODES,
  UNIT_NATURES,
  UNIT_NATURE_CODES,
  graduationDestinationLabel,
  graduationDestinationSchema,
  industryLabel,
  industrySchema,
  industrySection,
  industrySectionLabel,
  jobCategoryLabel,
  jobCategorySchema,
  unitNatureLabel,
  unitNatureSchema,
} from '../../domain/codes/index';

const firstMessage = (schema: { safeParse(v: unknown): { error?: { issues: { message: string }[] } } }, v: unknown) =>
  schema.safeParse(v).error?.issues[0]?.message;

describe('单位性质', () => {
  it('has the MOE table’s 14 codes of docs/design.md §8, 33 个体工商户 and 99 其他 among them', () => {
    expect(UNIT_NATURE_CODES).toEqual(['10', '20', '21', '22', '23', '29', '31', '32', '33', '39', '40', '55', '56', '99']);
    expect(Object.keys(UNIT_NATURES)).toHaveLength(14);
    expect(unitNatureLabel('31')).toBe('国有企业');
    expect(unitNatureLabel('56')).toBe('城镇社区');
    expect(unitNatureLabel('33')).toBe('个体工商户');
    expect(unitNatureLabel('99')).toBe('其他');
    expect(unitNatureLabel('98')).toBeUndefined();
    expect(unitNatureLabel('toString')).toBeUndefined();
  });
  it('refuses an unknown code, listing the valid ones', () => {
    expect(unitNatureSchema.parse('39')).toBe('39');
    const message = firstMessage(unitNatureSchema, '30');
    expect(message).toMatch(/^未知的单位性质代码：30/);
    expect(message).toContain('39 其他企业');
    expect(firstMessage(unitNatureSchema, 39)).toContain('应为字符串');
    expect(firstMessage(unitNatureSchema, undefined)).toBe('此项为必填');
  });
});

describe('工作职位类别', () => {
  it('has the 18 codes of docs/design.md §8', () => {
    expect(JOB_CATEGORY_CODES).toEqual([
      '10', '11', '13', '17', '19', '21', '22', '23', '24', '25', '26', '27', '29', '30', '40', '60', '80', '90',
    ]);
    expect(Object.keys(JOB_CATEGORIES)).toHaveLength(18);
    expect(jobCategoryLabel('13')).toBe('工程技术人员');
    expect(jobCategoryLabel('27')).toBe('新闻出版和文化工作人员');
  });
  it('refuses an unknown code', () => {
    expect(jobCategorySchema.parse('13')).toBe('13');
    expect(firstMessage(jobCategorySchema, '12')).toMatch(/^未知的工作职位类别代码：12/);
  });
});

describe('行业类别 (GB/T 4754-2017)', () => {
  it('has 97 大类 01–97 and 20 门类 A–T', () => {
    expect(INDUSTRY_CODES).toHaveLength(97);
    expect(Object.keys(INDUSTRIES)).toHaveLength(97);
    expect(INDUSTRY_CODES).toEqual(Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, '0')));
    expect(INDUSTRY_SECTION_LETTERS).toHaveLength(20);
    expect(INDUSTRY_SECTION_LETTERS.join('')).toBe('ABCDEFGHIJKLMNOPQRST');
  });
  it('derives the 门类 of every 大类; the 门类 ranges tile 01–97 without overlap', () => {
    let next = 1;
    for (const letter of INDUSTRY_SECTION_LETTERS) {
      const { from, to } = INDUSTRY_SECTIONS[letter];
      expect(Number(from)).toBe(next);
      expect(Number(to)).toBeGreaterThanOrEqual(Number(from));
      next = Number(to) + 1;
    }
    expect(next).toBe(98);
    for (const code of INDUSTRY_CODES) expect(industrySection(code)).toBeDefined();
  });
  it('65 → 软件和信息技术服务业, 门类 I 信息传输、软件和信息技术服务业', () => {
    expect(industryLabel('65')).toBe('软件和信息技术服务业');
    expect(industrySection('65')).toBe('I');
    expect(industrySectionLabel('I')).toBe('信息传输、软件和信息技术服务业');
  });
  it('spot-checks section boundaries', () => {
    expect([industrySection('01'), industrySection('05'), industrySection('06')]).toEqual(['A', 'A', 'B']);
    expect([industrySection('13'), industrySection('43'), industrySection('44')]).toEqual(['C', 'C', 'D']);
    expect([industrySection('70'), industrySection('83'), industrySection('96'), industrySection('97')]).toEqual([
      'K', 'P', 'S', 'T',
    ]);
    expect(industryLabel('43')).toBe('金属制品、机械和设备修理业');
    expect(industryLabel('58')).toBe('多式联运和运输代理业');
    expect(industryLabel('97')).toBe('国际组织');
    expect(industrySection('98')).toBeUndefined();
    expect(industrySection('6')).toBeUndefined();
  });
  it('refuses unknown codes', () => {
    expect(industrySchema.parse('65')).toBe('65');
    for (const bad of ['00', '98', '6', '065', 'I65']) {
      expect(firstMessage(industrySchema, bad)).toMatch(/^未知的行业类别代码/);
    }
  });
});

describe('毕业去向', () => {
  it('handles only 01 派遣网上签约', () => {
    expect(GRADUATION_DESTINATION_CODES).toEqual(['01']);
    expect(graduationDestinationLabel('01')).toBe('派遣网上签约');
    expect(graduationDestinationSchema.parse('01')).toBe('01');
    expect(firstMessage(graduationDestinationSchema, '02')).toMatch(/^未知的毕业去向代码：02/);
  });
});
