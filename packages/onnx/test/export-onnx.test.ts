import { manualSeed, noGrad, randint, randn, Tensor } from '@descent/autograd';
import type { Tensor as T } from '@descent/autograd';
import {
  AdaptiveAvgPool2d,
  AdaptiveMaxPool2d,
  AvgPool1d,
  AvgPool2d,
  BatchNorm1d,
  BatchNorm2d,
  CELU,
  Conv1d,
  Conv2d,
  ConvTranspose2d,
  Dropout,
  Dropout2d,
  ELU,
  Embedding,
  Flatten,
  GELU,
  GroupNorm,
  Hardsigmoid,
  Hardswish,
  Hardtanh,
  Identity,
  LayerNorm,
  LeakyReLU,
  Linear,
  LogSigmoid,
  LogSoftmax,
  MaxPool1d,
  MaxPool2d,
  Mish,
  Module,
  ReLU,
  ReLU6,
  SELU,
  SiLU,
  Sequential,
  Sigmoid,
  Softmax,
  Softmin,
  Softplus,
  Softsign,
  Tanh,
} from '@descent/nn';
import type { AnyModule } from '@descent/nn';
import { describe, expect, it } from 'vitest';
import { exportOnnx } from '../src/index';
import type { ExportOnnxOptions } from '../src/index';
import { checkModel, maxRelativeError, onnxCheckerMissing, runOnnx } from './runtime';

/** Runs a few training-mode forwards so batch norms hold non-trivial running statistics. */
function warmUp(model: AnyModule, input: () => T): void {
  model.train();
  noGrad(() => {
    for (let i = 0; i < 3; i++) model.forward(input());
  });
  model.eval();
}

interface Case {
  name: string;
  model: () => AnyModule;
  /** Example input for the given batch size. */
  input: (batch: number) => T;
  options?: ExportOnnxOptions;
  tolerance?: number;
}

class Residual extends Module {
  fc1 = new Linear(6, 6);
  fc2 = new Linear(6, 6);
  norm = new LayerNorm(6);
  head = new Linear(3, 2);
  override forward(x: T): T {
    const h = this.fc2.forward(this.fc1.forward(x).relu()).add(x).mul(0.5);
    const pooled = this.norm
      .forward(h)
      .reshape([x.shape[0] as number, 2, 3])
      .mean(1);
    return this.head.forward(
      pooled
        .reshape([x.shape[0] as number, -1])
        .transpose(0, 1)
        .transpose(0, 1)
        .sub(1)
        .div(2)
        .tanh(),
    );
  }
}

class Tokens extends Module {
  embed = new Embedding(10, 8);
  norm = new LayerNorm(8);
  fc = new Linear(8, 4);
  override forward(ids: T): T {
    return this.fc.forward(this.norm.forward(this.embed.forward(ids))).mean(1);
  }
}

