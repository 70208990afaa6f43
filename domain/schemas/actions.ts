/**
 * Bodies of the party actions and of login (docs/design.md §7).
 * Pure (workflow-sandbox safe): may be used in Update validators.
 */
import { z } from '../zod';
import { unitNatureSchema } from '../codes/unit-nature';
import { agreementSchema } from './agreement';
import { archiveSchema, contactSchema } from './contact';
import { previewedSchema, sha256HexSchema, storableText } from './common';

export { unitNatureSchema };

/** POST /api/signings/:id/employer-sign */
export const employerSignSchema = z
  .object({
    unitNature: unitNatureSchema,
    contact: contactSchema,
    agreement: agreementSchema,
    archive: archiveSchema.optional(),
    previewed: previewedSchema,
  })
  .strict();

/** POST /api/signings/:id/student-confirm — the hash of the agreement version the student read. */
export const studentConfirmSchema = z
  .object({
    agreementHash: sha256HexSchema,
    previewed: previewedSchema,
  })
  .strict();

/** POST …/return and …/cancel */
export const reasonSchema = z
  .object({
    reason: storableText(
      z
        .string({ error: (issue) => (issue.input === undefined ? '请填写原因' : '原因应为文本') })
        .trim()
        .min(2, '原因至少 2 个字符'),
      '原因',
      { multiline: true, max: 500 },
    ),
  })
  .strict();

/** POST /api/auth/login (the password is not trimmed). */
export const loginSchema = z
  .object({
    username: storableText(
      z
        .string({ error: (issue) => (issue.input === undefined ? '请输入用户名' : '用户名应为文本') })
        .trim()
        .min(1, '请输入用户名'),
      '用户名',
      { max: 64 },
    ),
    password: storableText(
      z
        .string({ error: (issue) => (issue.input === undefined ? '请输入密码' : '密码应为文本') })
        .min(1, '请输入密码'),
      '密码',
      { max: 256 },
    ),
  })
  .strict();

export type EmployerSign = z.infer<typeof employerSignSchema>;
export type StudentConfirm = z.infer<typeof studentConfirmSchema>;
export type Reason = z.infer<typeof reasonSchema>;
export type Login = z.infer<typeof loginSchema>;
