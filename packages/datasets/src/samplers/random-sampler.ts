import { Generator, defaultGenerator, randint, randperm } from '@descent/tensor';
import type { Sampler, SizedSource } from './sampler';
import { sizeOf } from './sampler';

/** Options of {@link RandomSampler}. */
export interface RandomSamplerOptions {
  /** Draw with replacement (default false). */
  replacement?: boolean;
  /** Indices per epoch; default the dataset's length. */
  numSamples?: number;
  /** Source of randomness; default a fresh generator per epoch seeded from the global one. */
  generator?: Generator;
}

const TWO_63 = 1n << 63n;

/**
 * A seed drawn from `generator` as `int(torch.empty((), dtype=torch.int64).random_())`: one 64-bit
 * draw (two 32-bit outputs, the first as the high word) modulo 2⁶³.
 *
 * @example
 * manualSeed(0);
 * drawSeed(); // the seed RandomSampler(range(n)) would draw after torch.manual_seed(0)
 */
export function drawSeed(generator: Generator = defaultGenerator): bigint {
  return generator.random64() % TWO_63;
}

/**
 * Random indices, as `torch.utils.data.RandomSampler` (PyTorch 1.13), draw for draw:
 *
 *   each epoch (when iteration starts):
 *     g ← generator, or a new Generator seeded with drawSeed(global generator)
 *     without replacement: ⌊numSamples / n⌋ full randperm(n, g), then the first numSamples mod n
 *                          of one more randperm(n, g) (drawn even when that count is 0)
 *     with replacement:    randint(0, n, 32, g) per chunk of 32, then randint(0, n, numSamples mod 32, g)
 *
 * @example
 * manualSeed(0);
 * [...new RandomSampler(10)]; // the order of torch.utils.data.RandomSampler(range(10)) after torch.manual_seed(0)
 */
export class RandomSampler implements Sampler<number> {
  readonly dataSource: SizedSource;
  readonly replacement: boolean;
  readonly generator: Generator | undefined;
  private readonly numSamplesOption: number | undefined;

  constructor(dataSource: SizedSource, options: RandomSamplerOptions = {}) {
    const { replacement = false, numSamples, generator } = options;
    if (typeof replacement !== 'boolean') {
      throw new TypeError(
        `replacement should be a boolean value, but got replacement=${String(replacement)}`,
      );
    }
    // PyTorch checks the resolved count, so an empty dataset is rejected here too.
    const resolved = numSamples ?? sizeOf(dataSource);
    if (!(Number.isInteger(resolved) && resolved > 0)) {
      throw new RangeError(
        `num_samples should be a positive integer value, but got num_samples=${resolved}`,
      );
    }
    this.dataSource = dataSource;
    this.replacement = replacement;
    this.numSamplesOption = numSamples;
    this.generator = generator;
  }

  /** Indices per epoch. */
  get numSamples(): number {
    return this.numSamplesOption ?? sizeOf(this.dataSource);
  }

  get length(): number {
    return this.numSamples;
  }

  *[Symbol.iterator](): Iterator<number> {
    const n = sizeOf(this.dataSource);
    const generator = this.generator ?? new Generator().manualSeed(drawSeed(defaultGenerator));
    const total = this.numSamples;
    if (this.replacement) {
      for (let k = 0; k < Math.floor(total / 32); k++)
        yield* randint(0, n, [32], { generator }).toTypedArray();
      yield* randint(0, n, [total % 32], { generator }).toTypedArray();
      return;
    }
    for (let k = 0; k < Math.floor(total / n); k++)
      yield* randperm(n, { generator }).toTypedArray();
    yield* randperm(n, { generator })
      .toTypedArray()
      .subarray(0, total % n);
  }
}
