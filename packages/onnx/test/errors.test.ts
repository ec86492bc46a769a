import { mkdtempSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manualSeed, noGrad, randn, tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import {
  GPT2Block,
  Linear,
  MSELoss,
  Module,
  ReLU,
  Sequential,
  TransformerEncoderLayer,
} from '@descent/nn';
import { describe, expect, it } from 'vitest';
import { exportOnnx } from '../src/index';
import { saveOnnx } from '../src/node';
import { maxRelativeError, runOnnx } from './runtime';

class CumulativeHead extends Module {
  body = new Sequential(new Linear(4, 4), new ReLU());
  out = new Linear(4, 2);
  override forward(x: Tensor): Tensor {
    return this.out.forward(this.body.forward(x).cumsum(1));
  }
}

describe('exportOnnx errors', () => {
  it('names the module path and the layer that has no conversion', () => {
    const model = new Sequential(new Linear(3, 4), new Sequential(new ReLU(), new MSELoss()));
    expect(() => exportOnnx(model, randn([2, 3]))).toThrow(
      "exportOnnx: cannot export op 'MSELoss' in module '1.1' (MSELoss): it has no ONNX conversion",
    );
  });

  it('refuses a GPT-2 block called with a KV cache, and an encoder layer with a custom activation', () => {
    const config = {
      vocabSize: 10,
      nPositions: 8,
      nEmbd: 4,
      nHead: 2,
      nLayer: 1,
      layerNormEpsilon: 1e-5,
    };
    class Cached extends Module<[Tensor], Tensor> {
      block = new GPT2Block(config);
      override forward(x: Tensor): Tensor {
        const [, past] = this.block.forward(x, null);
        return this.block.forward(x, past)[0];
      }
    }
    expect(() => exportOnnx(new Cached(), randn([1, 3, 4]))).toThrow(
      "exportOnnx: cannot export op 'GPT2Block' in module 'block' (GPT2Block): it has no ONNX conversion (a KV cache (past) is not exported: call it with past = null)",
    );
    const layer = new TransformerEncoderLayer(4, 2, {
      dimFeedforward: 8,
      activation: (x) => x.tanh(),
    });
    expect(() => exportOnnx(layer, randn([3, 1, 4]))).toThrow(
      "exportOnnx: cannot export op 'TransformerEncoderLayer' in module '<root>' (TransformerEncoderLayer): it has no ONNX conversion (a custom activation function cannot be traced; use relu or gelu)",
    );
  });

  it('names a tensor op of a custom forward that has no conversion, and where it was called', () => {
    expect(() => exportOnnx(new CumulativeHead(), randn([2, 4]))).toThrow(
      "exportOnnx: cannot export op 'cumsum' called in module '<root>': it has no ONNX conversion (its result feeds module 'out' (Linear))",
    );
  });

  it('names the module where the forward fails on a wrongly shaped example input', () => {
    const model = new Sequential(new Linear(3, 4), new ReLU(), new Linear(5, 2));
    expect(() => exportOnnx(model, randn([2, 3]))).toThrow(
      /^exportOnnx: the forward pass on exampleInputs \(\[2, 3\]\) failed in module '2' \(Linear\): /,
    );
    expect(() => exportOnnx(model, randn([2, 7]))).toThrow(/failed in module '0' \(Linear\)/);
  });

  it('rejects bad arguments, naming them', () => {
    const model = new Sequential(new Linear(3, 2));
    const x = randn([2, 3]);
    expect(() => exportOnnx(model, x, { opsetVersion: 18 })).toThrow(
      'exportOnnx: opsetVersion must be an integer from 13 to 17, got number 18',
    );
    expect(() => exportOnnx(model, [], {})).toThrow(
      'exportOnnx: exampleInputs must be a Tensor or a non-empty array of Tensors, got array',
    );
    expect(() => exportOnnx({} as Module, x)).toThrow(
      'exportOnnx: model must be a Module, got Object',
    );
    expect(() => exportOnnx(model, x, { inputNames: ['a', 'b'] })).toThrow(
      'exportOnnx: inputNames has 2 names for 1 example inputs',
    );
    expect(() => exportOnnx(model, x, { dynamicAxes: { z: [0] } })).toThrow(
      "exportOnnx: dynamicAxes names 'z', which is neither an input nor an output name",
    );
    expect(() => exportOnnx(model, x, { dynamicAxes: { input: [2] } })).toThrow(
      "exportOnnx: dynamicAxes['input'] names axis 2, but 'input' has 2 dimensions",
    );
  });

  it('leaves the model as it was: training flags, forward methods, tensor methods', () => {
    const model = new CumulativeHead();
    model.train();
    model.out.eval();
    expect(() => exportOnnx(model, randn([2, 4]))).toThrow();
    expect(model.training).toBe(true);
    expect(model.out.training).toBe(false);
    expect(Object.hasOwn(model, 'forward') || Object.hasOwn(model.out, 'forward')).toBe(false);
    expect(tensor([1, 2, 3]).cumsum(0).tolist()).toEqual([1, 3, 6]);
    exportOnnx(new Sequential(new Linear(4, 2)), randn([1, 4]));
    expect(model.training).toBe(true);
  });
});

describe('saveOnnx', () => {
  it('writes the file atomically, and nothing when the export fails', async () => {
    manualSeed(3);
    const dir = mkdtempSync(join(tmpdir(), 'descent-onnx-'));
    const model = new Sequential(new Linear(3, 4), new ReLU(), new Linear(4, 2));
    const path = join(dir, 'model.onnx');
    saveOnnx(model, randn([2, 3]), path, { dynamicAxes: { input: [0], output: [0] } });
    const x = randn([6, 3]);
    const { output } = await runOnnx(new Uint8Array(readFileSync(path)), { input: x });
    expect(
      maxRelativeError(output!.data, noGrad(() => model.forward(x)).toTypedArray() as Float32Array),
    ).toBeLessThan(1e-5);
    expect(() => saveOnnx(model, randn([2, 5]), join(dir, 'bad.onnx'))).toThrow(
      /failed in module '0' \(Linear\)/,
    );
    expect(existsSync(join(dir, 'bad.onnx'))).toBe(false);
    expect(readdirSync(dir)).toEqual(['model.onnx']);
  });
});
