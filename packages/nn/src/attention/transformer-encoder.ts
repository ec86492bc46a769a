import type { Tensor } from '@descent/autograd';
import type { LayerNorm } from '../layers/layer-norm';
import { ModuleList } from '../layers/module-list';
import { Module } from '../module';
import { checkOptionKeys, checkSize } from '../recurrent/checks';
import { TransformerEncoderLayer } from './transformer-encoder-layer';

/** Options of {@link TransformerEncoder.forward}. */
export interface TransformerEncoderForwardOptions {
  /** Attention mask passed to every layer (`srcMask`). */
  mask?: Tensor;
  /** `[batch, L]` padding mask passed to every layer. */
  srcKeyPaddingMask?: Tensor;
}

/**
 * A stack of `numLayers` copies of `encoderLayer`, then an optional final norm
 * (torch.nn.TransformerEncoder). The copies start equal to `encoderLayer` (PyTorch deep-copies it)
 * and are trained independently; their names are `layers.0.…`, `layers.1.…`, then `norm.…`.
 *
 * @example
 * const encoder = new TransformerEncoder(new TransformerEncoderLayer(32, 4), 2, { norm: new LayerNorm(32) });
 * encoder.forward(randn([10, 2, 32]), { mask: causalMask }).shape; // [10, 2, 32]
 */
export class TransformerEncoder extends Module<[Tensor, TransformerEncoderForwardOptions?], Tensor> {
  layers: ModuleList;
  norm: LayerNorm | null;
  readonly numLayers: number;

  constructor(encoderLayer: TransformerEncoderLayer, numLayers: number, options: { norm?: LayerNorm | null } = {}) {
    super();
    if (!(encoderLayer instanceof TransformerEncoderLayer)) throw new TypeError(`TransformerEncoder: encoderLayer must be a TransformerEncoderLayer, got ${typeof encoderLayer}`);
    checkSize('TransformerEncoder', 'num_layers', numLayers, 1);
    checkOptionKeys('TransformerEncoder', options, ['norm']);
    this.layers = new ModuleList(Array.from({ length: numLayers }, () => encoderLayer.clone()));
    this.norm = options.norm ?? null;
    this.numLayers = numLayers;
  }

  override forward(src: Tensor, options: TransformerEncoderForwardOptions = {}): Tensor {
    checkOptionKeys('TransformerEncoder.forward', options, ['mask', 'srcKeyPaddingMask']);
    let x = src;
    for (const layer of this.layers) x = (layer as TransformerEncoderLayer).forward(x, { srcMask: options.mask, srcKeyPaddingMask: options.srcKeyPaddingMask });
    return this.norm === null ? x : this.norm.forward(x);
  }
}
