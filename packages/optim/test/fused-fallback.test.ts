/**
 * The same large float32 cases with the WebAssembly kernels switched off (as DESCENT_WASM=0 or an
 * engine without SIMD does): the TypeScript loops must match the same float64 references.
 */
import { describe, expect, it, vi } from 'vitest';
import { wasmKernels } from '@descent/tensor';
import type * as TensorModule from '@descent/tensor';
import { CASES, N, TORCH_CASES, expectMatchesReference, expectMatchesTorch } from './fused-cases';

vi.mock('@descent/tensor', async (importOriginal) => ({
  ...(await importOriginal<typeof TensorModule>()),
  wasmKernels: () => null,
}));

describe(`optimizers on ${N} float32 values, TypeScript fallback, match float64 references`, () => {
  it('runs without the kernels', () => {
    expect(wasmKernels()).toBeNull();
  });
  it.each(CASES)('%s', (_label, make, ref) => expectMatchesReference(make, ref));
});

describe('TypeScript fallback, against PyTorch 1.13 on 1030 float32 values', () => {
  it.each(TORCH_CASES)('%s', (_label, c) => expectMatchesTorch(c));
});
