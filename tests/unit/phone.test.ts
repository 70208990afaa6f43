/**
 * domain/phone.ts and the schemas over it: real-world numbers as people write them, each class
 * with where its numbers come from, read to one stored form; and the numbers that cannot exist.
 */
import { describe, expect, it } from 'vitest';
import { PHONE_INPUT_PATTERN, STORED_PHONE_SHAPE, checkPhone, isStoredPhone, normalisePhone } from '../../domain/phone';
import { phoneSchema, storedPhoneSchema } from '../../domain/schemas';

/** [as written, stored form] */
type Accepted = ReadonlyArray<readonly [string, string]>;

// Switchboards and offices that publish these numbers on their own sites and letterheads.
const PUBLISHED: Accepted = [
  ['010-62752114', '010-62752114'], // 北京大学总机
  ['010-62793001', '010-62793001'], // 清华大学总机
  ['021-65642222', '021-65642222'], // 复旦大学总机
  ['021-64826000', '021-64826000'], // 上海市学生事务中心（零陵路 599 号），the archive sample
  ['+1 650-253-0000', '+1 650 253 0000'], // Google, Mountain View (its published main number)
  ['+886 2 2720 8889', '+886 2 2720 8889'], // 台北市政府总机 (02)2720-8889
];

// The same numbers in the ways people write them: +86/0086, spaces, brackets, dots, hyphens, and
// the full-width signs a Chinese IME types (＋, （）, －, full-width digits, U+3000).
const WRITTEN_FORMS: Accepted = [
  ['+86 138 0013 8000', '13800138000'],
  ['+8613800138000', '13800138000'],
  ['008613800138000', '13800138000'],
  ['138-0013-8000', '13800138000'],
  ['+86-21-64826000', '021-64826000'],
  ['+86 (0)21 6482 6000', '021-64826000'],
  ['+86 021 64826000', '021-64826000'],
  ['(021)64826000', '021-64826000'],
  ['021 6482 6000', '021-64826000'],
  ['021.6482.6000', '021-64826000'],
  ['021-6482-6000', '021-64826000'],
  ['02164826000', '021-64826000'],
  ['0755-8888-8888', '0755-88888888'],
  ['０２１－６４８２６０００', '021-64826000'],
  ['（０２１）６４８２６０００', '021-64826000'],
  ['＋８６ １３８ ００１３ ８０００', '13800138000'],
  ['021—64826000', '021-64826000'],
  ['\u3000021-64826000 ', '021-64826000'],
];

// Mobile blocks of the MIIT number plan (《电信网码号资源管理办法》 allocations): 13x; 145/147/149
// (data cards); 15x but 154; 162/165/167 (virtual operators), 166; 170/171 (virtual), 172, 173,
// 175–178, 1740x (satellite); 18x; 190–193, 195–199.
const MOBILE_BLOCKS = [
  ...['130', '131', '132', '133', '134', '135', '136', '137', '138', '139'],
  ...['145', '147', '149'],
  ...['150', '151', '152', '153', '155', '156', '157', '158', '159'],
  ...['162', '165', '166', '167'],
  ...['170', '171', '172', '173', '175', '176', '177', '178'],
  ...['180', '181', '182', '183', '184', '185', '186', '187', '188', '189'],
  ...['190', '191', '192', '193', '195', '196', '197', '198', '199'],
];
const MOBILES: Accepted = [...MOBILE_BLOCKS.map((block) => [`${block}12345678`, `${block}12345678`] as const), ['17400012345', '17400012345']];

// Outside the mainland, with the country or region code: the metadata's own example numbers for
// HK (2123 4567 fixed, 5123 4567 mobile), MO and TW, and the UK's Ofcom drama range 020 7946 0xxx.
const ABROAD: Accepted = [
  ['+852 2123 4567', '+852 2123 4567'],
  ['+852 5123 4567', '+852 5123 4567'],
  ['+853 2833 3000', '+853 2833 3000'],
  ['+853 6612 3456', '+853 6612 3456'],
  ['+886 912 345 678', '+886 912 345 678'],
  ['+44 20 7946 0958', '+44 20 7946 0958'],
  ['00852 2123 4567', '+852 2123 4567'],
];

