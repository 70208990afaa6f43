/**
 * POST /api/webhooks body: where to send an employer's or a school's signed events.
 * Pure (workflow-sandbox safe).
 */
import { z } from '../zod';
import { optionalText, storableText } from './common';

export const WEBHOOK_URL_MAX = 2000;

/** An absolute http(s) URL without credentials (they would be logged and shown in lists). */
export const webhookUrlSchema = storableText(
  z
    .string({ error: (issue) => (issue.input === undefined ? '请填写 Webhook 地址' : 'Webhook 地址应为文本') })
    .trim()
    .min(1, { error: '请填写 Webhook 地址', abort: true })
    .max(WEBHOOK_URL_MAX, { error: `Webhook 地址最多 ${WEBHOOK_URL_MAX} 个字符`, abort: true }),
  'Webhook 地址',
)
  .superRefine((text, ctx) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'Webhook 地址格式错误，应为 http:// 或 https:// 开头的完整网址' });
      return;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      ctx.addIssue({ code: 'custom', message: 'Webhook 地址仅支持 http 或 https' });
    } else if (url.username || url.password) {
      ctx.addIssue({ code: 'custom', message: 'Webhook 地址中不能包含用户名或密码；请用签名密钥校验请求' });
    } else if (url.hash) {
      ctx.addIssue({ code: 'custom', message: 'Webhook 地址不能包含 # 片段' });
    }
  })
  .meta({
    description: 'http:// 或 https:// 开头的完整网址，不含用户名、密码与 # 片段',
    // The document's pattern is the wire form; the URL parser above decides the rest.
    override: { format: 'uri', pattern: '^[Hh][Tt][Tt][Pp][Ss]?://[^\\u0000-\\u0020\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069#]+$' },
  });

export const webhookEndpointSchema = z
  .object({
    url: webhookUrlSchema,
    description: optionalText('说明', 200),
  })
  .strict();

export type WebhookEndpointInput = z.infer<typeof webhookEndpointSchema>;
