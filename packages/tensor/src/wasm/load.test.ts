import { afterEach, describe, expect, it, vi } from 'vitest';
import { instantiateKernels, kernelModuleBytes, wasmDisabledByEnv, wasmSimdSupported } from './load';
import { webAssembly } from './wasm-api';

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

  it('ships one module: the shared variant is the plain one with the memory import marked shared', () => {
    const plain = kernelModuleBytes(false);
    const shared = kernelModuleBytes(true);
    const differing = plain.reduce((n, byte, i) => n + (byte === shared[i] ? 0 : 1), 0);
    expect([plain.length === shared.length, differing]).toEqual([true, 1]);
    const api = webAssembly();
    if (api === null) throw new Error('Node 20 has WebAssembly');
    const plainMemory = new api.Memory({ initial: 64, maximum: 65536 });
    const sharedMemory = new api.Memory({ initial: 64, maximum: 65536, shared: true });
    // Each links only against its kind of memory (a mismatch is a LinkError), and both run.
    expect(() => new api.Instance(new api.Module(plain), { env: { memory: sharedMemory } })).toThrow(/memory/i);
    expect(() => new api.Instance(new api.Module(shared), { env: { memory: plainMemory } })).toThrow(/memory/i);
    for (const [bytes, memory] of [[plain, plainMemory], [shared, sharedMemory]] as const) {
      const { exports } = new api.Instance(new api.Module(bytes), { env: { memory } });
      expect(typeof exports.matmul_f32).toBe('function');
    }
  });
});
