/**
 * Monomorphic JavaScript loops for the four arithmetic ops on contiguous float arrays of one
 * dtype (issue #23). Each function only ever sees one array type, so V8 compiles it to a tight
 * loop at memory bandwidth; that beats the wasm kernel, which has to copy both operands into
 * WebAssembly memory and the result out (measured in benchmarks/README.md: "add 1e6").
 *
 * Bit-identical to float32 arithmetic: a float32 sum, difference, product or quotient computed in
 * float64 and rounded once to float32 is the correctly rounded float32 result (53 ≥ 2·24 + 2 bits).
 */
import type { TypedArray } from '../dtype';

/** The ops with a dedicated loop. */
export type DenseFloatOp = 'add' | 'sub' | 'mul' | 'div';

function addF32(n: number, out: Float32Array, oo: number, a: Float32Array, ao: number, b: Float32Array, bo: number): void {
  for (let i = 0; i < n; i++) out[oo + i] = (a[ao + i] as number) + (b[bo + i] as number);
}
function subF32(n: number, out: Float32Array, oo: number, a: Float32Array, ao: number, b: Float32Array, bo: number): void {
  for (let i = 0; i < n; i++) out[oo + i] = (a[ao + i] as number) - (b[bo + i] as number);
}
function mulF32(n: number, out: Float32Array, oo: number, a: Float32Array, ao: number, b: Float32Array, bo: number): void {
  for (let i = 0; i < n; i++) out[oo + i] = (a[ao + i] as number) * (b[bo + i] as number);
}
function divF32(n: number, out: Float32Array, oo: number, a: Float32Array, ao: number, b: Float32Array, bo: number): void {
  for (let i = 0; i < n; i++) out[oo + i] = (a[ao + i] as number) / (b[bo + i] as number);
}
function addF64(n: number, out: Float64Array, oo: number, a: Float64Array, ao: number, b: Float64Array, bo: number): void {
  for (let i = 0; i < n; i++) out[oo + i] = (a[ao + i] as number) + (b[bo + i] as number);
}
function subF64(n: number, out: Float64Array, oo: number, a: Float64Array, ao: number, b: Float64Array, bo: number): void {
  for (let i = 0; i < n; i++) out[oo + i] = (a[ao + i] as number) - (b[bo + i] as number);
}
function mulF64(n: number, out: Float64Array, oo: number, a: Float64Array, ao: number, b: Float64Array, bo: number): void {
  for (let i = 0; i < n; i++) out[oo + i] = (a[ao + i] as number) * (b[bo + i] as number);
}
function divF64(n: number, out: Float64Array, oo: number, a: Float64Array, ao: number, b: Float64Array, bo: number): void {
  for (let i = 0; i < n; i++) out[oo + i] = (a[ao + i] as number) / (b[bo + i] as number);
}

function addScalarF32(n: number, out: Float32Array, oo: number, a: Float32Array, ao: number, y: number): void {
  for (let i = 0; i < n; i++) out[oo + i] = (a[ao + i] as number) + y;
}
function subScalarF32(n: number, out: Float32Array, oo: number, a: Float32Array, ao: number, y: number): void {
  for (let i = 0; i < n; i++) out[oo + i] = (a[ao + i] as number) - y;
}
function mulScalarF32(n: number, out: Float32Array, oo: number, a: Float32Array, ao: number, y: number): void {
  for (let i = 0; i < n; i++) out[oo + i] = (a[ao + i] as number) * y;
}
function divScalarF32(n: number, out: Float32Array, oo: number, a: Float32Array, ao: number, y: number): void {
  for (let i = 0; i < n; i++) out[oo + i] = (a[ao + i] as number) / y;
}
function addScalarF64(n: number, out: Float64Array, oo: number, a: Float64Array, ao: number, y: number): void {
  for (let i = 0; i < n; i++) out[oo + i] = (a[ao + i] as number) + y;
}
function subScalarF64(n: number, out: Float64Array, oo: number, a: Float64Array, ao: number, y: number): void {
  for (let i = 0; i < n; i++) out[oo + i] = (a[ao + i] as number) - y;
}
function mulScalarF64(n: number, out: Float64Array, oo: number, a: Float64Array, ao: number, y: number): void {
  for (let i = 0; i < n; i++) out[oo + i] = (a[ao + i] as number) * y;
}
function divScalarF64(n: number, out: Float64Array, oo: number, a: Float64Array, ao: number, y: number): void {
  for (let i = 0; i < n; i++) out[oo + i] = (a[ao + i] as number) / y;
}

/**
 * `out[oo+i] = a[ao+i] op b[bo+i]` for i < n when all three are Float32Array or all Float64Array;
 * false (nothing written) otherwise.
 */
export function denseFloatBinary(op: DenseFloatOp, n: number, out: TypedArray, oo: number, a: TypedArray, ao: number, b: TypedArray, bo: number): boolean {
  if (out instanceof Float32Array && a instanceof Float32Array && b instanceof Float32Array) {
    if (op === 'add') addF32(n, out, oo, a, ao, b, bo);
    else if (op === 'sub') subF32(n, out, oo, a, ao, b, bo);
    else if (op === 'mul') mulF32(n, out, oo, a, ao, b, bo);
    else divF32(n, out, oo, a, ao, b, bo);
    return true;
  }
  if (out instanceof Float64Array && a instanceof Float64Array && b instanceof Float64Array) {
    if (op === 'add') addF64(n, out, oo, a, ao, b, bo);
    else if (op === 'sub') subF64(n, out, oo, a, ao, b, bo);
    else if (op === 'mul') mulF64(n, out, oo, a, ao, b, bo);
    else divF64(n, out, oo, a, ao, b, bo);
    return true;
  }
  return false;
}

/**
 * `out[oo+i] = a[ao+i] op y` for i < n when out and a are both Float32Array (and `y` a float32
 * value) or both Float64Array; false (nothing written) otherwise.
 */
export function denseFloatBinaryScalar(op: DenseFloatOp, n: number, out: TypedArray, oo: number, a: TypedArray, ao: number, y: number): boolean {
  if (out instanceof Float32Array && a instanceof Float32Array) {
    // Only a float32 scalar keeps the single rounding (binary() casts it first; check anyway).
    if (Math.fround(y) !== y && !Number.isNaN(y)) return false;
    if (op === 'add') addScalarF32(n, out, oo, a, ao, y);
    else if (op === 'sub') subScalarF32(n, out, oo, a, ao, y);
    else if (op === 'mul') mulScalarF32(n, out, oo, a, ao, y);
    else divScalarF32(n, out, oo, a, ao, y);
    return true;
  }
  if (out instanceof Float64Array && a instanceof Float64Array) {
    if (op === 'add') addScalarF64(n, out, oo, a, ao, y);
    else if (op === 'sub') subScalarF64(n, out, oo, a, ao, y);
    else if (op === 'mul') mulScalarF64(n, out, oo, a, ao, y);
    else divScalarF64(n, out, oo, a, ao, y);
    return true;
  }
  return false;
}
