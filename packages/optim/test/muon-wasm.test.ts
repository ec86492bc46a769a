/**
 * Muon's Newton–Schulz on matrices past the small-matrix loops goes through the tensor package's
 * matmul, which dispatches to the WebAssembly kernel: three products per iteration, each seen by
 * a spy on the kernel, and the float32 result agrees with an independent float64 iteration.
 */
import { tensor } from '@descent/autograd';
import { wasmKernels } from '@descent/tensor';
import { describe, expect, it, vi } from 'vitest';
import { Muon } from '../src/index';
import { newtonSchulz } from '../src/muon';

const disabledByEnv = process.env.DESCENT_WASM === '0';

/** The LCG of the fused tests, in [-1, 1). */
function values(seed: number, n: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  });
}

/** Newton–Schulz in float64 with plain loops, written out from the reference (KellerJordan/Muon's zeropower_via_newtonschulz5). */
function newtonSchulz64(g: readonly number[], rows: number, cols: number, steps: number): number[] {
  const [a, b, c] = [3.4445, -4.775, 2.0315];
  const tall = rows > cols;
  const m = tall ? cols : rows;
  const n = tall ? rows : cols;
  let x = Array.from({ length: m * n }, (_, idx) => {
    const i = Math.floor(idx / n), j = idx % n;
    return tall ? (g[j * cols + i] as number) : (g[i * cols + j] as number);
  });
  const norm = Math.sqrt(x.reduce((s, v) => s + v * v, 0)) + 1e-7;
  x = x.map((v) => v / norm);
  const mul = (p: number[], q: number[], r: number, k: number, s: number, transposeQ: boolean): number[] =>
    Array.from({ length: r * s }, (_, idx) => {
      const i = Math.floor(idx / s), j = idx % s;
      let sum = 0;
      for (let t = 0; t < k; t++) sum += (p[i * k + t] as number) * (transposeQ ? (q[j * k + t] as number) : (q[t * s + j] as number));
      return sum;
    });
  for (let step = 0; step < steps; step++) {
    const A = mul(x, x, m, n, m, true);
    const AA = mul(A, A, m, m, m, false);
    const B = A.map((v, i) => b * v + c * (AA[i] as number));
    const BX = mul(B, x, m, m, n, false);
    x = x.map((v, i) => a * v + (BX[i] as number));
  }
  if (!tall) return x;
  return Array.from({ length: rows * cols }, (_, idx) => x[(idx % cols) * n + Math.floor(idx / cols)] as number);
}

describe.skipIf(disabledByEnv)('Muon through the wasm matmul', () => {
  it.each([
    [48, 64],
    [64, 40],
  ])('Newton–Schulz of a %i×%i float32 matrix: 3 wasm products per iteration, float64 reference within 1e-4', (rows, cols) => {
    const k = wasmKernels();
    expect(k).not.toBeNull();
    const g = values(rows * 1000 + cols, rows * cols);
    const spy = vi.spyOn(k!, 'matmul');
    try {
      const x = newtonSchulz(Float32Array.from(g), rows, cols, 5, 'float32');
      expect(spy).toHaveBeenCalledTimes(15);
      const want = newtonSchulz64(g, rows, cols, 5);
      let worst = 0;
      want.forEach((w, i) => (worst = Math.max(worst, Math.abs((x[i] as number) - w))));
      expect(worst).toBeLessThan(1e-4);
    } finally {
      spy.mockRestore();
    }
  });

  it('a Muon step on a 64×48 float32 weight runs its Newton–Schulz products in wasm and moves θ by lr·√(64/48)·X', () => {
    const k = wasmKernels();
    const rows = 64, cols = 48;
    const init = values(5, rows * cols);
    const grad = values(6, rows * cols);
    const w = tensor(init, { dtype: 'float32' }).reshape([rows, cols]).detach().requiresGrad_();
    const opt = new Muon([w], { lr: 0.02, momentum: 0.95, nesterov: true, nsSteps: 5 });
    w.grad = tensor(grad, { dtype: 'float32' }).reshape([rows, cols]);
    const spy = vi.spyOn(k!, 'matmul');
    try {
      opt.step();
      expect(spy).toHaveBeenCalledTimes(15);
    } finally {
      spy.mockRestore();
    }
    // First step: B = 0.05·g, U = lerp(g, B, 0.95) = (0.05 + 0.95·0.05)·g, which normalisation removes.
    const x = newtonSchulz64(grad.map((v) => Math.fround(v)), rows, cols, 5);
    const scale = 0.02 * Math.sqrt(rows / cols);
    const got = w.detach().reshape([-1]).tolist() as number[];
    let worst = 0;
    got.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - (Math.fround(init[i] as number) - scale * (x[i] as number))))));
    expect(worst).toBeLessThan(1e-5);
  });
});
