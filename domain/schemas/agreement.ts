/**
 * The employment agreement (就业协议书): eight sections, in the order the employer walks them —
 * 1 协议标的 · 2 劳动或聘用合同有关条款的约定 · 3 协议的解除 · 4 违约责任 · 5 补充条款 · 6 协议的生效 ·
 * 7 协议的终止 · 8 协议文本.
 *
 * Cross-field rules sit on the `employmentTerms` object with a `path`, so a failure is reported at
 * the field it concerns (`agreement.employmentTerms.probationMonths`), and they still run when an
 * unrelated field of the same object is invalid.
 *
 * Pure (workflow-sandbox safe).
 */
import { z } from '../zod';
import { jobCategorySchema } from '../codes/job-category';
import { optionalText, requiredText, type TextOptions, wholeNumber } from './common';

/** Clauses and descriptions keep their line breaks. */
const MULTI_LINE: TextOptions = { multiline: true };

/** Upper bounds: generous, only to refuse nonsense. */
export const AGREEMENT_LIMITS = {
  contractTermMonthsMax: 120,
  servicePeriodMonthsMax: 120,
  probationMonthsMax: 6,
  monthlySalaryYuanMax: 1_000_000,
  penaltyYuanMax: 1_000_000,
  shortText: 100,
  mediumText: 500,
  longText: 5_000,
  agreementText: 20_000,
} as const;

/**
 * 劳动合同法第十九条: the longest probation (months) a contract term (months) allows.
 * term < 3 → 0 (no probation); 3 ≤ term < 12 → 1; 12 ≤ term < 36 → 2; term ≥ 36 → 6.
 */
export function maxProbationMonths(contractTermMonths: number): number {
  if (contractTermMonths < 3) return 0;
  if (contractTermMonths < 12) return 1;
  if (contractTermMonths < 36) return 2;
  return 6;
}

/** The Chinese message for a probation longer than `maxProbationMonths(contractTermMonths)`. */
export function probationMessage(contractTermMonths: number): string {
  const max = maxProbationMonths(contractTermMonths);
  const law = '（劳动合同法第十九条）';
  if (max === 0) return `合同期限不满 3 个月（当前 ${contractTermMonths} 个月）的，不得约定试用期${law}`;
  const band =
    max === 1 ? '3 个月以上不满 1 年' : max === 2 ? '1 年以上不满 3 年' : '3 年以上';
  return `试用期最多 ${max} 个月：合同期限 ${contractTermMonths} 个月（${band}）的，试用期不得超过 ${max} 个月${law}`;
}

const L = AGREEMENT_LIMITS;

/** 1 协议标的 */
const subjectShape = {
  position: requiredText('职位名称', L.shortText),
  jobCategoryCode: jobCategorySchema,
  workLocation: requiredText('工作地点', 200),
  duties: optionalText('工作内容', 2_000, MULTI_LINE),
};

/** 2 劳动或聘用合同有关条款的约定 */
const employmentTermsShape = {
  contractTermMonths: wholeNumber('合同期限', '个月', 1, L.contractTermMonthsMax),
  servicePeriodMonths: wholeNumber('服务期', '个月', 0, L.servicePeriodMonthsMax),
  // The cross-field rules (withTermsRules) in the document's words: JSON Schema cannot compare two fields.
  probationMonths: wholeNumber('试用期', '个月', 0, L.probationMonthsMax).meta({
    description:
      '试用期（月）：与合同期限一并提交时，不得超过合同期限允许的上限（劳动合同法第十九条）——合同期限不满 3 个月不得约定试用期，' +
      '3 个月以上不满 1 年最多 1 个月，1 年以上不满 3 年最多 2 个月，3 年以上最多 6 个月',
  }),
  benefits: requiredText('福利', L.mediumText, MULTI_LINE),
  monthlySalaryPreTax: wholeNumber('税前月薪', '元', 0, L.monthlySalaryYuanMax),
  monthlySalaryAfterTax: wholeNumber('税后月薪', '元', 0, L.monthlySalaryYuanMax).meta({
    description: '税后月薪（元）：与税前月薪一并提交时，不能高于税前月薪（monthlySalaryPreTax）',
  }),
};

