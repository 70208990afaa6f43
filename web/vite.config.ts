/**
 * The portal's build (`npm run build:web` → web/dist, served by the API at `/`) and its dev server
 * (`npm run dev:web`), which proxies every API path to a running service so the browser sees one
 * origin, as in production: the session cookie is SameSite=Strict and needs no CORS.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.API_URL ?? 'http://127.0.0.1:3000';
const proxied = ['/api', '/codec', '/docs', '/openapi.json', '/healthz', '/readyz', '/metrics'];

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // React is its own chunk (cached across portal releases); antd is split by rolldown along the
    // lazily loaded party pages, so the login page downloads only the components it shows.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/, priority: 2 },
          ],
        },
      },
    },
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    proxy: Object.fromEntries(proxied.map((p) => [p, { target: api, changeOrigin: false }])),
  },
});
