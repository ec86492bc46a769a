import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { TWO_LAYER_SETUP, WEIGHT_NAMES } from '@descent/bp-examples';
import type { TwoLayerSetup, WeightName } from '@descent/bp-examples';

/**
 * The 2-2-2 network's first backward pass again, by `@descent/autograd` instead of by hand: the
 * eight weights are float64 leaves, the forward pass is written with tensor ops (`mul`, `add`,
 * `sigmoid`, `sub`, `square`), then `E_total.backward()`. Returns E_total and every ∂E/∂w.
 *
 * @example
 * twoLayerByAutograd().gradients.w5; // 0.0821670405642308 (the worked example: 0.082167041)
 */
export function twoLayerByAutograd(setup: TwoLayerSetup = TWO_LAYER_SETUP): {
  E_total: number;
  gradients: Record<WeightName, number>;
} {
  const leaf = (v: number): Tensor => tensor(v, { dtype: 'float64', requiresGrad: true });
  const c = (v: number): Tensor => tensor(v, { dtype: 'float64' });
  const w = Object.fromEntries(WEIGHT_NAMES.map((n) => [n, leaf(setup.weights[n])])) as Record<
    WeightName,
    Tensor
  >;
  const [i1, i2] = setup.inputs.map(c) as [Tensor, Tensor];
  const [b1, b2] = setup.biases.map(c) as [Tensor, Tensor];
  const [t1, t2] = setup.targets.map(c) as [Tensor, Tensor];
  const h1 = w.w1.mul(i1).add(w.w2.mul(i2)).add(b1).sigmoid();
  const h2 = w.w3.mul(i1).add(w.w4.mul(i2)).add(b1).sigmoid();
  const o1 = w.w5.mul(h1).add(w.w6.mul(h2)).add(b2).sigmoid();
  const o2 = w.w7.mul(h1).add(w.w8.mul(h2)).add(b2).sigmoid();
  const error = t1.sub(o1).square().add(t2.sub(o2).square()).mul(0.5);
  error.backward();
  const gradients = Object.fromEntries(
    WEIGHT_NAMES.map((n) => [n, w[n].grad?.item() ?? Number.NaN]),
  ) as Record<WeightName, number>;
  return { E_total: error.item(), gradients };
}
