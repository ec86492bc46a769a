import { describe, expect, it } from 'vitest';
import { Generator, keep, randn, scope, tensor, zeros } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { Adam, SGD } from '../src/index';
import type { Optimizer } from '../src/index';

/**
 * Trying to break `scope()` (issue #23): whatever a scope gives back to the pools must be dead.
 * The strongest check is that a training loop run inside scopes ends bit for bit where the same
 * loop without scopes ends: a recycled array still in use would be overwritten by a later result.
 */
function problem(): { params: Tensor[]; x: Tensor; target: Tensor } {
  const generator = new Generator().manualSeed(3);
  const x = randn([16, 12], { generator });
  const target = randn([16, 4], { generator });
  const w1 = randn([12, 24], { generator }).mul(0.3).detach().requiresGrad_();
  const b1 = zeros([24], { requiresGrad: true });
  const w2 = randn([24, 4], { generator }).mul(0.3).detach().requiresGrad_();
  return { params: [w1, b1, w2], x, target };
}

function lossOf(params: Tensor[], x: Tensor, target: Tensor): Tensor {
  const [w1, b1, w2] = params as [Tensor, Tensor, Tensor];
  return x.matmul(w1).add(b1).tanh().matmul(w2).sub(target).pow(2).mean();
}

type Make = (params: Tensor[]) => Optimizer<object>;

function train(make: Make, scoped: boolean, setToNone: boolean, steps: number): { params: number[][]; losses: number[] } {
  const { params, x, target } = problem();
  let optimizer: Optimizer<object> | null = null;
  const losses: number[] = [];
  const step = (): number => {
    // Made on the first step: inside the first scope when scoped (its state too).
    optimizer ??= make(params);
    const loss = lossOf(params, x, target);
    loss.backward();
    optimizer.step();
    optimizer.zeroGrad({ setToNone });
    return loss.item();
  };
  for (let i = 0; i < steps; i++) losses.push(scoped ? scope(step) : step());
  return { params: params.map((p) => Array.from(p.detach().contiguous().storage.data)), losses };
}

describe('scope() cannot corrupt what the library keeps (issue #23)', () => {
  const optimizers: [string, Make][] = [
    ['Adam (amsgrad)', (p) => new Adam(p, { lr: 1e-2, amsgrad: true }) as unknown as Optimizer<object>],
    ['SGD (momentum, nesterov)', (p) => new SGD(p, { lr: 0.05, momentum: 0.9, nesterov: true }) as unknown as Optimizer<object>],
  ];
  for (const [name, make] of optimizers) {
    for (const setToNone of [true, false]) {
      it(`${name}, state made on the first step inside a scope, zeroGrad setToNone ${setToNone}: bit-identical to the unscoped loop`, () => {
        const plain = train(make, false, setToNone, 40);
        const scoped = train(make, true, setToNone, 40);
        expect(scoped.losses).toEqual(plain.losses);
        expect(scoped.params).toEqual(plain.params);
        expect(plain.losses.at(-1)).toBeLessThan(plain.losses[0]!);
      });
    }
  }

  it('a grad created inside a scope outlives it, and so does a leaf made inside and stored outside', () => {
    const w = tensor([1, 2, 3], { requiresGrad: true });
    let leaf: Tensor | null = null;
    scope(() => {
      w.mul(w).sum().backward();
      leaf = randn([3], { generator: new Generator().manualSeed(1) }).mul(2).requiresGrad_();
    });
    const expectedLeaf = randn([3], { generator: new Generator().manualSeed(1) }).mul(2).tolist();
    // Churn the pools with results of the same sizes.
    for (let i = 0; i < 5; i++) scope(() => [w.detach().add(100), w.detach().mul(-7), w.detach().neg()]);
    expect(w.grad!.tolist()).toEqual([2, 4, 6]);
    expect(leaf!.tolist()).toEqual(expectedLeaf);
  });

  it('a returned loss keeps its whole graph: backward after the scope matches the unscoped one', () => {
    const { params, x, target } = problem();
    const loss = scope(() => lossOf(params, x, target));
    for (let i = 0; i < 5; i++) scope(() => lossOf(params, x.mul(-1), target.neg()));
    loss.backward();
    const scopedGrads = params.map((p) => p.grad!.tolist());
    for (const p of params) p.grad = null;
    lossOf(params, x, target).backward();
    expect(scopedGrads).toEqual(params.map((p) => p.grad!.tolist()));
  });

  it('zeroGrad() hands the old grads back, but not one the user kept or returned', () => {
    const { params, x, target } = problem();
    const optimizer = new SGD(params, { lr: 0.1 });
    const kept: Tensor[] = [];
    const returned = scope(() => {
      lossOf(params, x, target).backward();
      kept.push(keep(params[0]!.grad!));
      const g = params[1]!.grad!;
      optimizer.step();
      optimizer.zeroGrad();
      return g;
    });
    const keptValues = kept[0]!.tolist();
    const returnedValues = returned.tolist();
    for (let i = 0; i < 5; i++) scope(() => { lossOf(params, x, target).backward(); optimizer.zeroGrad(); });
    expect(kept[0]!.tolist()).toEqual(keptValues);
    expect(returned.tolist()).toEqual(returnedValues);
    expect(returned.shape).toEqual([24]);
  });

  it('an exception in a step recycles nothing and leaves no scope behind', () => {
    const { params, x, target } = problem();
    const optimizer = new Adam(params, { lr: 1e-2 });
    let before: Tensor | null = null;
    expect(() =>
      scope(() => {
        before = lossOf(params, x, target);
        before.backward(null, { retainGraph: true });
        optimizer.step();
        throw new Error('step failed');
      }),
    ).toThrow('step failed');
    const value = before!.item();
    for (let i = 0; i < 3; i++) scope(() => lossOf(params, x.neg(), target));
    expect(before!.item()).toBe(value);
    // Training goes on normally afterwards.
    const losses = [0, 1, 2].map(() => scope(() => { const l = lossOf(params, x, target); l.backward(); optimizer.step(); optimizer.zeroGrad(); return l.item(); }));
    expect(losses[2]).toBeLessThan(losses[0]!);
  });
});
