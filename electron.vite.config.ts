/**
 * Three builds: main (+ the database worker), preload, renderer.
 *
 * main: ESM (package.json has "type": "module"); dependencies stay external and load from node_modules at
 * run time — sql.js in particular, because backend/db/sqlite.ts finds sql-wasm.wasm next to the package
 * with createRequire(import.meta.url), which only works if sql.js is not bundled.
 * preload: CommonJS with everything bundled, because a sandboxed preload runs as a classic script and can
 * require only 'electron'. It imports the contract (and so zod) to know the operation names.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererPlugins } from './renderer/vite.config';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          main: resolve(root, 'electron/main.ts'),
          dbWorker: resolve(root, 'backend/host/dbWorker.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      externalizeDeps: false,
      rolldownOptions: {
        input: { preload: resolve(root, 'electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    base: './',
    // Same plugins as the browser-mode build (React, plus the dev-server-only CSP relaxation of index.html).
    plugins: rendererPlugins(),
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      // electron-vite leaves the renderer unminified by default; the older branch PCs parse less this way.
      minify: true,
      chunkSizeWarningLimit: 3000,
      rolldownOptions: {
        input: resolve(root, 'renderer/index.html'),
      },
    },
  },
});
