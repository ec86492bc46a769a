import { describe, expect, it } from 'vitest';
import { tensor } from '@descent/autograd';
import { wasmKernels } from '@descent/tensor';
import { Adam, SGD } from '../src/index';

const k = wasmKernels();

/** 0, 1, 2, … scaled: values whose first Adam step is easy to write down. */
function ramp(n: number, scale: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => i * scale);
}

describe.skipIf(!k?.shared)('large float32 parameters move into WebAssembly memory', () => {
  it('on the first step, keeping their values, and every view of the storage follows', () => {
    const n = 4096;
    const p = tensor(ramp(n, 1e-3), { requiresGrad: true });
    const view = p.data.reshape([64, 64]);
    const before = p.storage.data;
    expect(k!.owns(before)).toBe(false);
    p.grad = tensor(new Float32Array(n).fill(0.5));
    new Adam([p], { lr: 0.1 }).step();
    expect(k!.owns(p.storage.data)).toBe(true);
    expect(view.storage.data).toBe(p.storage.data);
    // Adam's first step moves every element by lr·sign(g) (m̂ = g, v̂ = g², eps negligible).
    const got = p.toTypedArray();
    for (const i of [0, 1, 2047, 4095]) expect(got[i]).toBeCloseTo(i * 1e-3 - 0.1, 6);
    expect(view.toTypedArray()[4095]).toBe(got[4095]);
  });

  it('leaves parameters that are a part of a larger storage, small or float64 where they are', () => {
    const whole = tensor(ramp(8192, 1e-3));
    const half = whole.narrow(0, 0, 4096).detach().requiresGrad_();
    const small = tensor(ramp(16, 1), { requiresGrad: true });
    const double = tensor(new Float64Array(4096), { requiresGrad: true });
    for (const p of [half, small, double]) p.grad = tensor(new Float64Array(p.numel()).fill(1), { dtype: p.dtype });
    // Two steps: this group (mixed dtypes) cannot be laid out flat, so its params are considered
    // for the move after the first step.
    const sgd = new SGD([half, small, double], { lr: 0.5 });
    sgd.step();
    sgd.step();
    for (const p of [half, small, double]) expect(k!.owns(p.storage.data)).toBe(false);
    // Still updated in place: θ − 2·0.5·1.
    expect(whole.toTypedArray()[10]).toBeCloseTo(0.01 - 1, 6);
    expect(whole.toTypedArray()[5000]).toBeCloseTo(5 - 0.0, 5);
  });

  it('in a group: in the flat layout from the second step, or moved then if the group cannot be laid out', () => {
    const a = tensor(ramp(2048, 1e-3), { requiresGrad: true });
    const b = tensor(ramp(1500, 1e-3), { requiresGrad: true });
    const big = tensor(ramp(4096, 1e-3), { requiresGrad: true });
    const double = tensor(new Float64Array(8), { requiresGrad: true });
    const flat = new Adam([a, b], { lr: 0.1 });
    const mixed = new Adam([big, double], { lr: 0.1 });
    for (let step = 0; step < 2; step++) {
      for (const p of [a, b, big, double]) p.grad = tensor(new Float64Array(p.numel()).fill(0.5), { dtype: p.dtype });
      flat.step();
      mixed.step();
      // After the first step nothing has moved yet (a group is not copied twice).
      if (step === 0) for (const p of [a, b, big]) expect(k!.owns(p.storage.data)).toBe(false);
    }
    for (const p of [a, b, big]) expect(k!.owns(p.storage.data)).toBe(true);
    expect(a.storage.data.byteOffset + a.storage.data.byteLength).toBe(b.storage.data.byteOffset);
    // Two Adam steps of lr·sign(g) each.
    expect(big.toTypedArray()[4095]).toBeCloseTo(4.095 - 0.2, 5);
    expect(b.toTypedArray()[1499]).toBeCloseTo(1.499 - 0.2, 5);
  });
});
