import { empty, zeros } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import type { Generator } from '@descent/tensor';
import { dropout } from '../functional/dropout';
import { linear } from '../functional/linear';
import { constant_, xavierUniform_ } from '../init';
import { Linear } from '../layers/linear';
import { Module } from '../module';
import { pyBool, pyFloat } from '../module-format';
import { Parameter } from '../parameter';
import { checkOptionKeys, checkSize } from '../recurrent/checks';

/** Options of {@link MultiheadAttention}. */
export interface MultiheadAttentionOptions {
  /** Dropout on the attention weights in training mode (default 0). */
  dropout?: number;
  /** Learn `in_proj_bias` and `out_proj.bias` (default true). */
  bias?: boolean;
  /** Feature size of the keys (default `embedDim`). */
  kdim?: number;
  /** Feature size of the values (default `embedDim`). */
  vdim?: number;
  /** Inputs and output are `[batch, seq, feature]` instead of `[seq, batch, feature]` (default false). */
  batchFirst?: boolean;
  /** Parameter dtype (default float32). */
  dtype?: 'float32' | 'float64';
  /** Generator for the initial values (default: the global one). */
  generator?: Generator;
}

/** Options of {@link MultiheadAttention.forward}. */
export interface MultiheadAttentionForwardOptions {
  /** `[batch, S]` (unbatched `[S]`): `true` (or −∞ in a float mask) hides that key from every query. */
  keyPaddingMask?: Tensor;
  /** Return the attention weights (default true). */
  needWeights?: boolean;
  /** `[L, S]` or `[batch·heads, L, S]`: `true` hides a key from a query, a float mask is added to the scores. */
  attnMask?: Tensor;
  /** Average the returned weights over the heads (default true). */
  averageAttnWeights?: boolean;
}

/** A boolean mask as an additive one (−∞ where true), a float mask as it is. */
function additive(mask: Tensor, dtype: Tensor['dtype']): Tensor {
  return mask.dtype === 'bool' ? zeros(mask.shape, { dtype, device: mask.device }).maskedFill(mask, -Infinity) : mask;
}

/**
 * Multi-head attention (torch.nn.MultiheadAttention): queries, keys and values are projected,
 * split into `numHeads` heads of `embedDim / numHeads` features, attended per head and projected
 * back:
 *
 *   qₕ, kₕ, vₕ = head h of (q·W_qᵀ + b_q), (k·W_kᵀ + b_k), (v·W_vᵀ + b_v)
 *   Aₕ = softmax(qₕ·kₕᵀ / √(E/H) + M),   outₕ = dropout(Aₕ)·vₕ
 *   out = concat(out₁ … out_H)·W_oᵀ + b_o
 *
 * Parameters are PyTorch's: `in_proj_weight` `[3E, E]` (or `q_proj_weight`, `k_proj_weight`,
 * `v_proj_weight` when `kdim`/`vdim` differ), `in_proj_bias`, `out_proj.weight`, `out_proj.bias`,
 * initialised as PyTorch's after the same seed (out_proj as a Linear, then Xavier-uniform input
 * projections and zero biases). `forward` returns `[output, weights]`, the weights `[batch, L, S]`
 * averaged over heads (`[batch, H, L, S]` with `averageAttnWeights: false`) or `null` when
 * `needWeights` is false.
 *
 * @example
 * const mha = new MultiheadAttention(16, 4, { batchFirst: true });
 * const [out, weights] = mha.forward(x, x, x); // x: [2, 10, 16] → [2, 10, 16], [2, 10, 10]
 */
export class MultiheadAttention extends Module<[Tensor, Tensor, Tensor, MultiheadAttentionForwardOptions?], [Tensor, Tensor | null]> {
  readonly embedDim: number;
  readonly numHeads: number;
  readonly headDim: number;
  readonly kdim: number;
  readonly vdim: number;
  readonly dropout: number;
  readonly batchFirst: boolean;
  q_proj_weight: Parameter | null = null;
  k_proj_weight: Parameter | null = null;
  v_proj_weight: Parameter | null = null;
  in_proj_weight: Parameter | null = null;
  in_proj_bias: Parameter | null;
  out_proj: Linear;

