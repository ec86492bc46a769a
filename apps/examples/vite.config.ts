import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';
import type { Plugin } from 'vite';

/**
 * Emits the page as one classic (non-module) script, so the built `dist/index.html` also works
 * opened straight from disk (browsers refuse module scripts over file://).
 */
function classicScript(): Plugin {
  return {
    name: 'descent-classic-script',
    apply: 'build',
    transformIndexHtml: (html) =>
      html
        .replace(/<script type="module" crossorigin/g, '<script defer')
        .replace(/ crossorigin(?=[ >])/g, ''),
  };
}

// The page lives in src/web; workspace packages resolve to their TypeScript source
// (the `@descent/source` condition), so `dev` and `build` need no package build first.
export default defineConfig({
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  base: './',
  resolve: { conditions: ['@descent/source', ...defaultClientConditions] },
  plugins: [classicScript()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    modulePreload: false,
    cssCodeSplit: false,
    // vega + vega-lite are about 1 MB minified: one chunk, loaded once.
    chunkSizeWarningLimit: 2000,
    rollupOptions: { output: { format: 'iife', inlineDynamicImports: true } },
  },
});
