import { manualSeed, rand, randint, randn, tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import {
  GPT2,
  GPT2Block,
  GPT2Conv1D,
  GPT2MLP,
  LayerNorm,
  Linear,
  Module,
  MultiheadAttention,
  RMSNorm,
  Sequential,
  TransformerEncoder,
  TransformerEncoderLayer,
} from '@descent/nn';
import type { AnyModule } from '@descent/nn';
import { afterAll, describe, it } from 'vitest';
import { checkParity, MAX_ABS } from './parity';
import type { ParityCase } from './parity';

/** Calls `inner` with the graph inputs the way `fn` says (masks and options are not positional). */
class Call<M extends AnyModule> extends Module<Tensor[], unknown> {
  constructor(
    readonly inner: M,
    private readonly fn: (inner: M, xs: Tensor[]) => unknown,
  ) {
    super();
  }
  override forward(...xs: Tensor[]): unknown {
    return this.fn(this.inner, xs);
  }
}

/** `[rows, cols]` booleans, true with probability p, never in column 0 (a row of all true is NaN). */
function padding(rows: number, cols: number, p = 0.4): Tensor {
  const r = rand([rows, cols]).tolist() as number[][];
  return tensor(r.map((row) => row.map((v, j) => j > 0 && v < p)));
}

/** The additive causal mask of PyTorch's generate_square_subsequent_mask: −∞ above the diagonal. */
function causal(n: number): Tensor {
  return tensor(
    Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => (j > i ? -Infinity : 0)),
    ),
  );
}

/** A GPT-2 block, then its MLP and a Conv1D, each called on its own. */
class GPT2Parts extends Module<[Tensor], unknown> {
  block = new GPT2Block({
    vocabSize: 10,
    nPositions: 10,
    nEmbd: 8,
    nHead: 2,
    nLayer: 1,
    layerNormEpsilon: 1e-5,
  });
  mlp = new GPT2MLP({
    vocabSize: 10,
    nPositions: 10,
    nEmbd: 8,
    nHead: 2,
    nLayer: 1,
    layerNormEpsilon: 1e-5,
  });
  head = new GPT2Conv1D(8, 5);
  override forward(x: Tensor): unknown {
    const [y, [k, v]] = this.block.forward(x, null);
    return [this.head.forward(this.mlp.forward(y)), k, v];
  }
}

const dyn = (
  spec: Record<string, Record<number, string>>,
): Record<string, Record<number, string>> => spec;

