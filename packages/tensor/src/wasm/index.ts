import type { WasmContext } from './context';
import { wasmBinary, wasmBinaryScalar, wasmReduce, wasmUnary, type WasmReduction } from './elementwise';
import type { FloatArray, WasmBinaryOp, WasmUnaryOp } from './exports';
import { wasmIm2col, type WasmIm2colShape } from './im2col';
import { instantiateKernels } from './load';
import { wasmMatmul, type MatmulShape } from './matmul';
import { createNodePool, nodeHardwareConcurrency } from './node-pool';
import { wasmAdagrad, wasmAdam, wasmRmsprop, wasmSgd, type WasmAdagradOptions, type WasmAdamOptions, type WasmRmspropOptions, type WasmSgdOptions } from './optimizers';
import type { ThreadPool } from './thread-pool';
import { wasmAdafactor, wasmAdemamix, wasmAxpy, wasmLambStage, wasmLars, wasmScheduleFreeAdamW, wasmScheduleFreeSgd, wasmSumSquares2 } from './optimizers-beyond';
import type { WasmAdafactorOptions, WasmAdemamixOptions, WasmLambOptions, WasmLarsOptions, WasmScheduleFreeAdamWOptions, WasmScheduleFreeSgdOptions } from './optimizers-beyond';
import { wasmRecurrentBackward, wasmRecurrentForward } from './recurrent';
import { wasmProdigyStats, wasmProdigyStep } from './optimizers-prodigy';
import type { WasmProdigyOptions, WasmProdigySums } from './optimizers-prodigy';
import type { RecurrentForward, RecurrentGradients, RecurrentInputs, RecurrentShape } from '../kernels/recurrent-layout';
import { createWebPool, webHardwareConcurrency } from './web-pool';
import { wasmActivation, wasmActivationBackward } from './activations';
import type { ActivationKind, ActivationParams } from '../activation-math';
import { wasmCol2im, type WasmCol2imShape } from './col2im';
import { wasmRelu, wasmReluBackward } from './relu';
import { wasmMaxPool2d, wasmMaxPool2dBackward, type WasmMaxPool2dShape } from './max-pool2d';
import { wasmConvBias } from './conv-bias';
import { wasmNormBackward, wasmNormForward, type WasmNormLayout } from './normalization';

export type { FloatArray, WasmBinaryOp, WasmUnaryOp } from './exports';
export type { MatmulOperand, MatmulShape } from './matmul';
export type { WasmIm2colShape } from './im2col';
export type { WasmCol2imShape } from './col2im';
export type { WasmMaxPool2dShape } from './max-pool2d';
import { wasmAdaptiveAvgPool2d, wasmAdaptiveAvgPool2dBackward, wasmAdaptiveMaxPool2d, type WasmAdaptivePool2dShape } from './adaptive-pool2d';
export type { WasmAdaptivePool2dShape } from './adaptive-pool2d';
export type { WasmNormLayout } from './normalization';
export type { WasmReduction } from './elementwise';
export type { WasmAdamOptions, WasmSgdOptions, WasmRmspropOptions, WasmAdagradOptions } from './optimizers';
export type { WasmAdafactorOptions, WasmAdemamixOptions, WasmLambOptions, WasmLarsOptions, WasmScheduleFreeAdamWOptions, WasmScheduleFreeSgdOptions } from './optimizers-beyond';
export type { WasmProdigyOptions, WasmProdigySums } from './optimizers-prodigy';
export { wasmSimdSupported, wasmDisabledByEnv } from './load';
export { MATMUL_THREAD_THRESHOLD } from './matmul';

/**
 * The WebAssembly SIMD kernels over Float32Array / Float64Array. Inputs are copied into wasm memory
 * and results copied out (memory is reused across calls); arrays from {@link WasmKernels.alloc}
 * live in wasm memory and are used without copying.
 */
