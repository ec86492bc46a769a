import { loadGolden } from '@descent/fixtures';
import { describe, expect, it } from 'vitest';
import type { Activation, DenseLayer, Matrix } from './mlp-backprop';
import { formatMlpBackprop, matrix, mlpBackprop } from './mlp-backprop';

const layer = (w: number[][], b: number[], activation: Activation = 'sigmoid'): DenseLayer => ({
  weight: matrix(w),
  bias: Float64Array.from(b),
  activation,
});

describe('mlpBackprop', () => {
  it('reproduces the 2-2-2 worked example in matrix form', () => {
    const g = loadGolden('seed_examples').examples.two_layer_network;
    const trace = mlpBackprop({
      layers: [layer([[0.15, 0.2], [0.25, 0.3]], [0.35, 0.35]), layer([[0.4, 0.45], [0.5, 0.55]], [0.6, 0.6])],
      x: matrix([[0.05, 0.1]]),
      y: matrix([[0.01, 0.99]]),
    });
    expect(trace.loss).toBeCloseTo(g.forward.E_total as number, 14);
    const want = ['w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7', 'w8'].map((k) => g.gradients[k] as number);
    const got = [...(trace.gradWeights[0] as Matrix).data, ...(trace.gradWeights[1] as Matrix).data];
    got.forEach((v, i) => expect(v).toBeCloseTo(want[i] as number, 14));
  });

  // Independent check: central finite differences of the loss in every weight and bias.
  it.each(['sigmoid', 'tanh', 'relu'] as const)('agrees with finite differences on a random %s network', (activation) => {
    let seed = 12345;
    const rnd = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648 - 0.5;
    };
    const sizes = [3, 5, 4, 2];
    const layers = sizes.slice(1).map((n, l) =>
      layer(
        Array.from({ length: n }, () => Array.from({ length: sizes[l] as number }, rnd)),
        Array.from({ length: n }, rnd),
        l === sizes.length - 2 ? 'identity' : activation,
      ),
    );
    const x = matrix(Array.from({ length: 6 }, () => Array.from({ length: 3 }, () => 2 * rnd())));
    const y = matrix(Array.from({ length: 6 }, () => Array.from({ length: 2 }, rnd)));
    const trace = mlpBackprop({ layers, x, y });
    const h = 1e-6;
    layers.forEach((l, li) => {
      for (const [params, grads] of [
        [l.weight.data, (trace.gradWeights[li] as Matrix).data],
        [l.bias, trace.gradBiases[li] as Float64Array],
      ] as const) {
        for (let i = 0; i < params.length; i++) {
          const orig = params[i] as number;
          params[i] = orig + h;
          const up = mlpBackprop({ layers, x, y }).loss;
          params[i] = orig - h;
          const down = mlpBackprop({ layers, x, y }).loss;
          params[i] = orig;
          expect(grads[i]).toBeCloseTo((up - down) / (2 * h), 7);
        }
      }
    });
  });

  it('names both shapes when the input width is wrong', () => {
    expect(() =>
      mlpBackprop({ layers: [layer([[1, 2, 3]], [0])], x: matrix([[1, 2]]), y: matrix([[0]]) }),
    ).toThrow('mat1 and mat2 shapes cannot be multiplied (1x2 and 3x1)');
  });

  it.each([
    ['a bias of the wrong length', [layer([[1, 2]], [0, 0])], [[1, 2]], [[0]], 'mlpBackprop: layer 0 has 1 outputs but a bias of 2'],
    ['an empty batch', [layer([[1, 2]], [0])], [], [], 'mlpBackprop: the batch x must have at least one row, got 0'],
    ['a target of the wrong shape', [layer([[1, 2]], [0])], [[1, 2]], [[0, 1]], 'mlpBackprop: target is 1x2 but the output is 1x1'],
  ])('rejects %s', (_what, layers, x, y, message) => {
    const xm = x.length === 0 ? { rows: 0, cols: 2, data: new Float64Array(0) } : matrix(x);
    const ym = y.length === 0 ? { rows: 0, cols: 1, data: new Float64Array(0) } : matrix(y);
    expect(() => mlpBackprop({ layers, x: xm, y: ym })).toThrow(new RangeError(message));
  });

  it('rejects an unknown activation', () => {
    const bad = { ...layer([[1]], [0]), activation: 'softplus' as Activation };
    expect(() => mlpBackprop({ layers: [bad], x: matrix([[1]]), y: matrix([[0]]) })).toThrow(
      new TypeError('mlpBackprop: layer 0 activation must be sigmoid, tanh, relu or identity, got softplus'),
    );
  });

  it('prints Z, A, Δ and the gradients of every layer', () => {
    // One identity unit, w = 2, b = 1, x = 3, y = 5, by hand: Z = A = 7, Δ = 7 − 5 = 2,
    // ∂E/∂w = Δ·x = 6, ∂E/∂b = 2, loss = ½·2² = 2.
    const trace = mlpBackprop({ layers: [layer([[2]], [1], 'identity')], x: matrix([[3]]), y: matrix([[5]]) });
    expect(formatMlpBackprop(trace).split('\n')).toEqual([
      'loss = 2.000000000',
      '  A_0 = X  [3.000000]',
      'layer 1',
      '  Z_1      [7.000000]',
      '  A_1      [7.000000]',
      '  Δ_1      [2.000000]',
      '  ∂E/∂W_1  [6.000000]',
      '  ∂E/∂b_1  [2.000000]',
    ]);
  });
});
