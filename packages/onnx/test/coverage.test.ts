/**
 * Every module class `@descent/nn` exports is accounted for here: exported to ONNX and checked in
 * onnxruntime by one of the parity test files, traced through (containers), an abstract base, or
 * refused with the documented "cannot export op" Error naming the module path and the op. A layer
 * added to `@descent/nn` fails this test until it is placed in one of these lists.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { manualSeed, randn } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import * as nn from '@descent/nn';
import { Linear, Module, ModuleDict, ModuleList, ReLU } from '@descent/nn';
import type { AnyModule } from '@descent/nn';
import { describe, expect, it } from 'vitest';
import { CONVERTERS, STRUCTURED } from '../src/convert/registry';
import { exportOnnx } from '../src/index';
import { checkParity } from './parity';

/** Exported to ONNX, each with its parity test file (which constructs it and runs it in onnxruntime). */
const EXPORTED: Record<string, string> = {
  Linear: 'export-onnx.test.ts',
  Flatten: 'export-onnx.test.ts',
  Dropout: 'export-onnx.test.ts',
  Dropout2d: 'export-onnx.test.ts',
  Identity: 'export-onnx.test.ts',
  ReLU: 'export-onnx.test.ts',
  LeakyReLU: 'export-onnx.test.ts',
  Sigmoid: 'export-onnx.test.ts',
  Tanh: 'export-onnx.test.ts',
  GELU: 'export-onnx.test.ts',
  Softmax: 'export-onnx.test.ts',
  LogSoftmax: 'export-onnx.test.ts',
  ELU: 'export-onnx.test.ts',
  CELU: 'export-onnx.test.ts',
  SELU: 'export-onnx.test.ts',
  SiLU: 'export-onnx.test.ts',
  Mish: 'export-onnx.test.ts',
  Softplus: 'export-onnx.test.ts',
  Softsign: 'export-onnx.test.ts',
  Hardtanh: 'export-onnx.test.ts',
  ReLU6: 'export-onnx.test.ts',
  Hardsigmoid: 'export-onnx.test.ts',
  Hardswish: 'export-onnx.test.ts',
  LogSigmoid: 'export-onnx.test.ts',
  Softmin: 'export-onnx.test.ts',
  Conv1d: 'export-onnx.test.ts',
  Conv2d: 'export-onnx.test.ts',
  ConvTranspose2d: 'export-onnx.test.ts',
  MaxPool1d: 'export-onnx.test.ts',
  MaxPool2d: 'export-onnx.test.ts',
  AvgPool1d: 'export-onnx.test.ts',
  AvgPool2d: 'export-onnx.test.ts',
  AdaptiveAvgPool2d: 'export-onnx.test.ts',
  AdaptiveMaxPool2d: 'export-onnx.test.ts',
  BatchNorm1d: 'export-onnx.test.ts',
  BatchNorm2d: 'export-onnx.test.ts',
  LayerNorm: 'export-onnx.test.ts',
  GroupNorm: 'export-onnx.test.ts',
  Embedding: 'export-onnx.test.ts',
  RNN: 'recurrent.test.ts',
  LSTM: 'recurrent.test.ts',
  GRU: 'recurrent.test.ts',
  RNNCell: 'recurrent.test.ts',
  LSTMCell: 'recurrent.test.ts',
  GRUCell: 'recurrent.test.ts',
  MultiheadAttention: 'attention.test.ts',
  TransformerEncoderLayer: 'attention.test.ts',
  TransformerEncoder: 'attention.test.ts',
  RMSNorm: 'attention.test.ts',
  GPT2: 'attention.test.ts',
  GPT2Block: 'attention.test.ts',
  GPT2Attention: 'attention.test.ts',
  GPT2MLP: 'attention.test.ts',
  GPT2Conv1D: 'attention.test.ts',
};

/** Containers: their forward is traced through (their children are exported). */
const CONTAINERS = ['Module', 'Sequential', 'ModuleList', 'ModuleDict'];

/** Abstract bases: not instantiated; each concrete subclass is listed above. */
const ABSTRACT = ['RNNBase', 'RNNCellBase'];