const CASES: ParityCase[] = [
  {
    name: 'MultiheadAttention, seq-first, query/key/value inputs, averaged weights',
    model: () => new MultiheadAttention(8, 2),
    inputs: (b, s) => [randn([s, b, 8]), randn([s + 1, b, 8]), randn([s + 1, b, 8])],
    options: {
      inputNames: ['q', 'k', 'v'],
      outputNames: ['out', 'weights'],
      dynamicAxes: dyn({
        q: { 0: 'L', 1: 'N' },
        k: { 0: 'S', 1: 'N' },
        v: { 0: 'S', 1: 'N' },
        out: { 0: 'L', 1: 'N' },
        weights: { 0: 'N', 1: 'L', 2: 'S' },
      }),
    },
  },
  {
    name: 'MultiheadAttention, batchFirst, kdim/vdim, bool key padding + float attn mask, per-head weights',
    model: () =>
      new Call(
        new MultiheadAttention(8, 4, { batchFirst: true, kdim: 5, vdim: 3 }),
        (m, [q, k, v, pad, mask]) =>
          m.forward(q!, k!, v!, { keyPaddingMask: pad, attnMask: mask, averageAttnWeights: false }),
      ),
    inputs: (b, s) => [
      randn([b, s, 8]),
      randn([b, s + 2, 5]),
      randn([b, s + 2, 3]),
      padding(b, s + 2),
      randn([s, s + 2]),
    ],
    options: {
      inputNames: ['q', 'k', 'v', 'pad', 'mask'],
      outputNames: ['out', 'weights'],
      dynamicAxes: dyn({
        q: { 0: 'N', 1: 'L' },
        k: { 0: 'N', 1: 'S' },
        v: { 0: 'N', 1: 'S' },
        pad: { 0: 'N', 1: 'S' },
        mask: { 0: 'L', 1: 'S' },
        out: { 0: 'N', 1: 'L' },
        weights: { 0: 'N', 2: 'L', 3: 'S' },
      }),
    },
  },
  {
    name: 'MultiheadAttention, 3-d bool attn mask [N·H, L, S], no bias, needWeights false',
    model: () =>
      new Call(new MultiheadAttention(6, 3, { bias: false }), (m, [x, mask]) =>
        m.forward(x!, x!, x!, {
          attnMask: mask,
          needWeights: false,
        }),
      ),
    inputs: (b, s) => {
      const mask = padding(b * 3 * s, s).reshape([b * 3, s, s]);
      return [randn([s, b, 6]), mask];
    },
    options: {
      inputNames: ['x', 'mask'],
      outputNames: ['out'],
      dynamicAxes: dyn({
        x: { 0: 'L', 1: 'N' },
        mask: { 0: 'NH', 1: 'L', 2: 'S' },
        out: { 0: 'L', 1: 'N' },
      }),
    },
  },
  {
    name: 'MultiheadAttention, unbatched',
    model: () => new MultiheadAttention(4, 2),
    inputs: (_b, s) => [randn([s, 4]), randn([s, 4]), randn([s, 4])],
    options: {
      inputNames: ['q', 'k', 'v'],
      outputNames: ['out', 'weights'],
      dynamicAxes: dyn({
        q: { 0: 'L' },
        k: { 0: 'S' },
        v: { 0: 'S' },
        out: { 0: 'L' },
        weights: { 0: 'L', 1: 'S' },
      }),
    },
  },
  {
    name: 'TransformerEncoderLayer, post-norm, relu, batchFirst',
    model: () => new TransformerEncoderLayer(8, 2, { dimFeedforward: 16, batchFirst: true }),
    inputs: (b, s) => [randn([b, s, 8])],
    options: {
      inputNames: ['x'],
      outputNames: ['y'],
      dynamicAxes: dyn({ x: { 0: 'N', 1: 'L' }, y: { 0: 'N', 1: 'L' } }),
    },
  },
  {
    name: 'TransformerEncoderLayer, pre-norm, gelu, seq-first, key padding mask',
    model: () =>
      new Call(
        new TransformerEncoderLayer(8, 4, {
          dimFeedforward: 12,
          activation: 'gelu',
          normFirst: true,
        }),
        (m, [x, pad]) => m.forward(x!, { srcKeyPaddingMask: pad }),
      ),
    inputs: (b, s) => [randn([s, b, 8]), padding(b, s)],
    options: {
      inputNames: ['x', 'pad'],
      outputNames: ['y'],
      dynamicAxes: dyn({ x: { 0: 'L', 1: 'N' }, pad: { 0: 'N', 1: 'L' }, y: { 0: 'L', 1: 'N' } }),
    },
  },
  {
    name: 'TransformerEncoder, 2 layers and a final norm, causal mask input',
    model: () =>
      new Call(
        new TransformerEncoder(
          new TransformerEncoderLayer(8, 2, { dimFeedforward: 16, batchFirst: true }),
          2,
          { norm: new LayerNorm(8) },
        ),
        (m, [x, mask]) => m.forward(x!, { mask }),
      ),
    inputs: (b, s) => [randn([b, s, 8]), causal(s)],
    options: {
      inputNames: ['x', 'mask'],
      outputNames: ['y'],
      dynamicAxes: dyn({ x: { 0: 'N', 1: 'L' }, mask: { 0: 'L', 1: 'L' }, y: { 0: 'N', 1: 'L' } }),
    },
  },
  {
    name: 'GPT2Block, GPT2MLP, GPT2Conv1D at opset 13 (LayerNorm decomposed)',
    model: () => new GPT2Parts(),
    inputs: (b, s) => [randn([b, s, 8])],
    options: {
      inputNames: ['x'],
      outputNames: ['y', 'k', 'v'],
      opsetVersion: 13,
      dynamicAxes: dyn({
        x: { 0: 'N', 1: 'T' },
        y: { 0: 'N', 1: 'T' },
        k: { 0: 'N', 2: 'T' },
        v: { 0: 'N', 2: 'T' },
      }),
    },
  },
  {
    name: 'TransformerEncoderLayer at opset 13 (LayerNorm decomposed)',
    model: () => new TransformerEncoderLayer(8, 2, { dimFeedforward: 16, activation: 'gelu' }),
    inputs: (b, s) => [randn([s, b, 8])],
    options: {
      inputNames: ['x'],
      outputNames: ['y'],
      opsetVersion: 13,
      dynamicAxes: dyn({ x: { 0: 'L', 1: 'N' }, y: { 0: 'L', 1: 'N' } }),
    },
  },
  {
    name: 'RMSNorm (default eps) between Linears',
    model: () => new Sequential(new Linear(6, 8), new RMSNorm(8), new Linear(8, 3)),
    inputs: (b, s) => [randn([b, s, 6])],
    options: {
      inputNames: ['x'],
      outputNames: ['y'],
      dynamicAxes: dyn({ x: { 0: 'N', 1: 'L' }, y: { 0: 'N', 1: 'L' } }),
    },
  },
  {
    name: 'RMSNorm over 2 dims, no affine, eps 1e-3',
    model: () => new RMSNorm([3, 4], { elementwiseAffine: false, eps: 1e-3 }),
    inputs: (b) => [randn([b, 3, 4]).mul(0.1)],
    options: {
      inputNames: ['x'],
      outputNames: ['y'],
      dynamicAxes: dyn({ x: { 0: 'N' }, y: { 0: 'N' } }),
    },
  },
  {
    name: 'GPT2 (2 blocks), token ids [batch, T], causal',
    model: () => new GPT2({ vocabSize: 40, nPositions: 12, nEmbd: 16, nHead: 4, nLayer: 2 }),
    inputs: (b, s) => [randint(0, 40, [b, s], { dtype: 'int32' })],
    options: {
      inputNames: ['ids'],
      outputNames: ['logits'],
      dynamicAxes: dyn({ ids: { 0: 'batch', 1: 'T' }, logits: { 0: 'batch', 1: 'T' } }),
    },
  },
  {
    name: 'GPT2, unbatched token ids [T]',
    model: () => new GPT2({ vocabSize: 30, nPositions: 10, nEmbd: 8, nHead: 2, nLayer: 1 }),
    inputs: (_b, s) => [randint(0, 30, [s], { dtype: 'int32' })],
    options: {
      inputNames: ['ids'],
      outputNames: ['logits'],
      dynamicAxes: dyn({ ids: { 0: 'T' }, logits: { 0: 'T' } }),
    },
  },
  {
    name: 'GPT2Block alone (output, keys, values), GPT2MLP, GPT2Conv1D',
    model: () => new GPT2Parts(),
    inputs: (b, s) => [randn([b, s, 8])],
    options: {
      inputNames: ['x'],
      outputNames: ['y', 'k', 'v'],
      dynamicAxes: dyn({
        x: { 0: 'N', 1: 'T' },
        y: { 0: 'N', 1: 'T' },
        k: { 0: 'N', 2: 'T' },
        v: { 0: 'N', 2: 'T' },
      }),
    },
  },
];

describe('exportOnnx: attention, transformer, RMSNorm and GPT-2 run in onnxruntime and match Descent', () => {
  it.each(CASES)('$name', async (c) => {
    manualSeed(5);
    await checkParity(c);
  });
  afterAll(() => console.log(`max |onnxruntime − Descent|: ${JSON.stringify(MAX_ABS, null, 1)}`));
});
