import { describe, expect, it } from 'vitest';
import {
  type DraftContent,
  EMPTY_DRAFT,
  applyDraftPatch,
  blanksAsUnset,
  draftCompleteness,
  draftForSend,
  draftFromSent,
  draftPatchSchema,
  templateCreateSchema,
} from '../../domain/agreement-draft';
import { formatIssues } from '../../domain/schemas';
import { sampleAgreement, sampleArchive, sampleContact } from '../support/sample-data';

function patch(body: unknown) {
  const result = draftPatchSchema.safeParse(blanksAsUnset(body));
  if (!result.success) throw new Error(JSON.stringify(formatIssues(result.error)));
  return result.data;
}

function problems(body: unknown) {
  const result = draftPatchSchema.safeParse(blanksAsUnset(body));
  return result.success ? [] : formatIssues(result.error);
}

function fullDraft(): DraftContent {
  return { unitNature: '39', contact: sampleContact(), agreement: sampleAgreement(), archive: sampleArchive() };
}

describe('draft saves', () => {
  it('accepts any subset of sections, each partly filled, and checks what is present', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ agreement: { employmentTerms: { monthlySalaryPreTax: 5000 } } })).toEqual([]);
    expect(problems({ contact: { phone: '12' }, agreement: { subject: { jobCategoryCode: '99' } }, archive: { postcode: 'x' } })).toEqual([
      { path: 'contact.phone', message: expect.stringContaining('电话') },
      { path: 'agreement.subject.jobCategoryCode', message: expect.stringContaining('未知的工作职位类别代码') },
      { path: 'archive.postcode', message: '邮编应为 6 位数字' },
    ]);
  });

  it('checks the terms\' cross-field rules within a saved section when both fields are there', () => {
    expect(problems({ agreement: { employmentTerms: { contractTermMonths: 12, probationMonths: 3 } } })).toEqual([
      { path: 'agreement.employmentTerms.probationMonths', message: expect.stringContaining('试用期最多 2 个月') },
    ]);
    expect(problems({ agreement: { employmentTerms: { monthlySalaryPreTax: 5000, monthlySalaryAfterTax: 6000 } } })).toEqual([
      { path: 'agreement.employmentTerms.monthlySalaryAfterTax', message: expect.stringContaining('税后月薪不能高于税前月薪') },
    ]);
  });

  it('refuses unknown fields and non-objects', () => {
    expect(problems({ foo: 1, agreement: { sectionNine: 'x' } })).toEqual([
      { path: 'agreement.sectionNine', message: '不支持的字段' },
      { path: 'foo', message: '不支持的字段' },
    ]);
    expect(problems([1])).toHaveLength(1);
    expect(problems('x')).toHaveLength(1);
  });

  it('replaces a sent section as a whole and leaves the others', () => {
    const first = applyDraftPatch(EMPTY_DRAFT, patch({ unitNature: '39', agreement: { employmentTerms: { contractTermMonths: 12, probationMonths: 1 } } }));
    const second = applyDraftPatch(first, patch({ agreement: { employmentTerms: { monthlySalaryPreTax: 6000 }, rescission: '协商解除' } }));
    expect(second).toEqual({
      unitNature: '39',
      contact: null,
      agreement: { employmentTerms: { monthlySalaryPreTax: 6000 }, rescission: '协商解除' },
      archive: null,
    });
    expect(first.agreement).toEqual({ employmentTerms: { contractTermMonths: 12, probationMonths: 1 } });
  });

  it('clears a section with null or a blank, and drops blank fields', () => {
    const draft = fullDraft();
    expect(applyDraftPatch(draft, patch({ archive: null, unitNature: null })).archive).toBeNull();
    expect(applyDraftPatch(draft, patch({ unitNature: '' })).unitNature).toBeNull();
    const cleared = applyDraftPatch(draft, patch({ agreement: { supplementaryClauses: null, text: '  ' } }));
    expect(cleared.agreement).not.toHaveProperty('supplementaryClauses');
    expect(cleared.agreement).not.toHaveProperty('text');
    expect(applyDraftPatch(draft, patch({ agreement: null })).agreement).toEqual({});
    const blankFields = applyDraftPatch(draft, patch({ contact: { phone: '021-31231230', address: '', email: ' ' }, agreement: { subject: { position: '' } } }));
    expect(blankFields.contact).toEqual({ phone: '021-31231230' });
    expect(blankFields.agreement).not.toHaveProperty('subject');
  });

  it('keeps a template name required even when blank', () => {
    const result = templateCreateSchema.safeParse(blanksAsUnset({ name: '  ' }));
    expect(result.success ? [] : formatIssues(result.error)).toEqual([{ path: 'name', message: '请填写模板名称' }]);
  });
});

