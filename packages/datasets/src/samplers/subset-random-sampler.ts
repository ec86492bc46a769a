import { defaultGenerator, randperm } from '@descent/tensor';
import type { Generator } from '@descent/tensor';
import type { Sampler } from './sampler';

/**
 * The given indices in a random order, one `randperm` per epoch, as
 * `torch.utils.data.SubsetRandomSampler`.
 *
 * @example
 * const valid = new SubsetRandomSampler([10, 11, 12], { generator: new Generator().manualSeed(1) });
 */
export class SubsetRandomSampler implements Sampler<number> {
  readonly indices: readonly number[];
  /** Default: the global generator, as PyTorch. */
  readonly generator: Generator | undefined;

  constructor(indices: ArrayLike<number>, options: { generator?: Generator } = {}) {
    this.indices = Array.from(indices);
    this.generator = options.generator;
  }

  get length(): number {
    return this.indices.length;
  }

  *[Symbol.iterator](): Iterator<number> {
    const order = randperm(this.indices.length, {
      generator: this.generator ?? defaultGenerator,
    }).toTypedArray();
    for (const i of order) yield this.indices[i] as number;
  }
}
