/** The workloads of the run: one list, measured for us and for each peer. */
import { BEYOND_OPTIMIZERS, type BeyondOptimizer } from './optimizer-workloads';

/** One workload; `size` is N for matmul (N×N by N×N) and the element count otherwise. */
export type Workload =
  | { kind: 'matmul'; name: string; size: number }
  | { kind: 'adam'; name: string; size: number }
  | { kind: 'add'; name: string; size: number; scoped?: boolean }
  | { kind: 'mlp'; name: string }
  | { kind: 'chain'; name: string }
  | { kind: 'lenet'; name: string }
  | { kind: 'conv'; name: string }
  | { kind: 'lstm'; name: string }
  | { kind: 'transformer'; name: string }
  | { kind: 'optimizer'; name: string; optimizer: BeyondOptimizer }
  | { kind: 'mlp-sgd'; name: string }
  | { kind: 'alloc'; name: string; scoped?: boolean }
  | { kind: 'activation'; name: string; activation: 'gelu' | 'silu' };

/** Ops in the autograd chain workload (half `add`, half `mul`). */
export const CHAIN_LENGTH = 1000;

/** The MLP workload: 784-256-10 with ReLU, batch 128, labels cycling through the classes. */
export const MLP = {
  input: 784,
  hidden: 256,
  classes: 10,
  batch: 128,
  labels: (): number[] => Array.from({ length: 128 }, (_, i) => (i * 7) % 10),
};

/** The LeNet-5 workload (issue #15): 1×28×28 images, batch 64, conv 5×5 (6, 16) with 2×2 max pooling, then 256-120-84-10. */
export const LENET = {
  batch: 64,
  labels: (): number[] => Array.from({ length: 64 }, (_, i) => (i * 7) % 10),
};

/** The conv 3×3 workload (issue #15): batch 32, 64 → 64 channels, 32×32, 'same' padding, forward + both backward passes. */
export const CONV = { batch: 32, channels: 64, size: 32, kernel: 3 };

/** Every workload of the table, in print order. */
export const WORKLOADS: readonly Workload[] = [
  ...[128, 256, 512, 1024].map((size) => ({ kind: 'matmul' as const, name: `matmul ${size}`, size })),
  { kind: 'adam', name: 'Adam step 1e6', size: 1e6 },
  { kind: 'adam', name: 'Adam step 1e7', size: 1e7 },
  { kind: 'mlp', name: 'MLP 784-256-10 b128 step' },
  // Ours runs inside scope(), so the result's array is reused (tfjs disposes its result, jax-js too).
  { kind: 'add', name: 'add 1e6', size: 1e6, scoped: true },
  { kind: 'chain', name: `chain of ${CHAIN_LENGTH} tiny ops` },
  { kind: 'lenet', name: 'LeNet-5 b64 step' },
  { kind: 'conv', name: 'conv 3x3 64-64 32x32 b32 fwd+bwd' },
  { kind: 'lstm', name: 'LSTM 64-256 seq 50 b32 step' },
  { kind: 'transformer', name: 'Transformer 2×d128 h4 seq 64 b16 step' },
  ...BEYOND_OPTIMIZERS.map((optimizer) => ({ kind: 'optimizer' as const, name: `${optimizer} step 1024×1024`, optimizer })),
  { kind: 'mlp-sgd', name: 'MLP SGD step' },
  { kind: 'alloc', name: 'allocation per step' },
  { kind: 'activation', name: 'gelu 1e6 fwd+bwd', activation: 'gelu' },
  { kind: 'activation', name: 'silu 1e6 fwd+bwd', activation: 'silu' },
  // The same add without a scope: each result is a new array the collector frees later.
  { kind: 'add', name: 'add 1e6 (no scope)', size: 1e6 },
  // The same MLP step run inside scope() (ours only: the peers' cells are in the row above).
  { kind: 'alloc', name: 'allocation per step, in scope()', scoped: true },
];

/** FLOPs of one run of a workload (matmul, MLP), or undefined where bandwidth bounds it. */
export function flopsOf(w: Workload): number | undefined {
  if (w.kind === 'matmul') return 2 * w.size ** 3;
  if (w.kind === 'mlp' || w.kind === 'mlp-sgd') {
    const { input, hidden, classes, batch } = MLP;
    // Forward: two products; backward: the weight gradients of both layers and the hidden
    // layer's input gradient (the input itself needs none).
    return 2 * batch * (2 * input * hidden + 3 * hidden * classes);
  }
  if (w.kind === 'conv') {
    const { batch, channels, size, kernel } = CONV;
    // Forward, input gradient and weight gradient: three products of the same size.
    return 3 * 2 * batch * channels * channels * kernel * kernel * size * size;
  }
  return undefined;
}

/** Bytes a memory-bound workload must move through DRAM (reads plus writes), or undefined. */
export function bytesOf(w: Workload): number | undefined {
  // Adam reads θ, g, m, v and writes θ, m, v; add reads a, b and writes the result.
  if (w.kind === 'adam') return 7 * 4 * w.size;
  if (w.kind === 'add') return 3 * 4 * w.size;
  return undefined;
}

/** Uniform numbers in [-0.5, 0.5): inputs whose values do not matter to the timing. */
export function random(n: number): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = Math.random() - 0.5;
  return a;
}
