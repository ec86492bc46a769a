import { loadGolden } from '@descent/fixtures';
import { describe, expect, it } from 'vitest';
import { TWO_LAYER_SETUP, WEIGHT_NAMES, formatTwoLayerNetwork, twoLayerNetworkExample } from './two-layer-network';

const golden = loadGolden('seed_examples').examples.two_layer_network;
const expectClose = (got: number, want: number, tol = 1e-12): void => {
  expect(Math.abs(got - want)).toBeLessThanOrEqual(tol + tol * Math.abs(want));
};

describe('twoLayerNetworkExample', () => {
  it('uses the golden setup', () => {
    expect(TWO_LAYER_SETUP.inputs).toEqual(golden.setup.inputs);
    expect(WEIGHT_NAMES.map((n) => TWO_LAYER_SETUP.weights[n])).toEqual(golden.setup.weights);
    expect(TWO_LAYER_SETUP.biases).toEqual(golden.setup.biases);
    expect(TWO_LAYER_SETUP.targets).toEqual(golden.setup.targets);
    expect(TWO_LAYER_SETUP.lr).toBe(golden.setup.lr);
  });

  const trace = twoLayerNetworkExample({ iterations: 1 });

  it.each(Object.entries(golden.forward))('matches PyTorch on forward value %s', (key, want) => {
    expectClose(trace.forward[key as keyof typeof trace.forward], want);
  });

  it.each(WEIGHT_NAMES)('matches PyTorch autograd on ∂E/∂%s and the updated weight', (name) => {
    expectClose(trace.gradients[name], golden.gradients[name] as number);
    expectClose(trace.updatedWeights[name], golden.updated_weights[name] as number);
  });

  it('matches the published (rounded) values of the blog post', () => {
    expect(trace.forward.out_h1).toBeCloseTo(0.593269992, 9);
    expect(trace.forward.out_o1).toBeCloseTo(0.75136507, 8);
    expect(trace.forward.out_o2).toBeCloseTo(0.772928465, 9);
    expect(trace.totalError).toBeCloseTo(0.298371109, 9);
    expect(trace.gradients.w5).toBeCloseTo(0.082167041, 9);
    expect(trace.updatedWeights.w5).toBeCloseTo(0.35891648, 8);
    expect(trace.gradients.w1).toBeCloseTo(0.000438568, 9);
    expect(trace.updatedWeights.w1).toBeCloseTo(0.149780716, 9);
    expect(trace.errorAfter).toBeCloseTo(0.291027774, 9);
  });

  it.each(golden.errors_after_updates)('matches PyTorch after $updates updates', ({ updates, E_total, out_o1, out_o2 }) => {
    const after = twoLayerNetworkExample({ iterations: updates });
    expectClose(after.errorAfter, E_total);
    expectClose(after.forwardAfter.out_o1, out_o1);
    expectClose(after.forwardAfter.out_o2, out_o2);
    expect(after.errorHistory).toHaveLength(updates + 1);
  });

  it('rejects a negative number of iterations', () => {
    expect(() => twoLayerNetworkExample({ iterations: -1 })).toThrow(
      new RangeError('twoLayerNetworkExample: iterations must be a non-negative integer, got -1'),
    );
  });

  it('prints the gradient table', () => {
    expect(formatTwoLayerNetwork(trace)).toContain('w5     0.082167041   0.358916480');
  });
});
