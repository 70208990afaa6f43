/**
 * What changed between two sent versions of an agreement, field by field, with a Chinese label for
 * every field, so a student who returned an agreement sees exactly what the employer changed.
 *
 * The field catalogue below lists every field of the document the student confirms (单位性质,
 * 联系方式, the eight sections, 档案接收) in the order the agreement shows them; a change is reported
 * in that order. A field the catalogue does not know (a later schema addition) is still reported,
 * after the known ones, labelled with its path.
 *
 * 合同期限 is one field made of two members: the kind (`contractTermKind`, 劳动合同法第十二条) and, for
 * a fixed term, the months. It reads `36` (printed `36 个月`) for a fixed term and the kind's code
 * (`openEnded`, printed `无固定期限`) otherwise, so a change of kind is one line,
 * 合同期限：36 个月 → 无固定期限, and a version stored before the kind existed reads as the fixed term it is.
 *
 * Pure (workflow-sandbox safe).
 */
import { jobCategoryLabel, unitNatureLabel } from './codes';
import { CONTRACT_TERM_KIND_LABELS, type ContractTermKind, formatContractTerm, termKindOf } from './contract-term';
import type { Agreement } from './schemas/agreement';
import type { Archive, Contact } from './schemas/contact';

/** The eight sections of the 就业协议书, in order (docs/design.md §1, step 2). */
export const AGREEMENT_SECTIONS = [
  { key: 'subject', no: 1, label: '协议标的' },
  { key: 'employmentTerms', no: 2, label: '劳动或聘用合同有关条款的约定' },
  { key: 'rescission', no: 3, label: '协议的解除' },
  { key: 'breachLiability', no: 4, label: '违约责任' },
  { key: 'supplementaryClauses', no: 5, label: '补充条款' },
  { key: 'effectiveness', no: 6, label: '协议的生效' },
  { key: 'termination', no: 7, label: '协议的终止' },
  { key: 'text', no: 8, label: '协议文本' },
] as const satisfies readonly { key: keyof Agreement; no: number; label: string }[];

export type AgreementSectionKey = (typeof AGREEMENT_SECTIONS)[number]['key'];

/** The document a version carries, as stored in agreement_versions. */
export interface AgreementSnapshot {
  unitNature: string;
  contact: Contact;
  agreement: Agreement;
  archive?: Archive | null | undefined;
}

export type FieldValue = string | number | boolean | null;

export interface FieldChange {
  /** Dotted path in the version document, e.g. `agreement.employmentTerms.monthlySalaryPreTax`. */
  path: string;
  /** The field's Chinese name, e.g. 税前月薪. */
  label: string;
  /** Where the field sits, e.g. `2 劳动或聘用合同有关条款的约定`, 单位联系方式, 档案接收. */
  section: string;
  /** The values; an absent field is null. */
  from: FieldValue;
  to: FieldValue;
  /** The values as the agreement prints them, e.g. `5000 元/月`, `39 其他企业`, `（未填写）`. */
  fromText: string;
  toText: string;
}

export interface FieldSpec {
  path: string;
  label: string;
  section: string;
  format?: (value: string | number | boolean) => string;
  /** The value when it is not simply the one at `path` (a field made of several members). */
  read?: (doc: unknown) => unknown;
  /** Other leaf paths this field shows, so they are not reported again as unknown. */
  covers?: readonly string[];
}

const EMPTY_TEXT = '（未填写）';

const withUnit = (unit: string) => (v: string | number | boolean) => `${String(v)} ${unit}`;
const coded = (lookup: (code: string) => string | undefined) => (v: string | number | boolean) => {
  const label = lookup(String(v));
  return label ? `${String(v)} ${label}` : String(v);
};

const TERMS_PATH = 'agreement.employmentTerms';

/** 合同期限's value: the months of a fixed term, the kind's code otherwise (null when not filled in). */
function contractTerm(doc: unknown): unknown {
  const terms = valueAt(doc, TERMS_PATH);
  if (!isPlainObject(terms)) return undefined;
  const kind = termKindOf(terms as { contractTermKind?: ContractTermKind });
  return kind === 'fixed' ? terms.contractTermMonths : kind;
}

/** The diff's 合同期限 value (months for a fixed term, else the kind) in the words of domain/contract-term.ts. */
const contractTermText = (v: string | number | boolean): string =>
  (typeof v === 'number'
    ? formatContractTerm({ contractTermKind: 'fixed', contractTermMonths: v })
    : typeof v === 'string' && v in CONTRACT_TERM_KIND_LABELS
      ? formatContractTerm({ contractTermKind: v as ContractTermKind })
      : null) ?? String(v);

function sectionName(key: AgreementSectionKey): string {
  const section = AGREEMENT_SECTIONS.find((s) => s.key === key)!;
  return `${section.no} ${section.label}`;
}

const S = {
  unit: '单位性质',
  contact: '单位联系方式',
  archive: '档案接收',
  subject: sectionName('subject'),
  terms: sectionName('employmentTerms'),
  rescission: sectionName('rescission'),
  breach: sectionName('breachLiability'),
  supplementary: sectionName('supplementaryClauses'),
  effectiveness: sectionName('effectiveness'),
  termination: sectionName('termination'),
  text: sectionName('text'),
};

