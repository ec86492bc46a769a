import { readFileSync } from 'node:fs';
import { tensor } from '@descent/autograd';
import { compareClose } from '@descent/fixtures';
import { describe, expect, it } from 'vitest';
import { clipGradNorm_, clipGradValue_, Parameter } from '../src/index';

interface Grads {
  shapes: number[][];
  dtypes: ('float32' | 'float64')[];
  grads: number[][];
  clipped: number[][];
}
interface NormCase extends Grads {
  name: string;
  exact: boolean;
  maxNorm: number;
  normType: number | 'Infinity';
  total: number;
  totalDtype: 'float32' | 'float64';
}

// Written by test/golden/gen_clip.py with PyTorch 1.13.
const golden = JSON.parse(readFileSync(new URL('./golden/clip.json', import.meta.url), 'utf8')) as {
  clipGradNorm_: NormCase[];
  clipGradValue_: Grads & { clipValue: number };
};

function params(c: Grads): Parameter[] {
  return c.grads.map((g, i) => {
    const p = new Parameter(tensor(g.map(() => 0), { dtype: c.dtypes[i] }).reshape(c.shapes[i]!));
    p.grad = tensor(g, { dtype: c.dtypes[i] }).reshape(c.shapes[i]!);
    return p;
  });
}

const flat = (p: Parameter) => Array.from(p.grad!.toTypedArray(), Number);

describe('clipGradNorm_ against PyTorch', () => {
  it.each(golden.clipGradNorm_.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const ps = params(c);
    const total = clipGradNorm_(ps, c.maxNorm, c.normType === 'Infinity' ? Infinity : c.normType);
    expect(total.dtype).toBe(c.totalDtype);
    expect(total.shape).toEqual([]);
    if (c.exact) {
      // Norms float32 computes exactly: the coefficient's roundings decide every bit.
      expect(total.item()).toBe(c.total);
      ps.forEach((p, i) => expect(flat(p)).toEqual(c.clipped[i]));
    } else {
      // Norms of other values may differ from PyTorch's accumulation order in the last bits.
      const tol = c.totalDtype === 'float32' ? { rtol: 2e-6, atol: 1e-7 } : { rtol: 1e-12, atol: 1e-14 };
      expect(compareClose([total.item()], [c.total], tol)).toBeNull();
      ps.forEach((p, i) => expect(compareClose(flat(p), c.clipped[i]!, tol)).toBeNull());
    }
  });
});

describe('clipGradValue_ against PyTorch', () => {
  it('clamps float32 and float64 gradients to ±clipValue', () => {
    const c = golden.clipGradValue_;
    const ps = params(c);
    clipGradValue_(ps, c.clipValue);
    ps.forEach((p, i) => expect(flat(p)).toEqual(c.clipped[i]));
  });
});
