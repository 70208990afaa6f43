/**
 * 学生协议申请 (the student's application / 就业方案填报).
 *
 * Imports the region data set (domain/region): use from the API and activities, not from workflow
 * code (workflows may import `type { Application }` freely — type imports are erased).
 */
import { z } from '../zod';
import { creditCodeSchema } from '../uscc';
import { regionCodeSchema } from '../region';
import { graduationDestinationSchema } from '../codes/graduation-destination';
import { industrySchema } from '../codes/industry';
import { infoRegistrationNoSchema, requiredText } from './common';

export const employerRefSchema = z
  .object({
    creditCode: creditCodeSchema,
    name: requiredText('单位名称', 100),
    infoRegistrationNo: infoRegistrationNoSchema.optional(),
  })
  .strict();

export const applicationSchema = z
  .object({
    graduationDestination: graduationDestinationSchema,
    employed: z.literal(true, {
      error: (issue) =>
        issue.input === false
          ? '网上签约只受理已就业（是否就业：就业）的申请；不就业无需网上签约，请选择“就业”或改填其他毕业去向'
          : issue.input === undefined
            ? '请选择是否就业'
            : '是否就业应为 true 或 false',
    }),
    employer: employerRefSchema,
    regionCode: regionCodeSchema,
    industryCode: industrySchema,
  })
  .strict();

export type Application = z.infer<typeof applicationSchema>;
export type ApplicationInput = z.input<typeof applicationSchema>;
export type EmployerRef = z.infer<typeof employerRefSchema>;
