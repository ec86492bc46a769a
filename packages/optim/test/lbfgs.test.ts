import { readFileSync } from 'node:fs';
import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { compareClose } from '@descent/fixtures';
import { describe, expect, it } from 'vitest';
import { LBFGS } from '../src/index';
import type { LBFGSOptions } from '../src/index';

// Written by reference/gen_lbfgs.py with PyTorch 1.13: LBFGS over three parameters (a and b get
// gradients, c never does), the extended Rosenbrock function of [a0, a1, b0, b1].
interface Case {
  name: string;
  options: LBFGSOptions;
  steps: { loss: number; params: number[][]; evaluations: number }[];
  lbfgsState: { funcEvals: number; nIter: number };
}
const reference = JSON.parse(
  readFileSync(new URL('./reference/lbfgs.json', import.meta.url), 'utf8'),
) as { cases: Case[] };
const TOL = { rtol: 1e-10, atol: 1e-12 }; // the float64 tolerance of the goldens

/** f and its gradient in the generator's operation order. */
function objective([x0 = 0, x1 = 0, x2 = 0, x3 = 0]: number[]): [number, number[]] {
  let f = 0;
  f = f + (1 - x0) ** 2;
  f = f + 100 * (x1 - x0 * x0) ** 2;
  f = f + (1 - x2) ** 2;
  f = f + 100 * (x3 - x2 * x2) ** 2;
  const g = [
    -2 * (1 - x0) - 400 * x0 * (x1 - x0 * x0),
    200 * (x1 - x0 * x0),
    -2 * (1 - x2) - 400 * x2 * (x3 - x2 * x2),
    200 * (x3 - x2 * x2),
  ];
  return [f, g];
}

describe('LBFGS over several parameters against PyTorch 1.13', () => {
  it.each(reference.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const a = tensor([-1.2, 1], { dtype: 'float64', requiresGrad: true });
    const b = tensor([0.5, -0.3], { dtype: 'float64', requiresGrad: true });
    const cParam = tensor([1, 2, 3], { dtype: 'float64', requiresGrad: true });
    const opt = new LBFGS([a, b, cParam], c.options);
    let calls = 0;
    const closure = (): Tensor => {
      opt.zeroGrad();
      calls++;
      const [f, g] = objective([...(a.tolist() as number[]), ...(b.tolist() as number[])]);
      a.grad = tensor(g.slice(0, 2), { dtype: 'float64' });
      b.grad = tensor(g.slice(2), { dtype: 'float64' });
      return tensor(f, { dtype: 'float64' });
    };
    c.steps.forEach((s, k) => {
      const loss = opt.step(closure) as number;
      expect(compareClose([loss], [s.loss], TOL), `loss of step ${k}`).toBeNull();
      [a, b, cParam].forEach((p, i) =>
        expect(compareClose(p.toTypedArray(), s.params[i] as number[], TOL), `param ${i} after step ${k}`).toBeNull(),
      );
      expect(calls).toBe(s.evaluations);
    });
    expect(opt.counters).toEqual(c.lbfgsState);
    expect(cParam.tolist()).toEqual([1, 2, 3]);
  });
});