// Service numbers that are whole numbers: a city's hotline with its area code (北京 12345 dialled
// from elsewhere, 010-12345), and 400/800 numbers (the metadata's examples).
const SERVICE: Accepted = [
  ['010-12345', '010-12345'],
  ['4001234567', '400-123-4567'],
  ['400-123-4567', '400-123-4567'],
  ['8001234567', '800-123-4567'],
];

// Extensions after a complete fixed line, as offices print them; stored with 转.
const EXTENSIONS: Accepted = [
  ['021-64826000转8001', '021-64826000转8001'],
  ['021-64826000 转 8001', '021-64826000转8001'],
  ['021-64826000分机8001', '021-64826000转8001'],
  ['021-64826000 分机号：8001', '021-64826000转8001'],
  ['021-64826000 ext. 8001', '021-64826000转8001'],
  ['021-64826000 EXT 8001', '021-64826000转8001'],
  ['021-64826000 x8001', '021-64826000转8001'],
  ['021-64826000#8001', '021-64826000转8001'],
  ['021-64826000-8001', '021-64826000转8001'],
  ['０２１－６４８２６０００转８００１', '021-64826000转8001'],
  ['+852 2123 4567 转8001', '+852 2123 4567 转8001'],
  ['+1 650-253-0000 ext 123', '+1 650 253 0000 转123'],
];

// What the old rule stored (forms of tests/fixtures/histories and earlier drafts): already normal.
const STORED_BEFORE: Accepted = [
  ['021-12345678', '021-12345678'],
  ['13812345678', '13812345678'],
  ['021-87654329', '021-87654329'],
  ['021-66135000', '021-66135000'],
];

const ACCEPTED = { PUBLISHED, WRITTEN_FORMS, MOBILES, ABROAD, SERVICE, EXTENSIONS, STORED_BEFORE };

/** [as written, the message's start] — each refused with what is wrong. */
const REFUSED: ReadonlyArray<readonly [string, string]> = [
  // Wrong lengths.
  ['1380013800', '电话号码位数不对：手机号应为 11 位（当前 10 位）'],
  ['138001380001', '电话号码位数不对：手机号应为 11 位（当前 12 位）'],
  ['+86 1380013800', '电话号码位数不对：手机号应为 11 位（当前 10 位）'],
  ['021-6482', '电话号码位数不对：区号 021 后应为 7–8 位号码（当前 4 位）'],
  ['+86 21 6482', '电话号码位数不对：区号 021 后应为 7–8 位号码（当前 4 位）'],
  ['0755-123456789', '电话号码位数不对：区号 0755 后应为 7–8 位号码（当前 9 位）'],
  // Blocks the plan has not given to mobiles (120, 100 and 110 are not even mobile prefixes).
  ['12012345678', '不存在的手机号段：120'],
  ['10012345678', '不存在的手机号段：100'],
  ['11012345678', '不存在的手机号段：110'],
  ['15412345678', '不存在的手机号段：154'],
  ['14612345678', '不存在的手机号段：146'],
  ['16012345678', '不存在的手机号段：160'],
  ['17412345678', '不存在的手机号段：174'],
  ['17912345678', '不存在的手机号段：179'],
  ['19412345678', '不存在的手机号段：194'],
  ['+86 12012345678', '不存在的手机号段：120'],
  // All zeros, however written.
  ['0-0-0-0', '电话号码不能全为 0'],
  ['00000000', '电话号码不能全为 0'],
  ['000-00000000', '电话号码不能全为 0'],
  // The right length but not a number: Shanghai numbers have 8 digits since 1995; the old rule's 7.
  ['021-3123123', '无法识别的座机号码：请核对区号 021 与号码'],
  ['0086-21-1234567-8901', '电话号码位数不对'],
  // Short codes: 12345 is every city's government hotline, 12315 consumer complaints, 12306
  // railways, 95588 a bank's. Not a number one can write to or call from elsewhere: refused, the
  // message says to add the area code (010-12345 above is accepted).
  ['12345', '短号码'],
  ['12315', '短号码'],
  ['12306', '短号码'],
  ['95588', '短号码'],
  ['312312', '短号码'],
  // Mobiles have no extensions.
  ['13800138000转1', '手机号不能带分机号'],
  ['13800138000-1234', '手机号不能带分机号'],
  // Abroad without the code, or a code that is no country's.
  ['2123 4567', '无法识别的电话号码，例如 021-64826000、13800138000 或 +852 2123 4567（境外号码请以 + 和国家或地区代码开头）'],
  ['+999 1234567', '无法识别的境外电话号码'],
  ['+852 1234', '无法识别的境外电话号码'],
  // Not a phone at all.
  ['abc', '无法识别的电话号码，例如 021-64826000、13800138000 或 +852 2123 4567'],
  ['021-64826000 转 abc', '无法识别的电话号码'],
  ['\u000b021-64826000', '无法识别的电话号码'],
  ['', '请填写电话'],
  ['   ', '请填写电话'],
  ['0'.repeat(20) + '1'.repeat(21), '电话最多 40 个字符'],
];

