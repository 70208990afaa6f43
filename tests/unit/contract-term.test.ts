/**
 * The contract term kinds and the probation each allows, at the law's own boundaries:
 * 劳动合同法 第十二条 (three kinds), 第十三条 (固定期限), 第十四条 (无固定期限), 第十五条
 * (以完成一定工作任务为期限) and 第十九条 (probation: fixed < 3 months none, 3 months–< 1 year ≤ 1,
 * 1–< 3 years ≤ 2, ≥ 3 years ≤ 6; 无固定期限 ≤ 6; 以完成一定工作任务为期限 none).
 */
import { describe, expect, it } from 'vitest';
import {
  CONTRACT_TERM_MONTHS_MAX,
  formatContractTerm,
  probationHintFor,
  maxProbationFor,
  probationMessageFor,
  termKindOf,
} from '../../domain/contract-term';
import { agreementDraftSchema, agreementSchema, formatIssues } from '../../domain/schemas';
import { sampleAgreement, sampleLegacyAgreement, sampleOpenEndedAgreement, sampleTaskAgreement } from '../support/sample-data';

type Terms = Record<string, unknown>;

function termsProblems(terms: Terms, schema: typeof agreementSchema | typeof agreementDraftSchema = agreementSchema) {
  const body = schema === agreementSchema ? { ...sampleAgreement(), employmentTerms: terms } : { employmentTerms: terms };
  const result = schema.safeParse(body);
  return result.success ? [] : formatIssues(result.error);
}

const base = sampleAgreement().employmentTerms;
const fixed = (months: number, probation: number): Terms => ({ ...base, contractTermKind: 'fixed', contractTermMonths: months, probationMonths: probation });
const withoutMonths = (kind: string, probation: number): Terms => {
  const { contractTermMonths: _months, ...rest } = base;
  return { ...rest, contractTermKind: kind, probationMonths: probation };
};

describe('固定期限 (第十三条): probation by the months (第十九条)', () => {
  // [term months, longest probation]: each band's first and last month.
  const vectors: Array<[number, number]> = [
    [2, 0],
    [3, 1],
    [11, 1],
    [12, 2],
    [35, 2],
    [36, 6],
  ];

  it.each(vectors)('%i 个月: 试用期 %i 个月 ok, one more refused', (months, max) => {
    expect(maxProbationFor('fixed', months)).toBe(max);
    expect(termsProblems(fixed(months, max))).toEqual([]);
    const over = termsProblems(fixed(months, max + 1));
    expect(over).toHaveLength(1);
    expect(over[0]!.path).toBe('employmentTerms.probationMonths');
    // 7 months is past every kind's limit: the field's own bound answers first.
    expect(over[0]!.message).toBe(max === 6 ? '试用期不能超过 6 个月' : probationMessageFor('fixed', months));
    expect(over[0]!.message).toMatch(max === 6 ? /6 个月/ : /劳动合同法第十九条/);
  });

  it('words the two shortest bands as the law does', () => {
    expect(termsProblems(fixed(2, 1))[0]!.message).toBe('合同期限不满 3 个月（当前 2 个月）的，不得约定试用期（劳动合同法第十九条）');
    expect(termsProblems(fixed(3, 2))[0]!.message).toBe(
      '试用期最多 1 个月：合同期限 3 个月（3 个月以上不满 1 年）的，试用期不得超过 1 个月（劳动合同法第十九条）',
    );
  });

  it(`accepts up to ${CONTRACT_TERM_MONTHS_MAX} months (50 years) and refuses ${CONTRACT_TERM_MONTHS_MAX + 1}`, () => {
    expect(CONTRACT_TERM_MONTHS_MAX).toBe(600);
    expect(termsProblems(fixed(600, 6))).toEqual([]);
    expect(termsProblems(fixed(601, 6))).toEqual([{ path: 'employmentTerms.contractTermMonths', message: '合同期限不能超过 600 个月' }]);
    expect(termsProblems(fixed(121, 6))).toEqual([]); // refused before kinds existed; the law sets no maximum
  });

  it('requires the months, naming the field', () => {
    const message = '请填写合同期限：固定期限的劳动合同应写明合同期限（月数）';
    expect(termsProblems(withoutMonths('fixed', 0))).toEqual([{ path: 'employmentTerms.contractTermMonths', message }]);
    const { contractTermKind: _kind, ...legacyWithoutMonths } = withoutMonths('fixed', 0);
    expect(termsProblems(legacyWithoutMonths)).toEqual([{ path: 'employmentTerms.contractTermMonths', message }]);
  });
});

describe('无固定期限 (第十四条): no months, probation at most 6 months (第十九条)', () => {
  it('accepts 6 months and refuses 7', () => {
    expect(maxProbationFor('openEnded')).toBe(6);
    expect(termsProblems(withoutMonths('openEnded', 6))).toEqual([]);
    expect(termsProblems(withoutMonths('openEnded', 7))).toEqual([{ path: 'employmentTerms.probationMonths', message: '试用期不能超过 6 个月' }]);
    expect(probationMessageFor('openEnded')).toBe('无固定期限的劳动合同，试用期不得超过 6 个月（劳动合同法第十九条）');
  });

  it('refuses a number of months, naming the field and the kind', () => {
    expect(termsProblems({ ...withoutMonths('openEnded', 6), contractTermMonths: 36 })).toEqual([
      {
        path: 'employmentTerms.contractTermMonths',
        message: '无固定期限的劳动合同没有合同期限月数，请不要填写合同期限',
      },
    ]);
  });
});

