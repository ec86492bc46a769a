import { defaultGenerator, randperm } from '@descent/tensor';
import type { Generator } from '@descent/tensor';
import type { DatasetSource } from './dataset';
import { Subset } from './subset';

/** Options of {@link randomSplit}. */
export interface RandomSplitOptions {
  /** Source of the permutation; default the global generator (as PyTorch's `default_generator`). */
  generator?: Generator;
}

/** Python's `math.isclose(a, b)` with its defaults (rel_tol 1e-9, abs_tol 0). */
function isClose(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

/**
 * Turns `lengths` (counts, or fractions summing to 1) into counts, with PyTorch 1.13's rule:
 * fractions become ⌊n·f⌋ each, then the remainder is handed out one by one, round robin from the
 * first part.
 *
 * @example
 * splitLengths(11, [0.5, 0.5]); // [6, 5]
 */
export function splitLengths(n: number, lengths: readonly number[]): number[] {
  const total = lengths.reduce((a, b) => a + b, 0);
  if (isClose(total, 1) && total <= 1) {
    const counts = lengths.map((frac, i) => {
      if (!(frac >= 0 && frac <= 1))
        throw new RangeError(`Fraction at index ${i} is not between 0 and 1, got ${frac}`);
      return Math.floor(n * frac);
    });
    const remainder = n - counts.reduce((a, b) => a + b, 0);
    for (let i = 0; i < remainder; i++)
      counts[i % counts.length] = (counts[i % counts.length] as number) + 1;
    return counts;
  }
  lengths.forEach((length, i) => {
    if (!Number.isInteger(length) || length < 0) {
      const hint = lengths.every((l) => l >= 0 && l <= 1)
        ? `; fractions must sum to 1, got a sum of ${total}`
        : '';
      throw new RangeError(
        `randomSplit: length at index ${i} must be a non-negative integer, got ${length}${hint}`,
      );
    }
  });
  if (total !== n) {
    throw new RangeError(
      `Sum of input lengths does not equal the length of the input dataset! Got lengths summing to ${total} for a dataset of length ${n}`,
    );
  }
  return [...lengths];
}

/**
 * Splits a dataset (or an array) into non-overlapping random subsets of the given lengths or fractions, as
 * `torch.utils.data.random_split`: one `randperm(n)` from the generator, cut in order.
 *
 * @example
 * const [train, test] = randomSplit(ds, [0.8, 0.2], { generator: new Generator().manualSeed(42) });
 */
export function randomSplit<T>(
  dataset: DatasetSource<T>,
  lengths: readonly number[],
  options: RandomSplitOptions = {},
): Subset<T>[] {
  const counts = splitLengths(dataset.length, lengths);
  const order = randperm(dataset.length, {
    generator: options.generator ?? defaultGenerator,
  }).toTypedArray();
  const parts: Subset<T>[] = [];
  let offset = 0;
  for (const count of counts) {
    parts.push(new Subset(dataset, order.subarray(offset, offset + count)));
    offset += count;
  }
  return parts;
}
