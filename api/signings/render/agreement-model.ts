/**
 * The 就业协议书 (employment agreement) of one agreement version as a document model: every
 * heading, label and value as plain text, in reading order. The HTML page and the PDF are both
 * laid out from this one model, so they can never say different things.
 *
 * Contents: the three parties (甲方 用人单位, 乙方 毕业生, 丙方 学校), the eight sections in the
 * order the employer walks them, 档案接收, the version with its SHA-256 hash, each party's
 * confirmation with its time (Beijing time), this version's history, and the signing's status.
 *
 * Pure (no I/O).
 */
import type { Agreement, Application, Archive, Contact } from '../../../domain/schemas';
import { jobCategoryLabel } from '../../../domain/codes';
import { CONTRACT_TERM_KIND_LABELS, termKindOf } from '../../../domain/contract-term';
import { beijingTimeLong } from '../../../domain/beijing-time';
import { ACTION_LABELS, type AuditAction, PARTY_LABELS, STATUS_LABELS, type Party, type SigningStatus } from '../../../domain/status';
import { codeLabels } from '../presenters';

export interface AgreementDocumentEvent {
  action: AuditAction;
  actorRole: Party | 'system';
  at: Date;
  reason: string | null;
}

export interface AgreementDocumentInput {
  signingId: string;
  /** 协议书编号, printed first: what people quote (domain/agreement-no.ts). */
  agreementNo: string;
  status: SigningStatus;
  /** The signing's current version, to say whether this one is still current. */
  currentVersion: number | null;
  version: number;
  hash: string;
  application: Application;
  student: {
    name: string;
    examineeNo: string;
    major?: string | null;
    educationLevel?: string | null;
    originAuthority?: string | null;
  };
  school: { code: string; name: string };
  employerName: string;
  unitNature: string;
  contact: Contact;
  agreement: Agreement;
  archive: Archive | null;
  /** When the employer sent this version. */
  sentAt: Date;
  /** The signing's audit events that concern this version, oldest first. */
  events: readonly AgreementDocumentEvent[];
  /** When the school approved a 解约 of this agreement (the signing is then 已解约). */
  rescindedAt?: Date | null | undefined;
  generatedAt: Date;
}

/** The eight sections, numbered as in the source. */
export const SECTION_TITLES = [
  '协议标的',
  '劳动或聘用合同有关条款的约定',
  '协议的解除',
  '违约责任',
  '补充条款',
  '协议的生效',
  '协议的终止',
  '协议文本',
] as const;

const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八'] as const;

export const AGREEMENT_TITLE = '普通高等学校毕业生就业协议书';

/** One labelled value; '' when there is none (renderers show a dash). */
export interface DocField {
  label: string;
  value: string;
  /** Free text a party wrote: keep its line breaks. */
  multiline?: boolean;
  /** An identifier (credit code, 考生号): set in a monospaced face. */
  code?: boolean;
}

export interface DocSection {
  number: number;
  /** 第一条 … 第八条 */
  heading: string;
  title: string;
  lead?: string;
  fields?: DocField[];
  /** The section's text; '' → 无. */
  prose?: string;
}

export interface DocConfirmation {
  party: string;
  name: string;
  state: string;
  pending: boolean;
  /** Beijing time, '' while pending. */
  at: string;
}

export interface AgreementModel {
  title: string;
  subtitle: string;
  documentTitle: string;
  meta: { agreementNo: string; signingId: string; statusLabel: string; versionLabel: string; hash: string };
  parties: { title: string; fields: DocField[] }[];
  sections: DocSection[];
  archive: DocField[] | null;
  confirmations: DocConfirmation[];
  history: { at: string; actor: string; action: string; reason: string }[];
  footer: { hashNote: string; generatedAt: string };
}

/** `12` → `1 年（12 个月）`, `18` → `18 个月`, `0` → `无`. */
export function formatMonths(months: number): string {
  if (months === 0) return '无';
  if (months % 12 === 0) return `${months / 12} 年（${months} 个月）`;
  return `${months} 个月`;
}

/**
 * 合同期限 as printed: the kind always (three kinds exist, 劳动合同法第十二条), with the months for a
 * fixed term — `固定期限 1 年（12 个月）`, `无固定期限`, `以完成一定工作任务为期限`. A version stored
 * before the kind existed is a fixed term.
 */
export function formatContractTerm(terms: Agreement['employmentTerms']): string {
  const kind = termKindOf(terms);
  const label = CONTRACT_TERM_KIND_LABELS[kind];
  return kind === 'fixed' && terms.contractTermMonths !== undefined ? `${label} ${formatMonths(terms.contractTermMonths)}` : label;
}

export function formatYuan(yuan: number, perMonth = false): string {
  return `${yuan} 元${perMonth ? '/月' : ''}`;
}

/** Beijing time with its zone, '' for none. */
export function documentTime(at: Date | null | undefined): string {
  return at ? `${beijingTimeLong(at)}（北京时间）` : '';
}

function codeWithLabel(code: string, label: string | null | undefined): string {
  return label ? `${label}（${code}）` : code;
}

function field(label: string, value: string | null | undefined, extra: Omit<DocField, 'label' | 'value'> = {}): DocField {
  return { label, value: value?.trim() ?? '', ...extra };
}

function firstEvent(events: readonly AgreementDocumentEvent[], action: AuditAction): AgreementDocumentEvent | undefined {
  return events.find((e) => e.action === action);
}

