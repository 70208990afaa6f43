/**
 * The labour contract's term kind (劳动合同法第十二条) and the probation each kind allows
 * (第十九条). One module so the schema, the diff, the printable agreement and the wizard all apply
 * and word the rule the same way.
 *
 * - 固定期限 (`fixed`, 第十三条): a number of months, `contractTermMonths`.
 * - 无固定期限 (`openEnded`, 第十四条): no end date, no months.
 * - 以完成一定工作任务为期限 (`task`, 第十五条): ends with the task, no months.
 *
 * An agreement stored before the kind existed has no `contractTermKind` and a `contractTermMonths`:
 * it is a fixed-term one (`termKindOf`).
 *
 * Pure (workflow-sandbox safe).
 */

export const CONTRACT_TERM_KINDS = ['fixed', 'openEnded', 'task'] as const;
export type ContractTermKind = (typeof CONTRACT_TERM_KINDS)[number];

export const CONTRACT_TERM_KIND_LABELS: Record<ContractTermKind, string> = {
  fixed: '固定期限',
  openEnded: '无固定期限',
  task: '以完成一定工作任务为期限',
};

/**
 * The longest fixed term accepted: 600 months (50 years). The law sets no maximum for a fixed
 * term, so the bound only refuses typos (1200 for 120): a graduate starting at about 22 reaches
 * even the latest statutory retirement age (63) in about 41 years, so no real contract is longer.
 */
export const CONTRACT_TERM_MONTHS_MAX = 600;

/** The kind a terms object states, or `fixed` for one stored before the kind existed. */
export function termKindOf(terms: { contractTermKind?: ContractTermKind | undefined }): ContractTermKind {
  return terms.contractTermKind ?? 'fixed';
}

const LAW = '（劳动合同法第十九条）';

/**
 * 劳动合同法第十九条 for a fixed term (months): term < 3 → 0 (no probation); 3 ≤ term < 12 → 1;
 * 12 ≤ term < 36 → 2; term ≥ 36 → 6.
 */
export function maxProbationMonths(contractTermMonths: number): number {
  if (contractTermMonths < 3) return 0;
  if (contractTermMonths < 12) return 1;
  if (contractTermMonths < 36) return 2;
  return 6;
}

/**
 * 劳动合同法第十九条 by kind: a fixed term by its months; 无固定期限 at most 6 months; 以完成一定工作任务为期限
 * none. A fixed term whose months are not known yet (a draft) is null: no limit can be stated.
 */
export function maxProbationFor(kind: ContractTermKind, contractTermMonths?: number | undefined): number | null {
  switch (kind) {
    case 'openEnded':
      return 6;
    case 'task':
      return 0;
    case 'fixed':
      return contractTermMonths === undefined ? null : maxProbationMonths(contractTermMonths);
  }
}

/** The Chinese message for a probation longer than `maxProbationMonths(contractTermMonths)`. */
export function probationMessage(contractTermMonths: number): string {
  const max = maxProbationMonths(contractTermMonths);
  if (max === 0) return `合同期限不满 3 个月（当前 ${contractTermMonths} 个月）的，不得约定试用期${LAW}`;
  const band = max === 1 ? '3 个月以上不满 1 年' : max === 2 ? '1 年以上不满 3 年' : '3 年以上';
  return `试用期最多 ${max} 个月：合同期限 ${contractTermMonths} 个月（${band}）的，试用期不得超过 ${max} 个月${LAW}`;
}

/** The Chinese message for a probation longer than the kind allows (names the kind and the law). */
export function probationMessageFor(kind: ContractTermKind, contractTermMonths?: number | undefined): string {
  switch (kind) {
    case 'openEnded':
      return `无固定期限的劳动合同，试用期不得超过 6 个月${LAW}`;
    case 'task':
      return `以完成一定工作任务为期限的劳动合同不得约定试用期${LAW}`;
    case 'fixed':
      return contractTermMonths === undefined ? `试用期上限由合同期限决定${LAW}` : probationMessage(contractTermMonths);
  }
}

/**
 * The 第十九条 hint shown under 试用期 while the agreement is filled in: the limit for the chosen
 * kind (and the months of a fixed term, once typed), from `maxProbationFor`.
 */
export function probationHintFor(kind: ContractTermKind, contractTermMonths?: number | undefined): string {
  const max = maxProbationFor(kind, contractTermMonths);
  const label = CONTRACT_TERM_KIND_LABELS[kind];
  if (max === null) return `试用期上限由合同期限决定${LAW}`;
  if (kind === 'fixed') return `合同期限 ${contractTermMonths} 个月，试用期最多 ${max} 个月${LAW}`;
  return max === 0 ? `${label}：不得约定试用期${LAW}` : `${label}：试用期最多 ${max} 个月${LAW}`;
}

/** The message for `contractTermMonths` given with a kind that has no months. */
export function termMonthsNotAllowedMessage(kind: Exclude<ContractTermKind, 'fixed'>): string {
  return `${CONTRACT_TERM_KIND_LABELS[kind]}的劳动合同没有合同期限月数，请不要填写合同期限`;
}

/** The message for a fixed term without its months. */
export const TERM_MONTHS_REQUIRED_MESSAGE = '请填写合同期限：固定期限的劳动合同应写明合同期限（月数）';

/**
 * The term as the agreement prints it: `36 个月`, `无固定期限`, `以完成一定工作任务为期限`; null when a
 * fixed term's months are not filled in (a draft).
 */
export function formatContractTerm(terms: {
  contractTermKind?: ContractTermKind | undefined;
  contractTermMonths?: number | undefined;
}): string | null {
  const kind = termKindOf(terms);
  if (kind !== 'fixed') return CONTRACT_TERM_KIND_LABELS[kind];
  return terms.contractTermMonths === undefined ? null : `${terms.contractTermMonths} 个月`;
}
