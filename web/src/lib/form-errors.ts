/**
 * Puts the server's `details[].path` problems (`agreement.employmentTerms.probationMonths`) beside the
 * antd Form field of that name path, and says which problems no field on screen could show.
 */
import type { FormInstance } from 'antd';
import type { FieldIssue } from '../api/client';

export type NamePath = (string | number)[];

/** `a.b[0].c` → `['a', 'b', 0, 'c']`. */
export function namePathOf(path: string): NamePath {
  const out: NamePath = [];
  for (const part of path.split('.')) {
    const match = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) {
      out.push(part);
      continue;
    }
    if (match[1]) out.push(match[1]);
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) out.push(Number(index[1]));
  }
  return out;
}

/**
 * Sets the issues on the form's fields. `prefix` drops a leading part the form does not have (the
 * server says `agreement.subject.position` where the form's field is `subject.position`). Returns
 * the issues no registered field matched, for a message above the form.
 */
export function applyFieldIssues(form: FormInstance, issues: FieldIssue[], prefix: NamePath = []): FieldIssue[] {
  const registered = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  const unmatched: FieldIssue[] = [];
  for (const issue of issues) {
    let name = namePathOf(issue.path);
    if (prefix.length && prefix.every((p, i) => name[i] === p)) name = name.slice(prefix.length);
    const key = JSON.stringify(name);
    if (!registered.has(key)) {
      unmatched.push(issue);
      continue;
    }
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(issue.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  const first = [...byField.values()][0];
  if (first) form.scrollToField(first.name, { block: 'center' });
  return unmatched;
}
