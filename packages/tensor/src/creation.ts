/** Factories: tensor, zeros/ones/full/empty (+ *Like), arange, linspace, eye, and the random ones. */
import { checkIntArg, checkNumberArg, checkOptionsArg } from './arguments';
import { describeValue } from './describe-value';
import { allocate, castScalar, checkDType, dtypeOfArray, isFloating, notImplemented } from './dtype';
import type { DType, TypedArray } from './dtype';
import { Generator as GeneratorClass, defaultGenerator, fillBernoulli, fillNormal, fillUniform, randintValues, randpermValues } from './random';
import type { Generator } from './random';
import { arangeValues, linspaceIntValues, linspaceValues } from './range-values';
import { checkShape, contiguousStrides, sizeOf } from './shape';
import { Storage } from './storage';
import { Tensor } from './tensor';
// Tensors are made here: every method group is installed on Tensor.prototype before the first one.
import './tensor-methods/index';
import type { NestedArray } from './tensor-options';
import type { Device } from './storage';
import { checkDevice, gpuFull, toDevice } from './device/gpu-tensor';

/** Options of the factories. */
export interface TensorOptions {
  /** Element type; default float32 (or the TypedArray's own type, or bool for booleans). */
  dtype?: DType;
  /**
   * Where the tensor lives; default `'cpu'`. `'webgpu'` makes the values on the CPU (the same
   * random stream) and uploads them; it needs `await initWebGPU()` first.
   */
  device?: Device;
}

/** The tensor on `options.device` (uploaded when that is the GPU). */
function placed(t: Tensor, options: TensorOptions | undefined, where: string): Tensor {
  const device = options?.device;
  if (device === undefined || device === 'cpu') return t;
  return toDevice(t, checkDevice(device, where));
}

/** Options of the random factories. */
export interface RandomTensorOptions extends TensorOptions {
  /** The generator to draw from; default the global one seeded by `manualSeed`. */
  generator?: Generator;
}

/** Wraps a typed array as a contiguous tensor of `shape` (no copy). */
export function fromStorage(data: TypedArray, shape: readonly number[]): Tensor {
  return new Tensor(new Storage(data), [...shape], contiguousStrides(shape), 0, dtypeOfArray(data));
}

function inferShape(data: NestedArray): number[] {
  const shape: number[] = [];
  let level: NestedArray = data;
  while (Array.isArray(level)) {
    shape.push(level.length);
    if (level.length === 0) break;
    level = (level as readonly NestedArray[])[0] as NestedArray;
  }
  return shape;
}

function flatten(data: NestedArray, shape: readonly number[], out: number[], dim: number, path: string): void {
  if (dim === shape.length) {
    if (Array.isArray(data)) throw new RangeError(`tensor: too many dimensions at depth ${dim}`);
    if (typeof data === 'boolean') out.push(data ? 1 : 0);
    else if (typeof data === 'number') out.push(data);
    else {
      const at = path === '' ? '' : ` at data${path}`;
      throw new TypeError(`tensor(): invalid data type${at}: expected a number, boolean, nested array or typed array, got ${describeValue(data)}`);
    }
    return;
  }
  if (!Array.isArray(data)) {
    throw new RangeError(`expected sequence of length ${shape[dim]} at dim ${dim} (got a scalar)`);
  }
  const list = data as readonly NestedArray[];
  if (list.length !== shape[dim]) {
    throw new RangeError(`expected sequence of length ${shape[dim]} at dim ${dim} (got ${list.length})`);
  }
  for (let i = 0; i < list.length; i++) flatten(list[i] as NestedArray, shape, out, dim + 1, `${path}[${i}]`);
}

/** True when every leaf is a boolean (then the tensor is bool, as torch.tensor([True, False])). */
function allBooleans(data: NestedArray): boolean {
  if (!Array.isArray(data)) return typeof data === 'boolean';
  const list = data as readonly NestedArray[];
  return list.length > 0 && list.every(allBooleans);
}

/**
 * The dtype of a typed array given to `tensor`: a storage array keeps its dtype (Uint8Array is
 * bool storage); other integer arrays become int32 and Uint32Array float64 (2³² − 1 does not fit
 * int32), as the default collate does.
 */
