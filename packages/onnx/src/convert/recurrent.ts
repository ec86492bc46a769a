import type { Tensor } from '@descent/autograd';
import { GRU, GRUCell, LSTM, LSTMCell, RNN, RNNCell } from '@descent/nn';
import type { AnyModule, CellMode, RNNBase, RNNCellBase } from '@descent/nn';
import type { StructuredContext } from '../graph';
import { hintOf } from './types';
import type { ConverterTable, StructuredConverter } from './types';

/**
 * PyTorch stores the gate blocks of `weight_ih`/`weight_hh`/biases as LSTM i,f,g,o and GRU r,z,n;
 * ONNX's LSTM wants i,o,f,c and its GRU z,r,h. Entry k is the PyTorch block written k-th.
 */
const ONNX_BLOCKS: Record<CellMode, readonly number[]> = {
  RNN_TANH: [0],
  RNN_RELU: [0],
  LSTM: [0, 3, 1, 2],
  GRU: [1, 0, 2],
};

/** One direction's weights, as the layer holds them (PyTorch's layout). */
interface DirectionWeights {
  weightIh: Tensor;
  weightHh: Tensor;
  biasIh: Tensor | null;
  biasHh: Tensor | null;
}

function modeOf(module: AnyModule): CellMode {
  if (module instanceof LSTM || module instanceof LSTMCell) return 'LSTM';
  if (module instanceof GRU || module instanceof GRUCell) return 'GRU';
  const nonlinearity = (module as RNN | RNNCell).nonlinearity;
  return nonlinearity === 'relu' ? 'RNN_RELU' : 'RNN_TANH';
}

/** The rows of `t` (`[G·hidden, …]`) with its gate blocks in ONNX's order, appended to `out`. */
function pushReordered(out: number[], t: Tensor, mode: CellMode): void {
  const values = t.contiguous().toTypedArray() as Float32Array | Float64Array;
  const blocks = ONNX_BLOCKS[mode];
  const block = values.length / blocks.length;
  for (const b of blocks)
    for (let i = b * block; i < (b + 1) * block; i++) out.push(values[i] as number);
}

/** The ONNX values of one layer's directions, written as initializers: W, R and (with biases) B. */
function layerWeights(
  ctx: StructuredContext,
  mode: CellMode,
  directions: readonly DirectionWeights[],
  hidden: number,
  name: string,
): { w: string; r: string; b: string } {
  const g = ctx.graph;
  const first = directions[0] as DirectionWeights;
  const dtype = first.weightIh.dtype;
  const gates = ONNX_BLOCKS[mode].length * hidden;
  const w: number[] = [];
  const r: number[] = [];
  const b: number[] = [];
  for (const d of directions) {
    pushReordered(w, d.weightIh, mode);
    pushReordered(r, d.weightHh, mode);
    if (d.biasIh !== null && d.biasHh !== null) {
      pushReordered(b, d.biasIh, mode); // Wb
      pushReordered(b, d.biasHh, mode); // Rb
    }
  }
  const D = directions.length;
  return {
    w: g.floats(w, [D, gates, first.weightIh.shape[1] as number], `${name}.W`, dtype),
    r: g.floats(r, [D, gates, hidden], `${name}.R`, dtype),
    b: b.length === 0 ? '' : g.floats(b, [D, 2 * gates], `${name}.B`, dtype),
  };
}

/**
 * One ONNX RNN/LSTM/GRU node over `[seq, batch, feature]` input `x`; returns Y
 * (`[seq, D, batch, hidden]`), Y_h and, for LSTM, Y_c (`[D, batch, hidden]`).
 */
