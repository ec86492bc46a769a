import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { compareClose, loadGolden } from '@descent/fixtures';
import type { ClosureCase, FixedGradientCase } from '@descent/fixtures';
import { describe, expect, it } from 'vitest';
import {
  ASGD,
  Adadelta,
  Adagrad,
  Adam,
  AdamW,
  Adamax,
  LBFGS,
  NAdam,
  RAdam,
  RMSprop,
  Rprop,
  SGD,
} from '../src/index';
import type { OptimizerLike } from '../src/index';

const golden = loadGolden('optimizers');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the golden options are data
type AnyOptimizer = new (params: any, options: any) => OptimizerLike;
const CLASSES: Record<string, AnyOptimizer> = {
  SGD,
  Adagrad,
  RMSprop,
  Adam,
  AdamW,
  Adamax,
  NAdam,
  RAdam,
  Adadelta,
  Rprop,
  ASGD,
  LBFGS,
};

function build(c: FixedGradientCase | ClosureCase): { params: Tensor[]; optimizer: OptimizerLike } {
  const params: Tensor[] = [];
  const groups = c.groups.map((g) => ({
    ...g.options,
    params: g.params.map((p) => {
      const t = tensor(p.init, { dtype: c.dtype, requiresGrad: true })
        .reshape(p.shape)
        .detach()
        .requiresGrad_();
      params.push(t);
      return t;
    }),
  }));
  const Ctor = CLASSES[c.optimizer] as AnyOptimizer;
  return { params, optimizer: new Ctor(groups, c.options) };
}

function expectClose(
  got: ArrayLike<number>,
  want: ArrayLike<number>,
  tol: { rtol: number; atol: number },
  label: string,
): void {
  const problem = compareClose(got, want, tol);
  expect(problem ? `${label}: ${problem}` : null).toBeNull();
}

const fixed = golden.cases.filter((c): c is FixedGradientCase => c.protocol === 'fixed-gradients');
const closures = golden.cases.filter((c): c is ClosureCase => c.protocol === 'closure');

describe('optimizers against PyTorch 1.13 (fixed gradients)', () => {
  it.each(fixed.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const tol = golden.tolerances[c.dtype];
    const { params, optimizer } = build(c);
    c.steps.forEach((s, k) => {
      params.forEach(
        (p, i) =>
          (p.grad = tensor(s.grads[i] as number[], { dtype: c.dtype }).reshape([...p.shape])),
      );
      optimizer.step();
      params.forEach((p, i) =>
        expectClose(p.toTypedArray(), s.params[i] as number[], tol, `step ${k} param ${i}`),
      );
    });
    c.finalState.forEach((want, i) => {
      const state = optimizer.state.get(params[i] as Tensor) ?? {};
      for (const [key, value] of Object.entries(want)) {
        if (value === null) continue;
        const got = state[key];
        const flat = typeof got === 'number' ? [got] : (got as Tensor).toTypedArray();
        expectClose(
          flat,
          typeof value === 'number' ? [value] : value,
          tol,
          `final state ${key} of param ${i}`,
        );
      }
    });
  });
});

type Objective = (x: number[]) => [number, number[]];

function objectiveOf(c: ClosureCase): Objective {
  const o = c.objective;
  if (o.kind === 'rosenbrock') {
    return ([x0 = 0, x1 = 0]) => [
      (1 - x0) ** 2 + 100 * (x1 - x0 * x0) ** 2,
      [-2 * (1 - x0) - 400 * x0 * (x1 - x0 * x0), 200 * (x1 - x0 * x0)],
    ];
  }
  const A = o.A as number[][];
  const b = o.b as number[];
  return (x) => {
    const Ax = A.map((row) => row.reduce((s, a, j) => s + a * (x[j] as number), 0));
    const s1 = x.reduce((s, v, i) => s + v * (Ax[i] as number), 0);
    const s2 = x.reduce((s, v, i) => s + (b[i] as number) * v, 0);
    return [0.5 * s1 - s2, Ax.map((v, i) => v - (b[i] as number))];
  };
}

describe('LBFGS against PyTorch 1.13 (closure protocol)', () => {
  it.each(closures.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const tol = golden.tolerances.float64;
    const { params, optimizer } = build(c);
    const x = params[0] as Tensor;
    const objective = objectiveOf(c);
    let evaluations = 0;
    const closure = (): number => {
      optimizer.zeroGrad();
      evaluations++;
      const [f, g] = objective(x.tolist() as number[]);
      x.grad = tensor(g, { dtype: 'float64' });
      return f;
    };
    c.steps.forEach((s, k) => {
      const loss = optimizer.step(closure) as number;
      expectClose([loss], [s.loss], tol, `loss of step ${k}`);
      expectClose(x.toTypedArray(), s.params[0] as number[], tol, `x after step ${k}`);
      expect(evaluations).toBe(s.evaluations);
    });
    expect((optimizer as unknown as LBFGS).counters).toEqual(c.lbfgsState);
  });
});
