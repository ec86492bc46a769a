/**
 * The creation functions of `@descent/tensor`, returning autograd tensors and taking an extra
 * `requiresGrad` option (default false), as torch's factories do.
 */
import * as base from '@descent/tensor';
import type {
  NestedArray,
  RandomTensorOptions,
  Tensor as BaseTensor,
  TensorOptions,
  TypedArray,
} from '@descent/tensor';
import { asGrad } from './tensor';
import type { Tensor } from './tensor';

/** Options of the factories: the dtype and whether the new leaf requires grad (default false). */
export interface GradTensorOptions extends TensorOptions {
  /** Record ops on this tensor for autograd. Default false. */
  requiresGrad?: boolean;
}

/** Options of the random factories. */
export interface GradRandomTensorOptions extends RandomTensorOptions {
  /** Record ops on this tensor for autograd. Default false. */
  requiresGrad?: boolean;
}

/** The dtype of a *Like factory's input, or undefined for a wrong kind (the base factory names it). */
function dtypeOf(t: unknown): GradTensorOptions['dtype'] {
  return t instanceof base.Tensor ? t.dtype : undefined;
}

/** The options object among trailing arguments (arange(5, { … }), eye(3, { … })), or {}. */
function optionsAmong(...args: unknown[]): GradTensorOptions {
  const found = args.find((x) => typeof x === 'object' && x !== null && !Array.isArray(x));
  return found === undefined ? {} : (found as GradTensorOptions);
}

const NOT_FLOAT = 'only Tensors of floating point dtype can require gradients';

function leaf(t: BaseTensor, requiresGrad: boolean | undefined): Tensor {
  const out = asGrad(t);
  if (requiresGrad === true) out.requiresGrad = true;
  return out;
}

/** Throws before any work (or random draw) when an integer dtype is asked to require grad. */
function checkFloat(options: GradTensorOptions, defaultFloat: boolean): void {
  // Options of the wrong kind are refused by @descent/tensor's factory, naming the argument.
  if (typeof options !== 'object' || options === null) return;
  const { requiresGrad } = options as { requiresGrad?: unknown };
  if (requiresGrad !== undefined && typeof requiresGrad !== 'boolean') {
    throw new TypeError(`argument 'requiresGrad' must be a boolean, not ${base.describeValue(requiresGrad)}`);
  }
  if (requiresGrad !== true) return;
  const dtype = options.dtype;
  if (dtype === 'int32' || dtype === 'bool' || (dtype === undefined && !defaultFloat))
    throw new Error(NOT_FLOAT);
}

/**
 * A tensor from nested arrays, a number or a typed array (torch.tensor).
 *
 * @example
 * const w = tensor([[1, 2], [3, 4]], { requiresGrad: true });
 */
export function tensor(data: NestedArray | TypedArray, options: GradTensorOptions = {}): Tensor {
  checkFloat(options, true);
  return leaf(base.tensor(data, options), options.requiresGrad);
}

