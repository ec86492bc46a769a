import type { Tensor } from '@descent/autograd';
import { GELU, GPT2, GPT2Attention, GPT2Block, GPT2Conv1D, GPT2MLP } from '@descent/nn';
import type { LayerPast } from '@descent/nn';
import type { ConvertContext } from '../graph';
import { gelu } from './activations';
import { child } from './attention';
import { layerNorm } from './norm';
import { hintOf } from './types';
import type { ConverterTable, ModuleConverter, StructuredConverter } from './types';

/** Hugging Face's Conv1D: x·W + b with W stored `[in, out]`. */
function conv1d(ctx: ConvertContext, m: GPT2Conv1D, x: string): string {
  const g = ctx.graph;
  const h = hintOf(ctx);
  return g.node(
    'Add',
    [
      g.node('MatMul', [x, ctx.param(m.weight, 'weight')], `${h}.matmul`),
      ctx.param(m.bias, 'bias'),
    ],
    h,
  );
}

/**
 * `[T, T]`, true where key j lies after query i (j > i): the positions a causal query may not
 * see. Built from T = x.shape[1] with Range, so the sequence length stays dynamic.
 */
function futureMask(ctx: ConvertContext, x: string): string {
  const g = ctx.graph;
  const h = hintOf(ctx);
  const length = g.node(
    'Squeeze',
    [
      g.node(
        'Slice',
        [
          g.node('Shape', [x], `${h}.x_shape`),
          g.int64s([1], `${h}.t_start`),
          g.int64s([2], `${h}.t_end`),
        ],
        `${h}.t_1d`,
      ),
      g.int64s([0], `${h}.t_axis`),
    ],
    `${h}.t`,
  );
  const positions = g.node(
    'Range',
    [g.int64(0, `${h}.zero`), length, g.int64(1, `${h}.one`)],
    `${h}.positions`,
  );
  const rowsOf = g.node('Unsqueeze', [positions, g.int64s([1], `${h}.row_axis`)], `${h}.query_pos`);
  const colsOf = g.node('Unsqueeze', [positions, g.int64s([0], `${h}.col_axis`)], `${h}.key_pos`);
  return g.node('Less', [rowsOf, colsOf], `${h}.future`);
}

/**
 * GPT-2 causal self-attention on `x` `[B, T, C]` (no past: the export has no KV cache):
 * q, k, v = split(c_attn(x)) → heads; softmax(q·kᵀ/√hd, future masked to −∞)·v → c_proj.
 * Returns the output and the keys and values `[B, H, T, hd]` (the cache the forward returns).
 */
function selfAttention(
  ctx: ConvertContext,
  m: GPT2Attention,
  x: string,
  future: string,
  dtype: string,
): [string, string, string] {
  const g = ctx.graph;
  const h = hintOf(ctx);
  const C = m.c_attn.weight.shape[0] as number;
  const H = m.nHead;
  const hd = C / H;
  const qkv = conv1d(child(ctx, 'c_attn'), m.c_attn, x);
  const [q, k, v] = g
    .nodeN('Split', [qkv, g.int64s([C, C, C], `${h}.split`)], { axis: 2 }, `${h}.qkv`, 3)
    .map((t, i) =>
      g.node(
        'Transpose',
        [
          g.node(
            'Reshape',
            [t, g.int64s([0, 0, H, hd], `${h}.heads_shape`)],
            `${h}.${'qkv'[i]}_split`,
          ),
        ],
        `${h}.${'qkv'[i]}`,
        {
          perm: [0, 2, 1, 3],
        },
      ),
    ) as [string, string, string];
  const scores = g.node(
    'Div',
    [
      g.node(
        'MatMul',
        [q, g.node('Transpose', [k], `${h}.k_t`, { perm: [0, 1, 3, 2] })],
        `${h}.qk`,
      ),
      g.scalar(Math.sqrt(hd), dtype, `${h}.sqrt_hd`),
    ],
    `${h}.scores`,
  );
  const masked = g.node(
    'Where',
    [future, g.scalar(-Infinity, dtype, `${h}.ninf`), scores],
    `${h}.masked`,
  );
  const attended = g.node(
    'MatMul',
    [g.node('Softmax', [masked], `${h}.weights`, { axis: 3 }), v],
    `${h}.attended_heads`,
  );
  const merged = g.node(
    'Reshape',
    [
      g.node('Transpose', [attended], `${h}.attended_t`, { perm: [0, 2, 1, 3] }),
      g.int64s([0, 0, C], `${h}.merge_shape`),
    ],
    `${h}.attended`,
  );
  return [conv1d(child(ctx, 'c_proj'), m.c_proj, merged), k, v];
}

/** The MLP: c_proj(gelu_tanh(c_fc(x))). */
function mlp(ctx: ConvertContext, m: GPT2MLP, x: string, like: Tensor): string {
  const hidden = conv1d(child(ctx, 'c_fc'), m.c_fc, x);
  const act = gelu(child(ctx, 'gelu'), new GELU({ approximate: 'tanh' }), [hidden], [like], like);
  return conv1d(child(ctx, 'c_proj'), m.c_proj, act);
}

