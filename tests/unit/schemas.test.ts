import { describe, it, expect } from 'vitest';
import { z } from '../../domain/zod';
import {
  agreementDraftSchema,
  agreementSchema,
  applicationSchema,
  archiveSchema,
  contactSchema,
  employerSignSchema,
  examineeNoSchema,
  formatIssues,
  loginSchema,
  maxProbationMonths,
  reasonSchema,
  studentConfirmSchema,
  unitNatureSchema,
  type Agreement,
  type Application,
  type Archive,
  type Contact,
} from '../../domain/schemas';
import { SOURCE_CREDIT_CODE, sampleAgreement, sampleApplication, sampleArchive, sampleContact } from '../support/sample-data';

type Schema = { safeParse(v: unknown): { success: boolean; error?: { issues: readonly z.core.$ZodIssue[] } } };

/** The formatted issues of a failed parse ([] when it passes). */
function problems(schema: Schema, value: unknown) {
  const result = schema.safeParse(value);
  return result.error ? formatIssues(result.error) : [];
}

/** Deep-ish clone with one change at a dotted path; `undefined` deletes the field. */
function withField<T>(value: T, path: string, field: unknown): T {
  const copy = structuredClone(value) as Record<string, unknown>;
  const keys = path.split('.');
  let target = copy;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  const last = keys[keys.length - 1] as string;
  if (field === undefined) delete target[last];
  else target[last] = field;
  return copy as T;
}

// Values from the source flow (seed), shared with the other tests. The source's placeholder credit
// code 000000001111111170 has no 登记管理部门 (position 1 "0"), so its sample code stands in.
const application: Application = sampleApplication(SOURCE_CREDIT_CODE);
const contact: Contact = sampleContact();
const archive: Archive = sampleArchive();
const agreement: Agreement = sampleAgreement();

describe('applicationSchema', () => {
  it("accepts the source's application", () => {
    expect(applicationSchema.parse(application)).toEqual(application);
    expect(problems(applicationSchema, withField(application, 'employer.infoRegistrationNo', undefined))).toEqual([]);
  });

  it('trims texts and codes', () => {
    const parsed = applicationSchema.parse({
      ...application,
      employer: { creditCode: ` ${SOURCE_CREDIT_CODE} `, name: '  tiger7 ' },
      regionCode: ' 310104',
    });
    expect(parsed.employer).toEqual({ creditCode: SOURCE_CREDIT_CODE, name: 'tiger7' });
    expect(parsed.regionCode).toBe('310104');
  });

  it.each([
    ['graduationDestination', '02', /^未知的毕业去向代码：02/],
    ['employed', false, /只受理已就业/],
    ['employed', undefined, /^请选择是否就业$/],
    ['employer.creditCode', '000000001111111170', /^统一社会信用代码第 1 位（登记管理部门代码）“0”不存在/],
    ['employer.name', '', /^请填写单位名称$/],
    ['employer.name', 'x'.repeat(101), /^单位名称最多 100 个字符$/],
    ['employer.infoRegistrationNo', '210000', /^信息登记号应为 7 位数字$/],
    ['employer.infoRegistrationNo', '21000001', /^信息登记号应为 7 位数字$/],
    ['regionCode', '999999', /^未知的单位地区代码：999999/],
    ['regionCode', '3101', /^单位地区代码应为 6 位数字/],
    ['industryCode', '98', /^未知的行业类别代码：98/],
    ['industryCode', 65, /^行业类别代码应为字符串/],
  ])('refuses %s = %j', (path, value, message) => {
    const found = problems(applicationSchema, withField(application, path, value));
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe(path);
    expect(found[0]?.message).toMatch(message);
  });

  it('reports unknown fields at their own path', () => {
    expect(problems(applicationSchema, { ...application, studentName: '于' })).toEqual([
      { path: 'studentName', message: '不支持的字段' },
    ]);
    expect(problems(applicationSchema, withField(application, 'employer.unitNature', '39'))).toEqual([
      { path: 'employer.unitNature', message: '不支持的字段' },
    ]);
  });

  it('reports every missing field with a Chinese message', () => {
    const found = problems(applicationSchema, {});
    expect(found.map((p) => p.path)).toEqual([
      'graduationDestination',
      'employed',
      'employer',
      'regionCode',
      'industryCode',
    ]);
    expect(found.every((p) => /[\u4e00-\u9fa5]/.test(p.message))).toBe(true);
    expect(problems(applicationSchema, null)).toEqual([{ path: '', message: '类型错误：应为对象' }]);
  });
});

