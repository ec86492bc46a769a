/**
 * An optimizer step is an in-place op (issue #25): it bumps the storage version of every parameter
 * it changes, so that a graph built before the step refuses to backpropagate afterwards, with
 * autograd's in-place error as PyTorch 1.13 raises it:
 *
 *   y = lin(x).pow(2).sum(); opt.step(); y.backward()
 *   → RuntimeError: one of the variables needed for gradient computation has been modified by an
 *     inplace operation: [torch.FloatTensor [3, 2]], which is output 0 of AsStridedBackward0, …
 */
import { describe, expect, it } from 'vitest';
import { Generator, randn, tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { FUSED_THRESHOLD } from '../src/fused';
import { ASGD, AdEMAMix, Adadelta, Adafactor, Adagrad, Adam, AdamW, Adamax, AveragedModel, LAMB, LARS, LBFGS, Lion, Lookahead, Muon, NAdam, Prodigy, RAdam, RMSprop, Rprop, SAM, SGD, ScheduleFreeAdamW, ScheduleFreeSGD } from '../src/index';
import type { OptimizerLike } from '../src/index';

const INPLACE = /one of the variables needed for gradient computation has been modified by an inplace operation/;

type Make = (params: Tensor[]) => OptimizerLike;

const OPTIMIZERS: [string, Make][] = [
  ['SGD', (p) => new SGD(p, { lr: 0.1 })],
  ['SGD momentum', (p) => new SGD(p, { lr: 0.1, momentum: 0.9 })],
  ['Adam', (p) => new Adam(p, { lr: 0.1 })],
  ['AdamW', (p) => new AdamW(p, { lr: 0.1 })],
  ['RMSprop', (p) => new RMSprop(p, { lr: 0.1 })],
  ['Adagrad', (p) => new Adagrad(p, { lr: 0.1 })],
  ['Adamax', (p) => new Adamax(p, {})],
  ['NAdam', (p) => new NAdam(p, {})],
  ['RAdam', (p) => new RAdam(p, {})],
  ['Adadelta', (p) => new Adadelta(p, {})],
  ['ASGD', (p) => new ASGD(p, {})],
  ['Rprop', (p) => new Rprop(p, {})],
  ['Lion', (p) => new Lion(p, { lr: 0.1 })],
  ['LBFGS', (p) => new LBFGS(p, { lr: 0.1, maxIter: 2 })],
  // Beyond torch.optim (issue #16): the same rule holds.
  ['Adafactor', (p) => new Adafactor(p, {})],
  ['LAMB', (p) => new LAMB(p, { lr: 0.1 })],
  ['LARS', (p) => new LARS(p, { lr: 0.1, weightDecay: 0.01 })],
  ['Lookahead(SGD)', (p) => new Lookahead(new SGD(p, { lr: 0.1 }), { k: 1 })],
  ['SAM(SGD)', (p) => new SAM(p, (q) => new SGD(q, { lr: 0.1 }), {})],
  ['ScheduleFreeAdamW', (p) => { const o = new ScheduleFreeAdamW(p, { lr: 0.1 }); o.train(); return o; }],
  ['ScheduleFreeSGD', (p) => { const o = new ScheduleFreeSGD(p, { lr: 0.1 }); o.train(); return o; }],
  ['Muon', (p) => new Muon(p, { lr: 0.1 })],
  ['Prodigy', (p) => new Prodigy(p, {})],
  ['AdEMAMix', (p) => new AdEMAMix(p, { lr: 0.1 })],
];

/** A Linear layer's forward (x·Wᵀ + b) built from autograd ops, as nn.Linear computes it. */
function linear(x: Tensor, w: Tensor, b: Tensor): Tensor {
  return x.matmul(w.t()).add(b);
}

function step(opt: OptimizerLike, loss: () => Tensor): void {
  opt.step(() => {
    opt.zeroGrad();
    const l = loss();
    l.backward();
    return l;
  });
}

describe('an optimizer step is seen by autograd', () => {
  it.each(OPTIMIZERS)('%s: Linear + pow + sum, step, backward → the in-place error', (_name, make) => {
    const w = tensor([[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]], { requiresGrad: true });
    const b = tensor([0.01, -0.02], { requiresGrad: true });
    const x = tensor([[1, 2, 3]], { requiresGrad: true });
    const opt = make([w, b]);
    const y = linear(x, w, b).pow(2).sum();
    step(opt, () => linear(x, w, b).pow(2).sum());
    expect(() => y.backward()).toThrow(INPLACE);
  });

  it('without a step in between, the same backward runs and gives the analytic gradient', () => {
    const w = tensor([[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]], { requiresGrad: true });
    const b = tensor([0.01, -0.02], { requiresGrad: true });
    const x = tensor([[1, 2, 3]], { requiresGrad: true });
    linear(x, w, b).pow(2).sum().backward();
    // d/dx Σ (Wx + b)² = 2 Wᵀ (Wx + b): Wx + b = [0.61, -1.22]
    const o = [0.1 - 0.4 + 0.9 + 0.01, 0.4 + 1 - 1.8 - 0.02];
    const expected = [0, 1, 2].map((j) => 2 * (o[0]! * [0.1, -0.2, 0.3][j]! + o[1]! * [0.4, 0.5, -0.6][j]!));
    const got = Array.from(x.grad!.toTypedArray());
    got.forEach((g, j) => expect(g).toBeCloseTo(expected[j]!, 6));
  });

  it.each(OPTIMIZERS.flatMap(([name, make]) => (['float32', 'float64'] as const).map((dtype) => ({ name, make, dtype }))))(
    '$name ($dtype): every step bumps the version of every parameter it changes',
    ({ name, make, dtype }) => {
      const generator = new Generator().manualSeed(5);
      // Small, large (fused kernels for float32), a strided view's base, and one left without a gradient.
      const ps = [[3], [FUSED_THRESHOLD + 3], [2, 4], [5]].map((shape) => randn(shape, { generator, dtype }).requiresGrad_());
      const frozen = ps[3] as Tensor;
      const opt = make(ps);
      const target = ps.map((p) => randn([...p.shape], { generator, dtype }));
      const loss = (): Tensor => ps.slice(0, 3).map((p, i) => p.sub(target[i] as Tensor).pow(2).sum()).reduce((a, c) => a.add(c));
      for (let s = 0; s < 4; s++) {
        const before = ps.map((p) => p.storage.version);
        const values = ps.map((p) => Array.from(p.toTypedArray()));
        step(opt, loss);
        ps.forEach((p, i) => {
          const changed = Array.from(p.toTypedArray()).some((v, k) => v !== values[i]![k]);
          if (changed) expect(p.storage.version, `param ${i} at step ${s}`).toBeGreaterThan(before[i]!);
        });
        // The first three did change (the property is not vacuous); the frozen one has no gradient.
        expect(ps.slice(0, 3).every((p, i) => p.storage.version > before[i]!)).toBe(true);
        // LBFGS adds its (zero) update to every parameter, as PyTorch's p.add_ does, and Lookahead
        // pulls every parameter toward its slow copy in place: bumped too.
        if (name !== 'LBFGS' && !name.startsWith('Lookahead')) expect(frozen.storage.version).toBe(before[3]);
        expect(frozen.grad).toBeNull();
      }
    },
  );

  it('a strided parameter (a view) is bumped through its storage as well', () => {
    const base = tensor([[1, 2], [3, 4]], { dtype: 'float64' });
    const view = base.t().detach().requiresGrad_();
    const opt = new Adam([view], { lr: 0.1 });
    const y = view.mul(view).sum();
    step(opt, () => view.mul(view).sum());
    expect(() => y.backward()).toThrow(INPLACE);
  });

  it('AveragedModel.updateParameters bumps the averaged copies it writes; copyTo bumps the model', () => {
    const p = tensor([1, 2, 3], { requiresGrad: true });
    const model = { parameters: () => [p] };
    const swa = new AveragedModel(model);
    swa.updateParameters(model);
    const averaged = (swa as unknown as { averaged: Tensor[] }).averaged[0] as Tensor;
    const v0 = averaged.storage.version;
    swa.updateParameters(model);
    expect(averaged.storage.version).toBeGreaterThan(v0);
    const y = p.mul(p).sum();
    swa.copyTo(model);
    expect(() => y.backward()).toThrow(INPLACE);
  });
});
