/**
 * The codec endpoint for the Temporal Web UI and CLI (Temporal's remote codec protocol):
 * `POST /codec/encode` and `POST /codec/decode` take `{payloads:[{metadata:{key:base64}, data:base64}]}`
 * (proto3 JSON of Payloads, header `X-Namespace`) and answer the same shape, run through the payload
 * codec the worker and the API use. Operators only (api/auth/operator-auth.ts).
 *
 * CORS admits only the configured UI origins, with credentials (the UI's "include cross-origin
 * credentials" sends the browser's Basic credentials); preflights are answered without
 * authentication, since browsers send them without credentials.
 *
 * `GET /codec/login` is where an operator's browser signs in: it answers the Basic challenge, the
 * browser asks for the operator login, remembers it for `/codec/`, and from then on sends it with
 * the UI's decode calls. A page for people (like the portal's), not an API operation: it is not in
 * the declared routes. The browser limits the remembered login to the folder of the URL that asked for
 * it, which is why the page is under `/codec/` (a login asked for at `/codec` would be sent to every
 * path of the API's origin, the portal's `/api` calls included).
 *
 * Failed credentials are rate limited per client IP and username; a request with no
 * `Authorization` at all is not counted (the UI decodes a page with a burst of calls, all of them
 * credential-less until the operator has signed in; BENCHMARKS.md, "Figures behind code comments") and is
 * answered 401 需要运维账号登录.
 * The JSON is parsed as the main API's is (api/http/json-body.ts: UTF-8, at most 64 levels deep), with a
 * larger size limit.
 */
import type { Payload } from '@temporalio/common';
import cors from 'cors';
import express, { type Request, type RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Db } from '../../db/client';
import { z } from '../../domain/zod';
import { type AesGcmPayloadCodec, PayloadCodecError } from '../../temporal/payload-codec';
import type { TokenService } from '../auth/authenticate';
import { AppError } from '../http/errors';
import { verifyJsonBody } from '../http/json-verify';
import { basicUsernameOf, operatorOf, requireOperator } from '../auth/operator-auth';
import { tooMany } from '../auth/rate-limits';
import { parseInput } from '../http/validate';
import { defineRoute, routeGroup } from '../http/define-route';
import { TAGS, json } from '../http/route-spec';

// proto3 JSON writes bytes as base64, standard or URL-safe, padded or not.
const base64 = z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, '应为 base64 编码');

const jsonPayloadSchema = z.object({
  metadata: z.record(z.string(), base64).nullish(),
  data: base64.nullish(),
});
export type JsonPayload = z.infer<typeof jsonPayloadSchema>;

/** Request and response body of both operations. */
export const codecBodySchema = z.object({ payloads: z.array(jsonPayloadSchema) });

/** Temporal's blob size limit is 2 MB per payload; base64 adds a third. */
const BODY_LIMIT = '8mb';

export interface CodecSettings {
  codec: AesGcmPayloadCodec;
  /** Browser origins of the Temporal UI allowed to call (CORS). */
  uiOrigins: string[];
  /** The service's namespace: a request naming another one in X-Namespace is refused. */
  namespace: string;
  /** Failed authentications per client IP and username (default 10 per 15 minutes, like the login). */
  rateLimit?: { limit: number; windowMs: number };
}

const fromJson = (p: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data ?? '', 'base64'),
});

const toJson = (p: Payload): JsonPayload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