describe('contactSchema and archiveSchema', () => {
  it('accept valid values', () => {
    expect(contactSchema.parse(contact)).toEqual(contact);
    expect(archiveSchema.parse(archive)).toEqual(archive);
  });

  it("refuses the source's 6-digit phone 312312 (a short code, not a whole number: tests/unit/phone.test.ts)", () => {
    const found = problems(contactSchema, { ...contact, phone: '312312' });
    expect(found).toEqual([{ path: 'phone', message: expect.stringMatching(/^短号码/) as unknown as string }]);
  });

  it.each([
    ['phone', '021-1234567890123456789'],
    ['phone', '021-3123123'],
    ['phone', '12012345678'],
    ['phone', '1380013800'],
    ['postcode', '12345'],
    ['postcode', '1234567'],
    ['postcode', '20003a'],
    ['email', '24qq.com'],
    ['email', ''],
    ['address', '   '],
    ['address', 'x'.repeat(201)],
    ['contactPerson', 'x'.repeat(51)],
  ])('contact refuses %s = %j', (path, value) => {
    const found = problems(contactSchema, withField(contact, path, value));
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe(path);
  });

  it.each([
    ['unitName', ''],
    ['postcode', '2000'],
    ['recipient', undefined],
    ['phone', '123456'],
    ['address', ''],
  ])('archive refuses %s = %j', (path, value) => {
    const found = problems(archiveSchema, withField(archive, path, value));
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe(path);
  });

  it('reads phones as written and keeps their stored form (domain/phone.ts; vectors in tests/unit/phone.test.ts)', () => {
    expect(contactSchema.parse({ ...contact, phone: '+86 21 3123 1230' }).phone).toBe('021-31231230');
    expect(contactSchema.parse({ ...contact, phone: '+8613812345678' }).phone).toBe('13812345678');
    expect(archiveSchema.parse({ ...archive, phone: '(021)64826000 转 8001' }).phone).toBe('021-64826000转8001');
  });
});

describe('agreementSchema', () => {
  it('accepts the source agreement (12/12/1 months, 调休, 5000/5000 元, 违约金 5000 元)', () => {
    expect(agreementSchema.parse(agreement)).toEqual(agreement);
  });

  it('keeps the sections in order 1–8', () => {
    const parsed = agreementSchema.parse({
      text: '协议文本',
      termination: agreement.termination,
      effectiveness: agreement.effectiveness,
      supplementaryClauses: '无',
      breachLiability: agreement.breachLiability,
      rescission: agreement.rescission,
      employmentTerms: agreement.employmentTerms,
      subject: agreement.subject,
    });
    expect(Object.keys(parsed)).toEqual([
      'subject',
      'employmentTerms',
      'rescission',
      'breachLiability',
      'supplementaryClauses',
      'effectiveness',
      'termination',
      'text',
    ]);
  });

  it.each([
    ['subject.position', '', /^请填写职位名称$/],
    ['subject.jobCategoryCode', '12', /^未知的工作职位类别代码：12/],
    ['subject.workLocation', undefined, /^请填写工作地点$/],
    ['subject.duties', 'x'.repeat(2001), /^工作内容最多 2000 个字符$/],
    ['employmentTerms.contractTermMonths', 0, /^合同期限至少为 1 个月$/],
    ['employmentTerms.contractTermMonths', 601, /^合同期限不能超过 600 个月$/],
    ['employmentTerms.contractTermMonths', '12', /^合同期限应为数字$/],
    ['employmentTerms.servicePeriodMonths', -1, /^服务期不能为负数$/],
    ['employmentTerms.servicePeriodMonths', 1.5, /^服务期应为整数（单位：个月）$/],
    ['employmentTerms.probationMonths', -1, /^试用期不能为负数$/],
    ['employmentTerms.benefits', '  ', /^请填写福利$/],
    ['employmentTerms.monthlySalaryPreTax', 5000.5, /^税前月薪应为整数（单位：元）$/],
    ['employmentTerms.monthlySalaryPreTax', 1_000_001, /^税前月薪不能超过 1000000 元$/],
    ['employmentTerms.monthlySalaryAfterTax', 5001, /^税后月薪不能高于税前月薪（5000 元）$/],
    ['employmentTerms.monthlySalaryAfterTax', -5, /^税后月薪不能为负数$/],
    ['rescission', '', /^请填写协议的解除$/],
    ['breachLiability.penaltyYuan', -1, /^违约金不能为负数$/],
    ['breachLiability.penaltyYuan', 99.9, /^违约金应为整数（单位：元）$/],
    ['breachLiability.penaltyYuan', 1_000_001, /^违约金不能超过 1000000 元$/],
    ['breachLiability.penaltyYuan', Number.NaN, /^违约金应为数字$/],
    ['supplementaryClauses', 'x'.repeat(5001), /^补充条款最多 5000 个字符$/],
    ['effectiveness', undefined, /^请填写协议的生效$/],
    ['termination', 3, /^协议的终止应为文本$/],
    ['text', 'x'.repeat(20_001), /^协议文本最多 20000 个字符$/],
  ])('refuses %s = %j', (path, value, message) => {
    const found = problems(agreementSchema, withField(agreement, path, value));
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe(path);
    expect(found[0]?.message).toMatch(message);
  });

  it('allows 税后 = 税前 and 0 for money and service period', () => {
    const terms = { ...agreement.employmentTerms, servicePeriodMonths: 0, monthlySalaryPreTax: 0, monthlySalaryAfterTax: 0 };
    expect(problems(agreementSchema, { ...agreement, employmentTerms: terms })).toEqual([]);
    expect(problems(agreementSchema, withField(agreement, 'breachLiability.penaltyYuan', 0))).toEqual([]);
  });

  it('still checks the cross-field rules when another field of the section is invalid', () => {
    const terms = { ...agreement.employmentTerms, benefits: '', probationMonths: 3, monthlySalaryAfterTax: 6000 };
    expect(problems(agreementSchema, { ...agreement, employmentTerms: terms }).map((p) => p.path)).toEqual([
      'employmentTerms.benefits',
      'employmentTerms.probationMonths',
      'employmentTerms.monthlySalaryAfterTax',
    ]);
  });

  it('skips a cross-field rule whose own fields are invalid (one message per field)', () => {
    const terms = { ...agreement.employmentTerms, contractTermMonths: 'twelve', monthlySalaryPreTax: -1 };
    expect(problems(agreementSchema, { ...agreement, employmentTerms: terms })).toEqual([
      { path: 'employmentTerms.contractTermMonths', message: '合同期限应为数字' },
      { path: 'employmentTerms.monthlySalaryPreTax', message: '税前月薪不能为负数' },
    ]);
  });
});