  constructor(embedDim: number, numHeads: number, options: MultiheadAttentionOptions = {}) {
    super();
    checkOptionKeys('MultiheadAttention', options, ['dropout', 'bias', 'kdim', 'vdim', 'batchFirst', 'dtype', 'generator']);
    checkSize('MultiheadAttention', 'embed_dim', embedDim, 1);
    checkSize('MultiheadAttention', 'num_heads', numHeads, 1);
    if (embedDim % numHeads !== 0) throw new RangeError(`embed_dim must be divisible by num_heads, got embed_dim=${embedDim} and num_heads=${numHeads}`);
    const kdim = options.kdim ?? embedDim;
    const vdim = options.vdim ?? embedDim;
    checkSize('MultiheadAttention', 'kdim', kdim, 1);
    checkSize('MultiheadAttention', 'vdim', vdim, 1);
    const p = options.dropout ?? 0;
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw new RangeError(`dropout probability has to be between 0 and 1, but got ${String(p)}`);
    const dtype = options.dtype ?? 'float32';
    const bias = options.bias ?? true;
    this.embedDim = embedDim;
    this.numHeads = numHeads;
    this.headDim = embedDim / numHeads;
    this.kdim = kdim;
    this.vdim = vdim;
    this.dropout = p;
    this.batchFirst = options.batchFirst ?? false;
    if (kdim === embedDim && vdim === embedDim) {
      this.in_proj_weight = new Parameter(empty([3 * embedDim, embedDim], { dtype }));
    } else {
      this.q_proj_weight = new Parameter(empty([embedDim, embedDim], { dtype }));
      this.k_proj_weight = new Parameter(empty([embedDim, kdim], { dtype }));
      this.v_proj_weight = new Parameter(empty([embedDim, vdim], { dtype }));
    }
    this.in_proj_bias = bias ? new Parameter(empty([3 * embedDim], { dtype })) : null;
    const generator = options.generator;
    this.out_proj = new Linear(embedDim, embedDim, { bias, dtype, generator });
    // PyTorch's _reset_parameters, after out_proj drew its Linear initialisation.
    for (const w of [this.in_proj_weight, this.q_proj_weight, this.k_proj_weight, this.v_proj_weight]) if (w !== null) xavierUniform_(w, { generator });
    if (this.in_proj_bias !== null) constant_(this.in_proj_bias, 0);
    if (this.out_proj.bias !== null) constant_(this.out_proj.bias, 0);
  }

  override forward(query: Tensor, key: Tensor, value: Tensor, options: MultiheadAttentionForwardOptions = {}): [Tensor, Tensor | null] {
    checkOptionKeys('MultiheadAttention.forward', options, ['keyPaddingMask', 'needWeights', 'attnMask', 'averageAttnWeights']);
    const { keyPaddingMask, attnMask, needWeights = true, averageAttnWeights = true } = options;
    const batched = checkShapes(query, key, value, keyPaddingMask, attnMask, this.numHeads);
    let q = query;
    let k = key;
    let v = value;
    let padding = keyPaddingMask;
    if (!batched) {
      [q, k, v] = [q.unsqueeze(1), k.unsqueeze(1), v.unsqueeze(1)];
      padding = padding?.unsqueeze(0);
    } else if (this.batchFirst) {
      [q, k, v] = [q.transpose(1, 0), k.transpose(1, 0), v.transpose(1, 0)];
    }
    const [L, N, E] = q.shape as [number, number, number];
    const S = k.shape[0]!;
    const H = this.numHeads;
    const hd = this.headDim;
    if (E !== this.embedDim) throw new RangeError(`was expecting embedding dimension of ${this.embedDim}, but got ${E}`);
    if (k.shape[1] !== v.shape[1] || k.shape[0] !== v.shape[0]) {
      throw new RangeError(`key's sequence and batch dims [${k.shape.slice(0, 2).join(', ')}] do not match value's [${v.shape.slice(0, 2).join(', ')}]`);
    }
    const [wq, wk, wv] = this.in_proj_weight !== null ? (this.in_proj_weight.chunk(3, 0) as [Tensor, Tensor, Tensor]) : [this.q_proj_weight!, this.k_proj_weight!, this.v_proj_weight!];
    const [bq, bk, bv] = this.in_proj_bias !== null ? (this.in_proj_bias.chunk(3, 0) as [Tensor, Tensor, Tensor]) : [null, null, null];
    // [seq, batch, E] → [batch·heads, seq, headDim]
    const heads = (t: Tensor, len: number): Tensor => t.contiguous().view([len, N * H, hd]).transpose(0, 1);
    const qh = heads(linear(q, wq, bq), L);
    const kh = heads(linear(k, wk, bk), S);
    const vh = heads(linear(v, wv, bv), S);

    let mask: Tensor | undefined;
    if (attnMask !== undefined) {
      if (attnMask.dtype !== 'bool' && attnMask.dtype !== 'float32' && attnMask.dtype !== 'float64') {
        throw new TypeError(`Only float, byte, and bool types are supported for attn_mask, not ${attnMask.dtype}`);
      }
      if (attnMask.ndim === 2) {
        if (attnMask.shape[0] !== L || attnMask.shape[1] !== S) throw new RangeError(`The shape of the 2D attn_mask is [${attnMask.shape.join(', ')}], but should be (${L}, ${S}).`);
        mask = additive(attnMask, qh.dtype).unsqueeze(0);
      } else if (attnMask.ndim === 3) {
        if (attnMask.shape[0] !== N * H || attnMask.shape[1] !== L || attnMask.shape[2] !== S) {
          throw new RangeError(`The shape of the 3D attn_mask is [${attnMask.shape.join(', ')}], but should be (${N * H}, ${L}, ${S}).`);
        }
        mask = additive(attnMask, qh.dtype);
      } else {
        throw new RangeError(`attn_mask's dimension ${attnMask.ndim} is not supported`);
      }
    }
    if (padding !== undefined) {
      if (padding.dtype !== 'bool' && padding.dtype !== 'float32' && padding.dtype !== 'float64') {
        throw new TypeError(`only bool and floating types of key_padding_mask are supported, got ${padding.dtype}`);
      }
      if (padding.ndim !== 2 || padding.shape[0] !== N || padding.shape[1] !== S) {
        throw new RangeError(`expecting key_padding_mask shape of (${N}, ${S}), but got [${padding.shape.join(', ')}]`);
      }
      const perHead = additive(padding, qh.dtype).view([N, 1, 1, S]).expand([N, H, 1, S]).reshape([N * H, 1, S]);
      mask = mask === undefined ? perHead : mask.add(perHead);
    }

    let scores = qh.div(Math.sqrt(hd)).matmul(kh.transpose(-2, -1));
    if (mask !== undefined) scores = scores.add(mask);
    let weights = scores.softmax(-1);
    if (this.training && this.dropout > 0) weights = dropout(weights, { p: this.dropout });
    const attended = weights.matmul(vh).transpose(0, 1).contiguous().view([L * N, E]);
    let output = linear(attended, this.out_proj.weight, this.out_proj.bias).view([L, N, E]);
    let returned: Tensor | null = null;
    if (needWeights) {
      returned = weights.view([N, H, L, S]);
      if (averageAttnWeights) returned = returned.sum(1).div(H);
      if (!batched) returned = returned.squeeze(0);
    }
    if (!batched) output = output.squeeze(1);
    else if (this.batchFirst) output = output.transpose(1, 0);
    return [output, returned];
  }

