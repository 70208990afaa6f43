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
import {
  CONTRACT_TERM_KIND_LABELS,
  CONTRACT_TERM_KINDS,
  CONTRACT_TERM_MONTHS_MAX,
  type ContractTermKind,
  TERM_MONTHS_REQUIRED_MESSAGE,
  maxProbationFor,
  maxProbationMonths,
  probationMessage,
  probationMessageFor,
  termKindOf,
  termMonthsNotAllowedMessage,
} from '../contract-term';

/** Clauses and descriptions keep their line breaks. */
const MULTI_LINE: TextOptions = { multiline: true };

/** Upper bounds: generous, only to refuse nonsense. */
export const AGREEMENT_LIMITS = {
  contractTermMonthsMax: CONTRACT_TERM_MONTHS_MAX,
  servicePeriodMonthsMax: 120,
  probationMonthsMax: 6,
  monthlySalaryYuanMax: 1_000_000,
  penaltyYuanMax: 1_000_000,
  shortText: 100,
  mediumText: 500,
  longText: 5_000,
  agreementText: 20_000,
} as const;

// The 第十九条 rule lives with the term kinds; re-exported here, where its callers found it.
export { maxProbationMonths, probationMessage };

const L = AGREEMENT_LIMITS;

/** 1 协议标的 */
const subjectShape = {
  position: requiredText('职位名称', L.shortText),
  jobCategoryCode: jobCategorySchema,
  workLocation: requiredText('工作地点', 200),
  duties: optionalText('工作内容', 2_000, MULTI_LINE),
};

/**
 * 劳动合同的期限类型（劳动合同法第十二条）. Optional: a client that does not send it (every client
 * before it existed) means 固定期限; the send's schema fills in `fixed`, so a sent version always
 * states its kind (and is hashed under the canonical form that includes it, domain/agreement-hash.ts).
 */
const contractTermKindSchema = z
  .enum(CONTRACT_TERM_KINDS, {
    error: `合同期限类型应为 ${CONTRACT_TERM_KINDS.map((k) => `${k}（${CONTRACT_TERM_KIND_LABELS[k]}）`).join('、')}`,
  })
  .meta({
    description:
      '合同期限类型（劳动合同法第十二条）：fixed 固定期限（须填写合同期限 contractTermMonths）、openEnded 无固定期限、' +
      'task 以完成一定工作任务为期限（后两种不填写 contractTermMonths）；不填为 fixed',
  });