export interface WasmKernels {
  /** Whether memory is shared (Node, cross-origin-isolated pages): then `alloc` and threads work. */
  readonly shared: boolean;
  binary(op: WasmBinaryOp, a: FloatArray, b: FloatArray, out: FloatArray): void;
  binaryScalar(op: WasmBinaryOp, a: FloatArray, s: number, out: FloatArray): void;
  unary(op: WasmUnaryOp, a: FloatArray, out: FloatArray): void;
  reduce(reduction: WasmReduction, a: FloatArray): number;
  matmul(a: FloatArray, b: FloatArray, out: FloatArray, shape: MatmulShape): void;
  adam(param: FloatArray, grad: FloatArray, expAvg: FloatArray, expAvgSq: FloatArray, maxExpAvgSq: FloatArray | null, options: WasmAdamOptions): void;
  sgd(param: FloatArray, grad: FloatArray, momentumBuffer: FloatArray | null, options: WasmSgdOptions): void;
  rmsprop(param: FloatArray, grad: FloatArray, squareAvg: FloatArray, gradAvg: FloatArray | null, momentumBuffer: FloatArray | null, options: WasmRmspropOptions): void;
  adagrad(param: FloatArray, grad: FloatArray, stateSum: FloatArray, options: WasmAdagradOptions): void;
  /** Schedule-Free AdamW (float32): y (the parameter), z and v updated in place. */
  scheduleFreeAdamW(param: Float32Array, grad: Float32Array, z: Float32Array, expAvgSq: Float32Array, options: WasmScheduleFreeAdamWOptions): void;
  /** Schedule-Free SGD (float32): y (the parameter) and z updated in place. */
  scheduleFreeSgd(param: Float32Array, grad: Float32Array, z: Float32Array, options: WasmScheduleFreeSgdOptions): void;
  /** AdEMAMix (float32); `fast` null when β₁ = 0. */
  ademamix(param: Float32Array, grad: Float32Array, fast: Float32Array | null, slow: Float32Array, expAvgSq: Float32Array, options: WasmAdemamixOptions): void;
  /** LAMB's first pass (float32): updates m and v, writes the Adam step into `step`, returns Σθ² and Σstep². */
  lambStage(param: Float32Array, grad: Float32Array, m: Float32Array, v: Float32Array, step: Float32Array, options: WasmLambOptions): { weightSq: number; stepSq: number };
  /** θ ← θ + a·x (float32). */
  axpy(param: Float32Array, x: Float32Array, a: number): void;
  /** Σa² and Σb² of two float32 arrays, accumulated in float64. */
  sumSquares2(a: Float32Array, b: Float32Array): [number, number];
  /** LARS (float32) after the norms; `buffer` null without momentum. */
  lars(param: Float32Array, grad: Float32Array, buffer: Float32Array | null, options: WasmLarsOptions): void;
  /** Adafactor on a float32 parameter: factored statistics (rowVar, colVar) or the full variance. */
  adafactor(param: Float32Array, grad: Float32Array, rowVar: Float32Array | null, colVar: Float32Array | null, variance: Float32Array | null, options: WasmAdafactorOptions): void;
  /** Prodigy's first pass (float32): updates m (null when β₁ = 0), v and s, returns Σ⟨g, θ₀ − θ⟩ and Σ|s| (float64). */
  prodigyStats(param: Float32Array, grad: Float32Array, p0: Float32Array, s: Float32Array, m: Float32Array | null, v: Float32Array, options: WasmProdigyOptions): WasmProdigySums;
  /** Prodigy's second pass (float32): the parameter update with the new d. */
  prodigyStep(param: Float32Array, grad: Float32Array, m: Float32Array | null, v: Float32Array, options: WasmProdigyOptions): void;
  /** One direction of a recurrent layer over a whole sequence (per step one matmul for all gates, then one pass over the gates). */
  recurrentForward(shape: RecurrentShape, inputs: RecurrentInputs): RecurrentForward;
  /** Backward through time of {@link WasmKernels.recurrentForward}. */
  recurrentBackward(shape: RecurrentShape, inputs: RecurrentInputs, forward: RecurrentForward, dOut: FloatArray): RecurrentGradients;
  /** out = f(x) for a fused activation (assembly/activations.ts); `out` may be `x`. */
  activation(kind: ActivationKind, x: FloatArray, out: FloatArray, params: ActivationParams): void;
  /** out = g·f'(x) for a fused activation; `out` may be `g`. */
  activationBackward(kind: ActivationKind, x: FloatArray, g: FloatArray, out: FloatArray, params: ActivationParams): void;
  /**
   * A zero-filled array living in wasm memory (freed when garbage-collected, or by `release`) when
   * memory is shared and fewer than {@link WASM_GC_BUDGET} bytes wait for the collector; otherwise
   * a plain array. Keep the returned array itself alive while using views derived from it.
   */
  alloc(dtype: 'float32', length: number): Float32Array;
  alloc(dtype: 'float64', length: number): Float64Array;
  /**
   * Zero-filled arrays of the given lengths laid end to end in one block of wasm memory (when it
   * is shared; otherwise in one plain buffer), returned as the whole and as a view per length.
   * The block is freed once the whole and every view have been garbage-collected.
   */
  allocViews(dtype: 'float32' | 'float64', lengths: readonly number[]): { whole: FloatArray; views: FloatArray[] };
  /**
   * Gives the block behind `array` (an array returned by `alloc`, or the `whole` of `allocViews`)
   * back to the heap now instead of when it is garbage-collected; any other array is left alone.
   * Only for arrays nothing will read or write again (every view of the block included): the
   * library calls it on its own scratch buffers once they are dead.
   */
  release(array: FloatArray): void;
  /**
   * Bytes of wasm memory held by arrays from `alloc` / `allocViews` that wait for the garbage
   * collector; new arrays are plain JavaScript arrays while this is near {@link WASM_GC_BUDGET}.
   */
  gcBytes(): number;
  /** Whether `array` lives in wasm memory (from `alloc`), so kernels use it without copying. */
  owns(array: ArrayBufferView): boolean;
  /** Bytes of WebAssembly memory reserved so far (for leak checks). */
  memoryBytes(): number;
  /** im2col of `src` into `cols` (same float type), laid out as `shape` says; see the im2col kernel. */
  im2col(src: FloatArray, cols: FloatArray, shape: WasmIm2colShape): void;
  /** col2im of `cols` added into `out` (same float type), sizes as `shape` says; see the col2im kernel. */
  col2im(cols: FloatArray, out: FloatArray, shape: WasmCol2imShape): void;
  /** out = relu(x) (NaN kept); `out` may be `x`. */
  relu(x: FloatArray, out: FloatArray): void;
  /** out = g where y > 0, else 0 (ReLU's backward from its output `y`). */
  reluBackward(g: FloatArray, y: FloatArray, out: FloatArray): void;
  /** Max pooling forward: window maxima of `src` into `values`, their positions in each plane into `indices`. */
  maxPool2d(src: FloatArray, values: FloatArray, indices: Int32Array, shape: WasmMaxPool2dShape): void;
  /** Batch / layer / group normalization forward (float32); see the normalization kernel. */
  normForward(x: Float32Array, out: Float32Array, layout: WasmNormLayout, weight: Float32Array | null, bias: Float32Array | null, eps: number, mean: Float64Array, variance: Float64Array, rstd: Float64Array, computeStats: boolean): void;
  /** Normalization backward (float32): per-channel sums into `dw`, `db`, and the input gradient into `dx` when given. */
  normBackward(x: Float32Array, g: Float32Array, dx: Float32Array | null, layout: WasmNormLayout, weight: Float32Array | null, mean: Float64Array, rstd: Float64Array, training: boolean, dw: Float64Array, db: Float64Array): void;
  /** Max pooling backward: `gx` (zeroed here) receives `g` at the positions in `indices`, plane by plane. */
  maxPool2dBackward(g: FloatArray, indices: Int32Array, gx: FloatArray, planes: number, area: number, plane: number): void;
  /** out[s, c, i] += bias[c] in place over `samples` × `channels` planes of `area` elements. */
  convBias(out: FloatArray, bias: FloatArray, samples: number, channels: number, area: number): void;
  /** Adaptive average pooling forward of `planes` H×W planes of `src` into `dst` (planes·outH·outW). */
  adaptiveAvgPool2d(src: FloatArray, dst: FloatArray, shape: WasmAdaptivePool2dShape): void;
  /** Adaptive average pooling backward: `gx` (zeroed here) receives each window's g / kh / kw. */
  adaptiveAvgPool2dBackward(g: FloatArray, gx: FloatArray, shape: WasmAdaptivePool2dShape): void;
  /** Adaptive max pooling forward: window maxima into `values`, their positions in each plane into `indices`. */
  adaptiveMaxPool2d(src: FloatArray, values: FloatArray, indices: Int32Array, shape: WasmAdaptivePool2dShape): void;
}