describe('probation vs contract term (劳动合同法 art. 19)', () => {
  const cases: Array<[term: number, max: number]> = [
    [1, 0],
    [2, 0],
    [3, 1],
    [11, 1],
    [12, 2],
    [35, 2],
    [36, 6],
    [120, 6],
  ];

  it.each(cases)('term %i months → at most %i', (term, max) => {
    expect(maxProbationMonths(term)).toBe(max);
    const ok = { ...agreement.employmentTerms, contractTermMonths: term, probationMonths: max };
    expect(problems(agreementSchema, { ...agreement, employmentTerms: ok })).toEqual([]);
    if (max < 6) {
      const over = { ...ok, probationMonths: max + 1 };
      const found = problems(agreementSchema, { ...agreement, employmentTerms: over });
      expect(found).toHaveLength(1);
      expect(found[0]?.path).toBe('employmentTerms.probationMonths');
      expect(found[0]?.message).toContain(max === 0 ? '不得约定试用期' : `试用期不得超过 ${max} 个月`);
    }
  });

  it('names the maximum in the message', () => {
    const terms = { ...agreement.employmentTerms, contractTermMonths: 11, probationMonths: 2 };
    expect(problems(agreementSchema, { ...agreement, employmentTerms: terms })).toEqual([
      {
        path: 'employmentTerms.probationMonths',
        message: '试用期最多 1 个月：合同期限 11 个月（3 个月以上不满 1 年）的，试用期不得超过 1 个月（劳动合同法第十九条）',
      },
    ]);
    const short = { ...terms, contractTermMonths: 2, probationMonths: 1 };
    expect(problems(agreementSchema, { ...agreement, employmentTerms: short })[0]?.message).toBe(
      '合同期限不满 3 个月（当前 2 个月）的，不得约定试用期（劳动合同法第十九条）',
    );
  });

  it('caps probation at 6 months for any term', () => {
    const terms = { ...agreement.employmentTerms, contractTermMonths: 36, probationMonths: 7 };
    expect(problems(agreementSchema, { ...agreement, employmentTerms: terms })).toEqual([
      { path: 'employmentTerms.probationMonths', message: '试用期不能超过 6 个月' },
    ]);
  });
});

describe('agreementDraftSchema', () => {
  it('accepts an empty draft and single sections', () => {
    expect(agreementDraftSchema.parse({})).toEqual({});
    expect(problems(agreementDraftSchema, { subject: { position: '软件工程师' } })).toEqual([]);
    expect(problems(agreementDraftSchema, { employmentTerms: { probationMonths: 1 } })).toEqual([]);
    expect(problems(agreementDraftSchema, agreement)).toEqual([]);
  });

  it('checks what is present, including the cross-field rules', () => {
    expect(problems(agreementDraftSchema, { employmentTerms: { contractTermMonths: 12, probationMonths: 3 } })).toEqual([
      {
        path: 'employmentTerms.probationMonths',
        message: '试用期最多 2 个月：合同期限 12 个月（1 年以上不满 3 年）的，试用期不得超过 2 个月（劳动合同法第十九条）',
      },
    ]);
    expect(problems(agreementDraftSchema, { subject: { jobCategoryCode: '99' } })[0]?.path).toBe('subject.jobCategoryCode');
    expect(problems(agreementDraftSchema, { foo: 1 })).toEqual([{ path: 'foo', message: '不支持的字段' }]);
  });
});

