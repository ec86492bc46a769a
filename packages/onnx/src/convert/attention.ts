import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import {
  functional,
  GELU,
  MultiheadAttention,
  TransformerEncoder,
  TransformerEncoderLayer,
} from '@descent/nn';
import type {
  MultiheadAttentionForwardOptions,
  TransformerEncoderForwardOptions,
  TransformerEncoderLayerForwardOptions,
} from '@descent/nn';
import type { ConvertContext, StructuredContext } from '../graph';
import { gelu } from './activations';
import { layerNorm } from './norm';
import { hintOf } from './types';
import type { ConverterTable, StructuredConverter } from './types';

/** The context of a submodule `name` of the module converted by `ctx`. */
export function child<C extends ConvertContext>(ctx: C, name: string): C {
  return { ...ctx, path: ctx.path === '' ? name : `${ctx.path}.${name}` };
}

/** x·Wᵀ + b for a weight `[out, in]` given by name (MatMul with the transposed weight; any rank). */
export function project(
  ctx: ConvertContext,
  x: string,
  w: string,
  b: string | null,
  hint: string,
): string {
  const g = ctx.graph;
  const xw = g.node(
    'MatMul',
    [x, g.node('Transpose', [w], `${hint}.weight_t`, { perm: [1, 0] })],
    `${hint}.matmul`,
  );
  return b === null ? xw : g.node('Add', [xw, b], hint);
}

/** Rows `[start, start + count)` of a parameter (a chunk of `in_proj_weight` or `in_proj_bias`). */
function rows(
  ctx: ConvertContext,
  source: string,
  start: number,
  count: number,
  hint: string,
): string {
  const g = ctx.graph;
  return g.node(
    'Slice',
    [
      source,
      g.int64s([start], `${hint}.start`),
      g.int64s([start + count], `${hint}.end`),
      g.int64s([0], `${hint}.axes`),
    ],
    hint,
  );
}

/** A boolean mask as an additive one (−∞ where true, 0 elsewhere), a float mask as it is. */
function additive(
  ctx: ConvertContext,
  mask: string,
  t: Tensor,
  dtype: string,
  hint: string,
): string {
  if (t.dtype !== 'bool') return mask;
  const g = ctx.graph;
  return g.node(
    'Where',
    [mask, g.scalar(-Infinity, dtype, `${hint}.ninf`), g.scalar(0, dtype, `${hint}.zero`)],
    hint,
  );
}

/**
 * MultiheadAttention as MatMul/Softmax nodes, in a `[batch, heads, seq, headDim]` layout whose
 * reshapes copy (0) or infer (−1) the batch and sequence sizes, so both stay dynamic:
 *
 *   q, k, v → [N, L|S, E] → ·W_{q,k,v}ᵀ + b → [N, H, L|S, hd]
 *   A = softmax(q·kᵀ/√hd + M)   (M: attnMask [L, S] or [N·H, L, S], keyPaddingMask [N, S]; −∞ for true)
 *   out = (A·v → [N, L, E])·W_oᵀ + b_o, back to the input's layout
 *
 * Returns the output and, when asked, the weights `[N, L, S]` (averaged) or `[N, H, L, S]`.
 */
