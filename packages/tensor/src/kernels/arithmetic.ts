/**
 * The four arithmetic scalar functions, and flat loops for them over dense operands. Generic
 * kernels call their scalar function once per element; V8 cannot inline that call when one loop
 * serves many functions, so the hottest four get loops of their own (selected by function
 * identity), which run several times faster. Each loop still serves every storage type.
 */
import type { TypedArray } from '../dtype';

export const add = (x: number, y: number): number => x + y;
export const sub = (x: number, y: number): number => x - y;
export const mul = (x: number, y: number): number => x * y;
export const div = (x: number, y: number): number => x / y;

/** `out[oo+i] = fn(a[ao+i], b[bo+i])` for i < n; a dedicated loop for the four arithmetic ops. */
export function denseBinary(
  fn: (x: number, y: number) => number,
  n: number,
  out: TypedArray,
  oo: number,
  a: TypedArray,
  ao: number,
  b: TypedArray,
  bo: number,
): void {
  if (fn === add) {
    for (let i = 0; i < n; i++) out[oo + i] = (a[ao + i] as number) + (b[bo + i] as number);
  } else if (fn === mul) {
    for (let i = 0; i < n; i++) out[oo + i] = (a[ao + i] as number) * (b[bo + i] as number);
  } else if (fn === sub) {
    for (let i = 0; i < n; i++) out[oo + i] = (a[ao + i] as number) - (b[bo + i] as number);
  } else if (fn === div) {
    for (let i = 0; i < n; i++) out[oo + i] = (a[ao + i] as number) / (b[bo + i] as number);
  } else {
    for (let i = 0; i < n; i++) out[oo + i] = fn(a[ao + i] as number, b[bo + i] as number);
  }
}

/** `out[oo+i] = fn(a[ao+i], y)` for i < n, with the same dedicated loops. */
export function denseBinaryScalar(
  fn: (x: number, y: number) => number,
  n: number,
  out: TypedArray,
  oo: number,
  a: TypedArray,
  ao: number,
  y: number,
): void {
  if (fn === add) {
    for (let i = 0; i < n; i++) out[oo + i] = (a[ao + i] as number) + y;
  } else if (fn === mul) {
    for (let i = 0; i < n; i++) out[oo + i] = (a[ao + i] as number) * y;
  } else if (fn === sub) {
    for (let i = 0; i < n; i++) out[oo + i] = (a[ao + i] as number) - y;
  } else if (fn === div) {
    for (let i = 0; i < n; i++) out[oo + i] = (a[ao + i] as number) / y;
  } else {
    for (let i = 0; i < n; i++) out[oo + i] = fn(a[ao + i] as number, y);
  }
}

/** Σ data[start … start+n) in float64, with four independent partial sums (no dependency chain). */
export function sumRun(data: TypedArray, start: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const end = start + n;
  const end4 = start + n - (n % 4);
  let i = start;
  for (; i < end4; i += 4) {
    s0 += data[i] as number;
    s1 += data[i + 1] as number;
    s2 += data[i + 2] as number;
    s3 += data[i + 3] as number;
  }
  for (; i < end; i++) s0 += data[i] as number;
  return s0 + s1 + (s2 + s3);
}
