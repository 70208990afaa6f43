/**
 * An antd Form rule from one field's zod schema of domain/schemas (the request schemas the server
 * parses with), so a field on screen says exactly what the server would say, from the same code.
 * Only for schemas that are pure and small in the browser (contact.ts, actions.ts — not
 * application.ts, which carries the region data set).
 */
import type { RuleObject } from 'antd/es/form';

interface FieldSchema {
  safeParse(value: unknown): { success: true } | { success: false; error: { issues: readonly { message: string }[] } };
}

export function zodRule(schema: FieldSchema): RuleObject {
  return {
    validator: (_rule, value: unknown) => {
      const result = schema.safeParse(value ?? undefined);
      if (result.success) return Promise.resolve();
      return Promise.reject(new Error(result.error.issues[0]?.message ?? '格式不正确'));
    },
  };
}