function dtypeOfInput(data: ArrayBufferView): DType {
  if (data instanceof Float32Array || data instanceof Float64Array || data instanceof Int32Array || data instanceof Uint8Array) {
    return dtypeOfArray(data);
  }
  if (data instanceof Int8Array || data instanceof Int16Array || data instanceof Uint16Array || data instanceof Uint8ClampedArray) return 'int32';
  if (data instanceof Uint32Array) return 'float64';
  throw new TypeError(`tensor: unsupported array type ${data.constructor.name}; expected a Float32Array, Float64Array, Int32Array or Uint8Array`);
}

/**
 * A tensor from a number, nested arrays or a TypedArray (copied). Numbers default to float32 —
 * JavaScript cannot tell 1 from 1.0, so unlike PyTorch, integer-looking data is not int64.
 *
 * @example
 * tensor([[1, 2], [3, 4]]);               // float32, shape [2, 2]
 * tensor([1, 2], { dtype: 'int32' });
 * tensor(new Float64Array([0.5]));        // float64
 */
export function tensor(data: NestedArray | TypedArray, options?: TensorOptions): Tensor {
  options = checkOptionsArg(options, 'tensor');
  if (ArrayBuffer.isView(data)) {
    if (data instanceof DataView) throw new TypeError(`tensor(): invalid data type: expected a typed array, got a DataView`);
    const arr = data;
    const dtype = options.dtype === undefined ? dtypeOfInput(arr) : checkDType(options.dtype, 'tensor');
    const out = allocate(dtype, arr.length);
    for (let i = 0; i < arr.length; i++) out[i] = castScalar(arr[i] as number, dtype);
    return placed(fromStorage(out, [arr.length]), options, 'tensor');
  }
  const shape = inferShape(data);
  const values: number[] = [];
  flatten(data, shape, values, 0, '');
  const dtype = options.dtype !== undefined ? checkDType(options.dtype, 'tensor') : allBooleans(data) ? 'bool' : 'float32';
  const out = allocate(dtype, values.length);
  for (let i = 0; i < values.length; i++) out[i] = castScalar(values[i] as number, dtype);
  return placed(fromStorage(out, shape), options, 'tensor');
}

/** A tensor of `shape` filled with `value`. */
export function full(shape: readonly number[], value: number, options?: TensorOptions): Tensor {
  return filled(shape, value, options, 'full');
}

/** `full` under the name of the factory the user called (for its messages). */
function filled(shape: readonly number[], value: number, options: TensorOptions | undefined, where: string): Tensor {
  const dims = checkShape(shape, where);
  checkNumberArg(value, where, 'value', 2);
  const dtype = checkDType(checkOptionsArg(options, where).dtype ?? 'float32', where);
  const out = allocate(dtype, sizeOf(dims));
  out.fill(castScalar(value, dtype));
  return placed(fromStorage(out, dims), options, where);
}

/** Zeros of `shape`. */
export function zeros(shape: readonly number[], options?: TensorOptions): Tensor {
  return filled(shape, 0, options, 'zeros');
}
/** Ones of `shape`. */
export function ones(shape: readonly number[], options?: TensorOptions): Tensor {
  return filled(shape, 1, options, 'ones');
}
/** An uninitialised tensor (zero-filled here: typed arrays always are). */
export function empty(shape: readonly number[], options?: TensorOptions): Tensor {
  return filled(shape, 0, options, 'empty');
}
/** Zeros shaped like `t` (its dtype unless given). */
export function zerosLike(t: Tensor, options: TensorOptions = {}): Tensor {
  checkTensorArg(t, 'zeros_like');
  if ((options.device ?? t.storage.device) !== 'cpu') return gpuFull(t, t.shape, 0, options.dtype ?? t.dtype);
  return t._make(zeros(t.shape, { dtype: options.dtype ?? t.dtype }).storage, [...t.shape], contiguousStrides(t.shape), 0, options.dtype ?? t.dtype);
}
/** Ones shaped like `t`. */
export function onesLike(t: Tensor, options: TensorOptions = {}): Tensor {
  return fullLike(t, 1, options);
}
/** `value` shaped like `t`. */
export function fullLike(t: Tensor, value: number, options: TensorOptions = {}): Tensor {
  checkTensorArg(t, 'full_like');
  checkNumberArg(value, 'full_like', 'value', 2);
  const dtype = options.dtype ?? t.dtype;
  if ((options.device ?? t.storage.device) !== 'cpu') return gpuFull(t, t.shape, value, dtype);
  return t._make(full(t.shape, value, { dtype }).storage, [...t.shape], contiguousStrides(t.shape), 0, dtype);
}
/** An uninitialised tensor shaped like `t`. */
export function emptyLike(t: Tensor, options: TensorOptions = {}): Tensor {
  return zerosLike(t, options);
}

