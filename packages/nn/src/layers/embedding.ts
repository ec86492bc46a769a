import { empty, noGrad } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import type { Generator } from '@descent/tensor';
import { embedding } from '../functional/embedding';
import { normal_ } from '../init';
import { Module } from '../module';
import { Parameter } from '../parameter';

/** Options of {@link Embedding}. */
export interface EmbeddingModuleOptions {
  /** This row starts at zero and gets no gradient (default none; negative counts from the end). */
  paddingIdx?: number | null;
  /** Parameter dtype (default float32). */
  dtype?: 'float32' | 'float64';
  /** Generator for the initial values (default: the global one). */
  generator?: Generator;
}

/**
 * A lookup table of `numEmbeddings` vectors of size `embeddingDim` (torch.nn.Embedding), initialised
 * N(0, 1) as PyTorch's (same numbers after the same seed), the `paddingIdx` row zeroed.
 *
 * @example
 * new Embedding(10, 3).forward(tensor([[1, 2], [4, 5]], { dtype: 'int32' })).shape; // [2, 2, 3]
 */
export class Embedding extends Module {
  /** `[numEmbeddings, embeddingDim]`. */
  weight: Parameter;
  readonly numEmbeddings: number;
  readonly embeddingDim: number;
  readonly paddingIdx: number | null;

  constructor(numEmbeddings: number, embeddingDim: number, options: EmbeddingModuleOptions = {}) {
    super();
    for (const [name, value] of [['num_embeddings', numEmbeddings], ['embedding_dim', embeddingDim]] as const) {
      if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`Embedding: ${name} must be a non-negative integer, got ${value}`);
    }
    let paddingIdx = options.paddingIdx ?? null;
    if (paddingIdx !== null) {
      if (!Number.isSafeInteger(paddingIdx) || paddingIdx >= numEmbeddings || paddingIdx < -numEmbeddings) throw new RangeError('Padding_idx must be within num_embeddings');
      if (paddingIdx < 0) paddingIdx += numEmbeddings;
    }
    this.numEmbeddings = numEmbeddings;
    this.embeddingDim = embeddingDim;
    this.paddingIdx = paddingIdx;
    this.weight = new Parameter(empty([numEmbeddings, embeddingDim], { dtype: options.dtype ?? 'float32' }));
    this.resetParameters(options.generator);
  }

  /** Draws fresh N(0, 1) values and zeroes the padding row (PyTorch's `reset_parameters`). */
  resetParameters(generator?: Generator): void {
    normal_(this.weight, 0, 1, { generator });
    const row = this.paddingIdx;
    if (row !== null) noGrad(() => this.weight.select(0, row).fill_(0));
  }

  override forward(input: Tensor): Tensor {
    return embedding(input, this.weight, { paddingIdx: this.paddingIdx });
  }

  override extraRepr(): string {
    return `${this.numEmbeddings}, ${this.embeddingDim}${this.paddingIdx === null ? '' : `, padding_idx=${this.paddingIdx}`}`;
  }
}
