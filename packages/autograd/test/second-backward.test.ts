/**
 * A second backward through the same graph: PyTorch 1.13 raises where a node saved something
 * (its saved tensors are freed after the first pass) and runs again, accumulating, where no node
 * on the path saved anything. Expected behaviour and gradients from golden/second-backward.json
 * (golden/gen_second_backward.py).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cat, stack, tensor, where, zeros } from '../src/index';
import type { Tensor } from '../src/index';

interface Case {
  raises: boolean;
  grad: number[];
  gradAfterSecond?: number[];
}
const golden = JSON.parse(readFileSync(new URL('./golden/second-backward.json', import.meta.url), 'utf8')) as { cases: Record<string, Case> };

const f64 = { dtype: 'float64' } as const;
const EXPRESSIONS: Record<string, (x: Tensor) => Tensor> = {
  'mul by a number': (x) => x.mul(2),
  'div by a number': (x) => x.div(2),
  'mul by a tensor': (x) => x.mul(tensor([1.5, -2, 3], f64)),
  'add a number': (x) => x.add(1),
  'sub a number': (x) => x.sub(1),
  'add a tensor': (x) => x.add(tensor([1, 2, 3], f64)),
  neg: (x) => x.neg(),
  'sum only': (x) => x,
  mean: (x) => x.mean().reshape([1]),
  'reshape and permute': (x) => x.reshape([1, 3]).permute([1, 0]),
  expand: (x) => x.expand([2, 3]),
  transpose: (x) => x.reshape([3, 1]).transpose(0, 1),
  'unsqueeze and squeeze': (x) => x.unsqueeze(0).squeeze(0),
  narrow: (x) => x.narrow(0, 1, 2),
  select: (x) => x.select(0, 1).reshape([1]),
  flip: (x) => x.flip([0]),
  clone: (x) => x.clone(),
  'to float32': (x) => x.to('float32'),
  cat: (x) => cat([x, x]),
  stack: (x) => stack([x, x]),
  cumsum: (x) => x.cumsum(0),
  exp: (x) => x.exp(),
  log: (x) => x.abs().add(1).log(),
  tanh: (x) => x.tanh(),
  sigmoid: (x) => x.sigmoid(),
  relu: (x) => x.relu(),
  'pow 2': (x) => x.pow(2),
  sqrt: (x) => x.abs().add(1).sqrt(),
  abs: (x) => x.abs(),
  'sign (zero gradient)': (x) => x.sign(),
  clamp: (x) => x.clamp(-0.5, 0.5),
  softmax: (x) => x.softmax(0),
  logsumexp: (x) => x.logsumexp(0).reshape([1]),
  max: (x) => x.max().reshape([1]),
  matmul: (x) => x.reshape([1, 3]).matmul(tensor([[1, 1], [1, 1], [1, 1]], f64)),
  'mul by itself': (x) => x.mul(x),
  var: (x) => x.var().reshape([1]),
  where: (x) => where(x.gt(0), x, zeros([3], f64)),
  maskedFill: (x) => x.maskedFill(tensor([true, false, false]), 0),
  gather: (x) => x.gather(0, tensor([2, 0], { dtype: 'int32' })),
  indexSelect: (x) => x.indexSelect(0, tensor([2, 0], { dtype: 'int32' })),
};

const FREED = /^Trying to backward through the graph a second time \(or directly access saved tensors after they have already been freed\)\. Saved intermediate values of the graph are freed when you call \.backward\(\) or autograd\.grad\(\)\. Specify retain_graph=True/;

/** Equal within 1e-12 relative (float64 rules may order sums differently from PyTorch's kernels). */
function expectClose(actual: unknown, expected: readonly number[] | undefined): void {
  const values = actual as number[];
  expect(values).toHaveLength((expected as number[]).length);
  values.forEach((v, i) => expect(Math.abs(v - (expected as number[])[i]!)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(v))));
}

describe('a second backward through the same graph (PyTorch 1.13)', () => {
  it('covers every golden case', () => {
    expect(Object.keys(EXPRESSIONS).sort()).toEqual(Object.keys(golden.cases).sort());
  });

  it.each(Object.entries(golden.cases))('%s', (name, expected) => {
    const x = tensor([0.5, -1.25, 2], { dtype: 'float64', requiresGrad: true });
    const y = (EXPRESSIONS[name] as (x: Tensor) => Tensor)(x).sum();
    y.backward();
    expectClose(x.grad?.tolist(), expected.grad);
    if (expected.raises) {
      expect(() => y.backward()).toThrow(FREED);
      expectClose(x.grad?.tolist(), expected.grad); // nothing accumulated
    } else {
      y.backward();
      expectClose(x.grad?.tolist(), expected.gradAfterSecond);
    }
  });

  it('the issue #25 repro: a.mul(2).sum() raises on the second backward, and retainGraph keeps it', () => {
    const a = tensor([1, 2], { requiresGrad: true });
    const y = a.mul(2).sum();
    y.backward(undefined, { retainGraph: true });
    y.backward();
    expect(a.grad?.tolist()).toEqual([4, 4]);
    expect(() => y.backward()).toThrow(FREED);
  });
});
