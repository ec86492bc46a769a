/**
 * Optimizer step throughput: Adam and SGD with momentum on one float32 parameter of 1e6 and 1e7
 * elements, against tfjs's `tf.train.adam` / `tf.train.momentum` (cpu backend, and wasm when it
 * initialises in Node), all in the same run.
 *
 * Run: `pnpm --filter @descent/optim bench` (node --conditions=@descent/source --import tsx).
 * Also prints the bytes one step must move (reads + writes of param, grad and state) divided by
 * a copy bandwidth measured here with `Float32Array.prototype.set`, as a floor for the step time.
 * Descent's rows are the fused WebAssembly step when the kernels load, the TypeScript loops under
 * `DESCENT_WASM=0` (the header says which); a tfjs backend that fails to start is reported, not hidden.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { Bench } from 'tinybench';
import { tensor } from '@descent/autograd';
import { wasmKernels } from '@descent/tensor';
import { Adam, SGD } from '../src/index';
import { measureMachine } from '@descent/bench-machine';

const SIZES = [1e6, 1e7];
const QUICK = process.argv.includes('--quick');

function filled(n: number): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = Math.sin(i) * 0.5;
  return a;
}

/** Bytes a step moves: every array read once and the written ones written once. */
const BYTES_PER_ELEMENT = {
  // Adam: read p, g, m, v; write p, m, v
  adam: 4 * (4 + 3),
  // SGD momentum: read p, g, buf; write p, buf
  momentum: 4 * (3 + 2),
};

async function initWasm(): Promise<true | string> {
  try {
    const require = createRequire(import.meta.url);
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const dist = dirname(
      require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'),
    );
    wasm.setWasmPaths(join(dist, '/'));
    return (await tf.setBackend('wasm')) || 'tf.setBackend returned false';
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** Mean latency of a finished tinybench task, NaN if it failed. */
function meanMs(r: Bench['tasks'][number]['result']): number {
  return r && 'latency' in r ? r.latency.mean : NaN;
}

interface Row {
  name: string;
  kind: keyof typeof BYTES_PER_ELEMENT;
  n: number;
  ms: number;
}

async function main(): Promise<void> {
  // Copy bandwidth in bytes/ms (the root benchmark's measurement: GB/s of reads + writes).
  const bandwidth = measureMachine().bandwidthGBs * 1e6;
  const rows: Row[] = [];
  const time = { time: QUICK ? 300 : 1000, iterations: QUICK ? 5 : 10, warmupIterations: 5, warmupTime: 200 };
  // tfjs-cpu takes seconds per step at 1e7: a few iterations are enough to see it.
  const slow = { time: 0, iterations: QUICK ? 1 : 3, warmupIterations: 1 };

  for (const n of SIZES) {
    const bench = new Bench(time);
    const grad = filled(n);
    const p1 = tensor(filled(n), { requiresGrad: true });
    p1.grad = tensor(grad);
    const adam = new Adam([p1], { lr: 1e-3 });
    const p2 = tensor(filled(n), { requiresGrad: true });
    p2.grad = tensor(grad);
    const sgd = new SGD([p2], { lr: 1e-3, momentum: 0.9 });
    bench.add(`descent Adam ${n}`, () => void adam.step());
    bench.add(`descent SGD momentum ${n}`, () => void sgd.step());
    await bench.run();
    for (const t of bench.tasks) {
      const ms = meanMs(t.result);
      rows.push({ name: t.name, kind: t.name.includes('Adam') ? 'adam' : 'momentum', n, ms });
    }
  }

  const backends: string[] = ['cpu'];
  await tf.setBackend('cpu');
  const wasmBackend = await initWasm();
  if (wasmBackend === true) backends.push('wasm');
  for (const backend of backends) {
    await tf.setBackend(backend);
    for (const n of SIZES) {
      const bench = new Bench(backend === 'cpu' ? slow : time);
      const v1 = tf.variable(tf.tensor1d(filled(n)), true, `adam${n}${backend}`);
      const v2 = tf.variable(tf.tensor1d(filled(n)), true, `mom${n}${backend}`);
      const g = tf.tensor1d(filled(n));
      const adam = tf.train.adam(1e-3);
      const mom = tf.train.momentum(1e-3, 0.9);
      const sync = (v: tf.Variable): void => void v.dataSync(); // wait for the kernels to finish
      bench.add(`tfjs-${backend} adam ${n}`, () => {
        adam.applyGradients([{ name: v1.name, tensor: g }]);
        sync(v1);
      });
      bench.add(`tfjs-${backend} momentum ${n}`, () => {
        mom.applyGradients([{ name: v2.name, tensor: g }]);
        sync(v2);
      });
      await bench.run();
      for (const t of bench.tasks) {
        const ms = meanMs(t.result);
        rows.push({ name: t.name, kind: t.name.includes('adam') ? 'adam' : 'momentum', n, ms });
      }
      adam.dispose();
      mom.dispose();
      tf.dispose([v1, v2, g]);
    }
  }

  const ours = (kind: Row['kind'], n: number): number =>
    rows.find((r) => r.name.startsWith('descent') && r.kind === kind && r.n === n)?.ms ?? NaN;
  const lines = [
    `descent step: ${wasmKernels() ? 'fused WebAssembly SIMD kernels' : 'TypeScript loops (no wasm kernels)'}`,
    `tfjs backends: ${backends.join(', ')}${wasmBackend === true ? '' : ` (wasm failed: ${wasmBackend})`}`,
    `copy bandwidth (Float32Array.set, 64 MB): ${(bandwidth / 1e6).toFixed(2)} GB/s`,
    '',
  ];
  lines.push(
    'task'.padEnd(34) +
      'ms/step'.padStart(10) +
      'x descent'.padStart(11) +
      'bytes/step'.padStart(13) +
      'copy floor ms'.padStart(15),
  );
  for (const r of rows) {
    const bytes = BYTES_PER_ELEMENT[r.kind] * r.n;
    lines.push(
      r.name.padEnd(34) +
        r.ms.toFixed(3).padStart(10) +
        (r.ms / ours(r.kind, r.n)).toFixed(2).padStart(11) +
        `${(bytes / 1e6).toFixed(0)} MB`.padStart(13) +
        (bytes / bandwidth).toFixed(3).padStart(15),
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
