import { describe, expect, it } from 'vitest';
import { tensor } from '../creation';
import { wasmKernels } from '../wasm/index';
import { adaptiveAvgPool2dBackward, adaptiveAvgPool2dForward, adaptiveMaxPool2dForward } from './adaptive-pool2d';
import { setWasmDispatch } from './wasm-dispatch';

/** Deterministic pseudo-random values in [-2, 2) with a few ties. */
function values(n: number, seed: number): number[] {
  let s = seed;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out.push(Math.round((s / 2147483648) * 4000 - 2000) / 1000 + (i % 7 === 0 ? 0 : 1e-4 * (i % 3)));
  }
  return out;
}

function nested(flat: number[], shape: [number, number, number, number]): number[][][][] {
  const [n, c, h, w] = shape;
  let i = 0;
  return Array.from({ length: n }, () => Array.from({ length: c }, () => Array.from({ length: h }, () => Array.from({ length: w }, () => flat[i++] as number))));
}

/** float64 reference from the definition (PyTorch's windows; sum / kh / kw). */
function reference(flat: number[], [n, c, h, w]: [number, number, number, number], oh: number, ow: number): { avg: number[]; max: number[]; at: number[] } {
  const avg: number[] = [];
  const max: number[] = [];
  const at: number[] = [];
  for (let p = 0; p < n * c; p++) {
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++) {
        const y0 = Math.floor((oy * h) / oh), y1 = Math.ceil(((oy + 1) * h) / oh);
        const x0 = Math.floor((ox * w) / ow), x1 = Math.ceil(((ox + 1) * w) / ow);
        let s = 0, best = -Infinity, pos = -1;
        for (let iy = y0; iy < y1; iy++) {
          for (let ix = x0; ix < x1; ix++) {
            const v = flat[p * h * w + iy * w + ix] as number;
            s += v;
            if (pos < 0 || v > best || Number.isNaN(v)) { best = v; pos = iy * w + ix; }
          }
        }
        avg.push(s / (y1 - y0) / (x1 - x0));
        max.push(best);
        at.push(pos);
      }
    }
  }
  return { avg, max, at };
}

const shapes: Array<[[number, number, number, number], number, number]> = [
  [[2, 3, 7, 5], 3, 2], // non-divisible
  [[4, 16, 9, 9], 1, 1], // global pooling
  [[2, 8, 5, 6], 8, 9], // output larger than input
  [[3, 40, 10, 13], 4, 5], // above the wasm threshold
];

describe('adaptive pooling kernels', () => {
  it('has wasm kernels unless DESCENT_WASM=0', () => {
    if (process.env.DESCENT_WASM === '0') expect(wasmKernels()).toBeNull();
    else expect(wasmKernels()).not.toBeNull();
  });

  it.each(shapes)('matches a float64 re-computation: %j → %i×%i', (shape, oh, ow) => {
    const flat = values(shape.reduce((a, b) => a * b, 1), 7);
    const x = tensor(nested(flat, shape), { dtype: 'float64' });
    const ref = reference(flat, shape, oh, ow);
    expect(Array.from(adaptiveAvgPool2dForward(x, oh, ow).storage.data)).toEqual(ref.avg);
    const { values: v, indices } = adaptiveMaxPool2dForward(x, oh, ow);
    expect(Array.from(v.storage.data)).toEqual(ref.max);
    expect(Array.from(indices.storage.data)).toEqual(ref.at);
  });

  it.each(shapes)('wasm and TypeScript agree bit for bit (float32 and float64): %j → %i×%i', (shape, oh, ow) => {
    for (const dtype of ['float32', 'float64'] as const) {
      const flat = values(shape.reduce((a, b) => a * b, 1), 11);
      flat[5] = NaN;
      const x = tensor(nested(flat, shape), { dtype });
      const g = tensor(nested(values(shape[0] * shape[1] * oh * ow, 3), [shape[0], shape[1], oh, ow]), { dtype });
      const run = (): number[][] => {
        const m = adaptiveMaxPool2dForward(x, oh, ow);
        return [adaptiveAvgPool2dForward(x, oh, ow), adaptiveAvgPool2dBackward(g, shape[2], shape[3]), m.values, m.indices].map((t) => Array.from(t.storage.data as ArrayLike<number>));
      };
      const fast = run();
      setWasmDispatch(false);
      try {
        expect(fast).toEqual(run());
      } finally {
        setWasmDispatch(true);
      }
    }
  });

  it('backward is the adjoint of forward (⟨avg(x), g⟩ = ⟨x, avg*(g)⟩)', () => {
    const shape: [number, number, number, number] = [2, 3, 7, 5];
    const x = values(210, 5);
    const g = values(2 * 3 * 3 * 4, 9);
    const y = adaptiveAvgPool2dForward(tensor(nested(x, shape), { dtype: 'float64' }), 3, 4).storage.data;
    const gx = adaptiveAvgPool2dBackward(tensor(nested(g, [2, 3, 3, 4]), { dtype: 'float64' }), 7, 5).storage.data;
    const lhs = g.reduce((s, v, i) => s + v * (y[i] as number), 0);
    const rhs = x.reduce((s, v, i) => s + v * (gx[i] as number), 0);
    expect(lhs).toBeCloseTo(rhs, 10);
  });
});
