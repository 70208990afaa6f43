import { describe, it, expect } from 'vitest';
import { ORGANIZATION_CODE_WEIGHTS, organizationCodeCheckChar } from '../../domain/organization-code';
import {
  CREDIT_CODE_ALPHABET,
  CREDIT_CODE_WEIGHTS,
  checkCreditCode,
  completeCreditCode,
  creditCodeCheckChar,
  creditCodeMessage,
  creditCodePrefixMessage,
  creditCodeSchema,
} from '../../domain/uscc';
import { CREDIT_CODE_AUTHORITIES } from '../../domain/uscc-authorities';

const messages = (input: unknown) => creditCodeSchema.safeParse(input).error?.issues.map((i) => i.message);

/**
 * Real codes of real organisations, each with where it is published (public documents: invoices'
 * 抬头, contracts, a court ruling, government and organisation pages). None is made up: every one
 * passes both check characters, which a code typed from memory or invented by hand does one time in
 * 341 (31 × 11). "stdnum" is python-stdnum's tests/test_cn_uscc.doctest ("These have been found
 * online and should all be valid numbers", github.com/arthurdejong/python-stdnum).
 */
const REAL_CODES: Array<[code: string, holder: string, publishedIn: string]> = [
  // 1 机构编制 — 1 机关
  ['11110000000029209E', '北京市司法局', '北京市政务服务网 banshi.beijing.gov.cn，律师事务所分所设立许可事项页'],
  ['11410182005291054B', '荥阳市司法局', '河南省郑州市中级人民法院（2019）豫01行终492号行政裁定书'],
  ['11140800558745220K', '晋中市文化和旅游局', '省级红色文化遗址保护标志树立项目政府采购合同（甲方）'],
  // 1 机构编制 — 2 事业单位
  ['12100000400000624D', '清华大学', '清华大学实验室的报销说明：发票抬头“清华大学”，纳税人识别号'],
  ['12100000400009127B', '北京理工大学', '北京理工大学报销发票的购买方纳税人识别号'],
  ['12100000400000456B', '哈尔滨工业大学', '哈尔滨工业大学报销发票的购买方纳税人识别号'],
  ['12100000400002697C', '重庆大学', '重庆大学报销发票的购买方纳税人识别号（GMF_NSRSBH）'],
  ['1210000042500615X0', '复旦大学', '复旦大学的发票抬头税号'],
  ['121000004000123696', '中国科学院软件研究所', '其参股上市公司公告中的股东介绍'],
  ['12100000400777097N', '北京大学口腔医院', '北京大学口腔医院在线挂号服务的机构代码（org_code）'],
  ['12440300455752807L', '清华大学深圳国际研究生院', '清华大学深圳国际研究生院的发票抬头'],
  ['121200004013590816', '（天津市登记的事业单位）', 'stdnum'],
  // 5 民政 — 1 社会团体
  ['51100000500002862F', '中国自动化学会', '中国自动化学会报销发票的购买方纳税人识别号'],
  ['51100000500009247D', '中国复合材料工业协会', '该协会办公系统的组织唯一编码'],
  ['51100000500012681T', '中国医疗保健国际交流促进会', '该促进会的发票抬头税号'],
  // 5 民政 — 3 基金会
  ['53100000500021676K', '北京理工大学教育基金会', '北京理工大学教育基金会报销发票的购买方纳税人识别号'],
  ['53100000500019795A', '中国社会福利基金会', '中国社会福利基金会“基本信息”（社评基字[2016]第003号）'],
  // 9 工商 — 1 企业
  ['914403001922038216', '深圳市腾讯计算机系统有限公司', 'launcher/seed.ts 的示例单位（本项目原有的测试向量）'],
  ['911100006000650192', '北京吉野家快餐有限公司', '北京吉野家快餐有限公司开具的增值税发票（销售方）'],
  ['91140106713678575D', '山西晋韵古建筑有限公司', '省级红色文化遗址保护标志树立项目政府采购合同（乙方）'],
  ['91350200MA31E12PXF', '（厦门市登记的企业）', '源系统的示例流程（tests/support/sample-data.ts SOURCE_CREDIT_CODE）'],
  ['9135021359498494XQ', '（厦门市登记的企业）', '本项目原有的测试向量'],
  ['91110000600037341L', '（北京市登记的企业）', 'stdnum'],
  ['91110000710926094P', '（北京市登记的企业）', 'stdnum'],
  ['91310115MA1K3BTP2B', '（上海市浦东新区登记的企业）', 'stdnum'],
  ['91620105L015101280', '（兰州市登记的企业，主体标识码以 L 开头）', 'stdnum'],
  ['91440300568520498A', '（深圳市登记的企业）', 'stdnum'],
  ['9144030071526726XG', '（深圳市登记的企业）', 'stdnum'],
  ['91340600MA2PBM9HXD', '（淮北市登记的企业）', 'stdnum'],
  // 9 工商 — 2 个体工商户: their 主体标识码 (MA…) satisfy GB 11714 like the enterprises'
  ['92340602MA2PBMEM24', '（淮北市杜集区的个体工商户）', 'stdnum'],
  ['92340602MA2UK33127', '（淮北市杜集区的个体工商户）', 'stdnum'],
  ['92340603MA2PBMYMX1', '（淮北市相山区的个体工商户）', 'stdnum'],
  ['92340603MA2PBN17X5', '（淮北市相山区的个体工商户）', 'stdnum'],
  ['92340604MA2UK2B104', '（淮北市烈山区的个体工商户）', 'stdnum'],
  ['92340621MA2UK3PJXE', '（濉溪县的个体工商户）', 'stdnum'],
];

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('uses the 31-character alphabet and the weights 3^(i-1) mod 31; GB 11714 weights 3 7 9 10 5 8 4 2', () => {
    expect(CREDIT_CODE_ALPHABET).toHaveLength(31);
    expect(CREDIT_CODE_ALPHABET).not.toMatch(/[IOSVZ]/);
    expect([...CREDIT_CODE_WEIGHTS]).toEqual(Array.from({ length: 17 }, (_, i) => 3 ** i % 31));
    expect([...ORGANIZATION_CODE_WEIGHTS]).toEqual([3, 7, 9, 10, 5, 8, 4, 2]);
  });

  it('has at least 30 real codes, across the authorities 1, 5 and 9', () => {
    expect(REAL_CODES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(REAL_CODES.map(([code]) => code.slice(0, 2)))).toEqual(new Set(['11', '12', '51', '53', '91', '92']));
  });

  it.each(REAL_CODES)('accepts %s (%s, %s)', (code) => {
    expect(checkCreditCode(code)).toEqual({ ok: true });
    expect(creditCodeSchema.parse(code)).toBe(code);
    expect(completeCreditCode(code.slice(0, 16))).toBe(code);
  });

  it('computes the GB 11714 check character: remainder 1 → X, remainder 0 → 0', () => {
    expect(organizationCodeCheckChar('19220382')).toBe('1'); // 腾讯's 19220382-1
    expect(organizationCodeCheckChar('42500615')).toBe('X'); // 复旦大学's 42500615-X
    expect(organizationCodeCheckChar('L0151012')).toBe('8'); // letters count 10–35
    expect(organizationCodeCheckChar('00000000')).toBe('0'); // 11 − 0 = 11 → 0
    expect(organizationCodeCheckChar('1922038')).toBeUndefined();
    expect(organizationCodeCheckChar('1922038a')).toBeUndefined();
  });

  it('refuses a wrong 18th character and names the expected one', () => {
    expect(checkCreditCode('914403001922038217')).toEqual({ ok: false, reason: 'checksum', expected: '6' });
    expect(messages('914403001922038217')).toEqual(['统一社会信用代码校验位错误：第 18 位应为 6']);
  });

  it('refuses an organisation code failing its own check though the 18th is right, naming the 17th', () => {
    // Seen in the wild: made up with a computed 18th character (its GB 11714 check would be 5).
    expect(checkCreditCode('12100000400000678Y')).toEqual({ ok: false, reason: 'organizationCode', expected: '5' });
    expect(messages('12100000400000678Y')).toEqual(['统一社会信用代码第 17 位（组织机构代码校验码）应为 5']);
    // 腾讯's code with a 17th of 2 and the 18th recomputed to match.
    const forged = `9144030019220382${'2'}`;
    const code = forged + creditCodeCheckChar(forged)!;
    expect(checkCreditCode(code)).toEqual({ ok: false, reason: 'organizationCode', expected: '1' });
    // An organisation code's check character is a digit or X: a letter there is refused the same way.
    const letter = `91350200MA31E12P${'A'}`;
    expect(creditCodeMessage(letter + creditCodeCheckChar(letter)!)).toBe('统一社会信用代码第 17 位（组织机构代码校验码）应为 X');
  });

  it('says positions 9–17 when a typo there breaks both check characters', () => {
    const typo = '914403001822038216'; // 腾讯's, position 10 9 → 8
    expect(checkCreditCode(typo)).toEqual({ ok: false, reason: 'organizationCodeAndChecksum' });
    expect(messages(typo)).toEqual([
      '统一社会信用代码第 9–17 位（组织机构代码）校验不通过，第 18 位校验码也不相符：多半是第 9–17 位有字符录错，请对照证照核对',
    ]);
  });

  it('refuses 000000000000000000: position 1 "0" is no authority', () => {
    expect(checkCreditCode('000000000000000000')).toEqual({ ok: false, reason: 'authority', char: '0' });
    expect(messages('000000000000000000')).toEqual([
      '统一社会信用代码第 1 位（登记管理部门代码）“0”不存在，应为 1、2、3、4、5、6、7、8、9、A、N、Y 之一（常见的有 1 机构编制、5 民政、9 工商）',
    ]);
  });

  it("refuses the source's placeholder 000000001111111170 for its authority before its check character", () => {
    expect(creditCodeCheckChar('00000000111111117')).toBe('H');
    expect(checkCreditCode('000000001111111170')).toMatchObject({ reason: 'authority' });
    expect(checkCreditCode('00000000111111117H')).toMatchObject({ reason: 'authority' });
  });

  // Prefixes outside the table, on 腾讯's code with both check characters recomputed: only positions 1–2 are wrong.
  const withPrefix = (prefix: string) => completeCreditCode(`${prefix}44030019220382`);

  it.each([
    ['00', 'authority'],
    ['B1', 'authority'],
    ['X1', 'authority'],
    ['94', 'category'],
    ['99', 'category'],
    ['Y2', 'category'],
    ['N4', 'category'],
    ['10', 'category'],
  ])('refuses the undefined prefix %s (%s)', (prefix, reason) => {
    expect(checkCreditCode(withPrefix(prefix))).toMatchObject({ ok: false, reason });
  });

  it('names the authority and its categories when position 2 does not belong to it', () => {
    expect(messages(withPrefix('94'))).toEqual([
      '统一社会信用代码第 2 位（机构类别代码）“4”不属于登记管理部门 9（工商）：应为 1 企业、2 个体工商户、3 农民专业合作社',
    ]);
    expect(messages(withPrefix('Y2'))).toEqual(['统一社会信用代码第 2 位（机构类别代码）“2”不属于登记管理部门 Y（其他）：应为 1 其他']);
  });

  it('accepts every pair of the table (and only those)', () => {
    for (const [authority, { categories }] of Object.entries(CREDIT_CODE_AUTHORITIES)) {
      for (const category of Object.keys(categories)) expect(checkCreditCode(withPrefix(authority + category))).toEqual({ ok: true });
    }
    expect(Object.keys(CREDIT_CODE_AUTHORITIES).sort()).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'N', 'Y']);
  });

  it('refuses letters among positions 3–8, naming the first', () => {
    const code = completeCreditCode('9144A30019220382');
    expect(checkCreditCode(code)).toEqual({ ok: false, reason: 'region', position: 5, char: 'A' });
    expect(messages(code)).toEqual(['统一社会信用代码第 3–8 位（登记管理机关行政区划码）应为数字（第 5 位为“A”）']);
    // Any 6 digits: old and national region codes stay valid (100000 is no GB/T 2260 code).
    expect(checkCreditCode(completeCreditCode('9100000019220382'))).toEqual({ ok: true });
  });

  it('refuses wrong lengths', () => {
    expect(checkCreditCode('91440300192203821')).toEqual({ ok: false, reason: 'length' });
    expect(checkCreditCode('9144030019220382160')).toEqual({ ok: false, reason: 'length' });
    expect(messages('123')).toEqual(['统一社会信用代码应为 18 位（当前 3 位）']);
    expect(messages('')).toEqual(['统一社会信用代码不能为空']);
  });

  it('refuses I O S V Z in either case as unused letters, naming the position', () => {
    for (const bad of ['I', 'O', 'S', 'V', 'Z', 'i', 'o', 's', 'v', 'z']) {
      expect(checkCreditCode(`91350200MA31E12P${bad}F`)).toEqual({ ok: false, reason: 'charset', position: 17, char: bad });
    }
    expect(messages('91350200MA31E12PXO')).toEqual(['统一社会信用代码不使用字母 I、O、S、V、Z（第 18 位为“O”）']);
    expect(messages('9135020oMA31E12PXF')).toEqual(['统一社会信用代码不使用字母 I、O、S、V、Z（第 8 位为“o”）']);
    // Uppercasing would not fix the o, so it is named before the lowercase letters in front of it.
    expect(messages('91350200ma31e12pxo')).toEqual(['统一社会信用代码不使用字母 I、O、S、V、Z（第 18 位为“o”）']);
  });

  it('requires uppercase (naming the position), refuses other characters, and trims surrounding whitespace', () => {
    expect(checkCreditCode('91350200ma31e12pxf')).toEqual({ ok: false, reason: 'charset', position: 9, char: 'm' });
    expect(messages('91350200ma31e12pxf')).toEqual(['统一社会信用代码中的字母须大写（第 9 位为“m”）']);
    expect(messages('9135-200MA31E12PXF')).toEqual([
      '统一社会信用代码含非法字符“-”（第 5 位；只允许数字和大写字母，不含 I、O、S、V、Z）',
    ]);
    expect(messages('9135020ｍMA31E12PXF')?.[0]).toContain('非法字符“ｍ”（第 8 位');
    expect(creditCodeSchema.parse('  91350200MA31E12PXF\n')).toBe('91350200MA31E12PXF');
  });

  it('reports, for a code being typed, what is already wrong in it', () => {
    expect(creditCodePrefixMessage('')).toBeUndefined();
    expect(creditCodePrefixMessage('9144')).toBeUndefined();
    expect(creditCodePrefixMessage('0')).toMatch(/^统一社会信用代码第 1 位（登记管理部门代码）“0”不存在/);
    expect(creditCodePrefixMessage('94')).toMatch(/^统一社会信用代码第 2 位（机构类别代码）“4”不属于登记管理部门 9/);
    expect(creditCodePrefixMessage('91440B')).toMatch(/第 6 位为“B”/);
    expect(creditCodePrefixMessage('9144030019O')).toMatch(/不使用字母.*第 11 位为“O”/);
  });

  it('completes fixtures and refuses what is not the start of a code', () => {
    expect(completeCreditCode('9144030019220382')).toBe('914403001922038216');
    expect(() => completeCreditCode('914403001922038')).toThrow();
    expect(() => completeCreditCode('91440300192203O2')).toThrow();
  });

  it('documents a pattern that every real code matches and the structural errors miss', () => {
    const doc = creditCodeSchema.meta() as { override: { pattern: string } };
    const pattern = new RegExp(doc.override.pattern, 'u');
    for (const [code] of REAL_CODES) expect(pattern.test(code)).toBe(true);
    expect(pattern.test(` ${REAL_CODES[0]![0]}\n`)).toBe(true);
    for (const bad of ['000000000000000000', withPrefix('B1'), completeCreditCode('9144A30019220382'), '91350200MA31E12PAF']) {
      expect(pattern.test(bad)).toBe(false);
    }
  });

  it('refuses non-strings with Chinese messages', () => {
    expect(messages(undefined)).toEqual(['此项为必填']);
    expect(messages(91440300)).toEqual(['类型错误：应为字符串']);
  });
});