export function attention(
  ctx: StructuredContext,
  m: MultiheadAttention,
  args: readonly Tensor[],
  options: MultiheadAttentionForwardOptions,
): { output: string; weights: string | null } {
  const g = ctx.graph;
  const h = hintOf(ctx);
  const [query, key, value] = args as [Tensor, Tensor, Tensor];
  const batched = query.ndim === 3;
  const dtype = query.dtype;
  const E = m.embedDim;
  const H = m.numHeads;
  const hd = m.headDim;
  /** An input as [N, seq, features]. */
  const lift = (t: Tensor, hint: string): string => {
    const name = ctx.operand(t);
    if (!batched) return g.node('Unsqueeze', [name, g.int64s([0], `${hint}.axis`)], hint);
    return m.batchFirst ? name : g.node('Transpose', [name], hint, { perm: [1, 0, 2] });
  };
  let wq: string;
  let wk: string;
  let wv: string;
  if (m.in_proj_weight !== null) {
    const w = ctx.param(m.in_proj_weight, 'in_proj_weight');
    [wq, wk, wv] = [0, 1, 2].map((i) => rows(ctx, w, i * E, E, `${h}.w${'qkv'[i]}`)) as [
      string,
      string,
      string,
    ];
  } else {
    wq = ctx.param(m.q_proj_weight as Tensor, 'q_proj_weight');
    wk = ctx.param(m.k_proj_weight as Tensor, 'k_proj_weight');
    wv = ctx.param(m.v_proj_weight as Tensor, 'v_proj_weight');
  }
  const bias = m.in_proj_bias === null ? null : ctx.param(m.in_proj_bias, 'in_proj_bias');
  const b = (i: number): string | null =>
    bias === null ? null : rows(ctx, bias, i * E, E, `${h}.b${'qkv'[i]}`);
  /** [N, seq, E] → [N, H, seq, hd] (or [N, H, hd, seq] for the keys). */
  const heads = (x: string, perm: number[], hint: string): string =>
    g.node(
      'Transpose',
      [g.node('Reshape', [x, g.int64s([0, 0, H, hd], `${hint}.shape`)], `${hint}.split`)],
      hint,
      { perm },
    );
  const q = heads(
    project(ctx, lift(query, `${h}.query`), wq, b(0), `${h}.q`),
    [0, 2, 1, 3],
    `${h}.q_heads`,
  );
  const k = heads(
    project(ctx, lift(key, `${h}.key`), wk, b(1), `${h}.k`),
    [0, 2, 3, 1],
    `${h}.k_heads`,
  );
  const v = heads(
    project(ctx, lift(value, `${h}.value`), wv, b(2), `${h}.v`),
    [0, 2, 1, 3],
    `${h}.v_heads`,
  );

  let scores = g.node(
    'MatMul',
    [g.node('Div', [q, g.scalar(Math.sqrt(hd), dtype, `${h}.sqrt_hd`)], `${h}.q_scaled`), k],
    `${h}.scores`,
  );
  const masks: string[] = [];
  const { attnMask, keyPaddingMask } = options;
  if (attnMask !== undefined) {
    let mask = additive(ctx, ctx.operand(attnMask), attnMask, dtype, `${h}.attn_mask`);
    if (attnMask.ndim === 3 && batched) {
      // [N·H, L, S] → [N, H, L, S], L and S read from the mask so they stay dynamic.
      const tail = g.node(
        'Slice',
        [
          g.node('Shape', [mask], `${h}.mask_shape`),
          g.int64s([1], `${h}.mask_tail_start`),
          g.int64s([3], `${h}.mask_tail_end`),
        ],
        `${h}.mask_tail`,
      );
      const shape = g.node(
        'Concat',
        [g.int64s([-1, H], `${h}.mask_heads`), tail],
        `${h}.mask_4d_shape`,
        { axis: 0 },
      );
      mask = g.node('Reshape', [mask, shape], `${h}.attn_mask_4d`);
    }
    masks.push(mask);
  }
  if (keyPaddingMask !== undefined) {
    let mask = additive(
      ctx,
      ctx.operand(keyPaddingMask),
      keyPaddingMask,
      dtype,
      `${h}.padding_mask`,
    );
    if (batched)
      mask = g.node('Unsqueeze', [mask, g.int64s([1, 2], `${h}.padding_axes`)], `${h}.padding_4d`);
    masks.push(mask);
  }
  if (masks.length === 2)
    scores = g.node('Add', [scores, g.node('Add', masks, `${h}.mask`)], `${h}.masked`);
  else if (masks.length === 1) scores = g.node('Add', [scores, masks[0] as string], `${h}.masked`);
  const weights = g.node('Softmax', [scores], `${h}.weights`, { axis: 3 });
  const attended = g.node(
    'Reshape',
    [
      g.node(
        'Transpose',
        [g.node('MatMul', [weights, v], `${h}.attended_heads`)],
        `${h}.attended_t`,
        { perm: [0, 2, 1, 3] },
      ),
      g.int64s([0, 0, E], `${h}.merge_shape`),
    ],
    `${h}.attended`,
  );
  const outProj = child(ctx, 'out_proj');
  let output = project(
    outProj,
    attended,
    ctx.param(m.out_proj.weight, 'out_proj.weight'),
    m.out_proj.bias === null ? null : ctx.param(m.out_proj.bias, 'out_proj.bias'),
    hintOf(outProj),
  );
  if (!batched) output = g.node('Squeeze', [output, g.int64s([0], `${h}.out_axis`)], `${h}.output`);
  else if (!m.batchFirst)
    output = g.node('Transpose', [output], `${h}.output`, { perm: [1, 0, 2] });
  if (options.needWeights === false) return { output, weights: null };
  let returned =
    options.averageAttnWeights === false
      ? weights
      : g.node('ReduceMean', [weights], `${h}.mean_weights`, { axes: [1], keepdims: 0 });
  if (!batched)
    returned = g.node(
      'Squeeze',
      [returned, g.int64s([0], `${h}.weights_axis`)],
      `${h}.weights_unbatched`,
    );
  return { output, weights: returned };
}