/** 4 违约责任 */
const breachLiabilityShape = {
  penaltyYuan: wholeNumber('违约金', '元', 0, L.penaltyYuanMax),
  text: optionalText('违约责任条款', L.longText, MULTI_LINE),
};

type TermsLike = {
  contractTermMonths?: number | undefined;
  probationMonths?: number | undefined;
  monthlySalaryPreTax?: number | undefined;
  monthlySalaryAfterTax?: number | undefined;
};

/**
 * Run a cross-field rule only when the fields it reads parsed cleanly (and are present — drafts may
 * leave them out), even if other fields of the object have issues.
 */
function whenValid(keys: readonly (keyof TermsLike)[]) {
  return (payload: z.core.ParsePayload): boolean => {
    const value = payload.value;
    if (typeof value !== 'object' || value === null) return false;
    const record = value as Record<string, unknown>;
    if (!keys.every((k) => Number.isInteger(record[k]))) return false;
    return !payload.issues.some((issue) => keys.includes(issue.path?.[0] as keyof TermsLike));
  };
}

function withTermsRules<S extends z.ZodType<TermsLike>>(schema: S) {
  return schema
    .refine(
      (t: TermsLike) =>
        t.contractTermMonths === undefined ||
        t.probationMonths === undefined ||
        t.probationMonths <= maxProbationMonths(t.contractTermMonths),
      {
        path: ['probationMonths'],
        when: whenValid(['contractTermMonths', 'probationMonths']),
        error: (issue) => probationMessage((issue.input as TermsLike).contractTermMonths ?? 0),
      },
    )
    .refine(
      (t: TermsLike) =>
        t.monthlySalaryPreTax === undefined ||
        t.monthlySalaryAfterTax === undefined ||
        t.monthlySalaryAfterTax <= t.monthlySalaryPreTax,
      {
        path: ['monthlySalaryAfterTax'],
        when: whenValid(['monthlySalaryPreTax', 'monthlySalaryAfterTax']),
        error: (issue) =>
          `税后月薪不能高于税前月薪（${(issue.input as TermsLike).monthlySalaryPreTax ?? 0} 元）`,
      },
    );
}

export const agreementSubjectSchema = z.object(subjectShape).strict();
export const employmentTermsSchema = withTermsRules(z.object(employmentTermsShape).strict());
export const breachLiabilitySchema = z.object(breachLiabilityShape).strict();

/** A complete agreement, as the employer sends it (sections 1–8 in order). */
export const agreementSchema = z
  .object({
    subject: agreementSubjectSchema,
    employmentTerms: employmentTermsSchema,
    rescission: requiredText('协议的解除', L.longText, MULTI_LINE),
    breachLiability: breachLiabilitySchema,
    supplementaryClauses: optionalText('补充条款', L.longText, MULTI_LINE),
    effectiveness: requiredText('协议的生效', L.longText, MULTI_LINE),
    termination: requiredText('协议的终止', L.longText, MULTI_LINE),
    text: optionalText('协议文本', L.agreementText, MULTI_LINE),
  })
  .strict();

/**
 * A draft saved section by section: every section and every field may be absent, but whatever is
 * present is checked as in `agreementSchema`, including the cross-field rules when both of their
 * fields are present.
 */
export const agreementDraftSchema = z
  .object({
    subject: z.object(subjectShape).partial().strict().optional(),
    employmentTerms: withTermsRules(z.object(employmentTermsShape).partial().strict()).optional(),
    rescission: optionalText('协议的解除', L.longText, MULTI_LINE),
    breachLiability: z.object(breachLiabilityShape).partial().strict().optional(),
    supplementaryClauses: optionalText('补充条款', L.longText, MULTI_LINE),
    effectiveness: optionalText('协议的生效', L.longText, MULTI_LINE),
    termination: optionalText('协议的终止', L.longText, MULTI_LINE),
    text: optionalText('协议文本', L.agreementText, MULTI_LINE),
  })
  .strict();

export type Agreement = z.infer<typeof agreementSchema>;
export type AgreementInput = z.input<typeof agreementSchema>;
export type AgreementDraft = z.infer<typeof agreementDraftSchema>;
export type AgreementSubject = z.infer<typeof agreementSubjectSchema>;
export type EmploymentTerms = z.infer<typeof employmentTermsSchema>;
export type BreachLiability = z.infer<typeof breachLiabilitySchema>;