export function buildAgreementModel(input: AgreementDocumentInput): AgreementModel {
  const { agreement: a, application, contact, student, school } = input;
  const labels = codeLabels(application, input.unitNature);
  const terms = a.employmentTerms;
  const isCurrent = input.currentVersion === input.version;
  const versionNote = isCurrent
    ? '（当前版本）'
    : input.currentVersion !== null
      ? `（已被第 ${input.currentVersion} 版取代，仅供查阅）`
      : '';
  const studentConfirmed = firstEvent(input.events, 'studentConfirm');
  const schoolConfirmed = firstEvent(input.events, 'schoolConfirm');

  const section = (number: number, body: Omit<DocSection, 'number' | 'heading' | 'title'>): DocSection => ({
    number,
    heading: `第${CHINESE_NUMERALS[number - 1] ?? number}条`,
    title: SECTION_TITLES[number - 1] ?? '',
    ...body,
  });

  return {
    title: AGREEMENT_TITLE,
    subtitle: '（网上签约）',
    documentTitle: `${AGREEMENT_TITLE}（第 ${input.version} 版）— ${student.name}`,
    meta: {
      agreementNo: input.agreementNo,
      signingId: input.signingId,
      // A rescinded agreement stays printable, and says plainly that it no longer binds anyone.
      statusLabel: input.rescindedAt
        ? `${STATUS_LABELS[input.status]}：经学校批准，本协议已于 ${beijingTimeLong(input.rescindedAt)}（北京时间）解除`
        : STATUS_LABELS[input.status],
      versionLabel: `第 ${input.version} 版${versionNote}`,
      hash: input.hash,
    },
    parties: [
      {
        title: '甲方（用人单位）',
        fields: [
          field('单位名称', input.employerName),
          field('统一社会信用代码', application.employer.creditCode, { code: true }),
          field('单位性质', codeWithLabel(input.unitNature, labels.unitNature)),
          field('信息登记号', application.employer.infoRegistrationNo),
          field('单位地区', codeWithLabel(application.regionCode, labels.region)),
          field('行业类别', codeWithLabel(application.industryCode, labels.industry)),
          field('联系人', contact.contactPerson),
          field('电话', contact.phone),
          field('邮箱', contact.email),
          field('邮编', contact.postcode),
          field('地址', contact.address),
        ],
      },
      {
        title: '乙方（毕业生）',
        fields: [
          field('姓名', student.name),
          field('考生号', student.examineeNo, { code: true }),
          field('专业', student.major),
          field('学历', student.educationLevel),
          field('生源地主管单位', student.originAuthority),
          field('毕业去向', codeWithLabel(application.graduationDestination, labels.graduationDestination)),
        ],
      },
      {
        title: '丙方（学校）',
        fields: [field('学校名称', school.name), field('学校代码', school.code)],
      },
    ],
    sections: [
      section(1, {
        fields: [
          field('职位名称', a.subject.position),
          field('工作职位类别', codeWithLabel(a.subject.jobCategoryCode, jobCategoryLabel(a.subject.jobCategoryCode))),
          field('工作地点', a.subject.workLocation),
          field('工作内容', a.subject.duties, { multiline: true }),
        ],
      }),
      section(2, {
        lead: '甲乙双方通过供需见面、双向选择，就劳动（聘用）合同的主要条款约定如下：',
        fields: [
          field('合同期限', formatContractTerm(terms)),
          field('服务期', formatMonths(terms.servicePeriodMonths)),
          field('试用期', formatMonths(terms.probationMonths)),
          field('福利', terms.benefits, { multiline: true }),
          field('税前月薪', formatYuan(terms.monthlySalaryPreTax, true)),
          field('税后月薪', formatYuan(terms.monthlySalaryAfterTax, true)),
        ],
      }),
      section(3, { prose: a.rescission.trim() }),
      section(4, {
        fields: [field('违约金', formatYuan(a.breachLiability.penaltyYuan)), field('违约责任', a.breachLiability.text, { multiline: true })],
      }),
      section(5, { prose: a.supplementaryClauses?.trim() ?? '' }),
      section(6, { prose: a.effectiveness.trim() }),
      section(7, { prose: a.termination.trim() }),
      section(8, { prose: a.text?.trim() ?? '' }),
    ],
    archive: input.archive
      ? [
          field('档案接收单位', input.archive.unitName),
          field('档案接收邮编', input.archive.postcode),
          field('档案接收收件人', input.archive.recipient),
          field('档案接收电话', input.archive.phone),
          field('档案接收详细地址', input.archive.address),
        ]
      : null,
    confirmations: [
      { party: '甲方（用人单位）', name: input.employerName, state: `已签约并发送第 ${input.version} 版协议`, pending: false, at: documentTime(input.sentAt) },
      {
        party: '乙方（毕业生）',
        name: student.name,
        state: studentConfirmed ? '已确认签约' : '尚未确认',
        pending: !studentConfirmed,
        at: documentTime(studentConfirmed?.at),
      },
      {
        party: '丙方（学校）',
        name: school.name,
        state: schoolConfirmed ? '已确认并同步至就业方案库' : '尚未确认',
        pending: !schoolConfirmed,
        at: documentTime(schoolConfirmed?.at),
      },
    ],
    history: input.events.map((e) => ({
      at: beijingTimeLong(e.at),
      actor: e.actorRole === 'system' ? '系统' : PARTY_LABELS[e.actorRole],
      action: ACTION_LABELS[e.action] ?? e.action,
      reason: e.reason ?? '',
    })),
    footer: {
      hashNote: `本协议书第 ${input.version} 版内容的 SHA-256 哈希为 ${input.hash}，各方网上确认的即为该哈希所对应的协议内容。`,
      generatedAt: `生成时间：${documentTime(input.generatedAt)}`,
    },
  };
}
