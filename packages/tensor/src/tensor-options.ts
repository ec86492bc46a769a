/** Option types of `Tensor`'s methods. */
import type { Generator } from './random';

/** A value or nested arrays of values, as `tolist()` returns them. */
export type NestedArray = number | boolean | readonly NestedArray[];

/** Options of random in-place fills. */
export interface RandomOptions {
  generator?: Generator;
}

/** Options of `isclose`. */
export interface IsCloseOptions {
  /** Relative tolerance (default 1e-5). */
  rtol?: number;
  /** Absolute tolerance (default 1e-8). */
  atol?: number;
  /** Whether NaN is close to NaN (default false). */
  equalNan?: boolean;
}

/** Options of `scatterReduce`. */
export interface ScatterReduceOptions {
  /** Whether the input's own values take part in the reduction (default true). */
  includeSelf?: boolean;
}

/** Options of `var` and `std`. */
export interface VarOptions {
  /** Subtracted from the element count in the divisor (1: Bessel's correction). Default 1. */
  correction?: number;
  keepdim?: boolean;
}