/** 2 劳动或聘用合同有关条款的约定 */
const employmentTermsShape = {
  contractTermKind: contractTermKindSchema.optional(),
  // Optional in the shape: required for a fixed term, absent otherwise (withTermsRules).
  contractTermMonths: wholeNumber('合同期限', '个月', 1, L.contractTermMonthsMax)
    .meta({ description: `合同期限（月）：固定期限的劳动合同必填（1–${L.contractTermMonthsMax}），无固定期限和以完成一定工作任务为期限的不填` })
    .optional(),
  servicePeriodMonths: wholeNumber('服务期', '个月', 0, L.servicePeriodMonthsMax),
  // The cross-field rules (withTermsRules) in the document's words: JSON Schema cannot compare two fields.
  probationMonths: wholeNumber('试用期', '个月', 0, L.probationMonthsMax).meta({
    description:
      '试用期（月）：不得超过合同期限允许的上限（劳动合同法第十九条）——固定期限：合同期限不满 3 个月不得约定试用期，' +
      '3 个月以上不满 1 年最多 1 个月，1 年以上不满 3 年最多 2 个月，3 年以上最多 6 个月；无固定期限最多 6 个月；' +
      '以完成一定工作任务为期限的不得约定试用期',
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
  contractTermKind?: ContractTermKind | undefined;
  contractTermMonths?: number | undefined;
  probationMonths?: number | undefined;
  monthlySalaryPreTax?: number | undefined;
  monthlySalaryAfterTax?: number | undefined;
};

/**
 * Run a cross-field rule only when the fields it reads parsed cleanly (`integers` must also be
 * present — drafts may leave them out; `others` may be absent), even if other fields of the object
 * have issues.
 */
function whenValid(integers: readonly (keyof TermsLike)[], others: readonly (keyof TermsLike)[] = []) {
  const keys = [...integers, ...others];
  return (payload: z.core.ParsePayload): boolean => {
    const value = payload.value;
    if (typeof value !== 'object' || value === null) return false;
    const record = value as Record<string, unknown>;
    if (!integers.every((k) => Number.isInteger(record[k]))) return false;
    return !payload.issues.some((issue) => keys.includes(issue.path?.[0] as keyof TermsLike));
  };
}

/**
 * `requireTermMonths`: the send's schema (a fixed term must state its months); a draft may leave
 * them out until the employer fills them in.
 */
function withTermsRules<S extends z.ZodType<TermsLike>>(schema: S, { requireTermMonths }: { requireTermMonths: boolean }) {
  return schema
    .refine(
      (t: TermsLike) =>
        termKindOf(t) === 'fixed' ? !requireTermMonths || t.contractTermMonths !== undefined : t.contractTermMonths === undefined,
      {
        path: ['contractTermMonths'],
        when: whenValid([], ['contractTermKind', 'contractTermMonths']),
        error: (issue) => {
          const kind = termKindOf(issue.input as TermsLike);
          return kind === 'fixed' ? TERM_MONTHS_REQUIRED_MESSAGE : termMonthsNotAllowedMessage(kind);
        },
      },
    )
    .refine(
      (t: TermsLike) => {
        const max = maxProbationFor(termKindOf(t), t.contractTermMonths);
        return t.probationMonths === undefined || max === null || t.probationMonths <= max;
      },
      {
        path: ['probationMonths'],
        when: whenValid(['probationMonths'], ['contractTermKind', 'contractTermMonths']),
        error: (issue) => {
          const t = issue.input as TermsLike;
          return probationMessageFor(termKindOf(t), t.contractTermMonths);
        },
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
/** The send's terms: a missing kind is read as (and stored as) 固定期限. */
export const employmentTermsSchema = withTermsRules(
  z.object({ ...employmentTermsShape, contractTermKind: contractTermKindSchema.default('fixed') }).strict(),
  { requireTermMonths: true },
);
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
    employmentTerms: withTermsRules(z.object(employmentTermsShape).partial().strict(), { requireTermMonths: false }).optional(),
    rescission: optionalText('协议的解除', L.longText, MULTI_LINE),
    breachLiability: z.object(breachLiabilityShape).partial().strict().optional(),
    supplementaryClauses: optionalText('补充条款', L.longText, MULTI_LINE),
    effectiveness: optionalText('协议的生效', L.longText, MULTI_LINE),
    termination: optionalText('协议的终止', L.longText, MULTI_LINE),
    text: optionalText('协议文本', L.agreementText, MULTI_LINE),
  })
  .strict();

/**
 * The terms as stored: the send's schema always fills in `contractTermKind`, but versions sent
 * before it existed (PostgreSQL rows, recorded workflow histories) have none, so the type says
 * optional and readers go through `termKindOf` (absent = 固定期限).
 */
export type EmploymentTerms = Omit<z.infer<typeof employmentTermsSchema>, 'contractTermKind'> & {
  contractTermKind?: ContractTermKind | undefined;
};
export type Agreement = Omit<z.infer<typeof agreementSchema>, 'employmentTerms'> & { employmentTerms: EmploymentTerms };
export type AgreementInput = z.input<typeof agreementSchema>;
export type AgreementDraft = z.infer<typeof agreementDraftSchema>;
export type AgreementSubject = z.infer<typeof agreementSubjectSchema>;
export type BreachLiability = z.infer<typeof breachLiabilitySchema>;
