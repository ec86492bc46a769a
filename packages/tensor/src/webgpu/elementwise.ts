/// <reference types="@webgpu/types" />
/**
 * Element-wise unary and binary kernels over broadcast, arbitrarily strided views.
 *
 * One thread per output element. Each input is described by its offset and one stride per output
 * dimension (0 where it broadcasts), read from a small int32 metadata buffer, so a single pipeline
 * per (op, dtype) serves every shape, rank, broadcast and view: no recompilation per shape. An input
 * that is contiguous and of the output's size is read linearly (its metadata is rank 1).
 *
 * Both operands of a binary op share one dtype (type promotion is the caller's, as for the CPU
 * kernels); comparisons and logical ops produce bool.
 */
import { broadcastShapes } from '../shape';
import type { GPUContext } from './runtime';
import { GPUArray, isContiguousView, numelOf } from './array';
import type { GPUDType, GPUView } from './array';
import { LINEAR_BUILTINS, LINEAR_INDEX, WORKGROUP, launch, metaBuffer, wgslType } from './dispatch';

/** Unary ops with a WGSL body per dtype (`x` is the input). */
const UNARY: Record<string, Partial<Record<GPUDType, string>>> = {
  copy: { float32: 'x', int32: 'x', bool: 'x' },
  neg: { float32: '-x', int32: '-x' },
  abs: { float32: 'abs(x)', int32: 'abs(x)' },
  sign: { float32: 'sign(x)', int32: 'sign(x)' },
  square: { float32: 'x * x', int32: 'x * x' },
  exp: { float32: 'exp(x)' },
  log: { float32: 'log(x)' },
  sqrt: { float32: 'sqrt(x)' },
  rsqrt: { float32: 'inverseSqrt(x)' },
  reciprocal: { float32: '1.0 / x' },
  sin: { float32: 'sin(x)' },
  cos: { float32: 'cos(x)' },
  // tanh(±15) is ±1 in float32; clamping avoids exp overflow in implementations that use (e²ˣ−1)/(e²ˣ+1).
  tanh: { float32: 'tanh(clamp(x, -15.0, 15.0))' },
  sigmoid: { float32: '1.0 / (1.0 + exp(-x))' },
  // select keeps NaN (torch.relu(nan) is nan), which max(x, 0) would not promise.
  relu: { float32: 'select(x, 0.0, x < 0.0)', int32: 'max(x, 0)' },
  floor: { float32: 'floor(x)', int32: 'x' },
  ceil: { float32: 'ceil(x)', int32: 'x' },
  logicalNot: { float32: 'select(0u, 1u, x == 0.0)', int32: 'select(0u, 1u, x == 0)', bool: 'select(0u, 1u, x == 0u)' },
};

/**
 * NaN test on the bits: WGSL lets compilers assume finite math, so `x != x` may fold to false.
 */
export const ISNAN = 'fn isnan(v: f32) -> bool { return (bitcast<u32>(v) & 0x7fffffffu) > 0x7f800000u; }';

// WGSL's constant evaluation rejects NaN and infinities, so they are made from bits at run time.
const NAN = 'bitcast<f32>(NAN_BITS)';
const SPECIALS = `var<private> NAN_BITS: u32 = 0x7fc00000u;\nvar<private> INF_BITS: u32 = 0x7f800000u;\n${ISNAN}`;

/** Binary ops with a WGSL body per dtype (`x`, `y`); `bool` in the result list marks comparisons. */
const BINARY: Record<string, Partial<Record<GPUDType, string>>> = {
  add: { float32: 'x + y', int32: 'x + y' },
  sub: { float32: 'x - y', int32: 'x - y' },
  mul: { float32: 'x * y', int32: 'x * y' },
  div: { float32: 'x / y' },
  // NaN propagates as in torch.maximum / torch.minimum.
  maximum: { float32: `select(max(x, y), ${NAN}, isnan(x) || isnan(y))`, int32: 'max(x, y)' },
  minimum: { float32: `select(min(x, y), ${NAN}, isnan(x) || isnan(y))`, int32: 'min(x, y)' },
  pow: { float32: 'powf(x, y)' },
  eq: { float32: 'select(0u, 1u, x == y)', int32: 'select(0u, 1u, x == y)', bool: 'select(0u, 1u, x == y)' },
  ne: { float32: 'select(0u, 1u, x != y)', int32: 'select(0u, 1u, x != y)', bool: 'select(0u, 1u, x != y)' },
  lt: { float32: 'select(0u, 1u, x < y)', int32: 'select(0u, 1u, x < y)' },
  le: { float32: 'select(0u, 1u, x <= y)', int32: 'select(0u, 1u, x <= y)' },
  gt: { float32: 'select(0u, 1u, x > y)', int32: 'select(0u, 1u, x > y)' },
  ge: { float32: 'select(0u, 1u, x >= y)', int32: 'select(0u, 1u, x >= y)' },
  logicalAnd: { bool: 'select(0u, 1u, x != 0u && y != 0u)' },
  logicalOr: { bool: 'select(0u, 1u, x != 0u || y != 0u)' },
};