describe('employerSignSchema', () => {
  const body = { unitNature: '39', contact, agreement, archive, previewed: true };

  it('accepts a complete send, with or without archive', () => {
    expect(employerSignSchema.parse(body)).toEqual(body);
    expect(problems(employerSignSchema, { ...body, archive: undefined })).toEqual([]);
    expect(unitNatureSchema.parse('39')).toBe('39');
  });

  it('requires previewed to be literally true', () => {
    for (const previewed of [false, 'true', 1, undefined]) {
      expect(problems(employerSignSchema, { ...body, previewed })).toEqual([
        { path: 'previewed', message: '须先预览就业协议内容' },
      ]);
    }
  });

  it('reports nested problems with full paths', () => {
    const bad = {
      ...body,
      unitNature: '30',
      contact: { ...contact, phone: '312312' },
      agreement: withField(agreement, 'employmentTerms.probationMonths', 3),
      archive: { ...archive, postcode: '2000' },
    };
    expect(problems(employerSignSchema, bad).map((p) => p.path)).toEqual([
      'unitNature',
      'contact.phone',
      'agreement.employmentTerms.probationMonths',
      'archive.postcode',
    ]);
  });
});

describe('studentConfirmSchema', () => {
  const hash = 'a'.repeat(64);
  it('accepts a lowercase SHA-256 hex and previewed: true', () => {
    expect(studentConfirmSchema.parse({ agreementHash: hash, previewed: true })).toEqual({
      agreementHash: hash,
      previewed: true,
    });
  });
  it.each(['A'.repeat(64), 'a'.repeat(63), 'a'.repeat(65), 'g'.repeat(64), ''])('refuses hash %s', (agreementHash) => {
    expect(problems(studentConfirmSchema, { agreementHash, previewed: true }).map((p) => p.path)).toEqual([
      'agreementHash',
    ]);
  });
  it('requires previewed', () => {
    expect(problems(studentConfirmSchema, { agreementHash: hash })).toEqual([
      { path: 'previewed', message: '须先预览就业协议内容' },
    ]);
  });
});

describe('reasonSchema', () => {
  it('trims and accepts 2–500 characters', () => {
    expect(reasonSchema.parse({ reason: '  单位信息有误  ' })).toEqual({ reason: '单位信息有误' });
    expect(problems(reasonSchema, { reason: '错误' })).toEqual([]);
    expect(problems(reasonSchema, { reason: 'x'.repeat(500) })).toEqual([]);
  });
  it.each([
    [' 错 ', '原因至少 2 个字符'],
    ['x'.repeat(501), '原因最多 500 个字符'],
    [undefined, '请填写原因'],
  ])('refuses %j', (reason, message) => {
    expect(problems(reasonSchema, { reason })).toEqual([{ path: 'reason', message }]);
  });
});

describe('loginSchema and examineeNoSchema', () => {
  it('login needs both fields', () => {
    expect(loginSchema.parse({ username: ' student1 ', password: ' pw ' })).toEqual({
      username: 'student1',
      password: ' pw ',
    });
    expect(problems(loginSchema, {})).toEqual([
      { path: 'username', message: '请输入用户名' },
      { path: 'password', message: '请输入密码' },
    ]);
  });
  it('考生号 is 9–15 digits', () => {
    expect(examineeNoSchema.parse('123456789')).toBe('123456789');
    expect(examineeNoSchema.parse('123456789012345')).toBe('123456789012345');
    for (const bad of ['12345678', '1234567890123456', '12345678x']) {
      expect(examineeNoSchema.safeParse(bad).error?.issues[0]?.message).toBe('考生号应为 9–15 位数字');
    }
  });
});

describe('formatIssues', () => {
  it('formats array indices as [n] and the root as ""', () => {
    const schema = z.object({ ids: z.array(z.string().min(1)) }).strict();
    const result = schema.safeParse({ ids: ['a', ''] });
    expect(result.error && formatIssues(result.error)).toEqual([{ path: 'ids[1]', message: '不能为空' }]);
    const root = schema.safeParse('x');
    expect(root.error && formatIssues(root.error)).toEqual([{ path: '', message: '类型错误：应为对象' }]);
  });
});
