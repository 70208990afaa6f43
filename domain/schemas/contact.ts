/**
 * The employer's contact (联系方式) and the archive receiving details (档案接收).
 * Pure (workflow-sandbox safe).
 */
import { z } from '../zod';
import { emailSchema, phoneSchema, postcodeSchema, requiredText, storedPhoneSchema } from './common';

export const contactSchema = z
  .object({
    phone: phoneSchema,
    address: requiredText('地址', 200),
    postcode: postcodeSchema,
    contactPerson: requiredText('联系人', 50),
    email: emailSchema,
  })
  .strict();

export const archiveSchema = z
  .object({
    unitName: requiredText('档案接收单位', 100),
    postcode: postcodeSchema,
    recipient: requiredText('收件人', 50),
    phone: phoneSchema,
    address: requiredText('详细地址', 200),
  })
  .strict();

/** The same sections as the workflow checks them: the phone as the API sends it (common.ts: storedPhoneSchema). */
export const storedContactSchema = contactSchema.extend({ phone: storedPhoneSchema });
export const storedArchiveSchema = archiveSchema.extend({ phone: storedPhoneSchema });

export type Contact = z.infer<typeof contactSchema>;
export type Archive = z.infer<typeof archiveSchema>;