/** The unary op names the GPU implements. */
export type UnaryOp = keyof typeof UNARY;
/** The binary op names the GPU implements. */
export type BinaryOp = keyof typeof BINARY;

const BOOL_RESULT = new Set(['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'logicalAnd', 'logicalOr', 'logicalNot']);

// WGSL's pow is only defined for x > 0; torch.pow also takes negative bases with integral exponents.
const POWF = `
fn powf(x: f32, y: f32) -> f32 {
  if (y == 0.0) { return 1.0; }
  if (isnan(x) || isnan(y)) { return ${NAN}; }
  if (x == 0.0) { return select(0.0, bitcast<f32>(INF_BITS), y < 0.0); }
  if (x > 0.0) { return pow(x, y); }
  if (floor(y) != y) { return ${NAN}; }
  let r = pow(-x, y);
  return select(r, -r, abs(y) % 2.0 == 1.0);
}`;

function resultType(op: string, dtype: GPUDType): GPUDType {
  return BOOL_RESULT.has(op) ? 'bool' : dtype;
}

/** Offset, then the strides of `view` against an output of `outShape` (broadcast dims get 0). */
function operandMeta(view: GPUView, outShape: readonly number[], n: number): { rank1: boolean; words: number[] } {
  if (isContiguousView(view) && numelOf(view.shape) === n) return { rank1: true, words: [view.offset, 1] };
  const rank = outShape.length;
  const lead = rank - view.shape.length;
  const words = [view.offset];
  for (let d = 0; d < rank; d++) {
    const k = d - lead;
    words.push(k < 0 || view.shape[k] === 1 ? 0 : (view.strides[k] as number));
  }
  return { rank1: false, words };
}

function checkView(view: GPUView, name: string): void {
  if (view.shape.length !== view.strides.length) throw new RangeError(`${name}: shape [${view.shape.join(', ')}] and strides [${view.strides.join(', ')}] differ in length`);
}

/**
 * Builds the metadata [n, rank, shape…, off₀, strides₀…, off₁, strides₁…] and launches. When every
 * operand is contiguous at the output's size, the rank collapses to 1.
 */
function runElementwise(ctx: GPUContext, key: string, source: (arity: number) => string, inputs: readonly GPUView[], outShape: readonly number[], outDType: GPUDType): GPUArray {
  const n = numelOf(outShape);
  const out = new GPUArray(ctx, n, outDType);
  if (n === 0) return out;
  const metas = inputs.map((v) => operandMeta(v, outShape, n));
  const flat = metas.every((m) => m.rank1);
  const rank = flat ? 1 : outShape.length;
  const words = [n, rank, ...(flat ? [n] : outShape)];
  for (let k = 0; k < inputs.length; k++) {
    const meta = metas[k] as { rank1: boolean; words: number[] };
    const input = inputs[k] as GPUView;
    words.push(...(flat ? meta.words : meta.rank1 ? [input.offset, ...contiguousAgainst(outShape)] : meta.words));
  }
  launch(ctx, key, () => source(inputs.length), [...inputs.map((v) => v.array.buffer), out.buffer, metaBuffer(ctx, words)], Math.ceil(n / WORKGROUP));
  return out;
}

function contiguousAgainst(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d] as number;
  }
  return strides;
}

