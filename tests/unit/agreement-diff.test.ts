import { describe, expect, it } from 'vitest';
import { AGREEMENT_FIELDS, AGREEMENT_SECTIONS, type AgreementSnapshot, diffAgreements } from '../../domain/agreement-diff';
import { agreementSchema, archiveSchema, contactSchema } from '../../domain/schemas';
import {
  sampleAgreement,
  sampleArchive,
  sampleContact,
  sampleLegacyAgreement,
  sampleOpenEndedAgreement,
  sampleTaskAgreement,
} from '../support/sample-data';

function snapshot(overrides: Partial<AgreementSnapshot> = {}): AgreementSnapshot {
  return { unitNature: '39', contact: sampleContact(), agreement: sampleAgreement(), archive: sampleArchive(), ...overrides };
}

describe('diffAgreements', () => {
  it('reports nothing for identical versions', () => {
    expect(diffAgreements(snapshot(), snapshot())).toEqual([]);
  });

  it('reports a salary change as one field with its Chinese label and printed values', () => {
    const next = snapshot({ agreement: sampleAgreement({ monthlySalaryPreTax: 6000 }) });
    expect(diffAgreements(snapshot(), next)).toEqual([
      {
        path: 'agreement.employmentTerms.monthlySalaryPreTax',
        label: '税前月薪',
        section: '2 劳动或聘用合同有关条款的约定',
        from: 5000,
        to: 6000,
        fromText: '5000 元/月',
        toText: '6000 元/月',
      },
    ]);
  });

  it('lists several changes in the agreement\'s order, whatever order they were made in', () => {
    const agreement = sampleAgreement({ probationMonths: 2, contractTermMonths: 24 });
    agreement.breachLiability.penaltyYuan = 3000;
    agreement.subject.jobCategoryCode = '29';
    const next = snapshot({ unitNature: '31', agreement, contact: { ...sampleContact(), email: 'hr@example.com' } });
    const changes = diffAgreements(snapshot(), next);
    expect(changes.map((c) => c.path)).toEqual([
      'unitNature',
      'contact.email',
      'agreement.subject.jobCategoryCode',
      'agreement.employmentTerms.contractTermMonths',
      'agreement.employmentTerms.probationMonths',
      'agreement.breachLiability.penaltyYuan',
    ]);
    expect(changes[0]).toMatchObject({ label: '单位性质', fromText: '39 其他企业', toText: '31 国有企业' });
    expect(changes[2]).toMatchObject({ label: '工作职位类别', fromText: '13 工程技术人员', toText: '29 其他专业技术人员' });
    expect(changes[3]).toMatchObject({ label: '合同期限', from: 12, to: 24, fromText: '12 个月', toText: '24 个月' });
    expect(changes[5]).toMatchObject({ label: '违约金', section: '4 违约责任', fromText: '5000 元', toText: '3000 元' });
  });

  it('reports a field added or removed as a change from or to null', () => {
    const withoutClauses = sampleAgreement();
    delete withoutClauses.supplementaryClauses;
    const changes = diffAgreements(snapshot({ agreement: withoutClauses, archive: null }), snapshot());
    expect(changes[0]).toEqual({
      path: 'agreement.supplementaryClauses',
      label: '补充条款',
      section: '5 补充条款',
      from: null,
      to: '无',
      fromText: '（未填写）',
      toText: '无',
    });
    expect(changes.slice(1).map((c) => [c.label, c.from])).toEqual([
      ['档案接收单位', null],
      ['档案接收邮编', null],
      ['档案收件人', null],
      ['档案接收电话', null],
      ['档案接收详细地址', null],
    ]);
    expect(diffAgreements(snapshot(), snapshot({ archive: undefined })).every((c) => c.to === null && c.toText === '（未填写）')).toBe(true);
  });

  it('treats an absent archive and a null one alike', () => {
    expect(diffAgreements(snapshot({ archive: null }), snapshot({ archive: undefined }))).toEqual([]);
  });

  it('still reports a field it has no label for, under its path', () => {
    const next = snapshot();
    (next.agreement as Record<string, unknown>).extra = { note: 'x' };
    expect(diffAgreements(snapshot(), next)).toEqual([
      { path: 'agreement.extra.note', label: 'agreement.extra.note', section: '其他', from: null, to: 'x', fromText: '（未填写）', toText: 'x' },
    ]);
  });

  it('has a Chinese label for every field of the schemas', () => {
    const expected = [
      'unitNature',
      ...Object.keys(contactSchema.shape).map((k) => `contact.${k}`),
      ...Object.entries(agreementSchema.shape).flatMap(([section, schema]) => {
        const shape = (schema as { shape?: Record<string, unknown> }).shape ??
          (schema as { def?: { in?: { shape?: Record<string, unknown> } } }).def?.in?.shape;
        return shape ? Object.keys(shape).map((k) => `agreement.${section}.${k}`) : [`agreement.${section}`];
      }),
      ...Object.keys(archiveSchema.shape).map((k) => `archive.${k}`),
    ];
    // 合同期限 shows two members (the kind and the months): the kind is covered, not a field of its own.
    const paths = AGREEMENT_FIELDS.flatMap((f) => [f.path, ...(f.covers ?? [])]);
    expect(new Set(paths).size).toBe(paths.length);
    expect([...paths].sort()).toEqual([...expected].sort());
    expect(AGREEMENT_FIELDS.every((f) => /[\u4e00-\u9fff]/.test(f.label))).toBe(true);
    expect(AGREEMENT_SECTIONS.map((s) => s.key)).toEqual(Object.keys(agreementSchema.shape));
  });

  it('finds a change in every catalogued field', () => {
    const prev = snapshot();
    for (const field of AGREEMENT_FIELDS) {
      const next = structuredClone(prev) as unknown as Record<string, unknown>;
      const keys = field.path.split('.');
      let target = next;
      for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
      const last = keys.at(-1)!;
      target[last] = typeof target[last] === 'number' ? (target[last] as number) + 1 : `${String(target[last])}改`;
      const changes = diffAgreements(prev, next as unknown as AgreementSnapshot);
      expect(changes.map((c) => c.path)).toEqual([field.path]);
    }
  });
});

