import { readFileSync } from 'node:fs';
import { manualSeed, tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { expectAllClose } from '@descent/fixtures';
import { describe, expect, it } from 'vitest';
import { GRU, GRUCell, LSTM, LSTMCell, RNN, RNNCell } from '../src/index';
import type { Module } from '../src/index';

interface Recorded {
  shape: number[];
  values: number[];
}
interface Case {
  kind: 'RNN' | 'LSTM' | 'GRU' | 'RNNCell' | 'LSTMCell' | 'GRUCell';
  seed: number;
  options: Record<string, number | boolean | string>;
  training: boolean;
  params: (Recorded & { name: string })[];
  input: Recorded;
  state?: Recorded[];
  output: Recorded;
  finals: Recorded[];
  lossWeights: Recorded[];
  inputGrad: Recorded;
  stateGrads?: Recorded[];
  paramGrads: (Recorded & { name: string })[];
}

// Written by test/golden/gen_recurrent.py with PyTorch 1.13.
const golden = JSON.parse(readFileSync(new URL('./golden/recurrent.json', import.meta.url), 'utf8')) as {
  cases: Case[];
  errors: { label: string; type: string; message: string }[];
};

const camel = (key: string): string => key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
const toTensor = (r: Recorded, requiresGrad = false): Tensor => tensor(r.values).reshape(r.shape).requiresGrad_(requiresGrad);
const tol = { rtol: 1e-4, atol: 1e-5 };
/** The elements in row-major order (views included: their storage may hold more). */
const values = (t: Tensor): number[] => t.reshape([-1]).tolist() as number[];

function build(c: Case): Module<never[], unknown> {
  const { input_size: inputSize, hidden_size: hiddenSize, ...rest } = c.options as Record<string, number>;
  const options = Object.fromEntries(Object.entries(rest).map(([k, v]) => [camel(k), v]));
  const ctor = { RNN, LSTM, GRU, RNNCell, LSTMCell, GRUCell }[c.kind];
  return new ctor(inputSize!, hiddenSize!, options);
}

function label(c: Case): string {
  return `${c.kind} ${JSON.stringify(c.options)} input ${JSON.stringify(c.input.shape)}${c.state ? ' with state' : ''}${c.training ? ' training' : ''}`;
}

describe('recurrent layers against PyTorch 1.13', () => {
  it('has golden cases for every layer', () => {
    expect(new Set(golden.cases.map((c) => c.kind))).toEqual(new Set(['RNN', 'LSTM', 'GRU', 'RNNCell', 'LSTMCell', 'GRUCell']));
  });

  it.each(golden.cases.map((c) => [label(c), c] as const))('initialises as torch after the same seed (%s)', (_l, c) => {
    manualSeed(c.seed);
    const layer = build(c);
    const named = layer.namedParameters();
    expect(named.map(([n]) => n)).toEqual(c.params.map((p) => p.name));
    named.forEach(([name, p], i) => {
      expect([name, p.shape]).toEqual([c.params[i]!.name, c.params[i]!.shape]);
      expect([name, Array.from(p.storage.data)]).toEqual([c.params[i]!.name, c.params[i]!.values]);
    });
  });

  it.each(golden.cases.map((c) => [label(c), c] as const))('matches outputs, final states and every gradient (%s)', (_l, c) => {
    manualSeed(c.seed);
    const layer = build(c);
    layer.train(c.training);
    const x = toTensor(c.input, true);
    const states = c.state?.map((s) => toTensor(s, true));
    manualSeed(1000 + c.seed); // the dropout masks are drawn after this seed, as in the generator
    const lstm = c.kind === 'LSTM' || c.kind === 'LSTMCell';
    const cell = c.kind.endsWith('Cell');
    const run = (input: Tensor, state?: unknown): unknown => (layer as unknown as { forward(a: Tensor, b?: unknown): unknown }).forward(input, state);
    const out = run(x, states === undefined ? undefined : lstm ? states : states[0]);
    let output: Tensor;
    let finals: Tensor[];
    if (cell) {
      finals = lstm ? (out as Tensor[]) : [out as Tensor];
      output = finals[0]!;
    } else {
      const [o, hidden] = out as [Tensor, Tensor | Tensor[]];
      output = o;
      finals = lstm ? (hidden as Tensor[]) : [hidden as Tensor];
    }
    expect(output.shape).toEqual(c.output.shape);
    expectAllClose(values(output), c.output.values, tol, 'output');
    finals.forEach((f, k) => {
      expect(f.shape).toEqual(c.finals[k]!.shape);
      expectAllClose(values(f), c.finals[k]!.values, tol, `final ${k}`);
    });
    const weights = c.lossWeights.map((w) => toTensor(w));
    let loss = output.mul(weights[0]!).sum();
    finals.forEach((f, k) => (loss = loss.add(f.mul(weights[k + 1]!).sum())));
    loss.backward();
    expectAllClose(values(x.grad!), c.inputGrad.values, tol, 'input grad');
    states?.forEach((s, k) => expectAllClose(values(s.grad!), c.stateGrads![k]!.values, tol, `state ${k} grad`));
    const params = layer.namedParameters();
    c.paramGrads.forEach((g, i) => {
      expect(params[i]![0]).toBe(g.name);
      expectAllClose(values(params[i]![1].grad!), g.values, tol, `${g.name} grad`);
    });
  });
});

describe('recurrent layers refuse bad input with PyTorch messages', () => {
  const message = (label: string): string => golden.errors.find((e) => e.label === label)!.message;
  const randn = (...shape: number[]): Tensor => tensor(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_v, i) => Math.sin(i))).reshape(shape);

  it('names the input size', () => {
    expect(() => new RNN(3, 4).forward(randn(5, 2, 2))).toThrow(message('rnn input size'));
  });
  it('names a wrong rank (PyTorch 2.x wording: 1.13 reports the rank after its own unsqueeze)', () => {
    expect(() => new RNN(3, 4).forward(randn(5, 2, 3, 1))).toThrow('RNN: Expected input to be 2-D or 3-D but received 4-D tensor');
  });
  it('names the hidden shapes', () => {
    expect(() => new RNN(3, 4).forward(randn(5, 2, 3), randn(1, 3, 4))).toThrow(message('rnn hidden shape'));
    expect(() => new RNN(3, 4).forward(randn(5, 2, 3), randn(2, 4))).toThrow(message('rnn hidden rank'));
    expect(() => new LSTM(3, 4).forward(randn(5, 2, 3), [randn(1, 2, 5), randn(1, 2, 4)])).toThrow(message('lstm hidden shape'));
    expect(() => new LSTM(3, 4).forward(randn(5, 2, 3), [randn(1, 2, 4), randn(1, 3, 4)])).toThrow(message('lstm cell shape'));
  });
  it('checks the constructor options', () => {
    expect(() => new GRU(3, 4, { dropout: 1.5 })).toThrow(message('gru dropout'));
    expect(() => new RNN(3, 4, { nonlinearity: 'sigmoid' as 'tanh' })).toThrow(message('rnn nonlinearity'));
    expect(() => new LSTM(3, 4, { num_layers: 2 } as never)).toThrow("LSTM: unknown option 'num_layers' (did you mean 'numLayers'?)");
    expect(() => new GRU(3, 0)).toThrow('GRU: hidden_size must be greater than zero, got 0');
    expect(() => new GRU(3, 2.5)).toThrow('GRU: hidden_size must be an integer, got 2.5');
    expect(() => new RNN(3, 4, { numLayers: 0 })).toThrow('RNN: num_layers must be greater than zero, got 0');
  });
  it('checks the cells', () => {
    expect(() => new RNNCell(3, 4).forward(randn(2, 5))).toThrow(message('rnncell input size'));
    expect(() => new GRUCell(3, 4).forward(randn(2, 3), randn(3, 4))).toThrow(message('grucell hidden shape'));
    expect(() => new LSTMCell(3, 4).forward(randn(2, 2, 3))).toThrow('LSTMCell: Expected input to be 1-D or 2-D but received 3-D tensor');
  });
});