const DEFAULT_MAX_THREADS = 4;
let context: WasmContext | null | undefined;
let kernels: WasmKernels | null = null;
let pool: ThreadPool | null = null;
let numThreads: number | undefined;

/**
 * Sets how many threads large matmuls use (the calling thread included); 1 turns threading off.
 * Default min(hardware threads, 4). Workers start lazily and are used once they are ready: Node's
 * worker_threads, or Web Workers in cross-origin-isolated pages (elsewhere in browsers there is no
 * SharedArrayBuffer, and products run on the calling thread).
 *
 * @example
 * setNumThreads(2);
 */
export function setNumThreads(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`setNumThreads: expected a positive integer, got ${n}`);
  numThreads = n;
  if (pool !== null && pool.size !== n - 1) {
    pool.close();
    pool = null;
  }
}

/**
 * The number of threads large matmuls may use.
 *
 * @example
 * getNumThreads(); // 2 on a two-core machine
 */
export function getNumThreads(): number {
  return numThreads ?? Math.min(nodeHardwareConcurrency() ?? webHardwareConcurrency() ?? 1, DEFAULT_MAX_THREADS);
}

/**
 * Whether worker threads for matmul are started and waiting (they start on the first matmul after
 * setNumThreads(n > 1), asynchronously; until then products run on the calling thread).
 *
 * @example
 * wasmThreadsReady(); // false before the first large matmul
 */