describe('合同期限 and its kind (劳动合同法第十二条)', () => {
  const terms = 'agreement.employmentTerms.contractTermMonths';

  it('reports a change of kind as one 合同期限 line: 36 个月 → 无固定期限', () => {
    const prev = snapshot({ agreement: sampleAgreement({ contractTermMonths: 36, probationMonths: 6 }) });
    expect(diffAgreements(prev, snapshot({ agreement: sampleOpenEndedAgreement() }))).toEqual([
      { path: terms, label: '合同期限', section: '2 劳动或聘用合同有关条款的约定', from: 36, to: 'openEnded', fromText: '36 个月', toText: '无固定期限' },
    ]);
  });

  it('reports 无固定期限 → 以完成一定工作任务为期限 with the probation it drops', () => {
    const changes = diffAgreements(snapshot({ agreement: sampleOpenEndedAgreement() }), snapshot({ agreement: sampleTaskAgreement() }));
    expect(changes.map((c) => [c.label, c.fromText, c.toText])).toEqual([
      ['合同期限', '无固定期限', '以完成一定工作任务为期限'],
      ['试用期', '6 个月', '0 个月'],
    ]);
  });

  it('reads a version stored before the kind existed as the fixed term it is (no change against 固定期限)', () => {
    expect(diffAgreements(snapshot({ agreement: sampleLegacyAgreement() }), snapshot())).toEqual([]);
    const changes = diffAgreements(snapshot({ agreement: sampleLegacyAgreement() }), snapshot({ agreement: sampleTaskAgreement() }));
    expect(changes[0]).toMatchObject({ path: terms, fromText: '12 个月', toText: '以完成一定工作任务为期限' });
  });
});

describe('diffAgreements on stored rows', () => {
  it('compares only the document, not the row around it', () => {
    const row = (version: number) => ({ ...snapshot(), signingId: 'x', version, hash: `h${version}`, sentAt: new Date(version) });
    expect(diffAgreements(row(1), row(2))).toEqual([]);
  });
});