/** A pre-norm block: x + attn(ln_1(x)), then + mlp(ln_2(·)). Returns the output, keys and values. */
function block(
  ctx: ConvertContext,
  m: GPT2Block,
  x: string,
  future: string,
  like: Tensor,
): [string, string, string] {
  const g = ctx.graph;
  const h = hintOf(ctx);
  const [attended, k, v] = selfAttention(
    child(ctx, 'attn'),
    m.attn,
    layerNorm(child(ctx, 'ln_1'), m.ln_1, [x], [like], like),
    future,
    like.dtype,
  );
  const residual = g.node('Add', [x, attended], `${h}.residual1`);
  const out = g.node(
    'Add',
    [
      residual,
      mlp(
        child(ctx, 'mlp'),
        m.mlp,
        layerNorm(child(ctx, 'ln_2'), m.ln_2, [residual], [like], like),
        like,
      ),
    ],
    `${h}.residual2`,
  );
  return [out, k, v];
}

/** A block or attention called with `past = null` (the export has no KV cache). */
function withoutPast(ctx: ConvertContext, args: unknown[], what: string): Tensor {
  if (args[1] !== null && args[1] !== undefined)
    ctx.unsupported(what, 'a KV cache (past) is not exported: call it with past = null');
  return args[0] as Tensor;
}

const gpt2Attention: StructuredConverter = (ctx, module, args, out) => {
  const x = withoutPast(ctx, args, 'GPT2Attention');
  const name = ctx.operand(x);
  const [y, k, v] = selfAttention(
    ctx,
    module as GPT2Attention,
    name,
    futureMask(ctx, name),
    x.dtype,
  );
  const [outTensor, [kT, vT]] = out as [Tensor, LayerPast];
  ctx.bind(outTensor, y);
  ctx.bind(kT, k);
  ctx.bind(vT, v);
};

const gpt2Block: StructuredConverter = (ctx, module, args, out) => {
  const x = withoutPast(ctx, args, 'GPT2Block');
  const name = ctx.operand(x);
  const [y, k, v] = block(ctx, module as GPT2Block, name, futureMask(ctx, name), x);
  const [outTensor, [kT, vT]] = out as [Tensor, LayerPast];
  ctx.bind(outTensor, y);
  ctx.bind(kT, k);
  ctx.bind(vT, v);
};

/**
 * GPT-2 logits for token ids `[B, T]` (or `[T]`): wte[ids] + wpe[0:T] (sliced by the dynamic T),
 * the blocks with one causal mask, ln_f, and the tied head ·wteᵀ.
 */
const gpt2: ModuleConverter = (ctx, module, [idx], [input]) => {
  const m = module as GPT2;
  const g = ctx.graph;
  const h = hintOf(ctx);
  const unbatched = input!.ndim === 1;
  const tokens = unbatched
    ? g.node('Unsqueeze', [idx as string, g.int64s([0], `${h}.batch_axis`)], `${h}.tokens`)
    : (idx as string);
  const like = m.wte.weight;
  const wte = ctx.param(m.wte.weight, 'wte.weight');
  const length = g.node(
    'Slice',
    [
      g.node('Shape', [tokens], `${h}.ids_shape`),
      g.int64s([1], `${h}.t_start`),
      g.int64s([2], `${h}.t_end`),
    ],
    `${h}.t_1d`,
  );
  const positions = g.node(
    'Slice',
    [
      ctx.param(m.wpe.weight, 'wpe.weight'),
      g.int64s([0], `${h}.pos_start`),
      length,
      g.int64s([0], `${h}.pos_axis`),
    ],
    `${h}.wpe_rows`,
  );
  let x = g.node(
    'Add',
    [g.node('Gather', [wte, tokens], `${h}.wte_rows`, { axis: 0 }), positions],
    `${h}.embedded`,
  );
  const future = futureMask(ctx, tokens);
  [...m.h].forEach((b, i) => {
    [x] = block(child(ctx, `h.${i}`), b as GPT2Block, x, future, like);
  });
  const normed = layerNorm(child(ctx, 'ln_f'), m.ln_f, [x], [like], like);
  const logits = g.node(
    'MatMul',
    [normed, g.node('Transpose', [wte], `${h}.wte_t`, { perm: [1, 0] })],
    unbatched ? `${h}.logits_batched` : h,
  );
  return unbatched ? g.node('Squeeze', [logits, g.int64s([0], `${h}.unbatch_axis`)], h) : logits;
};

/** The converters of the GPT-2 model and its parts, by class. */
export const GPT2_MODULES: ConverterTable<ModuleConverter> = [
  [GPT2, gpt2],
  [GPT2MLP, (ctx, module, [x], [input]) => mlp(ctx, module as GPT2MLP, x as string, input!)],
  [GPT2Conv1D, (ctx, module, [x]) => conv1d(ctx, module as GPT2Conv1D, x as string)],
];

/** The converters of GPT-2's attention and block (structured: they return the keys and values). */
export const GPT2_STRUCTURED: ConverterTable<StructuredConverter> = [
  [GPT2Attention, gpt2Attention],
  [GPT2Block, gpt2Block],
];