export function wasmThreadsReady(): boolean {
  return pool?.ready() ?? false;
}

function threadPool(ctx: WasmContext): ThreadPool | null {
  const threads = getNumThreads();
  if (threads < 2 || !ctx.shared) return null;
  // worker_threads in Node; Web Workers in cross-origin-isolated pages (shared memory needs it).
  pool ??= createNodePool(ctx.module, ctx.heap.memory, threads - 1) ?? createWebPool(ctx.module, ctx.heap.memory, threads - 1);
  return pool;
}

/**
 * Most bytes of wasm memory held at once by blocks that only the garbage collector returns
 * (arrays from `alloc` / `allocViews` that nobody released). A `FinalizationRegistry` callback
 * never runs inside a synchronous loop, so without a bound a loop that keeps creating and
 * dropping such arrays (an optimizer constructed per step, a state dict loaded every few steps)
 * grows wasm memory without end. Past the bound, new arrays are ordinary JavaScript arrays,
 * which the collector reclaims synchronously; the kernels then copy them in and out of wasm
 * memory, with the same results.
 */
export const WASM_GC_BUDGET = 128 * 2 ** 20;

/** What a garbage-collected block gives back: its place in the heap and how many arrays share it. */
interface Held {
  ptr: number;
  bytes: number;
  live: { count: number };
  freed: boolean;
}

