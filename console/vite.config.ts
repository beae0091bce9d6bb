/**
 * Builds the 市局 console (console/ → out/console), which the hub serves at the root of its port. It imports
 * only shared/; the hub sends a strict CSP with every page, and the meta tag in index.html repeats it for a
 * copy opened any other way.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Relative asset paths: the console still loads when a proxy serves the hub under a sub-path.
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/console',
    emptyOutDir: true,
    chunkSizeWarningLimit: 3000,
  },
});