/**
 * Values from `start` (inclusive) to `end` (exclusive) by `step`; `arange(n)` is 0 … n−1. The dtype
 * is float32 (int32 when asked); floating values are bit for bit PyTorch's CPU kernel's.
 *
 * @example
 * arange(5);              // tensor([0., 1., 2., 3., 4.])
 * arange(1, 2, 0.25);     // tensor([1.0000, 1.2500, 1.5000, 1.7500])
 */
export function arange(end: number, options?: TensorOptions): Tensor;
export function arange(start: number, end: number, options?: TensorOptions): Tensor;
export function arange(start: number, end?: number, step?: number, options?: TensorOptions): Tensor;
export function arange(
  start: number,
  endOrOptions?: number | TensorOptions,
  stepOrOptions?: number | TensorOptions,
  maybeOptions?: TensorOptions,
): Tensor {
  // Options may follow the last number given, as keyword arguments do in torch.arange(5, dtype=…).
  const isOptions = (x: unknown): boolean => typeof x === 'object' && x !== null && !Array.isArray(x);
  const args: unknown[] = [start, endOrOptions, stepOrOptions];
  let count = 0;
  while (count < 3 && args[count] !== undefined && !isOptions(args[count])) count++;
  const names = count === 1 ? ['end'] : ['start', 'end', 'step'];
  for (let i = 0; i < Math.max(count, 1); i++) checkNumberArg(args[i], 'arange', names[i] as string, i + 1);
  const options = checkOptionsArg((count < 3 ? args[count] : maybeOptions) as TensorOptions | undefined, 'arange');
  const end = count >= 2 ? (endOrOptions as number) : undefined;
  const step = count === 3 ? (stepOrOptions as number) : 1;
  const [lo, hi] = end === undefined ? [0, start] : [start, end];
  if (step === 0 || Number.isNaN(step)) throw new RangeError(`step must be nonzero, got ${step}`);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new RangeError(`unsupported range: ${lo} -> ${hi}`);
  if ((hi - lo) / step < 0) {
    throw new RangeError(`upper bound and larger bound inconsistent with step sign, got start=${lo}, end=${hi}, step=${step}`);
  }
  const n = Math.ceil((hi - lo) / step);
  checkShape([n], 'arange');
  const dtype = checkDType(options.dtype ?? 'float32', 'arange');
  const out = allocate(dtype, n);
  if (dtype === 'float32' || dtype === 'float64') arangeValues(out as Float32Array | Float64Array, lo, step, dtype);
  else for (let i = 0; i < n; i++) out[i] = castScalar(lo + i * step, dtype);
  return fromStorage(out, [n]);
}

/**
 * `steps` evenly spaced values from `start` to `end` inclusive, bit for bit as PyTorch's CPU kernel
 * (float32 arithmetic for float32).
 *
 * @example
 * linspace(0, 1, 5); // tensor([0.0000, 0.2500, 0.5000, 0.7500, 1.0000])
 */
export function linspace(start: number, end: number, steps: number, options?: TensorOptions): Tensor {
  checkNumberArg(start, 'linspace', 'start', 1);
  checkNumberArg(end, 'linspace', 'end', 2);
  checkIntArg(steps, 'linspace', 'steps', 3);
  if (steps < 0) throw new RangeError(`number of steps must be non-negative, got ${steps}`);
  options = checkOptionsArg(options, 'linspace');
  const dtype = checkDType(options.dtype ?? 'float32', 'linspace');
  const out = allocate(dtype, steps);
  if (dtype === 'float32' || dtype === 'float64') {
    linspaceValues(out as Float32Array | Float64Array, start, end, dtype);
  } else if (dtype === 'int32') {
    linspaceIntValues(out as Int32Array, start, end);
  } else {
    throw notImplemented('linspace_cpu', dtype);
  }
  return fromStorage(out, [steps]);
}

