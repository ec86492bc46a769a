import { gradcheck, manualSeed, randn } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
import { GRU } from './gru';
import { LSTM } from './lstm';
import { RNN } from './rnn';

describe('recurrent layers back-propagate through time', () => {
  // The layers have no backward rules of their own; this checks the composition end to end in
  // float64 against central differences, through every step, both directions and two layers.
  it.each([
    ['RNN', (): RNN => new RNN(2, 3, { numLayers: 2, bidirectional: true, dtype: 'float64' })],
    ['GRU', (): GRU => new GRU(2, 3, { numLayers: 2, bidirectional: true, dtype: 'float64' })],
  ] as const)('%s: input and initial-state gradients match finite differences', (_name, make) => {
    manualSeed(0);
    const layer = make();
    const x = randn([4, 2, 2], { dtype: 'float64', requiresGrad: true });
    const h0 = randn([4, 2, 3], { dtype: 'float64', requiresGrad: true });
    expect(gradcheck((a: Tensor, b: Tensor) => layer.forward(a, b)[0], [x, h0])).toBe(true);
  });

  it('LSTM: input, h0 and c0 gradients match finite differences', () => {
    manualSeed(1);
    const lstm = new LSTM(2, 3, { numLayers: 2, batchFirst: true, dtype: 'float64' });
    const x = randn([2, 4, 2], { dtype: 'float64', requiresGrad: true });
    const h0 = randn([2, 2, 3], { dtype: 'float64', requiresGrad: true });
    const c0 = randn([2, 2, 3], { dtype: 'float64', requiresGrad: true });
    expect(gradcheck((a: Tensor, h: Tensor, c: Tensor) => lstm.forward(a, [h, c])[1][1], [x, h0, c0])).toBe(true);
  });

  it('a detached state truncates back-propagation at that step', () => {
    manualSeed(2);
    const gru = new GRU(2, 3, { dtype: 'float64' });
    const x = randn([3, 1, 2], { dtype: 'float64', requiresGrad: true });
    const [, h1] = gru.forward(x.narrow(0, 0, 2));
    const [out] = gru.forward(x.narrow(0, 2, 1), h1.detach());
    out.sum().backward();
    const g = Array.from(x.grad!.storage.data);
    expect(g.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(g.slice(4).some((v) => v !== 0)).toBe(true);
  });
});