describe('checkPhone', () => {
  it.each(Object.entries(ACCEPTED).flatMap(([kind, vectors]) => vectors.map(([written, stored]) => [kind, written, stored])))(
    '%s: %j is stored as %j',
    (_kind, written, stored) => {
      expect(checkPhone(written)).toEqual({ ok: true, normalised: stored });
    },
  );

  it.each(REFUSED)('refuses %j: %s…', (written, message) => {
    const result = checkPhone(written);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message.startsWith(message)).toBe(true);
  });

  it('reads every stored form back as itself (idempotent), so what is saved and hashed never changes on a re-check', () => {
    const stored = Object.values(ACCEPTED).flatMap((vectors) => vectors.map(([, form]) => form));
    for (const form of stored) {
      expect(normalisePhone(form), form).toBe(form);
      expect(isStoredPhone(form), form).toBe(true);
      // The workflow's text-only check (domain/phone.ts STORED_PHONE_SHAPE) takes every stored form.
      expect(STORED_PHONE_SHAPE.test(form), form).toBe(true);
    }
    expect(STORED_PHONE_SHAPE.test('+86 138 0013 8000')).toBe(false);
    expect(isStoredPhone('+86 138 0013 8000')).toBe(false);
  });

  it("documents a superset of what it accepts: every accepted input matches the OpenAPI pattern", () => {
    const pattern = new RegExp(PHONE_INPUT_PATTERN, 'u');
    for (const [written] of Object.values(ACCEPTED).flat()) expect(pattern.test(written), written).toBe(true);
    // And some of what the pattern itself refuses.
    for (const written of ['abc', '\u000b021-64826000', '021-64826000 转 abc', '(+86)13800138000']) {
      expect(pattern.test(written), written).toBe(false);
      expect(checkPhone(written).ok, written).toBe(false);
    }
  });
});

describe('phoneSchema and storedPhoneSchema', () => {
  it('phoneSchema gives the stored form, and each problem as one message', () => {
    expect(phoneSchema.parse(' +86 138 0013 8000 ')).toBe('13800138000');
    expect(phoneSchema.parse('（021）6482 6000 转 8001')).toBe('021-64826000转8001');
    expect(phoneSchema.safeParse('12012345678').error?.issues.map((i) => i.message)).toEqual(['不存在的手机号段：120']);
    expect(phoneSchema.safeParse(12345678).error?.issues.map((i) => i.message)).toEqual(['电话应为文本']);
  });

  it('storedPhoneSchema (the workflow side) takes the stored forms and what the old rule stored, nothing else', () => {
    for (const value of ['13800138000', '021-64826000转8001', '+852 2123 4567', '021-3123123', '3123123']) {
      expect(storedPhoneSchema.safeParse(value).success, value).toBe(true);
    }
    const shapeOnly = '电话应为统一格式，如 13800138000、021-64826000、021-64826000转8001 或 +852 2123 4567';
    expect(storedPhoneSchema.safeParse('+86 138 0013 8000').error?.issues[0]?.message).toBe(shapeOnly);
    expect(storedPhoneSchema.safeParse('12').error?.issues[0]?.message).toBe(shapeOnly);
  });
});
