import { expectAllClose, loadGolden } from '@descent/fixtures';
import { describe, expect, it } from 'vitest';
import { tensor } from '../src/index';
import type { Tensor } from '../src/index';

type Inputs = Record<string, Tensor>;

/** Each golden `expr`, written with our API (the golden file's `expr` string is the spec). */
const EXPRESSIONS: Record<string, (v: Inputs) => Tensor> = {
  chain_rule: ({ x, w, b }) =>
    tensor(1, { dtype: 'float64' }).div(w!.mul(x!).add(b!).neg().exp().add(1)),
  broadcast_mul_sum: ({ a, b }) => a!.mul(b!).sum(),
  matmul_tanh_mean: ({ a, b }) => a!.matmul(b!).tanh().mean(),
  batched_matmul: ({ a, b }) => a!.matmul(b!).pow(2).sum(),
  softmax_weighted: ({ a, b }) => a!.softmax(1).mul(b!).sum(),
  logsumexp_dim0: ({ a }) => a!.logsumexp(0).sum(),
  log_softmax_nll: ({ a, b }) => a!.logSoftmax(1).mul(b!).sum().neg().div(4),
  div_pow: ({ a, b }) => a!.div(b!.mul(b!).add(1)).pow(3).sum(),
  relu_sigmoid: ({ a, b }) => a!.sub(0.3).relu().mul(b!.sigmoid()).sum(),
  softplus: ({ a }) => a!.exp().add(1).log().sum(),
  transpose_reshape: ({ a, b }) => a!.transpose(0, 1).reshape([6]).mul(b!).sum(),
  unsqueeze_expand: ({ a, b }) => a!.unsqueeze(0).expand([4, 3]).mul(b!).sum(),
  sqrt_clamp: ({ a }) => a!.mul(a!).add(1).sqrt().clamp(1.1, 2).sum(),
  maximum: ({ a, b }) => a!.maximum(b!).sum(),
  center_var: ({ a }) => a!.sub(a!.mean(1, true)).pow(2).mean(),
  permute_sum_dim: ({ a, b }) => a!.permute([2, 0, 1]).sum(1).mul(b!).sum(),
};

const golden = loadGolden('autograd');
const flat = (v: unknown): number[] =>
  Array.isArray(v) ? (v.flat(Infinity as 1) as number[]) : [v as number];

describe('golden autograd.json (PyTorch 1.13, float64)', () => {
  it('has an expression for every case', () => {
    expect(Object.keys(EXPRESSIONS).sort()).toEqual(golden.cases.map((c) => c.name).sort());
  });

  it.each(golden.cases.map((c) => [c.name, c] as const))(
    '%s: output and gradients match',
    (_name, c) => {
      const inputs: Inputs = {};
      for (const [key, value] of Object.entries(c.inputs)) {
        const leaf = tensor(flat(value), { dtype: 'float64' })
          .reshape(c.shapes[key] ?? [])
          .detach()
          .requiresGrad_();
        inputs[key] = leaf;
      }
      const tol = { rtol: golden.rtol, atol: golden.atol };
      const out = (EXPRESSIONS[c.name] as (v: Inputs) => Tensor)(inputs);
      expect(out.shape).toEqual([]);
      expectAllClose(out.item(), c.output, tol, `${c.name} output`);
      out.backward();
      for (const [key, want] of Object.entries(c.grads)) {
        const got = inputs[key]!.grad;
        expect(got).not.toBeNull();
        expect(got!.shape).toEqual(c.shapes[key]);
        expectAllClose(got!.toTypedArray(), flat(want), tol, `${c.name} grad ${key}`);
      }
    },
  );
});

describe('seed_examples.json chain_rule', () => {
  it('f = 1/(exp(−(w·x + b)) + 1) at x = 1, w = 0, b = 0 has ∂f/∂w = ∂f/∂b = 0.25', () => {
    const ex = loadGolden('seed_examples').examples.chain_rule;
    const x = tensor(ex.x, { dtype: 'float64', requiresGrad: true });
    const w = tensor(ex.w, { dtype: 'float64', requiresGrad: true });
    const b = tensor(ex.b, { dtype: 'float64', requiresGrad: true });
    const f = w.mul(x).add(b).neg().exp().add(1).reciprocal();
    f.backward();
    const tol = { rtol: 1e-12, atol: 1e-12 };
    expectAllClose(f.item(), ex.f, tol);
    expectAllClose(w.grad!.item(), ex.dfdw, tol);
    expectAllClose(b.grad!.item(), ex.dfdb, tol);
    expectAllClose(x.grad!.item(), ex.dfdx, tol);
    // Hand-worked: f = σ(0) = 0.5, ∂f/∂w = σ(0)(1 − σ(0))·x = 0.25.
    expect(w.grad!.item()).toBe(0.25);
  });
});
