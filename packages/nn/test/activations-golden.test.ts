import { gradcheck, tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { compareClose } from '@descent/fixtures';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CELU, ELU, Hardsigmoid, Hardswish, Hardtanh, LogSigmoid, Mish, ReLU6, SELU, SiLU, Softmin, Softplus, Softsign, functional as F } from '../src/index';

// PyTorch 1.13 values and gradients of the activation zoo (golden/gen_activations.py), float64.
interface Case {
  name: string;
  shape: number[];
  input: number[];
  cotangent: number[];
  output: number[];
  grad: number[];
}
const golden = JSON.parse(readFileSync(new URL('./golden/activations.json', import.meta.url), 'utf8')) as { reprs: string[]; cases: Case[] };

const EXPRESSIONS: Record<string, (x: Tensor) => Tensor> = {
  elu: (x) => F.elu(x),
  elu_alpha: (x) => F.elu(x, { alpha: 0.5 }),
  celu: (x) => F.celu(x),
  celu_alpha: (x) => F.celu(x, 2),
  selu: (x) => F.selu(x),
  silu: (x) => F.silu(x),
  mish: (x) => F.mish(x),
  softplus: (x) => F.softplus(x),
  softplus_beta_threshold: (x) => F.softplus(x, { beta: 2, threshold: 5 }),
  softsign: (x) => F.softsign(x),
  hardtanh: (x) => F.hardtanh(x),
  hardtanh_range: (x) => F.hardtanh(x, -2.5, 4),
  relu6: (x) => F.relu6(x),
  hardsigmoid: (x) => F.hardsigmoid(x),
  hardswish: (x) => F.hardswish(x),
  logsigmoid: (x) => F.logsigmoid(x),
  softmin_dim1: (x) => F.softmin(x, { dim: 1 }),
  softmin_dim0: (x) => F.softmin(x, 0),
  normalize: (x) => F.normalize(x),
  normalize_p1_dim0: (x) => F.normalize(x, { p: 1, dim: 0 }),
};
const values = (t: Tensor): number[] => Array.from(t.toTypedArray(), Number);
const tol = { rtol: 1e-12, atol: 1e-15 };

describe('activation zoo against PyTorch 1.13 (float64)', () => {
  it('has an expression for every case', () => {
    expect(Object.keys(EXPRESSIONS).sort()).toEqual(golden.cases.map((c) => c.name).sort());
  });

  it.each(golden.cases.map((c) => [c.name, c] as const))('%s: values and gradient', (_name, c) => {
    const x = tensor(c.input, { dtype: 'float64' }).reshape(c.shape).detach().requiresGrad_();
    const out = EXPRESSIONS[c.name]!(x);
    expect(compareClose(values(out), c.output, tol)).toBeNull();
    out.mul(tensor(c.cotangent, { dtype: 'float64' }).reshape(c.shape)).sum().backward();
    expect(compareClose(values(x.grad!), c.grad, tol)).toBeNull();
  });

  // The same element-wise cases tiled past 2048 elements run the fused WebAssembly kernels in float64.
  const tiled = golden.cases.filter((c) => c.shape.length === 1);
  it.each(tiled.map((c) => [c.name, c] as const))('%s tiled 130 times (WebAssembly kernels): values and gradient', (_name, c) => {
    const tile = (v: number[]): number[] => Array.from({ length: 130 }, () => v).flat();
    const x = tensor(tile(c.input), { dtype: 'float64', requiresGrad: true });
    const out = EXPRESSIONS[c.name]!(x);
    expect(compareClose(values(out), tile(c.output), tol)).toBeNull();
    out.backward(tensor(tile(c.cotangent), { dtype: 'float64' }));
    expect(compareClose(values(x.grad!), tile(c.grad), tol)).toBeNull();
  });

  it.each(Object.entries(EXPRESSIONS))('%s passes gradcheck away from its kinks', (_name, fn) => {
    const x = tensor([[-2.3, -0.7, 0.45, 1.6], [0.2, -1.1, 2.4, 5.2]], { dtype: 'float64', requiresGrad: true });
    expect(gradcheck(fn, [x])).toBe(true);
  });

  it("modules print as PyTorch's", () => {
    const modules = [new ELU(), new ELU({ alpha: 0.5 }), new CELU(2), new SELU(), new SiLU(), new Mish(), new Softplus({ beta: 2, threshold: 5 }), new Softsign(), new Hardtanh(-2, 3), new ReLU6(), new Hardsigmoid(), new Hardswish(), new LogSigmoid(), new Softmin(1), new Softmin()];
    expect(modules.map((m) => m.toString())).toEqual(golden.reprs);
  });

  it('modules compute their functional form', () => {
    const x = tensor([[-2.3, -0.7, 0.45, 1.6]], { dtype: 'float64' });
    expect(values(new Softplus(2, 5).forward(x))).toEqual(values(F.softplus(x, 2, 5)));
    expect(values(new Hardtanh({ minVal: -2, maxVal: 3 }).forward(x))).toEqual(values(F.hardtanh(x, -2, 3)));
    expect(values(new Softmin(1).forward(x))).toEqual(values(F.softmin(x, 1)));
  });

  it('refuses unknown keywords and impossible ranges in PyTorch words', () => {
    expect(() => F.elu(tensor([1]), { alpa: 1 } as never)).toThrow(new TypeError("elu() got an unexpected keyword argument 'alpa'"));
    expect(() => F.hardtanh(tensor([1]), 2, 1)).toThrow(new RangeError('min_val cannot be greater than max_val'));
    expect(() => (F.silu as (...a: unknown[]) => Tensor)(tensor([1]), 1)).toThrow(new TypeError('silu() takes from 1 to 1 positional arguments but 2 were given'));
  });
});
