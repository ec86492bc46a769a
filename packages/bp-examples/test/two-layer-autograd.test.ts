import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { SGD } from '@descent/optim';
import { describe, expect, it } from 'vitest';
import { TWO_LAYER_SETUP, WEIGHT_NAMES, twoLayerNetworkExample } from '../src/index';

/** The 2-2-2 network with autograd and SGD: W1 = [[w1, w2], [w3, w4]], W2 = [[w5, w6], [w7, w8]]. */
function autogradRun(iterations: number): { gradients: number[]; error: number } {
  const { inputs, weights: w, biases, targets, lr } = TWO_LAYER_SETUP;
  const W1 = tensor([[w.w1, w.w2], [w.w3, w.w4]], { dtype: 'float64', requiresGrad: true });
  const W2 = tensor([[w.w5, w.w6], [w.w7, w.w8]], { dtype: 'float64', requiresGrad: true });
  const x = tensor(inputs, { dtype: 'float64' });
  const t = tensor(targets, { dtype: 'float64' });
  const error = (): Tensor => W2.matmul(W1.matmul(x).add(biases[0]).sigmoid()).add(biases[1]).sigmoid().sub(t).pow(2).mul(0.5).sum();
  const opt = new SGD([W1, W2], { lr });
  let gradients: number[] = [];
  for (let k = 0; k < iterations; k++) {
    opt.zeroGrad();
    error().backward();
    if (k === 0) gradients = [...(W1.grad as Tensor).toTypedArray(), ...(W2.grad as Tensor).toTypedArray()];
    opt.step();
  }
  return { gradients, error: error().item() };
}

describe('the 2-2-2 network: hand-derived back-propagation equals autograd + SGD', () => {
  it.each([1, 10, 100, 1000])('after %d updates (float64, 1e-12)', (iterations) => {
    const hand = twoLayerNetworkExample({ iterations });
    const auto = autogradRun(iterations);
    WEIGHT_NAMES.forEach((name, i) => expect(Math.abs(hand.gradients[name] - (auto.gradients[i] as number))).toBeLessThan(1e-12));
    expect(Math.abs(hand.errorAfter - auto.error)).toBeLessThan(1e-12);
  });
});