const CASES: Case[] = [
  {
    name: 'an MLP (Linear, ReLU, Dropout, LogSoftmax)',
    model: () =>
      new Sequential(
        new Linear(4, 16),
        new ReLU(),
        new Dropout(0.3),
        new Linear(16, 3),
        new LogSoftmax(1),
      ),
    input: (n) => randn([n, 4]),
  },
  {
    name: 'every activation layer',
    model: () =>
      new Sequential(
        new Linear(5, 5),
        new LeakyReLU(0.2),
        new Linear(5, 5),
        new Sigmoid(),
        new Linear(5, 5),
        new Tanh(),
        new Linear(5, 5),
        new GELU(),
        new Linear(5, 5),
        new GELU({ approximate: 'tanh' }),
        new Linear(5, 5),
        new ELU(0.7),
        new Linear(5, 5),
        new CELU(1.3),
        new Linear(5, 5),
        new SELU(),
        new Linear(5, 5),
        new SiLU(),
        new Linear(5, 5),
        new Mish(),
        new Linear(5, 5),
        new Softplus(2),
        new Linear(5, 5),
        new Softsign(),
        new Linear(5, 5),
        new Hardtanh(-0.5, 0.5),
        new Linear(5, 5),
        new ReLU6(),
        new Linear(5, 5),
        new Hardsigmoid(),
        new Linear(5, 5),
        new Hardswish(),
        new Linear(5, 5),
        new LogSigmoid(),
        new Linear(5, 5),
        new Softmin(1),
        new Linear(5, 5),
        new Softmax(-1),
      ),
    input: (n) => randn([n, 5]).mul(3),
  },
  {
    name: 'a 2-d convnet (Conv2d, BatchNorm2d, pools, GroupNorm, adaptive pools, Flatten)',
    model: () => {
      const model = new Sequential(
        new Conv2d(2, 4, 3, { padding: 1 }),
        new BatchNorm2d(4),
        new ReLU(),
        new MaxPool2d(2),
        new Conv2d(4, 8, 3, { stride: 2, padding: 'valid', groups: 2 }),
        new GroupNorm(2, 8),
        new Dropout2d(),
        new AvgPool2d(2, { stride: 1, padding: 1, countIncludePad: false }),
        new AdaptiveMaxPool2d(3),
        new Conv2d(8, 8, 3, { padding: 'same', paddingMode: 'reflect', dilation: 2 }),
        new AdaptiveAvgPool2d(1),
        new Flatten(),
        new Linear(8, 3),
      );
      warmUp(model, () => randn([4, 2, 24, 24]));
      return model;
    },
    input: (n) => randn([n, 2, 24, 24]),
  },
  {
    name: 'a 1-d convnet (Conv1d replicate padding, BatchNorm1d, MaxPool1d, AvgPool1d, LayerNorm, Flatten(0))',
    model: () => {
      const model = new Sequential(
        new Conv1d(3, 4, 3, { padding: 1, paddingMode: 'replicate' }),
        new BatchNorm1d(4),
        new MaxPool1d(2, { ceilMode: true }),
        new AvgPool1d(3, { stride: 1 }),
        new LayerNorm([4, 4]),
        new Conv1d(4, 2, 1, { bias: false }),
        new Flatten(1, 2),
        new BatchNorm1d(8, { affine: false }),
        new Identity(),
      );
      warmUp(model, () => randn([5, 3, 11]));
      return model;
    },
    input: (n) => randn([n, 3, 11]),
  },
  {
    name: 'a decoder (ConvTranspose2d with groups, output padding)',
    model: () =>
      new Sequential(
        new ConvTranspose2d(4, 6, 3, { stride: 2, padding: 1, outputPadding: 1, groups: 2 }),
        new Tanh(),
        new ConvTranspose2d(6, 1, 2, { dilation: 2 }),
      ),
    input: (n) => randn([n, 4, 5, 5]),
  },
  {
    name: 'a custom forward (tensor ops between layers, a residual connection)',
    model: () => new Residual(),
    input: (n) => randn([n, 6]),
  },
  {
    name: 'token ids (Embedding, LayerNorm on 3-d, mean over time)',
    model: () => new Tokens(),
    input: (n) => randint(0, 10, [n, 7]),
  },
  {
    name: 'LayerNorm at opset 13 (decomposed)',
    model: () => new Sequential(new Linear(4, 6), new LayerNorm(6), new Linear(6, 2)),
    input: (n) => randn([n, 4]),
    options: { opsetVersion: 13 },
  },
];

describe('exportOnnx: onnxruntime runs the exported model and matches Descent', () => {
  it.each(CASES)('$name', async ({ model: make, input, options }) => {
    manualSeed(7);
    const model = make();
    model.eval();
    const example = input(3);
    const bytes = exportOnnx(model, [example], {
      inputNames: ['x'],
      outputNames: ['y'],
      dynamicAxes: { x: { 0: 'batch' }, y: { 0: 'batch' } },
      ...options,
    });
    expect(bytes).toBeInstanceOf(Uint8Array);
    // The example batch and two other batch sizes (the batch axis is dynamic).
    for (const batch of [3, 1, 5]) {
      const x = batch === 3 ? example : input(batch);
      const expected = noGrad(() => model.forward(x) as T);
      const { y } = await runOnnx(bytes, { x });
      expect(y?.dims).toEqual(expected.shape);
      expect(maxRelativeError(y!.data, expected.toTypedArray() as Float32Array)).toBeLessThan(2e-5);
    }
    if (onnxCheckerMissing === null) expect(checkModel(bytes)).toBe('');
    else console.warn(`onnx.checker skipped: ${onnxCheckerMissing}`);
  });
});

it('keeps the input dtype for float64 models', async () => {
  manualSeed(1);
  const model = new Sequential(new Linear(3, 2, { dtype: 'float64' }), new Tanh());
  const x = randn([2, 3], { dtype: 'float64' });
  const { output } = await runOnnx(exportOnnx(model, x), { input: x });
  expect(
    maxRelativeError(output!.data, noGrad(() => model.forward(x)).toTypedArray() as Float64Array),
  ).toBeLessThan(1e-12);
});

void Tensor;
