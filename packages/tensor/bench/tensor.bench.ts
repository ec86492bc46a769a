/**
 * Throughput of @descent/tensor's kernels next to tfjs-core on the tfjs cpu backend, in the same
 * process: float32 matmul N×N (N = 128, 256, 512), element-wise add of two 1e6-element tensors, and
 * sum over 1e6 elements. Each task runs three ways: descent with its WebAssembly kernels (the
 * default), descent on its pure TypeScript kernels (wasm routing off, as with DESCENT_WASM=0), and
 * tfjs-cpu; the ratios are tfjs time / ours (above 1 means faster).
 * Run: pnpm --filter @descent/tensor bench   (BENCH_TIME=ms per task, default 1000). The sum runs
 * before the add because tfjs-cpu's add leaves much garbage behind. Before timing, every kernel is
 * also run once on float64 and int32 tensors, as a real program would, so V8 has seen several
 * storage types (a loop that only ever met Float32Array would look faster than it is in use).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Bench } from 'tinybench';
import { setWasmDispatch } from '../src/kernels/wasm-dispatch';
import { Generator, rand } from '../src/index';
import type { Tensor } from '../src/index';

interface Pair {
  label: string;
  /** Work per call, for the throughput column. */
  work: number;
  unit: string;
  ours: () => unknown;
  theirs: () => unknown;
}

/** Runs `fn` with wasm routing on (the default) or off (the TypeScript kernels). */
const withWasm = (on: boolean, fn: () => unknown) => (): unknown => {
  setWasmDispatch(on);
  try {
    return fn();
  } finally {
    setWasmDispatch(true);
  }
};

/** Exercises the kernels on other dtypes first, so the timed float32 runs are not monomorphic. */
function warmOtherDTypes(): void {
  setWasmDispatch(false);
  for (const dtype of ['float64', 'int32'] as const) {
    const a = rand([300, 300], { generator }).mul(10).to(dtype);
    for (let i = 0; i < 20; i++) {
      a.sum();
      a.add(a);
      a.matmul(a);
    }
  }
  setWasmDispatch(true);
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const generator = new Generator().manualSeed(0);
const toTf = (t: Tensor): tf.Tensor => tf.tensor(t.toTypedArray(), [...t.shape]);

function pairs(): Pair[] {
  const out: Pair[] = [];
  for (const n of [128, 256, 512]) {
    const a = rand([n, n], { generator });
    const b = rand([n, n], { generator });
    const ta = toTf(a);
    const tb = toTf(b);
    out.push({
      label: `matmul ${n}x${n} float32`,
      work: 2 * n * n * n,
      unit: 'GFLOP/s',
      ours: () => a.matmul(b),
      theirs: () => tf.tidy(() => tf.matMul(ta, tb).dataSync()),
    });
  }
  const size = 1_000_000;
  const x = rand([size], { generator });
  const y = rand([size], { generator });
  const tx = toTf(x);
  const ty = toTf(y);
  out.push({
    label: 'sum 1e6 float32',
    work: 4 * size,
    unit: 'GB/s',
    ours: () => x.sum(),
    theirs: () => tf.tidy(() => tf.sum(tx).dataSync()),
  });
  out.push({
    label: 'add 1e6 float32',
    // Bytes moved: two inputs read, one output written.
    work: 3 * 4 * size,
    unit: 'GB/s',
    ours: () => x.add(y),
    theirs: () => tf.tidy(() => tf.add(tx, ty).dataSync()),
  });
  return out;
}

async function main(): Promise<void> {
  await tf.setBackend('cpu');
  const time = Number(process.env.BENCH_TIME ?? 1000);
  warmOtherDTypes();
  const rows: string[][] = [['task', 'descent (wasm)', 'descent (TypeScript)', 'tfjs-cpu', 'wasm ratio', 'TS ratio']];
  for (const p of pairs()) {
    // Few iterations are enough for the slow tfjs tasks; a full GC before each task keeps one
    // side's garbage from being collected on the other side's clock.
    const bench = new Bench({ time, iterations: 5, warmupTime: Math.min(300, time), warmupIterations: 2, setup: gc });
    bench.add('descent wasm', withWasm(true, p.ours)).add('descent ts', withWasm(false, p.ours)).add('tfjs', p.theirs);
    await bench.run();
    const [wasm, ts, theirs] = bench.tasks.map((t) => {
      const r = t.result;
      return r && 'latency' in r ? r.latency.mean : NaN;
    }) as [number, number, number];
    const rate = (ms: number): string => `${((p.work / (ms / 1000)) / 1e9).toFixed(2)} ${p.unit} (${ms.toFixed(3)} ms)`;
    rows.push([p.label, rate(wasm), rate(ts), rate(theirs), `${(theirs / wasm).toFixed(2)}x`, `${(theirs / ts).toFixed(2)}x`]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  process.stdout.write(`${rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ')).join('\n')}\n`);
}

await main();
