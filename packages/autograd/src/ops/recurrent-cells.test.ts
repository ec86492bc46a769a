import { describe, expect, it } from 'vitest';
import { manualSeed } from '@descent/tensor';
import { randn } from '../factories';
import { gradcheck } from '../gradcheck';
import type { Tensor } from '../tensor';
import { gruCell, lstmCell } from './recurrent-cells';

describe('fused recurrent cells', () => {
  it('lstmCell equals the unfused formulas and its gradients match finite differences', () => {
    manualSeed(0);
    const gates = randn([3, 8], { dtype: 'float64', requiresGrad: true });
    const c = randn([3, 2], { dtype: 'float64', requiresGrad: true });
    const [i, f, g, o] = gates.chunk(4, 1) as [Tensor, Tensor, Tensor, Tensor];
    const cNext = f.sigmoid().mul(c).add(i.sigmoid().mul(g.tanh()));
    const hNext = o.sigmoid().mul(cNext.tanh());
    const hc = lstmCell(gates, c);
    const got = hc.tolist() as number[][];
    const want = (hNext.tolist() as number[][]).map((row, b) => [...row, ...(cNext.tolist() as number[][])[b]!]);
    got.flat().forEach((v, k) => expect(v).toBeCloseTo(want.flat()[k]!, 14));
    expect(gradcheck((a: Tensor, b: Tensor) => lstmCell(a, b), [gates, c])).toBe(true);
    // A strided state (a narrow of the previous step's output) is read through its strides.
    expect(gradcheck((a: Tensor, b: Tensor) => lstmCell(a, lstmCell(a, b).narrow(1, 2, 2)), [gates, c])).toBe(true);
  });

  it('gruCell equals the unfused formulas and its gradients match finite differences', () => {
    manualSeed(1);
    const gi = randn([2, 9], { dtype: 'float64', requiresGrad: true });
    const gh = randn([2, 9], { dtype: 'float64', requiresGrad: true });
    const h = randn([2, 3], { dtype: 'float64', requiresGrad: true });
    const [ir, iz, inNew] = gi.chunk(3, 1) as [Tensor, Tensor, Tensor];
    const [hr, hz, hn] = gh.chunk(3, 1) as [Tensor, Tensor, Tensor];
    const r = ir.add(hr).sigmoid();
    const z = iz.add(hz).sigmoid();
    const n = inNew.add(r.mul(hn)).tanh();
    const want = (h.sub(n).mul(z).add(n).tolist() as number[][]).flat();
    (gruCell(gi, gh, h).tolist() as number[][]).flat().forEach((v, k) => expect(v).toBeCloseTo(want[k]!, 14));
    expect(gradcheck((a: Tensor, b: Tensor, c: Tensor) => gruCell(a, b, c), [gi, gh, h])).toBe(true);
  });

  it('refuses shapes that do not fit', () => {
    expect(() => lstmCell(randn([2, 7]), randn([2, 2]))).toThrow('lstmCell: gates must be [batch, 4·hidden], got [2, 7]');
    expect(() => lstmCell(randn([2, 8]), randn([3, 2]))).toThrow('lstmCell: c must be [2, 2], got [3, 2]');
    expect(() => gruCell(randn([2, 6]), randn([2, 6]), randn([2, 3]))).toThrow('gruCell: h must be [2, 2], got [2, 3]');
  });
});
