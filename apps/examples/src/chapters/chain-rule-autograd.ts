import { tensor } from '@descent/autograd';

/**
 * The chain-rule example again, differentiated by `@descent/autograd` instead of by hand:
 * f = 1 / (exp(−(w·x + b)) + 1) in float64, then `f.backward()`.
 */
export function chainRuleByAutograd({ x, w, b }: { x: number; w: number; b: number }): {
  f: number;
  dfdx: number;
  dfdw: number;
  dfdb: number;
} {
  const tx = tensor(x, { dtype: 'float64', requiresGrad: true });
  const tw = tensor(w, { dtype: 'float64', requiresGrad: true });
  const tb = tensor(b, { dtype: 'float64', requiresGrad: true });
  const f = tw.mul(tx).add(tb).neg().exp().add(1).pow(-1);
  f.backward();
  const grad = (t: typeof tx): number => t.grad?.item() ?? Number.NaN;
  return { f: f.item(), dfdx: grad(tx), dfdw: grad(tw), dfdb: grad(tb) };
}
