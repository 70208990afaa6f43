/**
 * GET /openapi.json (the generated OpenAPI 3.1 document) and GET /docs (Swagger UI over it).
 *
 * The page works offline: Swagger UI's files come from the swagger-ui-dist package, served here
 * under /docs/assets, and nothing is loaded from elsewhere (the online spec validator badge is off).
 * The page's one inline script is allowed by its hash in the Content-Security-Policy, so no other
 * inline script could run on it.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import express, { type RequestHandler } from 'express';
import { defineRoute, routeGroup } from '../http/define-route';
import { TAGS, json } from '../http/route-spec';
import type { OpenApiDocument } from './document';

export const DOCS_PATH = '/docs';
export const OPENAPI_PATH = '/openapi.json';
export const DOCS_ASSETS_PATH = `${DOCS_PATH}/assets`;

/** swagger-ui-dist's folder, resolved through Node's own resolution (no import of its bundle). */
export function swaggerUiDistDir(): string {
  return path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}

const INIT_SCRIPT = `window.ui = SwaggerUIBundle({
  url: ${JSON.stringify(OPENAPI_PATH)},
  dom_id: '#swagger-ui',
  deepLinking: true,
  persistAuthorization: true,
  displayRequestDuration: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout'
});`;

const INIT_HASH = `'sha256-${createHash('sha256').update(INIT_SCRIPT).digest('base64')}'`;

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>网上签约 API 文档</title>
<link rel="stylesheet" href="${DOCS_ASSETS_PATH}/swagger-ui.css">
<link rel="icon" type="image/png" href="${DOCS_ASSETS_PATH}/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${DOCS_ASSETS_PATH}/swagger-ui-bundle.js"></script>
<script>${INIT_SCRIPT}</script>
</body>
</html>
`;

const CSP = [
  "default-src 'none'",
  `script-src 'self' ${INIT_HASH}`,
  // Swagger UI sets inline styles on its elements.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  // "Try it out" calls this same API.
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

export const openApiRoutes = routeGroup<{ document: () => OpenApiDocument }>('openapi', [
  defineRoute({
    operationId: 'openapi',
    method: 'get',
    path: OPENAPI_PATH,
    tag: TAGS.ops,
    summary: '本 OpenAPI 3.1 文档',
    roles: 'anyone',
    schemas: {},
    success: [json(200, 'OpenAPI 文档')],
    handle: ({ document }) =>
      (_req, res) => {
        res.set('Cache-Control', 'no-cache').json(document());
      },
  }),
  defineRoute({
    operationId: 'docs',
    method: 'get',
    path: DOCS_PATH,
    tag: TAGS.ops,
    summary: '交互式接口文档（Swagger UI，离线可用）',
    roles: 'anyone',
    schemas: {},
    success: [{ status: 200, description: 'HTML 页面', formats: ['html'] }],
    handle: () => (_req, res) => {
      res.status(200).type('html').set({ 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' }).send(PAGE);
    },
  }),
]);

/** Swagger UI's own files (static assets, not API operations). */
export function docsAssets(): [string, RequestHandler] {
  return [DOCS_ASSETS_PATH, express.static(swaggerUiDistDir(), { index: false, maxAge: '1h' })];
}
