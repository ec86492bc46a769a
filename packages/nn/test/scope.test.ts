import { describe, expect, it } from 'vitest';
import { Generator, manualSeed, noGrad, randn, scope } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { BatchNorm1d, Linear, Module, ReLU, Sequential } from '../src/index';

/** A layer that caches a tensor made in its forward, in a plain field (no registration). */
class Cached extends Module {
  last: Tensor | null = null;
  override forward(x: Tensor): Tensor {
    this.last = x.mul(2);
    return x;
  }
}

/** Trains a small net made on the first step (inside the first scope when `scoped`). */
function train(scoped: boolean): { state: number[][]; cache: number[][]; losses: number[] } {
  manualSeed(11);
  const generator = new Generator().manualSeed(5);
  const x = randn([8, 6], { generator });
  const y = randn([8, 3], { generator });
  let model: Sequential | null = null;
  const losses: number[] = [];
  const step = (): number => {
    model ??= new Sequential(new Linear(6, 10), new BatchNorm1d(10), new Cached(), new ReLU(), new Linear(10, 3));
    const loss = model.call(x).sub(y).pow(2).mean();
    loss.backward();
    noGrad(() => {
      for (const p of model!.parameters()) p.sub_(p.grad!.mul(0.1));
    });
    model.zeroGrad();
    return loss.item();
  };
  for (let i = 0; i < 25; i++) losses.push(scoped ? scope(step) : step());
  const m = model as unknown as Sequential;
  return {
    state: Object.values(m.stateDict()).map((t) => Array.from(t.contiguous().storage.data)),
    cache: ((m.children()[2] as Cached).last as Tensor).tolist() as number[][],
    losses,
  };
}

describe('scope() and modules (issue #23)', () => {
  it('a model made inside a scope trains bit for bit as without scopes: BatchNorm running stats, a forward cache', () => {
    const plain = train(false);
    const scoped = train(true);
    expect(scoped.losses).toEqual(plain.losses);
    expect(scoped.state).toEqual(plain.state);
    expect(scoped.cache).toEqual(plain.cache);
    expect(plain.losses.at(-1)).toBeLessThan(plain.losses[0]!);
  });
});
