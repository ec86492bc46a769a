/**
 * WebAssembly SIMD kernels (src/wasm) next to tfjs-core on tfjs-backend-cpu and tfjs-backend-wasm
 * (XNNPACK, SIMD), in one run: matmul N×N float32 (N = 128…1024, 1 and 2 threads), an Adam step on
 * 1e6 and 1e7 float32 parameters, element-wise add of 1e6. Prints medians, ratios (tfjs-wasm time /
 * ours: above 1 means we are faster), GFLOP/s, the fraction of the machine's peak and of the copy
 * bandwidth bound, and saves the table to bench-results/wasm-kernels.json.
 * Run: node --conditions=@descent/source --import tsx bench/wasm-kernels.ts  (BENCH_TIME=ms per task)
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';
import { setNumThreads, wasmKernels, wasmThreadsReady } from '../src/wasm/index';
import { measureMachine } from '@descent/bench-machine';

const here = dirname(fileURLToPath(import.meta.url));
const time = Number(process.env.BENCH_TIME ?? 300);
const k = wasmKernels();
if (!k) throw new Error('wasm-kernels bench: WebAssembly SIMD kernels unavailable (DESCENT_WASM=0 or no SIMD)');

// --- the machine (the same reading as the root benchmark's) ------------------------------------
const machine = measureMachine();
const { model, mhz, nativeFlopsPerCycle, nativePeakGflops: nativePeak, wasmPeakGflops: wasmPeak, bandwidthGBs: bandwidth } = machine;

// --- tfjs backends ---------------------------------------------------------------------------
const wasmDir = join(dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm')), '..', 'dist') + '/';
setWasmPaths(wasmDir);
await tf.setBackend('wasm');
await tf.ready();

function random(n: number): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = Math.random() - 0.5;
  return a;
}

interface Row {
  workload: string;
  impl: string;
  medianMs: number;
  gflops?: number;
  fractionOfPeak?: number;
  boundMs?: number;
  timesBound?: number;
}
const rows: Row[] = [];

async function measure(workload: string, impl: string, fn: () => unknown, setup?: () => Promise<void> | void, extra?: (ms: number) => Partial<Row>): Promise<void> {
  if (setup) await setup();
  const bench = new Bench({ time, iterations: 3, warmupTime: 50, warmupIterations: 1 });
  bench.add(impl, fn);
  await bench.run();
  const r = bench.tasks[0]?.result;
  const ms = r && 'latency' in r ? r.latency.p50 ?? r.latency.mean : NaN;
  rows.push({ workload, impl, medianMs: ms, ...extra?.(ms) });
}

// Not tf.tidy(() => t.dataSync()): tidy walks its return value looking for tensors, which for a
// typed array of 1e6 elements costs about a second and would swamp the measurement.
function syncAndDispose(t: tf.Tensor): void {
  t.dataSync();
  t.dispose();
}

const backend = (name: string) => async (): Promise<void> => {
  await tf.setBackend(name);
  await tf.ready();
};

for (const n of [128, 256, 512, 1024]) {
  const a = random(n * n), b = random(n * n), out = new Float32Array(n * n);
  const flops = 2 * n * n * n;
  const rate = (threads: number) => (ms: number): Partial<Row> => ({ gflops: flops / ms / 1e6, fractionOfPeak: flops / ms / 1e6 / (threads * nativePeak) });
  for (const threads of [1, 2]) {
    await measure(`matmul ${n}`, `ours ${threads}T`, () => k.matmul(a, b, out, { m: n, k: n, n }), async () => {
      setNumThreads(threads);
      k.matmul(a, b, out, { m: n, k: n, n });
      for (let i = 0; i < 100 && threads > 1 && !wasmThreadsReady(); i++) await new Promise((r) => setTimeout(r, 20));
    }, rate(threads));
  }
  for (const name of n <= 512 ? ['wasm', 'cpu'] : ['wasm']) {
    // Operands are created after switching backends, so no call pays a cross-backend copy.
    let ta: tf.Tensor2D | null = null, tb: tf.Tensor2D | null = null;
    await measure(`matmul ${n}`, `tfjs-${name}`, () => syncAndDispose(tf.matMul(ta!, tb!)), async () => {
      await backend(name)();
      ta = tf.tensor2d(a, [n, n]);
      tb = tf.tensor2d(b, [n, n]);
    }, rate(1));
    ta!.dispose();
    tb!.dispose();
  }
}
setNumThreads(1);

for (const n of [1e6, 1e7]) {
  const p = random(n), g = random(n), m = new Float32Array(n), v = new Float32Array(n);
  // DRAM traffic of one fused step: read θ, g, m, v and write θ, m, v.
  const boundMs = ((7 * 4 * n) / (bandwidth * 1e9)) * 1e3;
  const vsBound = (ms: number): Partial<Row> => ({ boundMs, timesBound: ms / boundMs });
  let step = 0;
  const opts = () => ({ lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false, step: ++step });
  await measure(`adam ${n}`, 'ours (copy in/out)', () => k.adam(p, g, m, v, null, opts()), undefined, vsBound);
  const rp = k.alloc('float32', n), rg = k.alloc('float32', n), rm = k.alloc('float32', n), rv = k.alloc('float32', n);
  rp.set(p);
  rg.set(g);
  await measure(`adam ${n}`, 'ours (wasm-resident)', () => k.adam(rp, rg, rm, rv, null, opts()), undefined, vsBound);
  for (const name of ['wasm', 'cpu']) {
    let vars: tf.Variable | null = null;
    let grads: tf.Tensor1D | null = null;
    let optimizer: tf.AdamOptimizer | null = null;
    await measure(`adam ${n}`, `tfjs-${name}`, () => {
      // tfjs types the map's values as Variable, though it reads them as gradients of variable `x`.
      optimizer!.applyGradients({ x: grads! as tf.Variable });
      vars!.dataSync();
    }, async () => {
      await backend(name)();
      vars = tf.variable(tf.tensor1d(p), true, 'x');
      grads = tf.tensor1d(g);
      optimizer = tf.train.adam(1e-3);
    }, vsBound);
    optimizer!.dispose();
    vars!.dispose();
    grads!.dispose();
  }
}

{
  const n = 1e6;
  const a = random(n), b = random(n), out = new Float32Array(n);
  const boundMs = ((3 * 4 * n) / (bandwidth * 1e9)) * 1e3;
  const vsBound = (ms: number): Partial<Row> => ({ boundMs, timesBound: ms / boundMs });
  await measure('add 1e6', 'ours (copy in/out)', () => k.binary('add', a, b, out), undefined, vsBound);
  const ra = k.alloc('float32', n), rb = k.alloc('float32', n), ro = k.alloc('float32', n);
  ra.set(a);
  rb.set(b);
  await measure('add 1e6', 'ours (wasm-resident)', () => k.binary('add', ra, rb, ro), undefined, vsBound);
  for (const name of ['wasm', 'cpu']) {
    let ta: tf.Tensor1D | null = null, tb: tf.Tensor1D | null = null;
    await measure('add 1e6', `tfjs-${name}`, () => syncAndDispose(tf.add(ta!, tb!)), async () => {
      await backend(name)();
      ta = tf.tensor1d(a);
      tb = tf.tensor1d(b);
    }, vsBound);
    ta!.dispose();
    tb!.dispose();
  }
}

// --- report ----------------------------------------------------------------------------------
const tfjsWasm = new Map(rows.filter((r) => r.impl === 'tfjs-wasm').map((r) => [r.workload, r.medianMs]));
const table = rows.map((r) => ({
  ...r,
  speedupVsTfjsWasm: (tfjsWasm.get(r.workload) ?? NaN) / r.medianMs,
}));
const fmt = (x: number | undefined, d = 2): string => (x === undefined || Number.isNaN(x) ? '' : x.toFixed(d));
const lines = [
  `CPU ${model} @ ${mhz} MHz; peak float32 ${nativePeak.toFixed(0)} GFLOP/s/core native (${nativeFlopsPerCycle}/cycle), ${wasmPeak.toFixed(0)} GFLOP/s/core for 128-bit wasm SIMD without FMA; copy bandwidth ${bandwidth.toFixed(1)} GB/s (read + write)`,
  ['workload', 'impl', 'median ms', 'GFLOP/s', 'of native peak', 'bound ms', '× bound', 'tfjs-wasm ms / ours'].join('\t'),
  ...table.map((r) => [r.workload, r.impl, fmt(r.medianMs, 3), fmt(r.gflops, 1), fmt(r.fractionOfPeak, 3), fmt(r.boundMs, 3), fmt(r.timesBound), fmt(r.speedupVsTfjsWasm)].join('\t')),
];
process.stdout.write(lines.join('\n') + '\n');
mkdirSync(join(here, '..', 'bench-results'), { recursive: true });
writeFileSync(join(here, '..', 'bench-results', 'wasm-kernels.json'), JSON.stringify({ date: new Date().toISOString(), model, mhz, nativePeak, wasmPeak, bandwidthGBs: bandwidth, time, rows: table }, null, 2));
process.exit(0);
