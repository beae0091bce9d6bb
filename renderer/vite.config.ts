/**
 * Builds the React UI for browser mode (backend/web serves out/renderer) and for the e2e tests. The Electron
 * build (electron.vite.config.ts) compiles the same renderer/ root; `rendererPlugins` is exported so it can reuse
 * the dev-only CSP relaxation below.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The CSP in index.html forbids inline scripts and only allows same-origin connections. Vite's dev server needs
 * both (React Refresh preamble, HMR websocket), so during `serve` only the meta tag is loosened; production
 * builds keep the strict policy byte for byte.
 */
function devCsp(): Plugin {
  return {
    name: 'postal-dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws: http://localhost:* http://127.0.0.1:*");
    },
  };
}

export function rendererPlugins(): Plugin[] {
  return [...react(), devCsp()];
}

export default defineConfig({
  root,
  base: './',
  plugins: rendererPlugins(),
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    // antd is large; one vendor chunk keeps the offline app to a handful of files without a size warning flood.
    chunkSizeWarningLimit: 3000,
  },
});
