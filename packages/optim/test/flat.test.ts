import { describe, expect, it } from 'vitest';
import { Generator, randn, tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { ASGD, Adadelta, Adagrad, Adam, AdamW, Adamax, Lion, NAdam, RAdam, RMSprop, Rprop, SGD } from '../src/index';
import type { OptimizerLike } from '../src/index';

// A group of several parameters is stepped in one flat pass once its parameters have stepped
// together (src/flat.ts). The reference is the same parameters each in an optimizer of its own,
// which can never take the flat path: every value must agree bit for bit.

type Make = (params: Tensor[]) => OptimizerLike;

const OPTIMIZERS: [string, Make][] = [
  ['SGD momentum nesterov', (p) => new SGD(p, { lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 0.01 })],
  ['SGD plain', (p) => new SGD(p, { lr: 0.05 })],
  ['Adam', (p) => new Adam(p, { lr: 0.01 })],
  ['AdamW amsgrad', (p) => new AdamW(p, { lr: 0.01, amsgrad: true })],
  ['RMSprop centered momentum', (p) => new RMSprop(p, { lr: 0.01, centered: true, momentum: 0.5 })],
  ['Adagrad lrDecay', (p) => new Adagrad(p, { lr: 0.1, lrDecay: 0.01 })],
  ['Adamax', (p) => new Adamax(p, {})],
  ['NAdam', (p) => new NAdam(p, {})],
  ['RAdam', (p) => new RAdam(p, {})],
  ['Adadelta', (p) => new Adadelta(p, { weightDecay: 0.1 })],
  ['ASGD', (p) => new ASGD(p, { t0: 2 })],
  ['Rprop', (p) => new Rprop(p, {})],
  ['Lion', (p) => new Lion(p, { lr: 0.01 })],
];

const SHAPES = [[3, 4], [7], [2, 2, 5], [1], [600]];

function params(dtype: 'float32' | 'float64', seed: number): Tensor[] {
  const generator = new Generator().manualSeed(seed);
  return SHAPES.map((shape) => randn(shape, { generator, dtype }).detach().requiresGrad_());
}

function values(ps: readonly Tensor[]): number[][] {
  return ps.map((p) => Array.from(p.toTypedArray()));
}

function stateValues(opt: OptimizerLike, ps: readonly Tensor[]): unknown[] {
  return ps.map((p) => Object.fromEntries(Object.entries(opt.state.get(p) ?? {}).map(([k, v]) => [k, v instanceof Object && 'toTypedArray' in v ? Array.from(v.toTypedArray()) : v])));
}

/** Runs `steps` steps on a group and on one optimizer per parameter; `skip(step, i)` withholds a gradient. */
function race(make: Make, dtype: 'float32' | 'float64', steps: number, between?: (step: number, group: Tensor[], single: Tensor[], optimizers: OptimizerLike[]) => void, skip?: (step: number, i: number) => boolean) {
  const group = params(dtype, 1);
  const single = params(dtype, 1);
  const groupOpt = make(group);
  const singleOpts = single.map((p) => make([p]));
  const generator = new Generator().manualSeed(7);
  for (let step = 0; step < steps; step++) {
    group.forEach((p, i) => {
      const g = skip?.(step, i) ? null : randn(SHAPES[i] as number[], { generator, dtype });
      p.grad = g;
      (single[i] as Tensor).grad = g === null ? null : g.clone();
    });
    groupOpt.step();
    singleOpts.forEach((o) => o.step());
    between?.(step, group, single, [groupOpt, ...singleOpts]);
  }
  return { group, single, groupOpt, singleOpts };
}

describe('one flat pass over a group of parameters', () => {
  it.each(OPTIMIZERS.flatMap(([name, make]) => (['float64', 'float32'] as const).map((dtype) => ({ name, make, dtype }))))(
    '$name ($dtype) matches one optimizer per parameter bit for bit',
    ({ make, dtype }) => {
      const { group, single, groupOpt, singleOpts } = race(make, dtype, 6);
      // The group did take the flat path: its parameters now sit end to end in one array.
      expect(new Set(group.map((p) => p.storage.data.buffer)).size).toBe(1);
      group.slice(1).forEach((p, i) => {
        const before = (group[i] as Tensor).storage.data;
        expect(p.storage.data.byteOffset).toBe(before.byteOffset + before.byteLength);
      });
      expect(values(group)).toEqual(values(single));
      expect(stateValues(groupOpt, group)).toEqual(single.map((p, i) => stateValues(singleOpts[i] as OptimizerLike, [p])[0]));
    },
  );

  it('lays the group out end to end after its first step', () => {
    const ps = params('float32', 2);
    const opt = new Adam(ps, { lr: 0.01 });
    for (let step = 0; step < 2; step++) {
      for (const p of ps) p.grad = tensor(new Float32Array(p.numel()).fill(0.5)).reshape([...p.shape]);
      opt.step();
    }
    const buffers = new Set(ps.map((p) => p.storage.data.buffer));
    expect(buffers.size).toBe(1);
    const starts = ps.map((p) => p.storage.data.byteOffset);
    starts.slice(1).forEach((start, i) => expect(start - (starts[i] as number)).toBe((ps[i] as Tensor).numel() * 4));
  });

  it('steps parameters without a gradient one by one, as PyTorch skips them', () => {
    const skip = (step: number, i: number) => step === 3 && i === 2;
    const { group, single, groupOpt, singleOpts } = race((p) => new Adam(p, { lr: 0.01 }), 'float64', 7, undefined, skip);
    expect(values(group)).toEqual(values(single));
    expect(stateValues(groupOpt, group)).toEqual(single.map((p, i) => stateValues(singleOpts[i] as OptimizerLike, [p])[0]));
  });

  it('follows a parameter whose data is swapped, a loaded state dict, and momentum switched on', () => {
    const { group, single, groupOpt, singleOpts } = race((p) => new SGD(p, { lr: 0.1 }), 'float64', 8, (step, g, s, opts) => {
      if (step === 2) {
        (g[1] as Tensor).data = (g[1] as Tensor).data.mul(2);
        (s[1] as Tensor).data = (s[1] as Tensor).data.mul(2);
      }
      for (const opt of opts) {
        if (step === 3) opt.loadStateDict(opt.stateDict());
        if (step === 4) (opt.paramGroups[0] as unknown as { momentum: number }).momentum = 0.9;
      }
    });
    expect(values(group)).toEqual(values(single));
    expect(stateValues(groupOpt, group)).toEqual(single.map((p, i) => stateValues(singleOpts[i] as OptimizerLike, [p])[0]));
    // Momentum really was switched on mid-run: the buffers exist and are not zero.
    expect(stateValues(groupOpt, group).every((st) => Array.isArray((st as { momentumBuffer: unknown }).momentumBuffer))).toBe(true);
  });
});

describe('a group that keeps leaving its layout', () => {
  it('stops being laid out after a few tries (two optimizers over the same tensors), still exact', () => {
    const shared = params('float64', 3);
    const reference = params('float64', 3);
    const a = new SGD(shared, { lr: 0.1, momentum: 0.5 });
    const b = new Adam(shared, { lr: 0.01 });
    const refA = reference.map((p) => new SGD([p], { lr: 0.1, momentum: 0.5 }));
    const refB = reference.map((p) => new Adam([p], { lr: 0.01 }));
    const generator = new Generator().manualSeed(11);
    const arrays = new Set<unknown>();
    for (let step = 0; step < 20; step++) {
      shared.forEach((p, i) => {
        p.grad = randn(SHAPES[i] as number[], { generator, dtype: 'float64' });
        (reference[i] as Tensor).grad = p.grad.clone();
      });
      (step % 2 === 0 ? a : b).step();
      (step % 2 === 0 ? refA : refB).forEach((o) => o.step());
      arrays.add((shared[0] as Tensor).storage.data);
    }
    expect(values(shared)).toEqual(values(reference));
    // Each new layout gives the parameter a new array: a few of them over 20 alternating steps, not 20.
    expect(arrays.size).toBeLessThanOrEqual(9);
  });
});
