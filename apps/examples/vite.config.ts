import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';

// The page lives in src/web; workspace packages resolve to their TypeScript source
// (the `@descent/source` condition), so `dev` and `build` need no package build first.
export default defineConfig({
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  base: './',
  resolve: { conditions: ['@descent/source', ...defaultClientConditions] },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // vega + vega-lite are about 1 MB minified: one chunk, loaded once, cached offline.
    chunkSizeWarningLimit: 2000,
  },
});
