import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { compareClose } from '@descent/fixtures';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { functional as F } from '../src/index';

// PyTorch 1.13 float32 values and gradients of the fused activations (golden/gen_activations_f32.py):
// 64 inputs, run alone (the TypeScript kernels) and tiled 40 times (2560 elements: the WebAssembly
// kernels, as PyTorch's vectorised ones). Ours compute each element in float64 and round once;
// PyTorch's float32 kernels are a few ulp off the exact value, hence the tolerance.
interface Case {
  name: string;
  output: number[];
  grad: number[];
}
const golden = JSON.parse(readFileSync(new URL('./golden/activations-f32.json', import.meta.url), 'utf8')) as { tiles: number; input: number[]; cotangent: number[]; cases: Case[] };

const EXPRESSIONS: Record<string, (x: Tensor) => Tensor> = {
  elu: (x) => F.elu(x),
  elu_alpha: (x) => F.elu(x, { alpha: 0.5 }),
  celu_alpha: (x) => F.celu(x, { alpha: 2 }),
  selu: (x) => F.selu(x),
  silu: (x) => F.silu(x),
  mish: (x) => F.mish(x),
  softplus: (x) => F.softplus(x),
  softplus_beta_threshold: (x) => F.softplus(x, { beta: 2, threshold: 5 }),
  softsign: (x) => F.softsign(x),
  hardtanh_range: (x) => F.hardtanh(x, -2.5, 4),
  relu6: (x) => F.relu6(x),
  hardsigmoid: (x) => F.hardsigmoid(x),
  hardswish: (x) => F.hardswish(x),
  logsigmoid: (x) => F.logsigmoid(x),
  gelu: (x) => F.gelu(x),
  gelu_tanh: (x) => F.gelu(x, { approximate: 'tanh' }),
};
const tile = (values: number[], times: number): number[] => Array.from({ length: times }, () => values).flat();
const plainTol = { rtol: 3e-6, atol: 2e-7 };
// PyTorch's float32 GELU forms 1 + erf(x/√2) (or 1 + tanh(…)) in float32, which cancels for
// negative x: its results there are off the exact value by up to ~|x|·2⁻²⁴ (0 where the exact value
// is 3e-7); ours keep the tail (the exact value rounded once).
const geluTol = { rtol: 3e-6, atol: 6e-7 };

describe('fused activations against PyTorch 1.13 (float32)', () => {
  it('has an expression for every case', () => {
    expect(Object.keys(EXPRESSIONS).sort()).toEqual(golden.cases.map((c) => c.name).sort());
  });

  it.each(golden.cases.flatMap((c) => [[c.name, 1, c], [c.name, golden.tiles, c]] as const))('%s on %i tile(s): values and gradient', (_name, tiles, c) => {
    const x = tensor(tile(golden.input, tiles), { requiresGrad: true });
    const out = EXPRESSIONS[c.name]!(x);
    const tol = c.name.startsWith('gelu') ? geluTol : plainTol;
    expect(out.dtype).toBe('float32');
    expect(compareClose(Array.from(out.toTypedArray()), tile(c.output, tiles), tol)).toBeNull();
    out.backward(tensor(tile(golden.cotangent, tiles)));
    expect(compareClose(Array.from(x.grad!.toTypedArray()), tile(c.grad, tiles), tol)).toBeNull();
  });
});