  override extraRepr(): string {
    const parts = [];
    if (this.dropout !== 0) parts.push(`dropout=${pyFloat(this.dropout)}`);
    if (this.batchFirst) parts.push(`batch_first=${pyBool(true)}`);
    return parts.join(', ');
  }
}

/** PyTorch's `_mha_shape_check`: ranks of the inputs and masks; returns whether the call is batched. */
function checkShapes(query: Tensor, key: Tensor, value: Tensor, keyPaddingMask: Tensor | undefined, attnMask: Tensor | undefined, numHeads: number): boolean {
  if (query.ndim === 3) {
    if (key.ndim !== 3 || value.ndim !== 3) {
      throw new RangeError(`For batched (3-D) \`query\`, expected \`key\` and \`value\` to be 3-D but found ${key.ndim}-D and ${value.ndim}-D tensors respectively`);
    }
    if (keyPaddingMask !== undefined && keyPaddingMask.ndim !== 2) {
      throw new RangeError(`For batched (3-D) \`query\`, expected \`key_padding_mask\` to be \`None\` or 2-D but found ${keyPaddingMask.ndim}-D tensor instead`);
    }
    if (attnMask !== undefined && attnMask.ndim !== 2 && attnMask.ndim !== 3) {
      throw new RangeError(`For batched (3-D) \`query\`, expected \`attn_mask\` to be \`None\`, 2-D or 3-D but found ${attnMask.ndim}-D tensor instead`);
    }
    return true;
  }
  if (query.ndim === 2) {
    if (key.ndim !== 2 || value.ndim !== 2) {
      throw new RangeError(`For unbatched (2-D) \`query\`, expected \`key\` and \`value\` to be 2-D but found ${key.ndim}-D and ${value.ndim}-D tensors respectively`);
    }
    if (keyPaddingMask !== undefined && keyPaddingMask.ndim !== 1) {
      throw new RangeError(`For unbatched (2-D) \`query\`, expected \`key_padding_mask\` to be \`None\` or 1-D but found ${keyPaddingMask.ndim}-D tensor instead`);
    }
    if (attnMask !== undefined) {
      if (attnMask.ndim !== 2 && attnMask.ndim !== 3) {
        throw new RangeError(`For unbatched (2-D) \`query\`, expected \`attn_mask\` to be \`None\`, 2-D or 3-D but found ${attnMask.ndim}-D tensor instead`);
      }
      const expected = [numHeads, query.shape[0]!, key.shape[0]!];
      if (attnMask.ndim === 3 && attnMask.shape.some((d, i) => d !== expected[i])) {
        throw new RangeError(`For unbatched (2-D) \`query\` and 3-D \`attn_mask\`, expected shape (${expected.join(', ')}) but found [${attnMask.shape.join(', ')}]`);
      }
    }
    return false;
  }
  throw new RangeError(`query should be unbatched 2D or batched 3D tensor but received ${query.ndim}-D query tensor`);
}
