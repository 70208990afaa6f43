/**
 * Puts a saved draft into the wizard's form: every field of the agreement's catalogue is set (to
 * the draft's value, or cleared), so a template or a reloaded draft never leaves an old value
 * behind in a step that is not on screen.
 */
import type { FormInstance } from 'antd';
import { AGREEMENT_FIELDS } from '../../../../../domain/agreement-diff';
import type { DraftView } from '../../../api/types';

function valueAt(doc: unknown, path: string): unknown {
  let current = doc;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export function fillForm(form: FormInstance, draft: DraftView | null): void {
  const doc = { unitNature: draft?.unitNature, contact: draft?.contact, agreement: draft?.agreement, archive: draft?.archive };
  form.setFields(
    AGREEMENT_FIELDS.map((field) => ({ name: field.path.split('.'), value: valueAt(doc, field.path) ?? undefined, errors: [] })),
  );
}