/** Refused: a loss is a training objective, not part of an inference graph. */
const REFUSED = [
  'MSELoss',
  'L1Loss',
  'SmoothL1Loss',
  'HuberLoss',
  'BCELoss',
  'BCEWithLogitsLoss',
  'NLLLoss',
  'CrossEntropyLoss',
];

/** Every module class `@descent/nn` exports, by name. */
const NN_MODULES = Object.entries(nn)
  .filter(
    ([, v]) =>
      typeof v === 'function' &&
      (v === Module || (v as { prototype: unknown }).prototype instanceof Module),
  )
  .map(([name]) => name)
  .sort();

describe('ONNX coverage of @descent/nn', () => {
  it('places every module class @descent/nn exports in exactly one list', () => {
    const listed = [...Object.keys(EXPORTED), ...CONTAINERS, ...ABSTRACT, ...REFUSED];
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual(NN_MODULES);
  });

  it('has a converter for each exported layer, and a test file that builds it', () => {
    const sources = new Map<string, string>();
    for (const [name, file] of Object.entries(EXPORTED)) {
      const cls = (nn as Record<string, unknown>)[name];
      expect({ name, converter: CONVERTERS.has(cls) || STRUCTURED.has(cls) }).toEqual({
        name,
        converter: true,
      });
      if (!sources.has(file))
        sources.set(file, readFileSync(join(import.meta.dirname, file), 'utf8'));
      // GPT2Attention is built inside GPT2Block (exported through the block's converter too).
      const built = name === 'GPT2Attention' ? 'new GPT2Block(' : `new ${name}(`;
      expect({ name, file, built: sources.get(file)!.includes(built) }).toEqual({
        name,
        file,
        built: true,
      });
    }
  });

  it('runs a standalone GPT2Attention in onnxruntime (output, keys, values)', async () => {
    manualSeed(2);
    const config = {
      vocabSize: 10,
      nPositions: 10,
      nEmbd: 8,
      nHead: 4,
      nLayer: 1,
      layerNormEpsilon: 1e-5,
    };
    class Attend extends Module<[Tensor], unknown> {
      attn = new nn.GPT2Attention(config);
      override forward(x: Tensor): unknown {
        const [y, [k, v]] = this.attn.forward(x, null);
        return [y, k, v];
      }
    }
    await checkParity({
      name: 'GPT2Attention',
      model: () => new Attend(),
      inputs: (b, s) => [randn([b, s, 8])],
      options: {
        inputNames: ['x'],
        outputNames: ['y', 'k', 'v'],
        dynamicAxes: {
          x: { 0: 'N', 1: 'T' },
          y: { 0: 'N', 1: 'T' },
          k: { 0: 'N', 2: 'T' },
          v: { 0: 'N', 2: 'T' },
        },
      },
    });
  });

  it('traces through ModuleList and ModuleDict (checked in onnxruntime)', async () => {
    manualSeed(4);
    class Containers extends Module<[Tensor], Tensor> {
      list = new ModuleList([new Linear(3, 4), new ReLU()]);
      dict = new ModuleDict({ head: new Linear(4, 2) });
      override forward(x: Tensor): Tensor {
        let y = x;
        for (const m of this.list) y = (m as Linear).forward(y);
        return (this.dict.get('head') as Linear).forward(y);
      }
    }
    await checkParity({
      name: 'containers',
      model: () => new Containers(),
      inputs: (b) => [randn([b, 3])],
      options: {
        inputNames: ['x'],
        outputNames: ['y'],
        dynamicAxes: { x: { 0: 'N' }, y: { 0: 'N' } },
      },
    });
  });

  it.each(REFUSED)('%s throws the documented error naming the module path and the op', (name) => {
    const Loss = (nn as unknown as Record<string, new () => AnyModule>)[name]!;
    class Scored extends Module<[Tensor], Tensor> {
      body = new Linear(3, 3);
      loss = new Loss();
      override forward(x: Tensor): Tensor {
        const y = this.body.forward(x);
        return (this.loss.forward as (a: Tensor, b: Tensor) => Tensor)(y, y);
      }
    }
    expect(() => exportOnnx(new Scored(), randn([2, 3]))).toThrow(
      `exportOnnx: cannot export op '${name}' in module 'loss' (${name}): it has no ONNX conversion`,
    );
  });
});