/** The n×m identity (m defaults to n; `eye(n, options)` works too). */
export function eye(n: number, m?: number | TensorOptions, options?: TensorOptions): Tensor {
  checkIntArg(n, 'eye', 'n', 1);
  if (typeof m === 'object' && m !== null && options === undefined) return eye(n, n, m);
  m = m === undefined ? n : checkIntArg(m, 'eye', 'm', 2);
  options = checkOptionsArg(options, 'eye');
  if (n < 0) throw new RangeError(`n must be greater or equal to 0, got ${n}`);
  if (m < 0) throw new RangeError(`m must be greater or equal to 0, got ${m}`);
  const t = zeros([n, m], options);
  for (let i = 0; i < Math.min(n, m); i++) t.storage.data[i * m + i] = 1;
  return t;
}

/** Checks the options of a random factory and returns its generator. */
function generatorOf(options: RandomTensorOptions | undefined, where: string): GeneratorClass {
  const { generator } = checkOptionsArg(options, where);
  if (generator === undefined) return defaultGenerator;
  if (!(generator instanceof GeneratorClass)) {
    throw new TypeError(`${where}(): argument 'generator' must be a Generator, not ${describeValue(generator)}`);
  }
  return generator;
}

/** Throws a TypeError unless `t` is a tensor. */
function checkTensorArg(t: unknown, where: string): void {
  if (!(t instanceof Tensor)) throw new TypeError(`${where}(): argument 'input' (position 1) must be Tensor, not ${describeValue(t)}`);
}

function floatDType(options: RandomTensorOptions, where: string): 'float32' | 'float64' {
  const dtype = checkDType(options.dtype ?? 'float32', where);
  if (!isFloating(dtype)) throw new TypeError(`${where}: expected a floating dtype, got ${dtype}`);
  return dtype as 'float32' | 'float64';
}

/** Uniform samples in [0, 1), PyTorch's stream. */
export function rand(shape: readonly number[], options: RandomTensorOptions = {}): Tensor {
  const dims = checkShape(shape, 'rand');
  const generator = generatorOf(options, 'rand');
  const out = allocate(floatDType(options, 'rand'), sizeOf(dims)) as Float32Array | Float64Array;
  fillUniform(out, 0, 1, generator);
  return placed(fromStorage(out, dims), options, 'rand');
}

/** Standard normal samples, PyTorch's stream. */
export function randn(shape: readonly number[], options: RandomTensorOptions = {}): Tensor {
  const dims = checkShape(shape, 'randn');
  const generator = generatorOf(options, 'randn');
  const out = allocate(floatDType(options, 'randn'), sizeOf(dims)) as Float32Array | Float64Array;
  fillNormal(out, 0, 1, generator);
  return placed(fromStorage(out, dims), options, 'randn');
}

/** Integers uniform in [low, high) (int32 by default; PyTorch gives int64). */
export function randint(low: number, high: number, shape: readonly number[], options: RandomTensorOptions = {}): Tensor {
  checkIntArg(low, 'randint', 'low', 1);
  checkIntArg(high, 'randint', 'high', 2);
  const dims = checkShape(shape, 'randint');
  const generator = generatorOf(options, 'randint');
  const dtype = checkDType(options.dtype ?? 'int32', 'randint');
  const values = randintValues(low, high, sizeOf(dims), generator);
  return dtype === 'int32' ? fromStorage(values, dims) : fromStorage(values, dims).to(dtype);
}

/** A random permutation of 0 … n−1 (int32; PyTorch gives int64). */
export function randperm(n: number, options: RandomTensorOptions = {}): Tensor {
  checkIntArg(n, 'randperm', 'n', 1);
  const generator = generatorOf(options, 'randperm');
  const dtype = checkDType(options.dtype ?? 'int32', 'randperm');
  checkShape([n], 'randperm');
  const values = randpermValues(n, generator);
  return dtype === 'int32' ? fromStorage(values, [n]) : fromStorage(values, [n]).to(dtype);
}

/** 0/1 samples with the probabilities in `probs` (same dtype and shape). */
export function bernoulli(probs: Tensor, options: RandomTensorOptions = {}): Tensor {
  checkTensorArg(probs, 'bernoulli');
  const generator = generatorOf(options, 'bernoulli');
  if (!isFloating(probs.dtype)) throw new TypeError(`bernoulli: expected a floating tensor of probabilities, got ${probs.dtype}`);
  const out = allocate(probs.dtype, probs.numel()) as Float32Array | Float64Array;
  fillBernoulli(out, probs.toTypedArray(), generator);
  return probs._make(new Storage(out), [...probs.shape], contiguousStrides(probs.shape), 0, probs.dtype);
}
