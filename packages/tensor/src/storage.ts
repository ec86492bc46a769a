import type { TypedArray } from './dtype';

/**
 * The flat memory behind one or more tensors (a tensor and all its views share one storage).
 * `version` counts in-place writes through any of them; autograd compares it with the version it
 * saved to catch a tensor modified after it was needed for backward.
 */
export class Storage {
  /** The elements. */
  data: TypedArray;
  /** Number of in-place modifications so far. */
  version = 0;

  constructor(data: TypedArray) {
    this.data = data;
  }
}
