import { tensor } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
import { Lookahead } from './lookahead';
import { SGD } from './sgd';

describe('Lookahead', () => {
  it.each([
    [{ k: 0 }, 'Invalid lookahead steps: 0'],
    [{ alpha: 1.5 }, 'Invalid slow update rate: 1.5'],
  ])('rejects %o', (options, message) => {
    const w = tensor([1, 2], { requiresGrad: true });
    expect(() => new Lookahead(new SGD([w], { lr: 0.1 }), options)).toThrow(message);
  });

  it('pulls the fast weights back to α of the way every k steps (worked example)', () => {
    // SGD lr 1 with g = 1 moves θ by −1 per step: after k = 2 steps θ = 10 − 2 = 8, then
    // φ = 10 + 0.5·(8 − 10) = 9 and θ ← 9; two more: θ = 7, φ = 9 + 0.5·(7 − 9) = 8.
    const w = tensor([10], { dtype: 'float64', requiresGrad: true });
    const opt = new Lookahead(new SGD([w], { lr: 1 }), { k: 2, alpha: 0.5 });
    const seen: number[] = [];
    for (let i = 0; i < 4; i++) {
      w.grad = tensor([1], { dtype: 'float64' });
      opt.step();
      seen.push(w.item());
    }
    expect(seen).toEqual([9, 9, 8, 8]);
  });

  it('with α = 1 is the inner optimizer', () => {
    const a = tensor([1, -2], { dtype: 'float64', requiresGrad: true });
    const b = tensor([1, -2], { dtype: 'float64', requiresGrad: true });
    const plain = new SGD([a], { lr: 0.1, momentum: 0.9 });
    const wrapped = new Lookahead(new SGD([b], { lr: 0.1, momentum: 0.9 }), { k: 3, alpha: 1 });
    for (let i = 0; i < 7; i++) {
      a.grad = tensor([i, 1], { dtype: 'float64' });
      b.grad = tensor([i, 1], { dtype: 'float64' });
      plain.step();
      wrapped.step();
    }
    expect(b.tolist()).toEqual(a.tolist());
  });
});
