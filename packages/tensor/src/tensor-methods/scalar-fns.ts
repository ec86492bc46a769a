/** Scalar functions shared by the out-of-place and in-place method groups. */

/** `x ** y`. */
export const pow = (x: number, y: number): number => Math.pow(x, y);

/** max(x, 0), NaN kept. */
export const relu = (x: number): number => (x > 0 ? x : Number.isNaN(x) ? x : 0);

/** NaN is non-zero, so it counts as true in logical ops (as in PyTorch). */
export const truthy = (x: number): boolean => x !== 0;

/** −1, 0 or 1 by the sign (0 for NaN, as PyTorch). */
export const sign = (x: number): number => (x > 0 ? 1 : x < 0 ? -1 : 0);