describe('以完成一定工作任务为期限 (第十五条): no months, no probation (第十九条)', () => {
  it('accepts 0 and refuses 1 month, naming the law and the kind', () => {
    expect(maxProbationFor('task')).toBe(0);
    expect(termsProblems(withoutMonths('task', 0))).toEqual([]);
    expect(termsProblems(withoutMonths('task', 1))).toEqual([
      { path: 'employmentTerms.probationMonths', message: '以完成一定工作任务为期限的劳动合同不得约定试用期（劳动合同法第十九条）' },
    ]);
  });

  it('refuses a number of months', () => {
    expect(termsProblems({ ...withoutMonths('task', 0), contractTermMonths: 12 })[0]).toEqual({
      path: 'employmentTerms.contractTermMonths',
      message: '以完成一定工作任务为期限的劳动合同没有合同期限月数，请不要填写合同期限',
    });
  });
});

describe('the kind field (第十二条)', () => {
  it('refuses an unknown kind, listing the three', () => {
    expect(termsProblems({ ...base, contractTermKind: 'permanent' })).toEqual([
      {
        path: 'employmentTerms.contractTermKind',
        message: '合同期限类型应为 fixed（固定期限）、openEnded（无固定期限）、task（以完成一定工作任务为期限）',
      },
    ]);
  });

  it('reads an agreement without a kind (every client before kinds) as 固定期限, and the send stores it so', () => {
    const legacy = sampleLegacyAgreement();
    expect(termKindOf(legacy.employmentTerms)).toBe('fixed');
    expect(agreementSchema.parse(legacy).employmentTerms.contractTermKind).toBe('fixed');
    expect(agreementSchema.parse(sampleOpenEndedAgreement())).toEqual(sampleOpenEndedAgreement());
    expect(agreementSchema.parse(sampleTaskAgreement())).toEqual(sampleTaskAgreement());
  });

  it('prints 36 个月, 无固定期限, 以完成一定工作任务为期限', () => {
    expect(formatContractTerm({ contractTermMonths: 36 })).toBe('36 个月');
    expect(formatContractTerm({ contractTermKind: 'fixed', contractTermMonths: 36 })).toBe('36 个月');
    expect(formatContractTerm({ contractTermKind: 'openEnded' })).toBe('无固定期限');
    expect(formatContractTerm({ contractTermKind: 'task' })).toBe('以完成一定工作任务为期限');
    expect(formatContractTerm({ contractTermKind: 'fixed' })).toBeNull();
  });
});

describe('drafts: what is present is checked, nothing is required', () => {
  it('accepts a kind alone, a fixed kind without months and a probation without a term', () => {
    expect(termsProblems({ contractTermKind: 'openEnded' }, agreementDraftSchema)).toEqual([]);
    expect(termsProblems({ contractTermKind: 'fixed', probationMonths: 3 }, agreementDraftSchema)).toEqual([]);
    expect(termsProblems({ probationMonths: 6 }, agreementDraftSchema)).toEqual([]);
    expect(agreementDraftSchema.parse({ employmentTerms: { probationMonths: 1 } })).toEqual({ employmentTerms: { probationMonths: 1 } });
  });

  it('applies the kind rules to what is there', () => {
    expect(termsProblems({ contractTermKind: 'task', probationMonths: 1 }, agreementDraftSchema).map((p) => p.path)).toEqual([
      'employmentTerms.probationMonths',
    ]);
    expect(termsProblems({ contractTermKind: 'openEnded', contractTermMonths: 12 }, agreementDraftSchema).map((p) => p.path)).toEqual([
      'employmentTerms.contractTermMonths',
    ]);
    expect(termsProblems({ contractTermMonths: 2, probationMonths: 1 }, agreementDraftSchema).map((p) => p.message)).toEqual([
      '合同期限不满 3 个月（当前 2 个月）的，不得约定试用期（劳动合同法第十九条）',
    ]);
  });
});

describe('probationHintFor (the wizard’s hint under 试用期)', () => {
  it('states each kind’s 第十九条 limit', () => {
    expect(probationHintFor('openEnded')).toBe('无固定期限：试用期最多 6 个月（劳动合同法第十九条）');
    expect(probationHintFor('task')).toBe('以完成一定工作任务为期限：不得约定试用期（劳动合同法第十九条）');
    expect(probationHintFor('fixed')).toBe('试用期上限由合同期限决定（劳动合同法第十九条）');
    expect(probationHintFor('fixed', 36)).toBe('合同期限 36 个月，试用期最多 6 个月（劳动合同法第十九条）');
    expect(probationHintFor('fixed', 11)).toBe('合同期限 11 个月，试用期最多 1 个月（劳动合同法第十九条）');
  });
});
