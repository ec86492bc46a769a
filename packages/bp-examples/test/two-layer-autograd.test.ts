import { loadGolden } from '@descent/fixtures';
import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { SGD } from '@descent/optim';
import { describe, expect, it } from 'vitest';
import { TWO_LAYER_SETUP, WEIGHT_NAMES, twoLayerNetworkExample } from '../src/index';

const golden = loadGolden('seed_examples').examples.two_layer_network;
const CHECKPOINTS = golden.errors_after_updates.map((e) => e.updates); // 1, 10, 100, 1000, 10000

interface Checkpoint {
  updates: number;
  error: number;
  weights: number[];
}

/**
 * The 2-2-2 network with autograd and torch-style SGD in float64, W1 = [[w1, w2], [w3, w4]],
 * W2 = [[w5, w6], [w7, w8]]: one run of 10,000 updates, recorded at each checkpoint.
 */
function autogradRun(): { firstGradients: number[]; checkpoints: Checkpoint[] } {
  const { inputs, weights: w, biases, targets, lr } = TWO_LAYER_SETUP;
  const W1 = tensor([[w.w1, w.w2], [w.w3, w.w4]], { dtype: 'float64', requiresGrad: true });
  const W2 = tensor([[w.w5, w.w6], [w.w7, w.w8]], { dtype: 'float64', requiresGrad: true });
  const x = tensor(inputs, { dtype: 'float64' });
  const t = tensor(targets, { dtype: 'float64' });
  const error = (): Tensor => W2.matmul(W1.matmul(x).add(biases[0]).sigmoid()).add(biases[1]).sigmoid().sub(t).pow(2).mul(0.5).sum();
  const opt = new SGD([W1, W2], { lr });
  let firstGradients: number[] = [];
  const checkpoints: Checkpoint[] = [];
  const last = CHECKPOINTS[CHECKPOINTS.length - 1] as number;
  for (let k = 1; k <= last; k++) {
    opt.zeroGrad();
    error().backward();
    if (k === 1) firstGradients = [...(W1.grad as Tensor).toTypedArray(), ...(W2.grad as Tensor).toTypedArray()];
    opt.step();
    if (CHECKPOINTS.includes(k)) {
      checkpoints.push({ updates: k, error: error().item(), weights: [...W1.toTypedArray(), ...W2.toTypedArray()] });
    }
  }
  return { firstGradients, checkpoints };
}

describe('the 2-2-2 network: hand-derived back-propagation equals autograd + SGD (float64, 1e-12)', () => {
  const auto = autogradRun();

  it('has the same gradients in the first backward pass', () => {
    const hand = twoLayerNetworkExample({ iterations: 1 });
    WEIGHT_NAMES.forEach((name, i) => expect(Math.abs(hand.gradients[name] - (auto.firstGradients[i] as number))).toBeLessThan(1e-12));
  });

  it.each(auto.checkpoints.map((c) => [c.updates, c] as const))('has the same weights and error after %d updates', (updates, c) => {
    const hand = twoLayerNetworkExample({ iterations: updates });
    WEIGHT_NAMES.forEach((name, i) => expect(Math.abs(hand.finalWeights[name] - (c.weights[i] as number))).toBeLessThan(1e-12));
    expect(Math.abs(hand.errorAfter - c.error)).toBeLessThan(1e-12);
    // Both also match PyTorch's float64 run (seed_examples.json).
    const want = golden.errors_after_updates.find((e) => e.updates === updates)?.E_total as number;
    expect(Math.abs(c.error - want)).toBeLessThan(1e-12);
  });
});