/** A tensor of `value` (torch.full). @example full([2, 2], 7) */
export function full(
  shape: readonly number[],
  value: number,
  options: GradTensorOptions = {},
): Tensor {
  checkFloat(options, true);
  return leaf(base.full(shape, value, options), options.requiresGrad);
}
/** Zeros (torch.zeros). @example zeros([3], { requiresGrad: true }) */
export function zeros(shape: readonly number[], options: GradTensorOptions = {}): Tensor {
  checkFloat(options, true);
  return leaf(base.zeros(shape, options), options.requiresGrad);
}
/** Ones (torch.ones). @example ones([2, 3]) */
export function ones(shape: readonly number[], options: GradTensorOptions = {}): Tensor {
  checkFloat(options, true);
  return leaf(base.ones(shape, options), options.requiresGrad);
}
/** Uninitialised (here: zero) values (torch.empty). @example empty([4]) */
export function empty(shape: readonly number[], options: GradTensorOptions = {}): Tensor {
  checkFloat(options, true);
  return leaf(base.empty(shape, options), options.requiresGrad);
}
/** Zeros shaped like `t` (torch.zeros_like). @example zerosLike(w) */
export function zerosLike(t: BaseTensor, options: GradTensorOptions = {}): Tensor {
  checkFloat({ dtype: dtypeOf(t), ...options }, true);
  return leaf(base.zerosLike(t, options), options.requiresGrad);
}
/** Ones shaped like `t` (torch.ones_like). @example onesLike(w) */
export function onesLike(t: BaseTensor, options: GradTensorOptions = {}): Tensor {
  checkFloat({ dtype: dtypeOf(t), ...options }, true);
  return leaf(base.onesLike(t, options), options.requiresGrad);
}
/** `value` shaped like `t` (torch.full_like). @example fullLike(w, 0.5) */
export function fullLike(t: BaseTensor, value: number, options: GradTensorOptions = {}): Tensor {
  checkFloat({ dtype: dtypeOf(t), ...options }, true);
  return leaf(base.fullLike(t, value, options), options.requiresGrad);
}
/** Uninitialised values shaped like `t` (torch.empty_like). @example emptyLike(w) */
export function emptyLike(t: BaseTensor, options: GradTensorOptions = {}): Tensor {
  checkFloat({ dtype: dtypeOf(t), ...options }, true);
  return leaf(base.emptyLike(t, options), options.requiresGrad);
}
/** start, start + step, … below end (torch.arange). @example arange(0, 5) */
export function arange(
  start: number,
  end?: number,
  step = 1,
  options: GradTensorOptions = {},
): Tensor {
  const t = base.arange(start, end, step, options);
  const { requiresGrad } = optionsAmong(end, step, options);
  if (requiresGrad === true && t.dtype !== 'float32' && t.dtype !== 'float64')
    throw new Error(NOT_FLOAT);
  return leaf(t, requiresGrad);
}
/** `steps` evenly spaced values from start to end (torch.linspace). @example linspace(0, 1, 5) */
export function linspace(
  start: number,
  end: number,
  steps: number,
  options: GradTensorOptions = {},
): Tensor {
  checkFloat(options, true);
  return leaf(base.linspace(start, end, steps, options), options.requiresGrad);
}
/** The n × m identity (torch.eye). @example eye(3) */
export function eye(n: number, m?: number | GradTensorOptions, options?: GradTensorOptions): Tensor {
  const found = optionsAmong(m, options);
  checkFloat(found, true);
  return leaf(base.eye(n, m, options), found.requiresGrad);
}
/** Uniform [0, 1) samples (torch.rand). @example rand([2, 2], { requiresGrad: true }) */
export function rand(shape: readonly number[], options: GradRandomTensorOptions = {}): Tensor {
  checkFloat(options, true);
  return leaf(base.rand(shape, options), options.requiresGrad);
}
/** Standard normal samples (torch.randn). @example randn([3]) */
export function randn(shape: readonly number[], options: GradRandomTensorOptions = {}): Tensor {
  checkFloat(options, true);
  return leaf(base.randn(shape, options), options.requiresGrad);
}
/** Integers in [low, high) (torch.randint; never requires grad). @example randint(0, 10, [4]) */
export function randint(
  low: number,
  high: number,
  shape: readonly number[],
  options: GradRandomTensorOptions = {},
): Tensor {
  checkFloat(options, false);
  return leaf(base.randint(low, high, shape, options), options.requiresGrad);
}
/** A random permutation of 0 … n − 1 (torch.randperm). @example randperm(5) */
export function randperm(n: number, options: GradRandomTensorOptions = {}): Tensor {
  checkFloat(options, false);
  return leaf(base.randperm(n, options), options.requiresGrad);
}
/** Bernoulli draws with probabilities `probs` (torch.bernoulli; no gradient). @example bernoulli(full([3], 0.5)) */
export function bernoulli(probs: BaseTensor, options: GradRandomTensorOptions = {}): Tensor {
  return asGrad(base.bernoulli(probs, options));
}
