/**
 * Step time of the optimizers beyond torch.optim that do more than element-wise work, on one
 * float32 1024×1024 weight: Adafactor (row/column moments) and Muon (5 Newton–Schulz iterations,
 * three 1024³ matrix products each, through @descent/tensor's matmul), with AdamW on the same
 * weight as the element-wise baseline.
 *
 * Run: `pnpm --filter @descent/optim bench:beyond` (node --conditions=@descent/source --import tsx).
 * Prints ms per step and, for Muon, the matmul rate its Newton–Schulz iterations reach.
 */
import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { getNumThreads, wasmKernels } from '@descent/tensor';
import { Bench } from 'tinybench';
import { Adafactor, AdamW, Muon } from '../src/index';

const ROWS = 1024;
const COLS = 1024;
const QUICK = process.argv.includes('--quick');

function weight(seed: number): Tensor {
  const a = new Float32Array(ROWS * COLS);
  for (let i = 0; i < a.length; i++) a[i] = Math.sin(i * 0.37 + seed) * 0.05;
  const w = tensor(a, { requiresGrad: true }).reshape([ROWS, COLS]).detach().requiresGrad_();
  const g = new Float32Array(ROWS * COLS);
  for (let i = 0; i < g.length; i++) g[i] = Math.cos(i * 0.11 + seed) * 1e-2;
  w.grad = tensor(g).reshape([ROWS, COLS]);
  return w;
}

/** Mean latency of a finished tinybench task, NaN if it failed. */
function meanMs(r: Bench['tasks'][number]['result']): number {
  return r && 'latency' in r ? r.latency.mean : NaN;
}

async function main(): Promise<void> {
  const adamw = new AdamW([weight(1)], { lr: 1e-3 });
  const adafactor = new Adafactor([weight(2)]);
  const muon = new Muon([weight(3)]);
  const fast = new Bench({ time: QUICK ? 300 : 1000, iterations: QUICK ? 5 : 20, warmupIterations: 3 });
  fast.add('AdamW 1024×1024', () => void adamw.step());
  fast.add('Adafactor 1024×1024', () => void adafactor.step());
  // Muon's step is matmul-bound (≈32 GFLOP): a few iterations are enough.
  const slow = new Bench({ time: 0, iterations: QUICK ? 2 : 5, warmupIterations: 1 });
  slow.add('Muon 1024×1024 (5 NS steps)', () => void muon.step());
  await fast.run();
  await slow.run();
  const nsFlops = 5 * 3 * 2 * ROWS * ROWS * COLS;
  const lines = [
    `matmul and fused steps: ${wasmKernels() ? `WebAssembly kernels, ${getNumThreads()} thread(s)` : 'TypeScript loops (no wasm kernels)'}`,
    '',
    'task'.padEnd(32) + 'ms/step'.padStart(10) + 'GFLOP/s'.padStart(10),
  ];
  for (const t of [...fast.tasks, ...slow.tasks]) {
    const ms = meanMs(t.result);
    const rate = t.name.startsWith('Muon') ? (nsFlops / (ms * 1e6)).toFixed(1) : '';
    lines.push(t.name.padEnd(32) + ms.toFixed(2).padStart(10) + rate.padStart(10));
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
