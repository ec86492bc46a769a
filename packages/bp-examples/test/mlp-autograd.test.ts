import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
import type { Activation, DenseLayer, Matrix } from '../src/index';
import { matrix, mlpBackprop } from '../src/index';

/** A deterministic source of test numbers (independent of the library's generator). */
function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648 - 0.5;
  };
}

const apply = (t: Tensor, a: Activation): Tensor => (a === 'sigmoid' ? t.sigmoid() : a === 'tanh' ? t.tanh() : a === 'relu' ? t.relu() : t);

describe('mlpBackprop agrees with autograd', () => {
  it.each([
    [1, 'sigmoid', [2, 3, 2], 1],
    [2, 'tanh', [4, 6, 5, 3], 7],
    [3, 'relu', [5, 8, 8, 2], 16],
    [4, 'sigmoid', [3, 1, 4], 2],
  ] as const)('random network %d (%s, sizes %j, batch %d)', (seed, activation, sizes, batch) => {
    const rnd = lcg(seed);
    const rows = (r: number, c: number, scale = 1): number[][] => Array.from({ length: r }, () => Array.from({ length: c }, () => scale * rnd()));
    const weights = sizes.slice(1).map((n, l) => rows(n, sizes[l] as number));
    const biases = sizes.slice(1).map((n) => rows(1, n)[0] as number[]);
    const x = rows(batch, sizes[0], 3);
    const y = rows(batch, sizes[sizes.length - 1] as number);
    const acts: Activation[] = weights.map((_, l) => (l === weights.length - 1 ? 'sigmoid' : activation));
    const layers: DenseLayer[] = weights.map((w, l) => ({ weight: matrix(w), bias: Float64Array.from(biases[l] as number[]), activation: acts[l] as Activation }));
    const trace = mlpBackprop({ layers, x: matrix(x), y: matrix(y) });

    // The same network through autograd: loss = mean over the batch of ½‖a − y‖².
    const W = weights.map((w) => tensor(w, { dtype: 'float64', requiresGrad: true }));
    const B = biases.map((b) => tensor(b, { dtype: 'float64', requiresGrad: true }));
    let a: Tensor = tensor(x, { dtype: 'float64' });
    W.forEach((w, l) => (a = apply(a.matmul(w.T).add(B[l] as Tensor), acts[l] as Activation)));
    const loss = a.sub(tensor(y, { dtype: 'float64' })).pow(2).sum().mul(0.5 / batch);
    loss.backward();
    expect(Math.abs(trace.loss - loss.item())).toBeLessThan(1e-13);
    W.forEach((w, l) => {
      const want = (w.grad as Tensor).toTypedArray();
      (trace.gradWeights[l] as Matrix).data.forEach((g, i) => expect(Math.abs(g - (want[i] as number))).toBeLessThan(1e-13));
      const wantB = (B[l]?.grad as Tensor).toTypedArray();
      (trace.gradBiases[l] as Float64Array).forEach((g, i) => expect(Math.abs(g - (wantB[i] as number))).toBeLessThan(1e-13));
    });
  });
});
