import { afterEach, describe, expect, it } from 'vitest';
import { manualSeed } from '@descent/tensor';
import type { RecurrentMode } from '@descent/tensor';
import { activeWasmKernels, setWasmDispatch } from '../../../tensor/src/kernels/wasm-dispatch';
import { randn, zeros } from '../factories';
import { gradcheck } from '../gradcheck';
import { stack } from './join';
import type { Tensor } from '../tensor';
import { recurrentSequence } from './recurrent-sequence';

/** The same recurrence written step by step with elementary differentiable ops (independent of the fused kernels). */
function reference(mode: RecurrentMode, gates: Tensor, h0: Tensor, c0: Tensor | null, w: Tensor, b: Tensor | null, reverse: boolean): Tensor {
  const steps = gates.shape[0]!;
  const hidden = h0.shape[1]!;
  let h = h0;
  let c = c0;
  const hs: Tensor[] = new Array<Tensor>(steps);
  for (let k = 0; k < steps; k++) {
    const t = reverse ? steps - 1 - k : k;
    let hh = h.matmul(w.t());
    if (b !== null) hh = hh.add(b);
    const gx = gates.select(0, t);
    if (mode === 'LSTM') {
      const pre = gx.add(hh);
      const [i, f, g, o] = [0, 1, 2, 3].map((q) => pre.narrow(1, q * hidden, hidden)) as [Tensor, Tensor, Tensor, Tensor];
      c = f.sigmoid().mul(c!).add(i.sigmoid().mul(g.tanh()));
      h = o.sigmoid().mul(c.tanh());
    } else if (mode === 'GRU') {
      const part = (x: Tensor, q: number): Tensor => x.narrow(1, q * hidden, hidden);
      const r = part(gx, 0).add(part(hh, 0)).sigmoid();
      const z = part(gx, 1).add(part(hh, 1)).sigmoid();
      const n = part(gx, 2).add(r.mul(part(hh, 2))).tanh();
      h = h.sub(n).mul(z).add(n);
    } else {
      const pre = gx.add(hh);
      h = mode === 'RNN_TANH' ? pre.tanh() : pre.relu();
    }
    hs[t] = h;
  }
  return mode === 'LSTM' ? stack([...hs, c!], 0) : stack(hs, 0);
}

const CASES: Array<[RecurrentMode, boolean, boolean]> = [
  ['LSTM', false, true],
  ['LSTM', true, false],
  ['GRU', false, true],
  ['GRU', true, true],
  ['RNN_TANH', false, true],
  ['RNN_RELU', true, false],
];

/** The fallback suite (DESCENT_WASM=0) has no kernels: there both variants run the TypeScript path. */
const disabledByEnv = process.env.DESCENT_WASM === '0';

describe.each([true, false])('recurrentSequence (wasm dispatch %s)', (wasm) => {
  afterEach(() => setWasmDispatch(true));

  it.each(CASES)('%s (reverse %s, bias %s) equals the step-by-step formulas in float64 and passes gradcheck', (mode, reverse, bias) => {
    setWasmDispatch(wasm);
    expect(activeWasmKernels() !== null).toBe(wasm && !disabledByEnv);
    manualSeed(3);
    const [steps, batch, hidden] = [4, 3, 2];
    const g = mode === 'LSTM' ? 4 : mode === 'GRU' ? 3 : 1;
    const gates = randn([steps, batch, g * hidden], { dtype: 'float64', requiresGrad: true });
    const h0 = randn([batch, hidden], { dtype: 'float64', requiresGrad: true });
    const c0 = mode === 'LSTM' ? randn([batch, hidden], { dtype: 'float64', requiresGrad: true }) : null;
    const w = randn([g * hidden, hidden], { dtype: 'float64', requiresGrad: true });
    const b = bias ? randn([g * hidden], { dtype: 'float64', requiresGrad: true }) : null;
    const got = recurrentSequence(gates, { mode, h0, c0, weightHh: w, biasHh: b, reverse });
    const want = reference(mode, gates, h0, c0, w, b, reverse);
    expect(got.shape).toEqual(want.shape);
    const flatGot = (got.tolist() as number[][][]).flat(2);
    (want.tolist() as number[][][]).flat(2).forEach((v, i) => expect(flatGot[i]).toBeCloseTo(v, 12));
    const inputs = [gates, h0, ...(c0 ? [c0] : []), w, ...(b ? [b] : [])];
    const fn = (...xs: Tensor[]): Tensor => {
      const [gx, h, ...rest] = xs as [Tensor, Tensor, ...Tensor[]];
      const c = mode === 'LSTM' ? rest.shift()! : null;
      const weight = rest.shift()!;
      return recurrentSequence(gx, { mode, h0: h, c0: c, weightHh: weight, biasHh: rest.shift() ?? null, reverse });
    };
    expect(gradcheck(fn, inputs)).toBe(true);
  });

  it('float32 outputs and gradients agree with the float64 run', () => {
    setWasmDispatch(wasm);
    manualSeed(5);
    const gates = randn([6, 4, 12], { dtype: 'float64' });
    const h0 = randn([4, 3], { dtype: 'float64' });
    const c0 = randn([4, 3], { dtype: 'float64' });
    const w = randn([12, 3], { dtype: 'float64' }).mul(0.5);
    const run = (dtype: 'float32' | 'float64'): number[][] => {
      const [g, h, c, weight] = [gates, h0, c0, w].map((t) => t.to(dtype).detach().requiresGrad_());
      const xs: [Tensor, Tensor, Tensor, Tensor] = [g!, h!, c!, weight!];
      const out = recurrentSequence(xs[0], { mode: 'LSTM', h0: xs[1], c0: xs[2], weightHh: xs[3] });
      out.mul(out).sum().backward();
      return [(out.tolist() as number[][][]).flat(2), ...xs.map((x): number[] => (x.grad!.tolist() as number[][]).flat(2))];
    };
    const single = run('float32');
    run('float64').forEach((want, i) => want.forEach((v, j) => expect(single[i]![j]).toBeCloseTo(v, 4)));
  });
});

describe('recurrentSequence errors', () => {
  it('names the argument and the shapes', () => {
    const h0 = zeros([3, 2]);
    expect(() => recurrentSequence(zeros([4, 3, 7]), { mode: 'LSTM', h0, c0: h0, weightHh: zeros([8, 2]) })).toThrow('recurrentSequence: gates must be [steps, batch, 4·hidden], got [4, 3, 7]');
    expect(() => recurrentSequence(zeros([4, 3, 8]), { mode: 'LSTM', h0: zeros([2, 2]), c0: h0, weightHh: zeros([8, 2]) })).toThrow('recurrentSequence: h0 must be [3, 2], got [2, 2]');
    expect(() => recurrentSequence(zeros([4, 3, 6]), { mode: 'GRU', h0, weightHh: zeros([6, 3]) })).toThrow('recurrentSequence: weightHh must be [6, 2], got [6, 3]');
    expect(() => recurrentSequence(zeros([4, 3, 8]), { mode: 'LSTM', h0, weightHh: zeros([8, 2]) })).toThrow('recurrentSequence: LSTM needs c0');
  });
});