function recurrentNode(
  ctx: StructuredContext,
  mode: CellMode,
  x: string,
  directions: readonly DirectionWeights[],
  hidden: number,
  initial: readonly string[],
  name: string,
): string[] {
  const { w, r, b } = layerWeights(ctx, mode, directions, hidden, name);
  const bidirectional = directions.length === 2;
  const attributes: Record<string, number | string | { strings: readonly string[] }> = {
    hidden_size: hidden,
    direction: bidirectional ? 'bidirectional' : 'forward',
  };
  let opType = 'RNN';
  if (mode === 'LSTM') opType = 'LSTM';
  else if (mode === 'GRU') {
    opType = 'GRU';
    // PyTorch applies the reset gate after the recurrent matmul: r ⊙ (h·W_hnᵀ + b_hn).
    attributes.linear_before_reset = 1;
  } else {
    const act = mode === 'RNN_RELU' ? 'Relu' : 'Tanh';
    attributes.activations = { strings: directions.map(() => act) };
  }
  // Inputs: X, W, R, B, sequence_lens, initial_h, initial_c ('' = absent); trailing blanks dropped.
  const inputs = [x, w, r, b, '', initial[0] ?? '', initial[1] ?? ''];
  while (inputs[inputs.length - 1] === '') inputs.pop();
  return ctx.graph.nodeN(opType, inputs, attributes, name, mode === 'LSTM' ? 3 : 2);
}

/** The weights of direction `direction` of layer `layer` (`weight_ih_l0_reverse`, …). */
function weightsOf(
  module: RNNBase<never, unknown>,
  layer: number,
  direction: number,
): DirectionWeights {
  const suffix = `_l${layer}${direction === 1 ? '_reverse' : ''}`;
  const get = (key: string): Tensor | null =>
    (module as unknown as Record<string, Tensor | null | undefined>)[`${key}${suffix}`] ?? null;
  return {
    weightIh: get('weight_ih') as Tensor,
    weightHh: get('weight_hh') as Tensor,
    biasIh: get('bias_ih'),
    biasHh: get('bias_hh'),
  };
}

/**
 * RNN, LSTM, GRU: one ONNX RNN/LSTM/GRU node per layer (both directions in one node), each layer's
 * Y reshaped to `[seq, batch, D·hidden]` for the next; the final states concatenated over layers.
 * `batchFirst` and unbatched inputs are transposed / unsqueezed around the stack. Dropout between
 * layers is the identity (the exporter traces in eval mode).
 */
const recurrentLayer: StructuredConverter = (ctx, module, args, out) => {
  const m = module as RNNBase<never, unknown>;
  const mode = modeOf(module);
  const g = ctx.graph;
  const h = hintOf(ctx);
  const input = args[0] as Tensor;
  const batched = input.ndim === 3;
  const stateArg = args[1];
  const states: Tensor[] =
    stateArg === undefined
      ? []
      : Array.isArray(stateArg)
        ? (stateArg as Tensor[])
        : [stateArg as Tensor];
  const D = m.bidirectional ? 2 : 1;
  const H = m.hiddenSize;

  let x = ctx.operand(input);
  if (!batched) x = g.node('Unsqueeze', [x, g.int64s([1], `${h}.axis1`)], `${h}.batched`);
  else if (m.batchFirst) x = g.node('Transpose', [x], `${h}.seq_first`, { perm: [1, 0, 2] });
  const initial = states.map((s, k) => {
    const name = ctx.operand(s);
    return batched
      ? name
      : g.node('Unsqueeze', [name, g.int64s([1], `${h}.state_axis`)], `${h}.h0_${k}`);
  });

  const finals: string[][] = mode === 'LSTM' ? [[], []] : [[]];
  for (let layer = 0; layer < m.numLayers; layer++) {
    const directions = Array.from({ length: D }, (_, d) => weightsOf(m, layer, d));
    const layerInitial = initial.map((s, k) =>
      m.numLayers === 1
        ? s
        : g.node(
            'Slice',
            [
              s,
              g.int64s([layer * D], `${h}.l${layer}_start`),
              g.int64s([(layer + 1) * D], `${h}.l${layer}_end`),
              g.int64s([0], `${h}.l${layer}_axes`),
            ],
            `${h}.l${layer}_initial_${k}`,
          ),
    );
    const [y, ...yStates] = recurrentNode(
      ctx,
      mode,
      x,
      directions,
      H,
      layerInitial,
      `${h}.l${layer}`,
    );
    yStates.forEach((s, k) => finals[k]?.push(s));
    // Y: [seq, D, batch, hidden] → [seq, batch, D·hidden]
    x =
      D === 1
        ? g.node('Squeeze', [y as string, g.int64s([1], `${h}.l${layer}_axis`)], `${h}.l${layer}_y`)
        : g.node(
            'Reshape',
            [
              g.node('Transpose', [y as string], `${h}.l${layer}_yt`, { perm: [0, 2, 1, 3] }),
              g.int64s([0, 0, -1], `${h}.l${layer}_shape`),
            ],
            `${h}.l${layer}_y`,
          );
  }
  let output = x;
  if (!batched) output = g.node('Squeeze', [output, g.int64s([1], `${h}.out_axis`)], `${h}.output`);
  else if (m.batchFirst) output = g.node('Transpose', [output], `${h}.output`, { perm: [1, 0, 2] });
  const finalStates = finals.map((list, k) => {
    let s =
      list.length === 1
        ? (list[0] as string)
        : g.node('Concat', list, `${h}.final_${k}`, { axis: 0 });
    if (!batched)
      s = g.node('Squeeze', [s, g.int64s([1], `${h}.final_axis`)], `${h}.final_${k}_unbatched`);
    return s;
  });

  const [outTensor, stateOut] = out as [Tensor, Tensor | [Tensor, Tensor]];
  ctx.bind(outTensor, output);
  if (mode === 'LSTM') {
    const [hN, cN] = stateOut as [Tensor, Tensor];
    ctx.bind(hN, finalStates[0] as string);
    ctx.bind(cN, finalStates[1] as string);
  } else ctx.bind(stateOut as Tensor, finalStates[0] as string);
};

