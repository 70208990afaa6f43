/**
 * The 签约 wizard's steps, in the order the source's 单位签约 screen walks them: 单位性质 and 联系方式,
 * the agreement's eight sections (上一条 / 保存并进入下一条), 档案接收, then 预览并发送. Each step
 * names the draft sections it saves (the keys of the draft's `completeness.sections`), so
 *
 * - a save sends exactly that step's sections (PUT …/agreement/draft merges per section),
 * - the wizard resumes at the first step the saved draft does not complete, and
 * - a server error at `agreement.employmentTerms.probationMonths` or `contact.phone` is shown on
 *   the step that has that field.
 *
 * Form values use the draft's own shape (`contact.phone`, `agreement.subject.position`, …), so the
 * server's paths are the antd field names.
 */
import { AGREEMENT_SECTIONS } from '../../../../../domain/agreement-diff';
import type { DraftView } from '../../../api/types';

export type StepKind = 'unit' | 'object' | 'text' | 'archive' | 'preview';

export interface WizardStep {
  /** The step's key: `unit`, `agreement.subject` … `agreement.text`, `archive`, `preview`. */
  key: string;
  /** The title in the Steps bar (the source's words). */
  title: string;
  /** The agreement's section number (1–8): the Steps bar shows it; other steps show an icon. */
  no?: number;
  /** The heading above the step's form. */
  heading: string;
  kind: StepKind;
  /** Draft completeness keys this step saves. */
  sections: string[];
  /** The agreement section key (`subject` …) for kinds object and text. */
  agreementKey?: string;
  optional?: boolean;
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八'];
const TEXT_SECTIONS = new Set<string>(['rescission', 'supplementaryClauses', 'effectiveness', 'termination', 'text']);
const OPTIONAL = new Set<string>(['supplementaryClauses', 'text']);

export const WIZARD_STEPS: WizardStep[] = [
  { key: 'unit', title: '单位信息', heading: '单位性质及联系方式', kind: 'unit', sections: ['unitNature', 'contact'] },
  ...AGREEMENT_SECTIONS.map(
    (s): WizardStep => ({
      key: `agreement.${s.key}`,
      title: s.label,
      no: s.no,
      heading: `第${NUMERALS[s.no - 1]}条 ${s.label}${OPTIONAL.has(s.key) ? '（选填）' : ''}`,
      kind: TEXT_SECTIONS.has(s.key) ? 'text' : 'object',
      sections: [`agreement.${s.key}`],
      agreementKey: s.key,
      optional: OPTIONAL.has(s.key),
    }),
  ),
  { key: 'archive', title: '档案接收', heading: '档案接收（选填）', kind: 'archive', sections: ['archive'], optional: true },
  { key: 'preview', title: '预览并发送', heading: '预览就业协议内容并发送至学生', kind: 'preview', sections: [] },
];

export const PREVIEW_STEP = WIZARD_STEPS.length - 1;
export const ARCHIVE_STEP = WIZARD_STEPS.length - 2;

/** The step that shows the field at a server path (`contact.phone` → 0); the preview for others. */
export function stepOfPath(path: string): number {
  const index = WIZARD_STEPS.findIndex((step) => step.sections.some((s) => path === s || path.startsWith(`${s}.`)));
  return index < 0 ? PREVIEW_STEP : index;
}

function sectionState(draft: DraftView, key: string) {
  return draft.completeness.sections.find((s) => s.key === key);
}

export type StepState = 'complete' | 'invalid' | 'empty';

/** Whether a step's saved sections are complete, partly filled (with issues), or not started. */
export function stepState(draft: DraftView | null, step: WizardStep): StepState {
  if (!draft || step.kind === 'preview') return 'empty';
  const states = step.sections.map((key) => sectionState(draft, key));
  const filled = states.some((s) => s?.filled);
  if (states.every((s) => s?.complete)) return filled || !step.optional ? 'complete' : 'empty';
  return filled ? 'invalid' : 'empty';
}

/** The issues (by server path) that keep a step's saved sections from being complete. */
export function stepIssues(draft: DraftView, step: WizardStep) {
  return step.sections.flatMap((key) => sectionState(draft, key)?.issues ?? []);
}

/**
 * Where the employer left off: the first step the saved draft does not complete. Optional steps
 * left empty just before it are where the employer stopped, so the wizard opens there instead. A
 * complete draft opens on the preview.
 */
export function resumeStep(draft: DraftView | null): number {
  if (!draft) return 0;
  let index = WIZARD_STEPS.findIndex((step) => step.kind !== 'preview' && !step.optional && stepState(draft, step) !== 'complete');
  if (index < 0) {
    const invalid = WIZARD_STEPS.findIndex((step) => step.optional && stepState(draft, step) === 'invalid');
    return invalid < 0 ? PREVIEW_STEP : invalid;
  }
  while (index > 1 && WIZARD_STEPS[index - 1]!.optional && stepState(draft, WIZARD_STEPS[index - 1]!) === 'empty') index -= 1;
  return index;
}

type Values = Record<string, unknown>;

function isFilled(value: unknown): boolean {
  return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
}

/** An object section's filled fields, or null when nothing is filled (a save of null clears it). */
function compactSection(value: unknown): Values | null {
  if (typeof value !== 'object' || value === null) return null;
  const entries = Object.entries(value as Values).filter(([, v]) => isFilled(v));
  return entries.length ? Object.fromEntries(entries) : null;
}

function textSection(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function at(values: Values, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Values)[key] : undefined), values);
}

