/**
 * Issue #22: a module script (`node --input-type=module -e …` or `< script.mjs`) doing a large
 * matmul printed the right result and then exited with code 1, because the worker threads were
 * started from CommonJS source with `eval: true` and inherited `--input-type=module`. The package
 * is bundled (as users get it: no tsx, no source condition) and run in fresh Node processes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';
import type { Rollup } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The children test the WebAssembly thread pool: they run with the kernels on even in the fallback suite (DESCENT_WASM=0). */
const { DESCENT_WASM: _off, ...childEnv } = process.env;

let dir = '';
let bundleUrl = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'descent-pool-'));
  const output = (await build({
    configFile: false,
    logLevel: 'error',
    build: {
      write: false,
      minify: false,
      lib: { entry: fileURLToPath(new URL('../src/index.ts', import.meta.url)), formats: ['es'], fileName: 'bundle' },
    },
  })) as Rollup.RollupOutput[] | Rollup.RollupOutput;
  const chunk = (Array.isArray(output) ? output[0]! : output).output[0];
  writeFileSync(join(dir, 'tensor.mjs'), chunk.type === 'chunk' ? chunk.code : '');
  bundleUrl = pathToFileURL(join(dir, 'tensor.mjs')).href;
}, 60_000);

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

/**
 * The child multiplies two 256×256 float64 matrices on two threads (above the threading
 * threshold), several times with pauses so the workers become ready, and compares the product
 * with a plain triple loop in float64 (an independent computation).
 */
const script = (prelude = ''): string => `
${prelude}
const { Generator, getNumThreads, rand, setNumThreads } = await import(${JSON.stringify(bundleUrl)});
setNumThreads(2);
const g = new Generator().manualSeed(0);
const n = 256;
const a = rand([n, n], { dtype: 'float64', generator: g });
const b = rand([n, n], { dtype: 'float64', generator: g });
const A = a.toTypedArray(), B = b.toTypedArray();
const ref = new Float64Array(n * n);
for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) { const x = A[i * n + k]; for (let j = 0; j < n; j++) ref[i * n + j] += x * B[k * n + j]; }
let maxError = 0;
for (let round = 0; round < 15; round++) {
  const c = a.matmul(b).toTypedArray();
  for (let i = 0; i < c.length; i++) maxError = Math.max(maxError, Math.abs(c[i] - ref[i]));
  await new Promise((resolve) => setTimeout(resolve, 10));
}
console.log(JSON.stringify({ maxError, threads: getNumThreads() }));
`;

describe('the Node thread pool under a module script', () => {
  it.each([
    ['node --input-type=module -e', (code: string) => spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', timeout: 60_000, env: childEnv })],
    ['node --input-type=module < script.mjs', (code: string) => spawnSync(process.execPath, ['--input-type=module'], { input: code, encoding: 'utf8', timeout: 60_000, env: childEnv })],
  ])('%s exits with code 0 and the right product', (_label, run) => {
    const child = run(script());
    expect(child.stderr).not.toMatch(/require is not defined|ReferenceError|DESCENT_THREADS/);
    expect(child.status).toBe(0);
    const result = JSON.parse(child.stdout.trim()) as { maxError: number; threads: number };
    expect(result.threads).toBe(2);
    // Sums of 256 products of numbers in [0, 1): the blocked kernel reorders them, within a few ulps of ~64.
    expect(result.maxError).toBeLessThan(1e-11);
  }, 60_000);
});

describe('a pool whose workers fail falls back to one thread with a warning', () => {
  // Replaced in the child before the package loads: a Worker whose construction throws, and one
  // whose script throws on start (an 'error' event), as when a host forbids threads.
  const throwing = `
const threads = process.getBuiltinModule('node:worker_threads');
threads.Worker = class { constructor() { throw new Error('threads are forbidden here'); } };`;
  const erroring = `
const threads = process.getBuiltinModule('node:worker_threads');
const Real = threads.Worker;
threads.Worker = class extends Real { constructor(_url, options) { super(new URL('data:text/javascript,throw new Error("worker start failed")'), options); } };`;
  it.each([
    ['construction throws', throwing, 'threads are forbidden here'],
    ["the worker emits 'error'", erroring, 'worker start failed'],
  ])('%s: exit code 0, the right product, one warning', (_label, prelude, reason) => {
    const child = spawnSync(process.execPath, ['--input-type=module'], { input: script(prelude), encoding: 'utf8', timeout: 60_000, env: childEnv });
    expect(child.status).toBe(0);
    expect(child.stderr).toContain(`[DESCENT_THREADS] Warning: @descent/tensor: could not start worker threads (${reason}); large matmuls run on one thread`);
    expect(child.stderr.match(/DESCENT_THREADS/g)).toHaveLength(1);
    const result = JSON.parse(child.stdout.trim()) as { maxError: number };
    expect(result.maxError).toBeLessThan(1e-11);
  }, 60_000);
});
