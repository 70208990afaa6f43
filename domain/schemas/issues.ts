/**
 * zod issues → the `details` of a 400 VALIDATION_FAILED: one `{path, message}` per problem.
 * Pure (workflow-sandbox safe).
 */
import type { z } from '../zod';

export type FieldIssue = { path: string; message: string };

/** `['agreement', 'employmentTerms', 'probationMonths']` → `agreement.employmentTerms.probationMonths`; indices as `[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

/**
 * One entry per issue, in zod's order; an unknown-fields issue becomes one entry per unknown field,
 * at that field's path. The root is the empty path `''`.
 */
export function formatIssues(error: { readonly issues: readonly z.core.$ZodIssue[] }): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: formatPath([...issue.path, key]), message: '不支持的字段' });
      continue;
    }
    out.push({ path: formatPath(issue.path), message: issue.message });
  }
  return out;
}
