import type { Sampler, SizedSource } from './sampler';
import { sizeOf } from './sampler';

/**
 * Yields 0, 1, …, n − 1, as `torch.utils.data.SequentialSampler`.
 *
 * @example
 * [...new SequentialSampler(3)]; // [0, 1, 2]
 */
export class SequentialSampler implements Sampler<number> {
  readonly dataSource: SizedSource;

  constructor(dataSource: SizedSource) {
    this.dataSource = dataSource;
  }

  get length(): number {
    return sizeOf(this.dataSource);
  }

  *[Symbol.iterator](): Iterator<number> {
    const n = this.length;
    for (let i = 0; i < n; i++) yield i;
  }
}