/** Every field of the version document, in the agreement's order. */
export const AGREEMENT_FIELDS: readonly FieldSpec[] = [
  { path: 'unitNature', label: '单位性质', section: S.unit, format: coded(unitNatureLabel) },
  { path: 'contact.phone', label: '联系电话', section: S.contact },
  { path: 'contact.address', label: '联系地址', section: S.contact },
  { path: 'contact.postcode', label: '联系地址邮编', section: S.contact },
  { path: 'contact.contactPerson', label: '联系人', section: S.contact },
  { path: 'contact.email', label: '联系邮箱', section: S.contact },
  { path: 'agreement.subject.position', label: '职位名称', section: S.subject },
  { path: 'agreement.subject.jobCategoryCode', label: '工作职位类别', section: S.subject, format: coded(jobCategoryLabel) },
  { path: 'agreement.subject.workLocation', label: '工作地点', section: S.subject },
  { path: 'agreement.subject.duties', label: '工作内容', section: S.subject },
  {
    path: 'agreement.employmentTerms.contractTermMonths',
    label: '合同期限',
    section: S.terms,
    format: contractTermText,
    read: contractTerm,
    covers: ['agreement.employmentTerms.contractTermKind'],
  },
  { path: 'agreement.employmentTerms.servicePeriodMonths', label: '服务期', section: S.terms, format: withUnit('个月') },
  { path: 'agreement.employmentTerms.probationMonths', label: '试用期', section: S.terms, format: withUnit('个月') },
  { path: 'agreement.employmentTerms.benefits', label: '福利', section: S.terms },
  { path: 'agreement.employmentTerms.monthlySalaryPreTax', label: '税前月薪', section: S.terms, format: withUnit('元/月') },
  { path: 'agreement.employmentTerms.monthlySalaryAfterTax', label: '税后月薪', section: S.terms, format: withUnit('元/月') },
  { path: 'agreement.rescission', label: '协议的解除', section: S.rescission },
  { path: 'agreement.breachLiability.penaltyYuan', label: '违约金', section: S.breach, format: withUnit('元') },
  { path: 'agreement.breachLiability.text', label: '违约责任条款', section: S.breach },
  { path: 'agreement.supplementaryClauses', label: '补充条款', section: S.supplementary },
  { path: 'agreement.effectiveness', label: '协议的生效', section: S.effectiveness },
  { path: 'agreement.termination', label: '协议的终止', section: S.termination },
  { path: 'agreement.text', label: '协议文本', section: S.text },
  { path: 'archive.unitName', label: '档案接收单位', section: S.archive },
  { path: 'archive.postcode', label: '档案接收邮编', section: S.archive },
  { path: 'archive.recipient', label: '档案收件人', section: S.archive },
  { path: 'archive.phone', label: '档案接收电话', section: S.archive },
  { path: 'archive.address', label: '档案接收详细地址', section: S.archive },
];

const KNOWN_PATHS = new Set(AGREEMENT_FIELDS.flatMap((f) => [f.path, ...(f.covers ?? [])]));
const DOCUMENT_ROOTS = ['unitNature', 'contact', 'agreement', 'archive'] as const;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a dotted path, or undefined when any step is missing. */
function valueAt(doc: unknown, path: string): unknown {
  let current: unknown = doc;
  for (const key of path.split('.')) {
    if (!isPlainObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** Every leaf path of a document (objects are walked; anything else is a leaf). */
function leafPaths(value: unknown, prefix: string, out: Set<string>): void {
  if (isPlainObject(value)) {
    for (const [key, child] of Object.entries(value)) leafPaths(child, prefix ? `${prefix}.${key}` : key, out);
  } else if (prefix && value !== undefined && value !== null) {
    out.add(prefix);
  }
}

/** A leaf as a comparable value: absent and null are the same; objects and arrays compare as JSON. */
function normalise(value: unknown): FieldValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

function display(value: FieldValue, format: FieldSpec['format']): string {
  if (value === null || value === '') return EMPTY_TEXT;
  return format ? format(value) : String(value);
}

/** A catalogued field's value in a (possibly partial) document; the portal shows it with `spec.format`. */
export function fieldValue(doc: unknown, spec: FieldSpec): unknown {
  return spec.read ? spec.read(doc) : valueAt(doc, spec.path);
}

function change(spec: FieldSpec, prev: unknown, next: unknown): FieldChange | null {
  const from = normalise(fieldValue(prev, spec));
  const to = normalise(fieldValue(next, spec));
  if (from === to) return null;
  return {
    path: spec.path,
    label: spec.label,
    section: spec.section,
    from,
    to,
    fromText: display(from, spec.format),
    toText: display(to, spec.format),
  };
}

/**
 * The fields whose values differ between `prev` and `next`, in the agreement's order. A field
 * present on one side only is a change from or to null (e.g. 档案接收 filled in for the first time).
 * Identical documents give [].
 */
export function diffAgreements(prev: AgreementSnapshot, next: AgreementSnapshot): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const spec of AGREEMENT_FIELDS) {
    const c = change(spec, prev, next);
    if (c) changes.push(c);
  }
  // Only the document's own parts: a caller may pass whole rows (with version, hash, sentAt …).
  const unknown = new Set<string>();
  for (const root of DOCUMENT_ROOTS) {
    leafPaths(prev[root], root, unknown);
    leafPaths(next[root], root, unknown);
  }
  for (const path of [...unknown].filter((p) => !KNOWN_PATHS.has(p)).sort()) {
    const c = change({ path, label: path, section: '其他' }, prev, next);
    if (c) changes.push(c);
  }
  return changes;
}