function shader(arity: number, inTypes: readonly string[], outType: string, body: string, prelude: string): string {
  const names = ['x', 'y', 'z'];
  const bindings = inTypes.map((t, k) => `@group(0) @binding(${k}) var<storage, read> in${k}: array<${t}>;`).join('\n');
  const offsets = inTypes.map((_, k) => `var o${k} = dims[2 + rank + ${k} * (rank + 1)];`).join('\n  ');
  const steps = inTypes.map((_, k) => `o${k} += idx * dims[3 + rank + ${k} * (rank + 1) + d];`).join('\n    ');
  const loads = inTypes.map((_, k) => `let ${names[k] as string} = in${k}[o${k}];`).join('\n  ');
  return `${SPECIALS}
${prelude}
${bindings}
@group(0) @binding(${arity}) var<storage, read_write> out: array<${outType}>;
@group(0) @binding(${arity + 1}) var<storage, read> dims: array<i32>;
@compute @workgroup_size(${WORKGROUP})
fn main(${LINEAR_BUILTINS}) {
  ${LINEAR_INDEX}
  let n = u32(dims[0]);
  if (i >= n) { return; }
  let rank = dims[1];
  ${offsets}
  var rem = i32(i);
  for (var d = rank - 1; d >= 0; d--) {
    let size = dims[2 + d];
    let idx = rem % size;
    rem = rem / size;
    ${steps}
  }
  ${loads}
  out[i] = ${body};
}`;
}

function body(table: Record<string, Partial<Record<GPUDType, string>>>, op: string, dtype: GPUDType, where: string): string {
  const entry = table[op];
  if (entry === undefined) throw new RangeError(`${where}: unknown op ${JSON.stringify(op)}`);
  const code = entry[dtype];
  if (code === undefined) throw new TypeError(`${where}: ${op} is not implemented for ${dtype} on 'webgpu'`);
  return code;
}

/**
 * `op(a)` element-wise into a new contiguous array of `a`'s shape.
 *
 * @example
 * const y = unary(ctx, 'exp', view);
 */
export function unary(ctx: GPUContext, op: UnaryOp, a: GPUView): GPUArray {
  checkView(a, `webgpu ${op}`);
  const dtype = a.array.dtype;
  const code = body(UNARY, op, dtype, `webgpu ${op}`);
  const out = resultType(op, dtype);
  return runElementwise(ctx, `unary:${op}:${dtype}`, (arity) => shader(arity, [wgslType(dtype)], wgslType(out), code, ''), [a], a.shape, out);
}

/**
 * `op(a, b)` element-wise with broadcasting into a new contiguous array of the broadcast shape.
 *
 * @example
 * const c = binary(ctx, 'add', a, b);
 */
export function binary(ctx: GPUContext, op: BinaryOp, a: GPUView, b: GPUView): GPUArray {
  checkView(a, `webgpu ${op}`);
  checkView(b, `webgpu ${op}`);
  if (a.array.dtype !== b.array.dtype) throw new TypeError(`webgpu ${op}: both operands must share one dtype, got ${a.array.dtype} and ${b.array.dtype}`);
  const dtype = a.array.dtype;
  const code = body(BINARY, op, dtype, `webgpu ${op}`);
  const shape = broadcastShapes(a.shape, b.shape);
  const out = resultType(op, dtype);
  const t = wgslType(dtype);
  return runElementwise(ctx, `binary:${op}:${dtype}`, (arity) => shader(arity, [t, t], wgslType(out), code, op === 'pow' ? POWF : ''), [a, b], shape, out);
}

/**
 * A contiguous copy of a strided view (what `contiguous()` does on the GPU).
 *
 * @example
 * const packed = contiguous(ctx, transposedView);
 */
export function contiguous(ctx: GPUContext, a: GPUView): GPUArray {
  return unary(ctx, 'copy', a);
}

/**
 * A custom element-wise kernel over up to three broadcast views: `body` is a WGSL expression of
 * `x`, `y`, `z` (the inputs in order) and the result has `outDType`. `key` names the pipeline: it
 * must identify the body, the input dtypes and the `prelude` (one compile per key). `prelude` is
 * WGSL placed before the kernel (helper functions the body calls; default none).
 *
 * @example
 * const picked = mapViews(ctx, 'where:f32', [cond, a, b], shape, 'float32', 'select(z, y, x != 0u)');
 */
export function mapViews(ctx: GPUContext, key: string, inputs: readonly GPUView[], outShape: readonly number[], outDType: GPUDType, code: string, prelude = ''): GPUArray {
  for (const v of inputs) checkView(v, `webgpu ${key}`);
  const types = inputs.map((v) => wgslType(v.array.dtype));
  return runElementwise(ctx, `map:${key}`, (arity) => shader(arity, types, wgslType(outDType), code, prelude), inputs, outShape, outDType);
}
