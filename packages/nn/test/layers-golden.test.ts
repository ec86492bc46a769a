/**
 * The convolution, pooling, normalization and embedding layers against PyTorch 1.13
 * (test/golden/gen_layers.py): initial parameters after the same seed, then forward outputs,
 * input and parameter gradients and running statistics over several passes, the functional
 * forms, the dropout2d masks after a seed, and PyTorch's error messages.
 */
import { readFileSync } from 'node:fs';
import { expectAllClose } from '@descent/fixtures';
import { manualSeed, tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
import {
  AdaptiveAvgPool2d,
  AdaptiveMaxPool2d,
  AvgPool1d,
  AvgPool2d,
  BatchNorm1d,
  BatchNorm2d,
  Conv1d,
  Conv2d,
  ConvTranspose2d,
  Embedding,
  GroupNorm,
  LayerNorm,
  MaxPool1d,
  MaxPool2d,
  functional as F,
} from '../src/index';
import type { AnyModule } from '../src/index';

interface Entry {
  shape: number[];
  values: number[];
}
interface Step {
  mode: 'train' | 'eval';
  input: number[] | number[][];
  inputShape: number[];
  output: number[];
  outputShape: number[];
  gradOutput: number[];
  inputGrad: number[] | null;
  paramGrads: Record<string, number[]>;
  stateAfter: Record<string, Entry>;
}
interface ModuleCase {
  name: string;
  cls: string;
  args: unknown[];
  options: Record<string, unknown>;
  seed: number;
  init: Record<string, Entry>;
  steps: Step[];
}
interface FunctionalCase {
  name: string;
  fn: string;
  options: Record<string, unknown>;
  args: unknown[];
  inputs: Entry[];
  output: number[];
  outputShape: number[];
  gradOutput: number[];
  inputGrads: number[][];
  indices: number[] | null;
}

// Written by test/golden/gen_layers.py with PyTorch 1.13.
const golden = JSON.parse(readFileSync(new URL('./golden/layers.json', import.meta.url), 'utf8')) as {
  tolerance: { rtol: number; atol: number };
  initTolerance: { rtol: number; atol: number };
  modules: ModuleCase[];
  functionals: FunctionalCase[];
  dropout2d: Array<{ seed: number; p: number; shape: number[]; output: number[] }>;
  errors: Array<{ name: string; kind: string; message: string }>;
};
const tol = golden.tolerance;

type Ctor = new (...args: never[]) => AnyModule;
const CLASSES: Record<string, Ctor> = {
  Conv1d, Conv2d, ConvTranspose2d, MaxPool1d, MaxPool2d, AvgPool1d, AvgPool2d, AdaptiveAvgPool2d, AdaptiveMaxPool2d,
  BatchNorm1d, BatchNorm2d, LayerNorm, GroupNorm, Embedding,
};

function build(c: ModuleCase): AnyModule {
  const Cls = CLASSES[c.cls] as unknown as new (...args: unknown[]) => AnyModule;
  return new Cls(...c.args, c.options);
}

const values = (t: Tensor | null | undefined): number[] => Array.from(t!.contiguous().toTypedArray(), Number);

describe('layers match PyTorch 1.13', () => {
  it.each(golden.modules.map((c) => [c.name, c] as const))('%s: initial parameters after the same seed', (_, c) => {
    manualSeed(c.seed);
    const state = build(c).stateDict();
    expect(Object.keys(state)).toEqual(Object.keys(c.init));
    for (const [key, want] of Object.entries(c.init)) {
      expect(state[key]!.shape, key).toEqual(want.shape);
      expectAllClose(values(state[key]), want.values, golden.initTolerance, `${c.name} ${key}`);
    }
  });

  it.each(golden.modules.map((c) => [c.name, c] as const))('%s: forward, gradients and running statistics', (_, c) => {
    const m = build(c);
    // Start from PyTorch's own initial values, so this test does not depend on the init one.
    const init = Object.fromEntries(
      Object.entries(c.init).map(([k, e]) => [k, tensor(e.values, { dtype: k === 'num_batches_tracked' ? 'int32' : 'float32' }).reshape(e.shape)]),
    );
    m.loadStateDict(init);
    m.double();
    for (const [i, step] of c.steps.entries()) {
      m.train(step.mode === 'train');
      const isIndex = c.cls === 'Embedding';
      const x = isIndex
        ? tensor(step.input as number[][], { dtype: 'int32' })
        : tensor(step.input as number[], { dtype: 'float64', requiresGrad: true }).reshape(step.inputShape).detach().requiresGrad_();
      m.zeroGrad();
      const out = m.call(x) as Tensor;
      expect(out.shape).toEqual(step.outputShape);
      out.mul(tensor(step.gradOutput, { dtype: 'float64' }).reshape(step.outputShape)).sum().backward();
      const label = `${c.name} pass ${i}`;
      expectAllClose(values(out), step.output, tol, `${label} output`);
      if (step.inputGrad !== null) expectAllClose(values(x.grad), step.inputGrad, tol, `${label} input grad`);
      const params = Object.fromEntries(m.namedParameters());
      expect(Object.keys(params).sort()).toEqual(Object.keys(step.paramGrads).sort());
      for (const [name, grad] of Object.entries(step.paramGrads)) expectAllClose(values(params[name]!.grad), grad, tol, `${label} ${name}.grad`);
      const state = m.stateDict();
      for (const [key, want] of Object.entries(step.stateAfter)) expectAllClose(values(state[key]), want.values, tol, `${label} ${key}`);
    }
  });
});

type Fn = (inputs: Tensor[], args: unknown[], options: Record<string, unknown>) => Tensor | [Tensor, Tensor];
const FUNCTIONS: Record<string, Fn> = {
  pad: ([x], [pads], o) => F.pad(x!, pads as number[], o),
  unfold: ([x], [k], o) => F.unfold(x!, k as number[], o),
  fold: ([x], [size, k], o) => F.fold(x!, size as number[], k as number, o),
  conv2d: ([x, w, b], _, o) => F.conv2d(x!, w!, b, o),
  convTranspose2d: ([x, w, b], _, o) => F.convTranspose2d(x!, w!, b, o),
  maxPool2d: ([x], [k], o) => F.maxPool2d(x!, k as number, o),
  maxPool1d: ([x], [k], o) => F.maxPool1d(x!, k as number, o),
  adaptiveMaxPool2d: ([x], [size], o) => F.adaptiveMaxPool2d(x!, size as [number, number], o),
  batchNormEval: ([x, w, b], _, o) =>
    F.batchNorm(x!, tensor([0.5, -1.0, 0.25], { dtype: 'float64' }), tensor([2.0, 0.5, 1.5], { dtype: 'float64' }), { weight: w, bias: b, ...o }),
  batchNormTrain: ([x, w, b], _, o) => F.batchNorm(x!, null, null, { weight: w, bias: b, training: true, ...o }),
  layerNorm: ([x, w, b], [shape], o) => F.layerNorm(x!, shape as number[], { weight: w, bias: b, ...o }),
  groupNorm: ([x, w, b], [groups], o) => F.groupNorm(x!, groups as number, { weight: w, bias: b, ...o }),
  embedding: ([w], [idx]) => F.embedding(tensor(idx as number[][], { dtype: 'int32' }), w!),
};

describe('functional forms match PyTorch 1.13', () => {
  it.each(golden.functionals.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const inputs = c.inputs.map((e) => tensor(e.values, { dtype: 'float64' }).reshape(e.shape).detach().requiresGrad_());
    const result = FUNCTIONS[c.fn]!(inputs, c.args, c.options);
    const [out, indices] = Array.isArray(result) ? result : [result, null];
    expect(out.shape).toEqual(c.outputShape);
    expectAllClose(values(out), c.output, tol, 'output');
    if (c.indices !== null) {
      expect(indices?.dtype).toBe('int32');
      expect(values(indices)).toEqual(c.indices);
    }
    out.mul(tensor(c.gradOutput, { dtype: 'float64' }).reshape(c.outputShape)).sum().backward();
    inputs.forEach((x, k) => expectAllClose(values(x.grad), c.inputGrads[k]!, tol, `grad of input ${k}`));
  });

  it.each(golden.dropout2d.map((c) => [c.seed, c] as const))('dropout2d drops the channels PyTorch drops after manual_seed(%i)', (_, c) => {
    manualSeed(c.seed);
    const out = F.dropout2d(tensor(new Array<number>(c.shape.reduce((a, b) => a * b, 1)).fill(1)).reshape(c.shape), { p: c.p });
    expectAllClose(values(out), c.output, { rtol: 1e-6, atol: 0 }, 'mask');
  });
});

