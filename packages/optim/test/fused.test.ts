/**
 * Large float32 parameters with the fused WebAssembly kernels on (unless the whole run has
 * DESCENT_WASM=0): each case must match its float64 reference and must really have run in wasm.
 */
import { wasmKernels } from '@descent/tensor';
import { describe, expect, it, vi } from 'vitest';
import { CASES, N, STEPS, TORCH_CASES, expectMatchesReference, expectMatchesTorch } from './fused-cases';

const disabledByEnv = process.env.DESCENT_WASM === '0';
const KERNEL: Record<string, 'adam' | 'sgd' | 'rmsprop' | 'adagrad'> = {
  Adam: 'adam',
  AdamW: 'adam',
  SGD: 'sgd',
  RMSprop: 'rmsprop',
  Adagrad: 'adagrad',
};

describe(`optimizers on ${N} float32 values, fused kernels on, match float64 references`, () => {
  it('has the kernels (Node 20 has WebAssembly SIMD)', () => {
    expect(wasmKernels() === null).toBe(disabledByEnv);
  });

  it.each(CASES)('%s', (label, make, ref) => {
    const k = wasmKernels();
    const kernel = KERNEL[label.split(' ')[0] as string] as 'adam' | 'sgd' | 'rmsprop' | 'adagrad';
    const spy = k ? vi.spyOn(k, kernel) : null;
    try {
      expectMatchesReference(make, ref);
      if (spy) expect(spy).toHaveBeenCalledTimes(STEPS);
    } finally {
      spy?.mockRestore();
    }
  });
});

describe('fused kernels on, against PyTorch 1.13 on 1030 float32 values', () => {
  it.each(TORCH_CASES)('%s', (_label, c) => expectMatchesTorch(c));
});
