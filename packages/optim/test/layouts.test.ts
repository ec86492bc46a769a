/**
 * One arithmetic per dtype (issue #25): a parameter's numbers must not depend on how it is stepped.
 * Every element-wise optimizer, float32 and float64, runs the same parameters and gradients
 *   A. one optimizer per parameter (per-parameter path),
 *   B. one optimizer, one group holding them all (the flat pass from the second step),
 *   C. one optimizer, one group per parameter,
 *   D. each parameter's values as the head of one large tensor (above FUSED_THRESHOLD: the fused
 *      kernels for float32 when available),
 * and every value must agree bit for bit. `[600] + [600]` is the repro: 1,200 elements
 * together (above the threshold), each parameter below it. The kernels themselves are checked bit
 * for bit against the TypeScript float32 loops that run when they are unavailable (DESCENT_WASM=0).
 */
import { describe, expect, it } from 'vitest';
import { Generator, randn, tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { wasmKernels } from '@descent/tensor';
import { FUSED_THRESHOLD } from '../src/fused';
import { adagrad32, adam32, rmsprop32, sgd32 } from '../src/float32-updates';
import { ASGD, Adadelta, Adagrad, Adam, AdamW, Adamax, Lion, NAdam, RAdam, RMSprop, Rprop, SGD } from '../src/index';
import type { OptimizerLike } from '../src/index';

type Make = (params: Tensor[] | { params: Tensor[] }[]) => OptimizerLike;

const OPTIMIZERS: [string, Make][] = [
  ['SGD', (p) => new SGD(p, { lr: 0.05 })],
  ['SGD momentum nesterov decay', (p) => new SGD(p, { lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 0.01 })],
  ['SGD momentum dampening maximize', (p) => new SGD(p, { lr: 0.05, momentum: 0.8, dampening: 0.3, maximize: true })],
  ['Adam', (p) => new Adam(p, { lr: 0.01 })],
  ['Adam amsgrad decay maximize', (p) => new Adam(p, { lr: 0.01, amsgrad: true, weightDecay: 0.1, maximize: true })],
  ['AdamW', (p) => new AdamW(p, { lr: 0.01 })],
  ['AdamW amsgrad', (p) => new AdamW(p, { lr: 0.01, amsgrad: true })],
  ['RMSprop', (p) => new RMSprop(p, { lr: 0.01 })],
  ['RMSprop centered momentum decay', (p) => new RMSprop(p, { lr: 0.01, centered: true, momentum: 0.5, weightDecay: 0.1 })],
  ['Adagrad', (p) => new Adagrad(p, { lr: 0.1 })],
  ['Adagrad lrDecay decay', (p) => new Adagrad(p, { lr: 0.1, lrDecay: 0.01, weightDecay: 0.1, initialAccumulatorValue: 0.1 })],
  ['Adamax', (p) => new Adamax(p, {})],
  ['NAdam', (p) => new NAdam(p, {})],
  ['RAdam', (p) => new RAdam(p, {})],
  ['Adadelta', (p) => new Adadelta(p, { weightDecay: 0.1 })],
  ['ASGD', (p) => new ASGD(p, { t0: 2 })],
  ['Rprop', (p) => new Rprop(p, {})],
  ['Lion', (p) => new Lion(p, { lr: 0.01 })],
];

const LAYOUTS: number[][] = [
  [600, 600], // the repro: together above the threshold, each below
  [3, 7, 5],
  [FUSED_THRESHOLD + 5, 9],
];
const STEPS = 5;
const BIG = FUSED_THRESHOLD * 2 + 3;

function bits(t: Tensor): number[] {
  return Array.from(t.toTypedArray());
}

/** Runs `STEPS` steps over `sizes` in the four ways; returns each way's final parameter values. */
function run(make: Make, sizes: readonly number[], dtype: 'float32' | 'float64'): Record<'A' | 'B' | 'C' | 'D', number[][]> {
  const generator = new Generator().manualSeed(3);
  const init = sizes.map((n) => randn([n], { generator, dtype }));
  const grads = Array.from({ length: STEPS }, () => sizes.map((n) => randn([n], { generator, dtype })));
  const fresh = (): Tensor[] => init.map((t) => t.clone().requiresGrad_());
  const a = fresh();
  const b = fresh();
  const c = fresh();
  // D: each parameter's values followed by filler, in one tensor of BIG elements (or more).
  const d = init.map((t, i) => {
    const filler = randn([Math.max(BIG, t.numel() + 1) - t.numel()], { generator: new Generator().manualSeed(50 + i), dtype });
    return tensor([...bits(t), ...bits(filler)], { dtype }).requiresGrad_();
  });
  const optsA = a.map((p) => make([p]));
  const optB = make(b);
  const optC = make(c.map((p) => ({ params: [p] })));
  const optsD = d.map((p) => make([p]));
  for (let s = 0; s < STEPS; s++) {
    const g = grads[s] as Tensor[];
    const setGrads = (ps: Tensor[]): void => ps.forEach((p, i) => (p.grad = (g[i] as Tensor).clone()));
    setGrads(a);
    setGrads(b);
    setGrads(c);
    d.forEach((p, i) => {
      const gi = g[i] as Tensor;
      p.grad = tensor([...bits(gi), ...new Array<number>(p.numel() - gi.numel()).fill(0.25)], { dtype });
    });
    optsA.forEach((o) => o.step());
    optB.step();
    optC.step();
    optsD.forEach((o) => o.step());
  }
  return {
    A: a.map(bits),
    B: b.map(bits),
    C: c.map(bits),
    D: d.map((p, i) => bits(p).slice(0, sizes[i])),
  };
}

describe('a parameter gets the same numbers on every path (one arithmetic per dtype)', () => {
  it.each(
    OPTIMIZERS.flatMap(([name, make]) =>
      (['float32', 'float64'] as const).flatMap((dtype) => LAYOUTS.map((sizes) => ({ name, make, dtype, sizes: sizes.join('+') , list: sizes }))),
    ),
  )('$name $dtype [$sizes]: per-parameter = one group (flat) = groups of one = inside a large tensor', ({ make, dtype, list }) => {
    const { A, B, C, D } = run(make, list, dtype);
    expect(B).toEqual(A);
    expect(C).toEqual(A);
    expect(D).toEqual(A);
    // The parameters did move (a test that cannot fail would pass on a no-op optimizer).
    expect(A[0]).not.toEqual(run((p) => new SGD(p, { lr: 0 }), list, dtype).A[0]);
  });
});

const kernels = wasmKernels();

describe.skipIf(kernels === null)('the float32 kernels equal the float32 TypeScript loops bit for bit', () => {
  const k = kernels!;
  const n = 37; // not a multiple of the vector width
  function arrays(seed: number, count: number, positive = false): Float32Array[] {
    const generator = new Generator().manualSeed(seed);
    return Array.from({ length: count }, () => {
      const t = randn([n], { generator, dtype: 'float32' });
      return (positive ? t.abs() : t).toTypedArray() as Float32Array;
    });
  }
  const twice = (xs: Float32Array[]): [Float32Array[], Float32Array[]] => [xs.map((x) => x.slice()), xs.map((x) => x.slice())];

  it.each([
    { amsgrad: false, maximize: false, weightDecay: 0 },
    { amsgrad: true, maximize: true, weightDecay: 0.1 },
  ])('adam %o', (flags) => {
    const [x, y] = twice([...arrays(1, 2), ...arrays(2, 3, true)]);
    for (let step = 1; step <= 4; step++) {
      const o = { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, step, ...flags };
      k.adam(x[0]!, x[1]!, x[2]!, x[3]!, flags.amsgrad ? x[4]! : null, o);
      adam32(y[0]!, y[1]!, y[2]!, y[3]!, flags.amsgrad ? y[4]! : null, o);
    }
    expect(x.map((a) => Array.from(a))).toEqual(y.map((a) => Array.from(a)));
  });

  it.each([
    { momentum: 0, dampening: 0, nesterov: false, maximize: false, weightDecay: 0 },
    { momentum: 0.9, dampening: 0, nesterov: true, maximize: false, weightDecay: 0.01 },
    { momentum: 0.8, dampening: 0.3, nesterov: false, maximize: true, weightDecay: 0 },
  ])('sgd %o', (flags) => {
    const [x, y] = twice(arrays(3, 3));
    for (let step = 0; step < 4; step++) {
      const o = { lr: 0.05, firstStep: step === 0, ...flags };
      k.sgd(x[0]!, x[1]!, flags.momentum !== 0 ? x[2]! : null, o);
      sgd32(y[0]!, y[1]!, flags.momentum !== 0 ? y[2]! : null, o);
    }
    expect(x.map((a) => Array.from(a))).toEqual(y.map((a) => Array.from(a)));
  });

  it.each([
    { momentum: 0, centered: false, maximize: false, weightDecay: 0 },
    { momentum: 0.5, centered: true, maximize: true, weightDecay: 0.1 },
  ])('rmsprop %o', (flags) => {
    const [x, y] = twice([...arrays(4, 2), ...arrays(5, 1, true), ...arrays(6, 2)]);
    for (let step = 0; step < 4; step++) {
      const o = { lr: 0.01, alpha: 0.99, eps: 1e-8, ...flags };
      k.rmsprop(x[0]!, x[1]!, x[2]!, flags.centered ? x[3]! : null, flags.momentum > 0 ? x[4]! : null, o);
      rmsprop32(y[0]!, y[1]!, y[2]!, flags.centered ? y[3]! : null, flags.momentum > 0 ? y[4]! : null, o);
    }
    expect(x.map((a) => Array.from(a))).toEqual(y.map((a) => Array.from(a)));
  });

  it.each([
    { lrDecay: 0, maximize: false, weightDecay: 0 },
    { lrDecay: 0.01, maximize: true, weightDecay: 0.1 },
  ])('adagrad %o', (flags) => {
    const [x, y] = twice([...arrays(7, 2), ...arrays(8, 1, true)]);
    for (let step = 1; step <= 4; step++) {
      const o = { lr: 0.1, eps: 1e-10, step, ...flags };
      k.adagrad(x[0]!, x[1]!, x[2]!, o);
      adagrad32(y[0]!, y[1]!, y[2]!, o);
    }
    expect(x.map((a) => Array.from(a))).toEqual(y.map((a) => Array.from(a)));
  });
});