const ERRORS: Record<string, () => unknown> = {
  'conv2d channels': () => F.conv2d(z([2, 3, 8, 8]), z([4, 2, 3, 3])),
  'conv1d channels': () => F.conv1d(z([2, 3, 8]), z([4, 2, 3])),
  'conv2d kernel larger than padded input': () => F.conv2d(z([2, 3, 2, 2]), z([4, 3, 3, 3])),
  'conv2d kernel larger than padded input, padded': () => F.conv2d(z([1, 1, 2, 3]), z([1, 1, 5, 5]), null, { padding: 1 }),
  'conv2d groups do not divide weight': () => F.conv2d(z([2, 4, 8, 8]), z([4, 2, 3, 3]), null, { groups: 3 }),
  'Conv2d in_channels not divisible by groups': () => new Conv2d(4, 6, 3, { groups: 3 }),
  'Conv2d out_channels not divisible by groups': () => new Conv2d(3, 4, 3, { groups: 3 }),
  'conv2d rank': () => F.conv2d(z([2, 3, 8, 8, 1]), z([4, 3, 3, 3])),
  'conv2d same strided': () => F.conv2d(z([2, 3, 8, 8]), z([4, 3, 3, 3]), null, { stride: 2, padding: 'same' }),
  'conv2d bad padding string': () => F.conv2d(z([2, 3, 8, 8]), z([4, 3, 3, 3]), null, { padding: 'foo' as 'same' }),
  'conv2d non-positive stride': () => F.conv2d(z([2, 3, 8, 8]), z([4, 3, 3, 3]), null, { stride: 0 }),
  'conv_transpose2d channels': () => F.convTranspose2d(z([2, 3, 8, 8]), z([4, 2, 3, 3])),
  'max_pool2d pad too large': () => F.maxPool2d(z([1, 1, 4, 4]), 3, { padding: 2 }),
  'max_pool2d output too small': () => F.maxPool2d(z([1, 1, 2, 2]), 3),
  'avg_pool2d output too small': () => F.avgPool2d(z([1, 1, 2, 2]), 3),
  'batch_norm running_mean size': () => F.batchNorm(z([2, 3, 4]), z([4]), z([4])),
  'batch_norm one value per channel': () => F.batchNorm(z([1, 3]), z([3]), z([3]), { training: true }),
  'BatchNorm2d rank': () => new BatchNorm2d(3).forward(z([2, 3, 4])),
  'BatchNorm1d rank': () => new BatchNorm1d(3).forward(z([2, 3, 4, 4])),
  'group_norm groups do not divide channels': () => F.groupNorm(z([2, 6, 4]), 4),
  'GroupNorm groups do not divide channels': () => new GroupNorm(4, 6),
  'layer_norm shape': () => F.layerNorm(z([2, 6, 4]), [5]),
  'embedding index out of range': () => F.embedding(tensor([5], { dtype: 'int32' }), z([4, 3])),
  'Embedding padding_idx out of range': () => new Embedding(4, 3, { paddingIdx: 4 }),
  'pad reflect too large': () => F.pad(z([1, 1, 3]), [3, 0], { mode: 'reflect' }),
  'pad odd length': () => F.pad(z([1, 1, 3]), [1]),
  'unfold no blocks': () => F.unfold(z([1, 2, 3, 3]), 4),
  'fold block count': () => F.fold(z([1, 4, 5]), [3, 3], 2),
  'dropout2d p': () => F.dropout2d(z([2, 3, 4, 4]), { p: 1.5 }),
};

function z(shape: number[]): Tensor {
  return tensor(new Array<number>(shape.reduce((a, b) => a * b, 1)).fill(0.5)).reshape(shape);
}

describe("bad shapes and arguments fail with PyTorch's messages", () => {
  it('covers every error case of the golden file', () => {
    expect(Object.keys(ERRORS).sort()).toEqual(golden.errors.map((e) => e.name).sort());
  });

  it.each(golden.errors.map((e) => [e.name, e] as const))('%s', (name, e) => {
    expect(ERRORS[name]).toThrow(RangeError);
    expect(ERRORS[name]).toThrow(e.message);
  });

  it('rejects an unknown padding mode (PyTorch prints the same set, in hash order)', () => {
    expect(() => new Conv2d(3, 4, 3, { paddingMode: 'foo' as 'zeros' })).toThrow(
      new RangeError("padding_mode must be one of {'zeros', 'reflect', 'replicate', 'circular'}, but got padding_mode='foo'"),
    );
  });
});