describe('draft completeness and send', () => {
  it('an empty draft: nothing complete but the optional sections, and every required field named', () => {
    const c = draftCompleteness(EMPTY_DRAFT);
    expect(c.complete).toBe(false);
    expect(c.totalSections).toBe(11);
    expect(c.sections.map((s) => [s.key, s.no, s.label, s.required, s.filled, s.complete])).toEqual([
      ['unitNature', null, '单位性质', true, false, false],
      ['contact', null, '联系方式', true, false, false],
      ['agreement.subject', 1, '协议标的', true, false, false],
      ['agreement.employmentTerms', 2, '劳动或聘用合同有关条款的约定', true, false, false],
      ['agreement.rescission', 3, '协议的解除', true, false, false],
      ['agreement.breachLiability', 4, '违约责任', true, false, false],
      ['agreement.supplementaryClauses', 5, '补充条款', false, false, true],
      ['agreement.effectiveness', 6, '协议的生效', true, false, false],
      ['agreement.termination', 7, '协议的终止', true, false, false],
      ['agreement.text', 8, '协议文本', false, false, true],
      ['archive', null, '档案接收', false, false, true],
    ]);
    expect(c.completedSections).toBe(3);
    expect(c.next).toBe('unitNature');
    // 合同期限 last: it is required only for a fixed term, a rule on the section (after its fields).
    expect(c.sections[3]!.issues.map((i) => i.path)).toEqual([
      'agreement.employmentTerms.servicePeriodMonths',
      'agreement.employmentTerms.probationMonths',
      'agreement.employmentTerms.benefits',
      'agreement.employmentTerms.monthlySalaryPreTax',
      'agreement.employmentTerms.monthlySalaryAfterTax',
      'agreement.employmentTerms.contractTermMonths',
    ]);
    const send = draftForSend(EMPTY_DRAFT);
    expect(send.success).toBe(false);
    const paths = send.success ? [] : send.issues.map((i) => i.path);
    expect(paths).toContain('unitNature');
    expect(paths).toContain('contact.phone');
    expect(paths).toContain('agreement.subject.position');
    expect(paths).toContain('agreement.rescission');
    expect(paths).not.toContain('archive');
  });

  it('progresses section by section and is sendable once every required section is complete', () => {
    let draft = EMPTY_DRAFT;
    const full = fullDraft();
    const steps: unknown[] = [
      { unitNature: '39', contact: full.contact },
      { agreement: { subject: full.agreement.subject } },
      { agreement: { employmentTerms: full.agreement.employmentTerms } },
      { agreement: { rescission: full.agreement.rescission, breachLiability: full.agreement.breachLiability } },
      { agreement: { effectiveness: full.agreement.effectiveness } },
      { agreement: { termination: full.agreement.termination } },
    ];
    const progress: (string | null)[] = [];
    for (const step of steps) {
      draft = applyDraftPatch(draft, patch(step));
      progress.push(draftCompleteness(draft).next);
    }
    expect(progress).toEqual([
      'agreement.subject',
      'agreement.employmentTerms',
      'agreement.rescission',
      'agreement.effectiveness',
      'agreement.termination',
      null,
    ]);
    expect(draftCompleteness(draft)).toMatchObject({ complete: true, completedSections: 11 });
    const send = draftForSend(draft);
    expect(send.success && send.data.agreement.employmentTerms.monthlySalaryPreTax).toBe(5000);
  });

  it('a partly filled optional archive blocks the send, naming its missing fields', () => {
    const draft: DraftContent = { ...fullDraft(), archive: { unitName: '学生事务中心' } };
    const c = draftCompleteness(draft);
    expect(c.complete).toBe(false);
    expect(c.next).toBe('archive');
    const send = draftForSend(draft);
    expect(send.success ? [] : send.issues.map((i) => i.path)).toEqual(['archive.postcode', 'archive.recipient', 'archive.phone', 'archive.address']);
  });

  it('a sent version becomes a draft that sends the same content', () => {
    const send = draftForSend(fullDraft());
    if (!send.success) throw new Error('expected a complete draft');
    const again = draftForSend(draftFromSent(send.data));
    expect(again).toEqual(send);
  });
});
