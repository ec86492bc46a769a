import { afterEach, describe, expect, it, vi } from 'vitest';
import { instantiateKernels, wasmDisabledByEnv, wasmSimdSupported } from './load';

describe('wasm loading', () => {
  afterEach(() => vi.unstubAllEnvs());

  it.each([
    ['0', true],
    ['1', false],
    ['', false],
  ])('DESCENT_WASM=%j disables the kernels: %s', (value, disabled) => {
    vi.stubEnv('DESCENT_WASM', value);
    expect(wasmDisabledByEnv()).toBe(disabled);
    if (disabled) expect(instantiateKernels()).toBeNull();
  });

  it('Node 20 supports 128-bit SIMD and instantiates the embedded module', () => {
    vi.stubEnv('DESCENT_WASM', '1');
    expect(wasmSimdSupported()).toBe(true);
    const ctx = instantiateKernels();
    expect(ctx?.shared).toBe(true);
    expect(typeof ctx?.exports.matmul_f32).toBe('function');
  });
});
