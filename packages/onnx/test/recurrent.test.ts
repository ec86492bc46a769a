import { manualSeed, randn } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { GRU, GRUCell, LSTM, LSTMCell, Module, RNN, RNNCell } from '@descent/nn';
import { afterAll, describe, it } from 'vitest';
import { checkParity, MAX_ABS } from './parity';
import type { ParityCase } from './parity';

const seqAxes = (
  names: string[],
  batchAxis: number,
  seqAxis: number,
): Record<string, Record<number, string>> =>
  Object.fromEntries(names.map((n) => [n, { [batchAxis]: 'batch', [seqAxis]: 'seq' }]));
const batchAxis = (names: string[], axis: number): Record<string, Record<number, string>> =>
  Object.fromEntries(names.map((n) => [n, { [axis]: 'batch' }]));

/** The exporter feeds the root's forward one tensor per graph input; a pair state needs a wrapper. */
class WithPair<L extends LSTM | LSTMCell> extends Module<[Tensor, Tensor, Tensor], unknown> {
  constructor(readonly inner: L) {
    super();
  }
  override forward(x: Tensor, h0: Tensor, c0: Tensor): unknown {
    return this.inner.forward(x, [h0, c0]);
  }
}

const CASES: ParityCase[] = [
  {
    name: 'LSTM, 2 layers, bidirectional, seq-first, zero states',
    model: () => new LSTM(4, 6, { numLayers: 2, bidirectional: true }),
    inputs: (b, s) => [randn([s, b, 4])],
    options: {
      inputNames: ['x'],
      outputNames: ['y', 'h', 'c'],
      dynamicAxes: { ...seqAxes(['x', 'y'], 1, 0), ...batchAxis(['h', 'c'], 1) },
    },
  },
  {
    name: 'LSTM, batchFirst, initial states as graph inputs',
    model: () => new WithPair(new LSTM(3, 5, { batchFirst: true })),
    inputs: (b, s) => [randn([b, s, 3]), randn([1, b, 5]), randn([1, b, 5])],
    options: {
      inputNames: ['x', 'h0', 'c0'],
      outputNames: ['y', 'h', 'c'],
      dynamicAxes: { ...seqAxes(['x', 'y'], 0, 1), ...batchAxis(['h0', 'c0', 'h', 'c'], 1) },
    },
  },
  {
    name: 'LSTM, unbatched input, 3 layers, no bias',
    model: () => new LSTM(2, 4, { numLayers: 3, bias: false }),
    inputs: (_b, s) => [randn([s, 2])],
    options: {
      inputNames: ['x'],
      outputNames: ['y', 'h', 'c'],
      dynamicAxes: { x: { 0: 'seq' }, y: { 0: 'seq' } },
    },
  },
  {
    name: 'GRU, 2 layers, bidirectional, batchFirst, h0 input',
    model: () => new GRU(4, 3, { numLayers: 2, bidirectional: true, batchFirst: true }),
    inputs: (b, s) => [randn([b, s, 4]), randn([4, b, 3])],
    options: {
      inputNames: ['x', 'h0'],
      outputNames: ['y', 'h'],
      dynamicAxes: { ...seqAxes(['x', 'y'], 0, 1), ...batchAxis(['h0', 'h'], 1) },
    },
  },
  {
    name: 'GRU, seq-first, zero state',
    model: () => new GRU(5, 7),
    inputs: (b, s) => [randn([s, b, 5])],
    options: {
      inputNames: ['x'],
      outputNames: ['y', 'h'],
      dynamicAxes: { ...seqAxes(['x', 'y'], 1, 0), h: { 1: 'batch' } },
    },
  },
  {
    name: 'RNN tanh, 2 layers, h0 input',
    model: () => new RNN(3, 4, { numLayers: 2 }),
    inputs: (b, s) => [randn([s, b, 3]), randn([2, b, 4])],
    options: {
      inputNames: ['x', 'h0'],
      outputNames: ['y', 'h'],
      dynamicAxes: { ...seqAxes(['x', 'y'], 1, 0), ...batchAxis(['h0', 'h'], 1) },
    },
  },
  {
    name: 'RNN relu, bidirectional, batchFirst, no bias',
    model: () =>
      new RNN(3, 4, { nonlinearity: 'relu', bidirectional: true, batchFirst: true, bias: false }),
    inputs: (b, s) => [randn([b, s, 3])],
    options: {
      inputNames: ['x'],
      outputNames: ['y', 'h'],
      dynamicAxes: { ...seqAxes(['x', 'y'], 0, 1), h: { 1: 'batch' } },
    },
  },
  {
    name: 'RNNCell relu with a state',
    model: () => new RNNCell(3, 5, { nonlinearity: 'relu' }),
    inputs: (b) => [randn([b, 3]), randn([b, 5])],
    options: {
      inputNames: ['x', 'h0'],
      outputNames: ['h'],
      dynamicAxes: batchAxis(['x', 'h0', 'h'], 0),
    },
  },
  {
    name: 'RNNCell tanh from a zero state',
    model: () => new RNNCell(3, 5),
    inputs: (b) => [randn([b, 3])],
    options: { inputNames: ['x'], outputNames: ['h'], dynamicAxes: batchAxis(['x', 'h'], 0) },
  },
  {
    name: 'LSTMCell with [h, c]',
    model: () => new WithPair(new LSTMCell(4, 3)),
    inputs: (b) => [randn([b, 4]), randn([b, 3]), randn([b, 3])],
    options: {
      inputNames: ['x', 'h0', 'c0'],
      outputNames: ['h', 'c'],
      dynamicAxes: batchAxis(['x', 'h0', 'c0', 'h', 'c'], 0),
    },
  },
  {
    name: 'LSTMCell unbatched, zero state',
    model: () => new LSTMCell(4, 3),
    inputs: () => [randn([4])],
    options: { inputNames: ['x'], outputNames: ['h', 'c'] },
    sizes: [[1, 1]],
  },
  {
    name: 'GRUCell with a state, no bias',
    model: () => new GRUCell(2, 6, { bias: false }),
    inputs: (b) => [randn([b, 2]), randn([b, 6])],
    options: {
      inputNames: ['x', 'h0'],
      outputNames: ['h'],
      dynamicAxes: batchAxis(['x', 'h0', 'h'], 0),
    },
  },
  {
    name: 'GRUCell unbatched with a state',
    model: () => new GRUCell(2, 6),
    inputs: () => [randn([2]), randn([6])],
    options: { inputNames: ['x', 'h0'], outputNames: ['h'] },
    sizes: [[1, 1]],
  },
];

describe('exportOnnx: recurrent layers and cells run in onnxruntime and match Descent', () => {
  it.each(CASES)('$name', async (c) => {
    manualSeed(3);
    await checkParity(c);
  });
  afterAll(() => console.log(`max |onnxruntime − Descent|: ${JSON.stringify(MAX_ABS, null, 1)}`));
});