function build(ctx: WasmContext): WasmKernels {
  // Bytes of the blocks below that wait for the collector (live or not yet finalized).
  let gcBytes = 0;
  const blocks = new WeakMap<FloatArray, Held>();
  const giveBack = (held: Held): void => {
    if (held.freed) return;
    held.freed = true;
    gcBytes -= held.bytes;
    ctx.heap.free(held.ptr, held.bytes);
  };
  // One block shared by several arrays: freed when the last of them is collected.
  const registry = new FinalizationRegistry<Held>((held) => {
    if (--held.live.count === 0) giveBack(held);
  });
  /** A block of `bytes` in wasm memory when shared and within the budget; null for a plain array. */
  function reserve(bytes: number): Held | null {
    if (!ctx.shared || gcBytes + bytes > WASM_GC_BUDGET) return null;
    const ptr = ctx.heap.alloc(bytes);
    gcBytes += bytes;
    return { ptr, bytes, live: { count: 0 }, freed: false };
  }
  function adopt(held: Held, whole: FloatArray, arrays: readonly FloatArray[]): void {
    held.live.count = arrays.length;
    blocks.set(whole, held);
    for (const array of arrays) registry.register(array, held, held);
  }
  function alloc(dtype: 'float32', length: number): Float32Array;
  function alloc(dtype: 'float64', length: number): Float64Array;
  function alloc(dtype: 'float32' | 'float64', length: number): FloatArray {
    if (!Number.isInteger(length) || length < 0) throw new RangeError(`alloc: expected a non-negative integer length, got ${length}`);
    const Ctor = dtype === 'float32' ? Float32Array : Float64Array;
    const held = reserve(Math.max(length * Ctor.BYTES_PER_ELEMENT, 1));
    if (held === null) return new Ctor(length);
    const array = new Ctor(ctx.heap.memory.buffer as ArrayBuffer, held.ptr, length);
    array.fill(0);
    adopt(held, array, [array]);
    return array;
  }
  function allocViews(dtype: 'float32' | 'float64', lengths: readonly number[]): { whole: FloatArray; views: FloatArray[] } {
    for (const length of lengths) if (!Number.isInteger(length) || length < 0) throw new RangeError(`allocViews: expected non-negative integer lengths, got ${length}`);
    const Ctor = dtype === 'float32' ? Float32Array : Float64Array;
    const total = lengths.reduce((a, b) => a + b, 0);
    const held = reserve(Math.max(total * Ctor.BYTES_PER_ELEMENT, 1));
    let whole: FloatArray;
    if (held !== null) {
      whole = new Ctor(ctx.heap.memory.buffer as ArrayBuffer, held.ptr, total);
      whole.fill(0);
    } else {
      whole = new Ctor(total);
    }
    const views: FloatArray[] = [];
    let offset = 0;
    for (const length of lengths) {
      views.push(whole.subarray(offset, offset + length));
      offset += length;
    }
    if (held !== null) adopt(held, whole, [whole, ...views]);
    return { whole, views };
  }
  function release(array: FloatArray): void {
    const held = blocks.get(array);
    if (held === undefined) return;
    blocks.delete(array);
    registry.unregister(held);
    giveBack(held);
  }
  return {
    shared: ctx.shared,
    binary: (op, a, b, out) => wasmBinary(ctx, op, a, b, out),
    binaryScalar: (op, a, s, out) => wasmBinaryScalar(ctx, op, a, s, out),
    unary: (op, a, out) => wasmUnary(ctx, op, a, out),
    reduce: (reduction, a) => wasmReduce(ctx, reduction, a),
    matmul: (a, b, out, shape) => wasmMatmul(ctx, threadPool(ctx), getNumThreads(), a, b, out, shape),
    adam: (param, grad, expAvg, expAvgSq, maxExpAvgSq, options) => wasmAdam(ctx, param, grad, expAvg, expAvgSq, maxExpAvgSq, options),
    sgd: (param, grad, momentumBuffer, options) => wasmSgd(ctx, param, grad, momentumBuffer, options),
    rmsprop: (param, grad, squareAvg, gradAvg, momentumBuffer, options) => wasmRmsprop(ctx, param, grad, squareAvg, gradAvg, momentumBuffer, options),
    adagrad: (param, grad, stateSum, options) => wasmAdagrad(ctx, param, grad, stateSum, options),
    scheduleFreeAdamW: (param, grad, z, expAvgSq, options) => wasmScheduleFreeAdamW(ctx, param, grad, z, expAvgSq, options),
    scheduleFreeSgd: (param, grad, z, options) => wasmScheduleFreeSgd(ctx, param, grad, z, options),
    ademamix: (param, grad, fast, slow, expAvgSq, options) => wasmAdemamix(ctx, param, grad, fast, slow, expAvgSq, options),
    lambStage: (param, grad, m, v, step, options) => wasmLambStage(ctx, param, grad, m, v, step, options),
    axpy: (param, x, a) => wasmAxpy(ctx, param, x, a),
    sumSquares2: (a, b) => wasmSumSquares2(ctx, a, b),
    lars: (param, grad, buffer, options) => wasmLars(ctx, param, grad, buffer, options),
    adafactor: (param, grad, rowVar, colVar, variance, options) => wasmAdafactor(ctx, param, grad, rowVar, colVar, variance, options),
    prodigyStats: (param, grad, p0, s, m, v, options) => wasmProdigyStats(ctx, param, grad, p0, s, m, v, options),
    prodigyStep: (param, grad, m, v, options) => wasmProdigyStep(ctx, param, grad, m, v, options),
    recurrentForward: (shape, inputs) => wasmRecurrentForward(ctx, shape, inputs),
    recurrentBackward: (shape, inputs, forward, dOut) => wasmRecurrentBackward(ctx, shape, inputs, forward, dOut),
    activation: (kind, x, out, params) => wasmActivation(ctx, kind, x, out, params),
    activationBackward: (kind, x, g, out, params) => wasmActivationBackward(ctx, kind, x, g, out, params),
    alloc,
    allocViews,
    release,
    gcBytes: () => gcBytes,
    owns: (array) => ctx.heap.owns(array),
    memoryBytes: () => ctx.heap.byteLength,
    im2col: (src, cols, shape) => wasmIm2col(ctx, src, cols, shape),
    col2im: (cols, out, shape) => wasmCol2im(ctx, cols, out, shape),
    relu: (x, out) => wasmRelu(ctx, x, out),
    reluBackward: (g, y, out) => wasmReluBackward(ctx, g, y, out),
    maxPool2d: (src, values, indices, shape) => wasmMaxPool2d(ctx, src, values, indices, shape),
    normForward: (x, out, layout, weight, bias, eps, mean, variance, rstd, computeStats) => wasmNormForward(ctx, x, out, layout, weight, bias, eps, mean, variance, rstd, computeStats),
    normBackward: (x, g, dx, layout, weight, mean, rstd, training, dw, db) => wasmNormBackward(ctx, x, g, dx, layout, weight, mean, rstd, training, dw, db),
    maxPool2dBackward: (g, indices, gx, planes, area, plane) => wasmMaxPool2dBackward(ctx, g, indices, gx, planes, area, plane),
    convBias: (out, bias, samples, channels, area) => wasmConvBias(ctx, out, bias, samples, channels, area),
    adaptiveAvgPool2d: (src, dst, shape) => wasmAdaptiveAvgPool2d(ctx, src, dst, shape),
    adaptiveAvgPool2dBackward: (g, gx, shape) => wasmAdaptiveAvgPool2dBackward(ctx, g, gx, shape),
    adaptiveMaxPool2d: (src, values, indices, shape) => wasmAdaptiveMaxPool2d(ctx, src, values, indices, shape),
  };
}

/**
 * The WebAssembly SIMD kernels, instantiated on first use; null where SIMD is missing or
 * `DESCENT_WASM=0`, so callers keep their TypeScript kernels as the fallback.
 *
 * @example
 * const k = wasmKernels();
 * if (k) k.binary('add', a, b, out); else addFallback(a, b, out);
 */
export function wasmKernels(): WasmKernels | null {
  if (context === undefined) {
    context = instantiateKernels();
    kernels = context ? build(context) : null;
  }
  return kernels;
}