/**
 * RNNCell, LSTMCell, GRUCell: the same ONNX node over a sequence of one step (the input and the
 * state unsqueezed to `[1, batch, …]`); the new state is its Y_h (and Y_c).
 */
const recurrentCell: StructuredConverter = (ctx, module, args, out) => {
  const m = module as RNNCellBase<never, unknown>;
  const mode = modeOf(module);
  const g = ctx.graph;
  const h = hintOf(ctx);
  const input = args[0] as Tensor;
  const batched = input.ndim === 2;
  const axes = batched ? [0] : [0, 1];
  const stateArg = args[1];
  const states: Tensor[] =
    stateArg === undefined
      ? []
      : Array.isArray(stateArg)
        ? (stateArg as Tensor[])
        : [stateArg as Tensor];
  const lift = (name: string, hint: string): string =>
    g.node('Unsqueeze', [name, g.int64s(axes, `${hint}_axes`)], hint);
  const x = lift(ctx.operand(input), `${h}.step`);
  const initial = states.map((s, k) => lift(ctx.operand(s), `${h}.state_${k}`));
  const weights: DirectionWeights = {
    weightIh: m.weight_ih,
    weightHh: m.weight_hh,
    biasIh: m.bias_ih,
    biasHh: m.bias_hh,
  };
  const [, ...next] = recurrentNode(ctx, mode, x, [weights], m.hiddenSize, initial, h);
  const results = next.map((s, k) =>
    g.node('Squeeze', [s, g.int64s(axes, `${h}.next_${k}_axes`)], `${h}.next_${k}`),
  );
  if (mode === 'LSTM') {
    const [hNext, cNext] = out as [Tensor, Tensor];
    ctx.bind(hNext, results[0] as string);
    ctx.bind(cNext, results[1] as string);
  } else ctx.bind(out as Tensor, results[0] as string);
};

/** The converters of the recurrent layers and cells, by class. */
export const RECURRENT: ConverterTable<StructuredConverter> = [
  [RNN, recurrentLayer],
  [LSTM, recurrentLayer],
  [GRU, recurrentLayer],
  [RNNCell, recurrentCell],
  [LSTMCell, recurrentCell],
  [GRUCell, recurrentCell],
];
