import { cat, zeros } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import type { Generator } from '@descent/tensor';
import { gelu } from '../../functional/activations';
import { LayerNorm } from '../../layers/layer-norm';
import { Module } from '../../module';
import type { GPT2Config } from './config';
import { GPT2Conv1D } from './conv1d';

/** Keys and values of the earlier positions of one block, each `[batch, heads, past, headDim]`. */
export type LayerPast = readonly [Tensor, Tensor];

/** Causal self-attention of a GPT-2 block: `c_attn` projects to q, k, v; `c_proj` mixes the heads. */
export class GPT2Attention extends Module<[Tensor, LayerPast | null], [Tensor, LayerPast]> {
  c_attn: GPT2Conv1D;
  c_proj: GPT2Conv1D;
  readonly nHead: number;

  constructor(c: GPT2Config, generator?: Generator) {
    super();
    this.nHead = c.nHead;
    this.c_attn = new GPT2Conv1D(c.nEmbd, 3 * c.nEmbd, { generator });
    this.c_proj = new GPT2Conv1D(c.nEmbd, c.nEmbd, { std: 0.02 / Math.sqrt(2 * c.nLayer), generator });
  }

  /**
   * `x` is `[batch, T, nEmbd]`; `past` holds the keys and values of the positions before these T
   * (or null). Query t attends to every past position and to the new ones up to t. Returns the
   * output and the keys and values of all positions so far (the cache for the next call).
   */
  override forward(x: Tensor, past: LayerPast | null): [Tensor, LayerPast] {
    const [B, T, C] = x.shape as [number, number, number];
    const hd = C / this.nHead;
    const heads = (t: Tensor): Tensor => t.reshape([B, T, this.nHead, hd]).permute([0, 2, 1, 3]);
    const [q, kNew, vNew] = this.c_attn.forward(x).split(C, 2).map(heads) as [Tensor, Tensor, Tensor];
    const k = past === null ? kNew : cat([past[0], kNew], 2);
    const v = past === null ? vNew : cat([past[1], vNew], 2);
    const P = k.shape[2]! - T;
    // Hugging Face masks with finfo.min rather than −∞; after the softmax both give exact zeros.
    const mask = zeros([T, P + T], { dtype: 'bool' });
    const m = mask.storage.data;
    for (let i = 0; i < T; i++) for (let j = P + i + 1; j < P + T; j++) m[i * (P + T) + j] = 1;
    const scores = q.matmul(k.transpose(-1, -2)).div(Math.sqrt(hd)).maskedFill(mask, -Infinity);
    const out = scores.softmax(-1).matmul(v).permute([0, 2, 1, 3]).reshape([B, T, C]);
    return [this.c_proj.forward(out), [k, v]];
  }
}

/** The MLP of a GPT-2 block: c_fc (4× wider), gelu (tanh approximation, "gelu_new"), c_proj. */
export class GPT2MLP extends Module {
  c_fc: GPT2Conv1D;
  c_proj: GPT2Conv1D;

  constructor(c: GPT2Config, generator?: Generator) {
    super();
    this.c_fc = new GPT2Conv1D(c.nEmbd, 4 * c.nEmbd, { generator });
    this.c_proj = new GPT2Conv1D(4 * c.nEmbd, c.nEmbd, { std: 0.02 / Math.sqrt(2 * c.nLayer), generator });
  }

  override forward(x: Tensor): Tensor {
    return this.c_proj.forward(gelu(this.c_fc.forward(x), { approximate: 'tanh' }));
  }
}

/** One pre-norm GPT-2 block: x ← x + attn(ln_1(x)); x ← x + mlp(ln_2(x)). */
export class GPT2Block extends Module<[Tensor, LayerPast | null], [Tensor, LayerPast]> {
  ln_1: LayerNorm;
  attn: GPT2Attention;
  ln_2: LayerNorm;
  mlp: GPT2MLP;

  constructor(c: GPT2Config, generator?: Generator) {
    super();
    this.ln_1 = new LayerNorm(c.nEmbd, { eps: c.layerNormEpsilon });
    this.attn = new GPT2Attention(c, generator);
    this.ln_2 = new LayerNorm(c.nEmbd, { eps: c.layerNormEpsilon });
    this.mlp = new GPT2MLP(c, generator);
  }

  override forward(x: Tensor, past: LayerPast | null): [Tensor, LayerPast] {
    const [attended, present] = this.attn.forward(this.ln_1.forward(x), past);
    const h = x.add(attended);
    return [h.add(this.mlp.forward(this.ln_2.forward(h))), present];
  }
}
