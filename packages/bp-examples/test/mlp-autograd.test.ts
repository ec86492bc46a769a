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

const expectAllNear = (got: ArrayLike<number>, want: ArrayLike<number>, label: string): void => {
  if (got.length !== want.length) throw new Error(`${label}: ${got.length} values, autograd ${want.length}`);
  for (let i = 0; i < want.length; i++) {
    const g = got[i] as number;
    const w = want[i] as number;
    if (!(Math.abs(g - w) <= 1e-13 * (1 + Math.abs(w)))) throw new Error(`${label}[${i}]: got ${g}, autograd ${w}`);
  }
};

describe('mlpBackprop agrees with autograd (float64)', () => {
  // seed, hidden activation, output activation, layer sizes, batch
  it.each([
    [1, 'sigmoid', 'sigmoid', [2, 3, 2], 1],
    [2, 'tanh', 'sigmoid', [4, 6, 5, 3], 7],
    [3, 'relu', 'sigmoid', [5, 8, 8, 2], 16],
    [4, 'sigmoid', 'sigmoid', [3, 1, 4], 2],
    [5, 'tanh', 'tanh', [3, 7, 2], 5],
    [6, 'relu', 'relu', [6, 9, 4], 11],
    [7, 'relu', 'identity', [4, 10, 10, 10, 1], 32],
    [8, 'tanh', 'identity', [1, 1], 3],
  ] as const)('random network %d (%s hidden, %s output, sizes %j, batch %d)', (seed, hidden, outAct, sizes, batch) => {
    const rnd = lcg(seed);
    const rows = (r: number, c: number, scale = 1): number[][] => Array.from({ length: r }, () => Array.from({ length: c }, () => scale * rnd()));
    const weights = sizes.slice(1).map((n, l) => rows(n, sizes[l] as number));
    const biases = sizes.slice(1).map((n) => rows(1, n)[0] as number[]);
    const x = rows(batch, sizes[0], 3);
    const y = rows(batch, sizes[sizes.length - 1] as number);
    const acts: Activation[] = weights.map((_, l) => (l === weights.length - 1 ? outAct : hidden));
    const layers: DenseLayer[] = weights.map((w, l) => ({ weight: matrix(w), bias: Float64Array.from(biases[l] as number[]), activation: acts[l] as Activation }));
    const trace = mlpBackprop({ layers, x: matrix(x), y: matrix(y) });

    // The same network through autograd: loss = mean over the batch of ½‖a − y‖²; Z_l keeps its grad, which is Δ_l.
    const W = weights.map((w) => tensor(w, { dtype: 'float64', requiresGrad: true }));
    const B = biases.map((b) => tensor(b, { dtype: 'float64', requiresGrad: true }));
    const Z: Tensor[] = [];
    let a: Tensor = tensor(x, { dtype: 'float64' });
    W.forEach((w, l) => {
      const z = a.matmul(w.T).add(B[l] as Tensor);
      z.retainGrad();
      Z.push(z);
      a = apply(z, acts[l] as Activation);
    });
    const loss = a.sub(tensor(y, { dtype: 'float64' })).pow(2).sum().mul(0.5 / batch);
    loss.backward();
    expect(Math.abs(trace.loss - loss.item())).toBeLessThan(1e-13);
    W.forEach((w, l) => {
      expectAllNear((trace.preActivations[l] as Matrix).data, (Z[l] as Tensor).toTypedArray(), `Z_${l + 1}`);
      expectAllNear((trace.deltas[l] as Matrix).data, ((Z[l] as Tensor).grad as Tensor).toTypedArray(), `Δ_${l + 1}`);
      expectAllNear((trace.gradWeights[l] as Matrix).data, (w.grad as Tensor).toTypedArray(), `∂E/∂W_${l + 1}`);
      expectAllNear(trace.gradBiases[l] as Float64Array, ((B[l] as Tensor).grad as Tensor).toTypedArray(), `∂E/∂b_${l + 1}`);
    });
  });
});