function failedAuthLimit(settings: { limit: number; windowMs: number }): RequestHandler {
  return rateLimit({
    windowMs: settings.windowMs,
    limit: settings.limit,
    // Only credentials that were presented and refused count: a request without any (the UI before
    // its operator signed in, a browser before it shows the login prompt) tries no password.
    skip: (req) => req.method === 'OPTIONS' || !req.headers.authorization,
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req: Request) => `${ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? 'unknown')}|${basicUsernameOf(req)?.slice(0, 64) ?? ''}`,
    handler: tooMany('运维账号登录失败次数过多'),
  });
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** What the browser shows once the operator's login was accepted at /codec/login. */
function signedInPage(name: string, uiOrigins: string[]): string {
  const back = uiOrigins[0]
    ? `<p><a href="${escapeHtml(uiOrigins[0])}">回到 Temporal UI</a>，刷新工作流页面：输入、结果和摘要即显示为明文。</p>`
    : '<p>回到 Temporal UI，刷新工作流页面：输入、结果和摘要即显示为明文。</p>';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>已登录 codec · 网上签约</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto; line-height: 1.6">
<h1>已以运维账号登录 codec</h1>
<p>运维人员：${escapeHtml(name)}。本浏览器会把这次登录随 Temporal UI 的解码请求一起发送，直到浏览器关闭。</p>
${back}
</body></html>
`;
}

export interface CodecDeps {
  db: Db;
  tokens: TokenService;
  settings: CodecSettings;
}

/** What every /codec request passes first: CORS, the failed-credential limit, the operator's credentials, the JSON body, and the sign-in page. */
export function codecMiddleware({ db, tokens, settings }: CodecDeps): RequestHandler[] {
  const signInPage: RequestHandler = (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path !== '/login') return next();
    res.set('Cache-Control', 'no-store').type('html').send(signedInPage(operatorOf(req).name, settings.uiOrigins));
  };
  return [
    cors({
      origin: settings.uiOrigins,
      credentials: true,
      methods: ['POST'],
      allowedHeaders: ['content-type', 'x-namespace', 'authorization'],
      maxAge: 600,
    }),
    failedAuthLimit(settings.rateLimit ?? { limit: 10, windowMs: 15 * 60_000 }),
    requireOperator({ db, tokens }),
    express.json({ limit: BODY_LIMIT, verify: verifyJsonBody }),
    signInPage,
  ];
}

function checkNamespace(req: Request, settings: CodecSettings): void {
  const namespace = req.get('x-namespace');
  if (namespace !== undefined && namespace !== settings.namespace) {
    throw new AppError('VALIDATION_FAILED', `X-Namespace「${namespace}」不是本服务的命名空间`, [
      { path: 'header.x-namespace', message: `应为 ${settings.namespace}` },
    ]);
  }
}

function codecRoute(op: 'encode' | 'decode', summary: string, run: (settings: CodecSettings, payloads: JsonPayload[]) => Promise<Payload[]> | Payload[]) {
  return defineRoute<CodecDeps>({
    operationId: `codec_${op}`,
    method: 'post',
    path: `/codec/${op}`,
    tag: TAGS.codec,
    summary,
    description:
      'Temporal 远程 codec 协议：请求体 `{payloads:[{metadata, data}]}`（base64），返回同样形状的 `{payloads}`；可带 `X-Namespace`。仅限运维账号（Bearer 令牌或 HTTP Basic 用户名密码）；CORS 只允许配置的 Temporal UI 来源。',
    roles: ['operator'],
    schemas: { body: codecBodySchema },
    success: [json(200, '处理后的 payloads')],
    security: ['bearerAuth', 'basicAuth'],
    rateLimited: 'codec-auth',
    handle:
      ({ settings }) =>
      async (req, res) => {
        checkNamespace(req, settings);
        const { payloads } = parseInput(codecBodySchema, req.body);
        res.json({ payloads: (await run(settings, payloads)).map(toJson) });
      },
  });
}

export const codecRoutes = routeGroup<CodecDeps>('codec', [
  codecRoute('encode', '加密 Temporal payload（供 Temporal UI 使用）', (settings, payloads) => settings.codec.encode(payloads.map(fromJson))),
  codecRoute('decode', '解密 Temporal payload（供 Temporal UI 使用）', (settings, payloads) =>
    payloads.map((p, index) => {
      try {
        return settings.codec.decodeOne(fromJson(p));
      } catch (err) {
        if (!(err instanceof PayloadCodecError)) throw err;
        throw new AppError('VALIDATION_FAILED', '有 payload 无法解密', [{ path: `payloads[${index}]`, message: err.message }]);
      }
    }),
  ),
]);
