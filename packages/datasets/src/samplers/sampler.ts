/**
 * An iterable of dataset indices (or of index batches) with a known `length`, as
 * `torch.utils.data.Sampler`. Each iteration is one epoch.
 *
 * @example
 * const evens: Sampler<number> = { length: 3, *[Symbol.iterator]() { yield* [0, 2, 4]; } };
 */
export interface Sampler<T = number> extends Iterable<T> {
  readonly length: number;
}

/** Anything with a length: a dataset, or the number of items itself. */
export type SizedSource = number | { readonly length: number };

/** The length of a {@link SizedSource}. */
export function sizeOf(source: SizedSource): number {
  return typeof source === 'number' ? source : source.length;
}
