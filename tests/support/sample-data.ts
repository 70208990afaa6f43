/**
 * The source flow's own values (docs/design.md §1), with a valid credit code in place of its placeholder
 * and a Shanghai number of the 8 digits Shanghai numbers have (domain/phone.ts checks the number
 * plan) where the source's screenshot had the 6-digit 312312.
 */
import type { Agreement, Application, Archive, Contact } from '../../domain/schemas';

export const SOURCE_CREDIT_CODE = '91350200MA31E12PXF';

export function sampleApplication(creditCode = SOURCE_CREDIT_CODE): Application {
  return {
    graduationDestination: '01',
    employed: true,
    employer: { creditCode, name: 'tiger7', infoRegistrationNo: '2100000' },
    regionCode: '310104',
    industryCode: '65',
  };
}

export function sampleContact(): Contact {
  return { phone: '021-31231230', address: '上海市宝山区上大路99号', postcode: '200444', contactPerson: '张老师', email: '24@qq.com' };
}

export function sampleAgreement(overrides: Partial<Agreement['employmentTerms']> = {}): Agreement {
  return {
    subject: { position: '软件工程师', jobCategoryCode: '13', workLocation: '上海市', duties: '软件开发' },
    employmentTerms: {
      contractTermKind: 'fixed',
      contractTermMonths: 12,
      servicePeriodMonths: 12,
      probationMonths: 1,
      benefits: '调休',
      monthlySalaryPreTax: 5000,
      monthlySalaryAfterTax: 5000,
      ...overrides,
    },
    rescission: '经双方协商一致，可以解除本协议。',
    breachLiability: { penaltyYuan: 5000, text: '违约方向守约方支付违约金。' },
    supplementaryClauses: '无',
    effectiveness: '本协议经三方确认后生效。',
    termination: '乙方报到并签订劳动合同后，本协议自行终止。',
    text: '甲乙双方通过供需见面、双向选择，达成如下协议。',
  };
}

/**
 * The same agreement as stored before the term kind existed (no `contractTermKind`): what every
 * existing client still sends, read as 固定期限.
 */
export function sampleLegacyAgreement(): Agreement {
  const agreement = sampleAgreement();
  delete agreement.employmentTerms.contractTermKind;
  return agreement;
}

/** 无固定期限 (劳动合同法第十四条): no months; probation up to 6 months (第十九条). */
export function sampleOpenEndedAgreement(): Agreement {
  const agreement = sampleAgreement({ contractTermKind: 'openEnded', probationMonths: 6 });
  delete agreement.employmentTerms.contractTermMonths;
  return agreement;
}

/** 以完成一定工作任务为期限 (劳动合同法第十五条): no months, no probation (第十九条). */
export function sampleTaskAgreement(): Agreement {
  const agreement = sampleAgreement({ contractTermKind: 'task', probationMonths: 0 });
  delete agreement.employmentTerms.contractTermMonths;
  return agreement;
}

export function sampleArchive(): Archive {
  return { unitName: '上海市学生事务中心', postcode: '200032', recipient: '档案室', phone: '021-64826000', address: '上海市徐汇区零陵路599号' };
}

export function sampleEmployerSign() {
  return { unitNature: '39', contact: sampleContact(), agreement: sampleAgreement(), archive: sampleArchive(), previewed: true as const };
}
