/** The path parameters routes share, with their documentation; a malformed one is 404, never 400 (api/http/route-spec.ts). */
import { examineeNoSchema } from '../../domain/schemas';
import { z } from '../../domain/zod';
import { uuidParamSchema } from './validate';

export const signingParam = z.object({ id: uuidParamSchema.meta({ description: '网签编号（UUID）' }) });
export const templateParam = z.object({ id: uuidParamSchema.meta({ description: '协议模板编号（UUID）' }) });
export const webhookParam = z.object({ id: uuidParamSchema.meta({ description: 'Webhook 地址编号（UUID）' }) });
export const notificationParam = z.object({ id: uuidParamSchema.meta({ description: '通知编号（UUID）' }) });
export const examineeNoParam = z.object({ examineeNo: examineeNoSchema.meta({ description: '考生号（9–15 位数字）' }) });

/** The signing named by `{id}` must be the caller's (404 otherwise). */
export const ownSigning = { param: 'id', resource: 'signing' } as const;