const multiheadAttention: StructuredConverter = (ctx, module, args, out) => {
  const options = (args[3] ?? {}) as MultiheadAttentionForwardOptions;
  const { output, weights } = attention(
    ctx,
    module as MultiheadAttention,
    args.slice(0, 3) as Tensor[],
    options,
  );
  const [outTensor, weightTensor] = out as [Tensor, Tensor | null];
  ctx.bind(outTensor, output);
  if (weightTensor !== null && weights !== null) ctx.bind(weightTensor, weights);
};

/** Which of the built-in activations a layer holds ('relu', 'gelu'), or null for a function of the user's. */
function activationOf(m: TransformerEncoderLayer): 'relu' | 'gelu' | null {
  if (m.activation === functional.relu) return 'relu';
  // The 'gelu' option is a closure over functional.gelu: compare on a probe.
  const probe = tensor([-3, -1.5, -0.5, 0, 0.25, 0.7, 2, 4]);
  const got = m.activation(probe).tolist() as number[];
  const want = functional.gelu(probe).tolist() as number[];
  return got.every((v, i) => v === want[i]) ? 'gelu' : null;
}

/** One encoder block: self-attention and feed-forward, post-norm or pre-norm (dropouts are identities). */
function encoderLayer(
  ctx: StructuredContext,
  m: TransformerEncoderLayer,
  src: Tensor,
  x: string,
  mask: Tensor | undefined,
  padding: Tensor | undefined,
): string {
  const g = ctx.graph;
  const h = hintOf(ctx);
  const activation = activationOf(m);
  if (activation === null)
    ctx.unsupported(
      'TransformerEncoderLayer',
      'a custom activation function cannot be traced; use relu or gelu',
    );
  const selfAttention = (y: string): string => {
    const attn = child(ctx, 'self_attn');
    // The block attends y to itself: y stands for the query, key and value.
    const self = { ...attn, operand: (t: Tensor) => (t === src ? y : ctx.operand(t)) };
    return attention(self, m.self_attn, [src, src, src], {
      attnMask: mask,
      keyPaddingMask: padding,
      needWeights: false,
    }).output;
  };
  const linear = (name: 'linear1' | 'linear2', y: string): string => {
    const sub = child(ctx, name);
    const layer = m[name];
    return project(
      sub,
      y,
      ctx.param(layer.weight, `${name}.weight`),
      layer.bias === null ? null : ctx.param(layer.bias, `${name}.bias`),
      hintOf(sub),
    );
  };
  const feedForward = (y: string): string => {
    const hidden = linear('linear1', y);
    const act =
      activation === 'relu'
        ? g.node('Relu', [hidden], `${h}.activation`)
        : gelu(child(ctx, 'activation'), new GELU(), [hidden], [src], src);
    return linear('linear2', act);
  };
  const norm = (name: 'norm1' | 'norm2', y: string): string =>
    layerNorm(child(ctx, name), m[name], [y], [src], src);
  if (m.normFirst) {
    const a = g.node('Add', [x, selfAttention(norm('norm1', x))], `${h}.residual1`);
    return g.node('Add', [a, feedForward(norm('norm2', a))], `${h}.residual2`);
  }
  const a = norm('norm1', g.node('Add', [x, selfAttention(x)], `${h}.residual1`));
  return norm('norm2', g.node('Add', [a, feedForward(a)], `${h}.residual2`));
}

const transformerEncoderLayer: StructuredConverter = (ctx, module, args, out) => {
  const src = args[0] as Tensor;
  const options = (args[1] ?? {}) as TransformerEncoderLayerForwardOptions;
  ctx.bind(
    out as Tensor,
    encoderLayer(
      ctx,
      module as TransformerEncoderLayer,
      src,
      ctx.operand(src),
      options.srcMask,
      options.srcKeyPaddingMask,
    ),
  );
};

const transformerEncoder: StructuredConverter = (ctx, module, args, out) => {
  const m = module as TransformerEncoder;
  const src = args[0] as Tensor;
  const options = (args[1] ?? {}) as TransformerEncoderForwardOptions;
  let x = ctx.operand(src);
  [...m.layers].forEach((layer, i) => {
    x = encoderLayer(
      child(ctx, `layers.${i}`),
      layer as TransformerEncoderLayer,
      src,
      x,
      options.mask,
      options.srcKeyPaddingMask,
    );
  });
  if (m.norm !== null) x = layerNorm(child(ctx, 'norm'), m.norm, [x], [src], src);
  ctx.bind(out as Tensor, x);
};

/** The converters of the attention layers, by class. */
export const ATTENTION: ConverterTable<StructuredConverter> = [
  [MultiheadAttention, multiheadAttention],
  [TransformerEncoderLayer, transformerEncoderLayer],
  [TransformerEncoder, transformerEncoder],
];
