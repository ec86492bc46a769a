/**
 * Registers every gradient of tfjs-core (its own `register_all_gradients`), for the workloads
 * whose tfjs side needs more rules than the handful `registerBenchGradients` writes out. That
 * module's extensionless and folder imports do not load in Node's ESM loader, so it is bundled
 * once with esbuild into a temporary file and imported from there. tfjs keeps its engine and its
 * gradient registry on the global object, so the bundle's registrations reach the tfjs-core that
 * the benchmark imports.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

let done = false;

/** Bundles and imports tfjs-core's `register_all_gradients` (once). */
export async function registerAllTfjsGradients(): Promise<void> {
  if (done) return;
  const dist = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-core'));
  const result = await build({
    entryPoints: [join(dist, 'register_all_gradients.js')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'silent',
  });
  const file = join(mkdtempSync(join(tmpdir(), 'descent-bench-')), 'tfjs-gradients.mjs');
  writeFileSync(file, result.outputFiles[0]!.text);
  await import(pathToFileURL(file).href);
  done = true;
}