/** The PUT …/agreement/draft body that saves `step` from the form's values. */
export function stepBody(step: WizardStep, values: Values): Values {
  switch (step.kind) {
    case 'unit':
      return { unitNature: isFilled(values.unitNature) ? values.unitNature : null, contact: compactSection(values.contact) };
    case 'object':
      return { agreement: { [step.agreementKey!]: compactSection(at(values, step.key)) } };
    case 'text':
      return { agreement: { [step.agreementKey!]: textSection(at(values, step.key)) } };
    case 'archive':
      return { archive: compactSection(values.archive) };
    case 'preview':
      return {};
  }
}

/** The same step's body as the saved draft would send it: equal bodies mean nothing to save. */
function savedBody(step: WizardStep, draft: DraftView | null): Values {
  const saved: Values = {
    unitNature: draft?.unitNature ?? null,
    contact: draft?.contact ?? null,
    agreement: draft?.agreement ?? {},
    // An archive shown from the signing is not the draft's own: saving it unchanged is still a change.
    archive: draft?.archiveSource === 'draft' ? draft.archive : null,
  };
  return stepBody(step, saved);
}

/** A body as comparable text: keys sorted, strings trimmed (as the server stores them). */
function canonical(value: unknown): string {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.trim();
    if (typeof v !== 'object' || v === null) return v;
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, walk((v as Values)[k])]),
    );
  };
  return JSON.stringify(walk(value));
}

/** Whether the form holds something for `step` that the saved draft does not. */
export function stepChanged(step: WizardStep, values: Values, draft: DraftView | null): boolean {
  if (step.kind === 'preview') return false;
  if (step.kind === 'archive' && draft?.archiveSource === 'signing') {
    return canonical(stepBody(step, values)) !== canonical(stepBody(step, { archive: draft.archive }));
  }
  return canonical(stepBody(step, values)) !== canonical(savedBody(step, draft));
}

/** The form's values for a saved draft (every section, so any step can be shown). */
export function formValuesOf(draft: DraftView | null): Values {
  return {
    unitNature: draft?.unitNature ?? undefined,
    contact: draft?.contact ?? {},
    agreement: draft?.agreement ?? {},
    archive: draft?.archive ?? {},
  };
}
