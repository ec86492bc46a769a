import { noGrad } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { Generator } from '@descent/tensor';
import { gelu, relu } from '../functional/activations';
import { Dropout } from '../layers/dropout';
import { LayerNorm } from '../layers/layer-norm';
import { Linear } from '../layers/linear';
import { Module } from '../module';
import { checkOptionKeys, checkSize } from '../recurrent/checks';
import { MultiheadAttention } from './multihead-attention';

/** Options of {@link TransformerEncoderLayer} (PyTorch's keyword arguments and defaults). */
export interface TransformerEncoderLayerOptions {
  /** Width of the feed-forward block (default 2048). */
  dimFeedforward?: number;
  /** Dropout in attention, after attention and in the feed-forward block (default 0.1). */
  dropout?: number;
  /** `'relu'` (default), `'gelu'` or a function of a tensor. */
  activation?: 'relu' | 'gelu' | ((x: Tensor) => Tensor);
  /** LayerNorm's eps (default 1e-5). */
  layerNormEps?: number;
  /** `[batch, seq, feature]` instead of `[seq, batch, feature]` (default false). */
  batchFirst?: boolean;
  /** Normalise before each block (pre-norm) instead of after it (default false). */
  normFirst?: boolean;
  /** Parameter dtype (default float32). */
  dtype?: 'float32' | 'float64';
  /** Generator for the initial values (default: the global one). */
  generator?: Generator;
}

/** Options of {@link TransformerEncoderLayer.forward}. */
export interface TransformerEncoderLayerForwardOptions {
  /** `[L, L]` or `[batch·heads, L, L]` attention mask (see {@link MultiheadAttention.forward}). */
  srcMask?: Tensor;
  /** `[batch, L]`: `true` marks padding that no query attends to. */
  srcKeyPaddingMask?: Tensor;
}

/**
 * One Transformer encoder block (torch.nn.TransformerEncoderLayer; Vaswani et al. 2017):
 *
 *   post-norm (default):  x ← norm1(x + SA(x));  x ← norm2(x + FF(x))
 *   pre-norm (normFirst): x ← x + SA(norm1(x));  x ← x + FF(norm2(x))
 *   SA(x) = dropout1(self_attn(x, x, x))
 *   FF(x) = dropout2(linear2(dropout(act(linear1(x)))))
 *
 * Submodules and parameter names are PyTorch's (`self_attn.in_proj_weight`, `linear1.weight`,
 * `norm2.bias`, …), initialised in PyTorch's order, and dropout draws its masks in PyTorch's
 * order, so after the same seed it computes torch's numbers.
 *
 * @example
 * const layer = new TransformerEncoderLayer(32, 4, { dimFeedforward: 64, batchFirst: true });
 * layer.forward(randn([2, 10, 32])).shape; // [2, 10, 32]
 */
export class TransformerEncoderLayer extends Module<[Tensor, TransformerEncoderLayerForwardOptions?], Tensor> {
  self_attn: MultiheadAttention;
  linear1: Linear;
  dropout: Dropout;
  linear2: Linear;
  norm1: LayerNorm;
  norm2: LayerNorm;
  dropout1: Dropout;
  dropout2: Dropout;
  readonly normFirst: boolean;
  readonly activation: (x: Tensor) => Tensor;
  /** The constructor's arguments, for {@link TransformerEncoderLayer.clone}. */
  readonly #config: [number, number, TransformerEncoderLayerOptions];

  constructor(dModel: number, nhead: number, options: TransformerEncoderLayerOptions = {}) {
    super();
    checkOptionKeys('TransformerEncoderLayer', options, ['dimFeedforward', 'dropout', 'activation', 'layerNormEps', 'batchFirst', 'normFirst', 'dtype', 'generator']);
    const { dimFeedforward = 2048, dropout = 0.1, activation = 'relu', layerNormEps = 1e-5, batchFirst = false, normFirst = false, dtype, generator } = options;
    checkSize('TransformerEncoderLayer', 'dim_feedforward', dimFeedforward, 1);
    if (activation !== 'relu' && activation !== 'gelu' && typeof activation !== 'function') {
      throw new RangeError(`activation should be relu/gelu, not ${String(activation)}`);
    }
    this.#config = [dModel, nhead, { ...options }];
    this.self_attn = new MultiheadAttention(dModel, nhead, { dropout, batchFirst, dtype, generator });
    this.linear1 = new Linear(dModel, dimFeedforward, { dtype, generator });
    this.dropout = new Dropout(dropout);
    this.linear2 = new Linear(dimFeedforward, dModel, { dtype, generator });
    this.normFirst = normFirst;
    this.norm1 = new LayerNorm(dModel, { eps: layerNormEps, dtype });
    this.norm2 = new LayerNorm(dModel, { eps: layerNormEps, dtype });
    this.dropout1 = new Dropout(dropout);
    this.dropout2 = new Dropout(dropout);
    this.activation = activation === 'relu' ? relu : activation === 'gelu' ? (x) => gelu(x) : activation;
  }

  override forward(src: Tensor, options: TransformerEncoderLayerForwardOptions = {}): Tensor {
    checkOptionKeys('TransformerEncoderLayer.forward', options, ['srcMask', 'srcKeyPaddingMask']);
    let x = src;
    if (this.normFirst) {
      x = x.add(this.#selfAttention(this.norm1.forward(x), options));
      x = x.add(this.#feedForward(this.norm2.forward(x)));
    } else {
      x = this.norm1.forward(x.add(this.#selfAttention(x, options)));
      x = this.norm2.forward(x.add(this.#feedForward(x)));
    }
    return x;
  }

  #selfAttention(x: Tensor, options: TransformerEncoderLayerForwardOptions): Tensor {
    const [out] = this.self_attn.forward(x, x, x, { attnMask: options.srcMask, keyPaddingMask: options.srcKeyPaddingMask, needWeights: false });
    return this.dropout1.forward(out);
  }

  #feedForward(x: Tensor): Tensor {
    return this.dropout2.forward(this.linear2.forward(this.dropout.forward(this.activation(this.linear1.forward(x)))));
  }

  /**
   * An independent copy with the same configuration, parameters and mode (PyTorch's `deepcopy`, as
   * TransformerEncoder clones its layer); draws nothing from the global generator.
   */
  clone(): TransformerEncoderLayer {
    const [dModel, nhead, options] = this.#config;
    const copy = new TransformerEncoderLayer(dModel, nhead, { ...options, generator: new Generator() });
    noGrad(() => copy.loadStateDict(this.stateDict()));
    return copy.train(this.training);
  }
}
