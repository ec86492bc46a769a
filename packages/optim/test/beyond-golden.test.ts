/**
 * The optimizers beyond torch.optim against their reference implementations, run under PyTorch
 * 1.13 by fixtures/generators/beyond_optim.py (trajectories of 12–15 steps; several settings each,
 * with weight decay and parameter groups).
 */
import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { compareClose, loadGolden } from '@descent/fixtures';
import type { BeyondOptimCase } from '@descent/fixtures';
import { describe, expect, it } from 'vitest';
import {
  AdEMAMix,
  Adafactor,
  Adam,
  LAMB,
  LARS,
  Lookahead,
  Muon,
  Prodigy,
  SAM,
  SGD,
  ScheduleFreeAdamW,
  ScheduleFreeSGD,
} from '../src/index';
import type { OptimizerLike } from '../src/index';

const golden = loadGolden('beyond_optim');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the golden options are data
type AnyCtor = new (params: any, options: any) => OptimizerLike;
const CLASSES: Record<string, AnyCtor> = { Adafactor, LAMB, LARS, Muon, Prodigy, AdEMAMix, ScheduleFreeAdamW, ScheduleFreeSGD, SGD, Adam };

function build(c: BeyondOptimCase): { params: Tensor[]; optimizer: OptimizerLike } {
  const params: Tensor[] = [];
  const groups = c.groups.map((g) => ({
    ...g.options,
    params: g.params.map((p) => {
      const t = tensor(p.init, { dtype: c.dtype }).reshape(p.shape).detach().requiresGrad_();
      params.push(t);
      return t;
    }),
  }));
  const inner = c.inner;
  if (c.optimizer === 'Lookahead' && inner !== undefined) {
    const base = new (CLASSES[inner.optimizer] as AnyCtor)(groups, inner.options);
    return { params, optimizer: new Lookahead(base, c.options) };
  }
  if (c.optimizer === 'SAM' && inner !== undefined) {
    const Inner = CLASSES[inner.optimizer] as AnyCtor;
    const optimizer = new SAM(groups, (g) => new Inner(g, inner.options) as SGD, c.options);
    return { params, optimizer };
  }
  return { params, optimizer: new (CLASSES[c.optimizer] as AnyCtor)(groups, c.options) };
}

function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, dtype: 'float32' | 'float64', label: string): void {
  const problem = compareClose(got, want, golden.tolerances[dtype]);
  expect(problem ? `${label}: ${problem}` : null).toBeNull();
}

/** SAM's objective: Σ c·θ² + 0.1·θ⁴ + sin θ over every parameter. */
function objective(params: Tensor[], c: number): Tensor {
  return params
    .map((p) => p.mul(p).mul(c).add(p.pow(4).mul(0.1)).add(p.sin()).sum())
    .reduce((a, b) => a.add(b));
}

describe('optimizers beyond torch.optim against their reference implementations', () => {
  it.each(golden.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { params, optimizer } = build(c);
    if (optimizer instanceof ScheduleFreeAdamW || optimizer instanceof ScheduleFreeSGD) optimizer.train();
    c.steps.forEach((s, k) => {
      if (c.protocol === 'sam-closure') {
        optimizer.zeroGrad();
        const loss = objective(params, c.objectiveC as number);
        loss.backward();
        expectClose([loss.item()], [s.loss as number], c.dtype, `step ${k} loss`);
        optimizer.step(() => {
          const l = objective(params, c.objectiveC as number);
          l.backward();
          return l;
        });
        optimizer.zeroGrad();
      } else {
        params.forEach((p, i) => (p.grad = tensor((s.grads as number[][])[i] as number[], { dtype: c.dtype }).reshape([...p.shape])));
        optimizer.step();
      }
      params.forEach((p, i) => expectClose(p.detach().reshape([-1]).tolist() as number[], s.params[i] as number[], c.dtype, `step ${k} param ${i}`));
    });
    if (c.evalParams !== undefined && (optimizer instanceof ScheduleFreeAdamW || optimizer instanceof ScheduleFreeSGD)) {
      optimizer.eval();
      params.forEach((p, i) => expectClose(p.detach().reshape([-1]).tolist() as number[], c.evalParams?.[i] as number[], c.dtype, `eval param ${i}`));
    }
  });
});
