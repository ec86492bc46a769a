import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, defaultClientConditions, defineConfig } from 'vite';
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

/** The ONNX exporter's script, loaded by the page only when "Download .onnx" is pressed. */
export const EXPORTER_FILE = 'descent-onnx.js';

/**
 * Builds `src/web/onnx/export-entry.ts` into `assets/descent-onnx.js` after the page: a classic
 * script of its own (with its own copy of the Descent packages), so the exporter, protobufjs and
 * ONNX's definitions are not part of the page's initial JavaScript.
 */
function onnxExporterScript(): Plugin {
  let outDir = '';
  return {
    name: 'descent-onnx-exporter',
    apply: 'build',
    configResolved: (config) => {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle: async () => {
      await build({
        configFile: false,
        logLevel: 'error',
        resolve: { conditions: ['@descent/source', ...defaultClientConditions] },
        define: { 'process.env.NODE_ENV': '"production"' },
        build: {
          outDir: resolve(outDir, 'assets'),
          emptyOutDir: false,
          copyPublicDir: false,
          chunkSizeWarningLimit: 2000,
          lib: {
            entry: fileURLToPath(new URL('./src/web/onnx/export-entry.ts', import.meta.url)),
            formats: ['iife'],
            name: 'descentOnnxExporter',
            fileName: () => EXPORTER_FILE,
          },
        },
      });
    },
  };
}

// The page lives in src/web; workspace packages resolve to their TypeScript source
// (the `@descent/source` condition), so `dev` and `build` need no package build first.
export default defineConfig({
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  base: './',
  resolve: { conditions: ['@descent/source', ...defaultClientConditions] },
  plugins: [classicScript(), onnxExporterScript()],
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
