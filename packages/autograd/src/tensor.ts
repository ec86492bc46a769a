/**
 * The differentiable tensor: `@descent/tensor`'s Tensor plus the autograd state (requiresGrad,
 * grad, gradFn) and an override of every differentiable method. Like the base class, this file
 * is the method table: each override is one line that dispatches to `ops/<concept>.ts`, where the
 * forward call and its backward rule sit side by side.
 */
import { Tensor as BaseTensor } from '@descent/tensor';
import { checkArity, intListArg, markPersistent } from '@descent/tensor';
import type { Device, DType, DivOptions, IndexItem, IntList, IsCloseOptions, ReduceOptions, ScatterReduce, ScatterReduceOptions, Storage, VarOptions } from '@descent/tensor';
import { backward, backwardAsync } from './backward';
import type { BackwardOptions } from './backward';
import { checkInPlace, rebase } from './in-place';
import { edgeOf } from './node';
import { discardGrad, liveGraph, seeGrad } from './scope-grads';
import type { Node } from './node';
import * as arith from './ops/arithmetic';
import * as cum from './ops/cumulative';
import * as em from './ops/elementwise-math';
import * as ip from './ops/index-put';
import * as idx from './ops/indexing';
import * as lin from './ops/linalg';
import * as nrm from './ops/norm';
import * as red from './ops/reduction';
import * as un from './ops/unary';
import * as variance from './ops/variance';
import * as vw from './ops/view';

type Operand = BaseTensor | number;
type Writable = {
  -readonly [K in 'storage' | 'shape' | 'strides' | 'offset' | 'dtype']: BaseTensor[K];
};

function isFloat(dtype: DType): boolean {
  return dtype === 'float32' || dtype === 'float64';
}

/**
 * A tensor that records the ops applied to it, so `backward()` can compute gradients
 * (torch.Tensor with autograd). Results of every op are autograd tensors.
 *
 * @example
 * const w = tensor([1, 2, 3], { requiresGrad: true });
 * w.mul(w).sum().backward();
 * w.grad; // tensor([2., 4., 6.])
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the interface below only narrows return types
export class Tensor extends BaseTensor {
  /** @internal */
  declare _requiresGrad: boolean;
  /** @internal */
  declare _grad: Tensor | null;
  /** The node that created this tensor (PyTorch's `grad_fn`); `null` for leaves. */
  declare gradFn: Node | null;
  /** @internal The `AccumulateGrad` node of a leaf, created on first use. */
  declare _accumulator: Node | null;
  /** @internal For a differentiable view: the tensor (never itself a view) whose storage it shares. */
  declare _base: Tensor | null;
  /** @internal A differentiable view of this tensor exists. */
  declare _hasViews: boolean;
  /** @internal Bumped when an in-place op rebases this base's history (its views then regenerate). */
  declare _history: number;
  /** @internal For a view: the base's `_history` its `gradFn` was built against. */
  declare _seenHistory: number;

  // The fields are `declare`d and assigned here: field initializers would run as a separate
  // initializer function for every tensor an op makes (a tiny op's fixed cost, issue #23).
  constructor(storage: Storage, shape: readonly number[], strides: readonly number[], offset: number, dtype: DType) {
    super(storage, shape, strides, offset, dtype);
    this._requiresGrad = false;
    this._grad = null;
    this.gradFn = null;
    this._accumulator = null;
    this._base = null;
    this._hasViews = false;
    this._history = 0;
    this._seenHistory = 0;
  }

  override _make(
    storage: Storage,
    shape: readonly number[],
    strides: readonly number[],
    offset: number,
    dtype: DType,
  ): Tensor {
    return new Tensor(storage, shape, strides, offset, dtype);
  }

  /** Whether gradients flow to this tensor; only floating tensors can require grad. */
  get requiresGrad(): boolean {
    // A view also requires grad once its base does (after an in-place op through another view).
    return this._requiresGrad || (this._base !== null && this._base._requiresGrad);
  }
  set requiresGrad(flag: boolean) {
    if (flag && !isFloat(this.dtype))
      throw new Error('only Tensors of floating point dtype can require gradients');
    if (!flag && this.gradFn !== null) {
      throw new Error(
        "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().",
      );
    }
    this._requiresGrad = flag;
    // A leaf that requires grad is a parameter: no memory scope may recycle it (scope.ts).
    if (flag && this.gradFn === null) markPersistent(this);
  }

  /** The accumulated gradient (settable, as PyTorch's `.grad`; `null` until a backward pass reaches it). */
  get grad(): Tensor | null {
    const grad = this._grad;
    // Seen outside the library: never recycled when dropped (scope-grads.ts).
    if (grad !== null) seeGrad(grad);
    return grad;
  }
  set grad(value: BaseTensor | null) {
    const old = this._grad;
    if (value === null) {
      this._grad = null;
      if (old !== null) discardGrad(old);
      return;
    }
    if (!isFloat(value.dtype) || value.dtype !== this.dtype)
      throw new TypeError('assigned grad has data of a different type');
    if (
      value.shape.length !== this.shape.length ||
      value.shape.some((s, i) => s !== this.shape[i])
    ) {
      throw new RangeError('assigned grad has data of a different size');
    }
    this._grad =
      value instanceof Tensor
        ? value
        : new Tensor(value.storage, value.shape, value.strides, value.offset, value.dtype);
    markPersistent(value);
    if (old !== null && old !== this._grad && old.storage !== value.storage) discardGrad(old);
  }

  /** True for tensors not created by a recorded op (user-created tensors and everything under `noGrad`). */
  get isLeaf(): boolean {
    this._refresh();
    return this.gradFn === null;
  }

  /** @internal Brings a view's history up to date after an in-place op through another view. */
  _refresh(): void {
    if (this._base !== null && this._seenHistory !== this._base._history) edgeOf(this);
  }

  /** True when a non-leaf keeps its `.grad` after backward (see {@link Tensor.retainGrad}). */
  get retainsGrad(): boolean {
    return this.gradFn !== null && this.gradFn.retained === this;
  }

  /** The same values without history (same storage, `requiresGrad` false): what optimizers update. */
  get data(): Tensor {
    return new Tensor(this.storage, this.shape, this.strides, this.offset, this.dtype);
  }
  /** Swaps in another tensor's storage, shape and dtype, keeping this tensor's autograd identity. */
  set data(t: BaseTensor) {
    const self = this as unknown as Writable;
    self.storage = t.storage;
    self.shape = t.shape;
    self.strides = t.strides;
    self.offset = t.offset;
    self.dtype = t.dtype;
    // What a parameter now holds must outlive any memory scope (scope.ts in @descent/tensor).
    markPersistent(t);
  }

  /**
   * @internal The memory scope's walk (scope.ts): visits the `.grad` and a view's base, and tells
   * whether a graph a later backward could still run hangs off this tensor (then the scope
   * recycles nothing, since backward closures may read anything made inside it).
   */
  _scopeTrace(visit: (value: unknown) => void): boolean {
    if (this._grad !== null) visit(this._grad);
    if (this._base !== null) visit(this._base);
    return this.gradFn !== null && liveGraph(this.gradFn);
  }

  /**
   * Computes the gradient of this tensor with respect to the graph leaves and accumulates it into
   * their `.grad`. `gradient` is required unless this tensor has one element.
   * Options: `retainGraph` (default false) keeps saved tensors for another backward;
   * `createGraph` (default false) records the backward pass for higher-order derivatives.
   */
  backward(gradient?: BaseTensor | null, options: BackwardOptions = {}): void {
    backward([this], gradient === undefined || gradient === null ? [null] : [gradient], options);
  }

  /**
   * {@link Tensor.backward} for a graph that copies a CPU tensor requiring grad to 'webgpu'
   * (`x.to('webgpu')`, PyTorch's ToCopyBackward0): the gradient reaching the copy is read back to
   * the CPU asynchronously (WebGPU has no synchronous read), so `backward()` refuses such a graph
   * and this method awaits the readbacks. Same options as `backward`; on other graphs it does
   * exactly what `backward` does.
   *
   * @example
   * const w = randn([3], { requiresGrad: true });          // a CPU leaf
   * const loss = w.to('webgpu').square().sum();
   * await loss.backwardAsync();                             // w.grad: 2w, on the CPU
   */
  async backwardAsync(gradient?: BaseTensor | null, options: BackwardOptions = {}): Promise<void> {
    await backwardAsync([this], gradient === undefined || gradient === null ? [null] : [gradient], options);
  }

  /**
   * The tensor on `device`, asynchronously (a GPU → CPU copy is a readback). Differentiable:
   * the copy records ToCopyBackward0, whose backward uploads the CPU gradient back to the GPU
   * (synchronous), so `await t.toAsync('cpu')` of a GPU tensor that requires grad keeps it in the graph.
   *
   * @example
   * const y = await x.toAsync('cpu'); y.sum().backward(); // x.grad on 'webgpu'
   */
  override async toAsync(device: Device): Promise<Tensor> {
    return vw.toAsync(this, device);
  }

  /** Keeps `.grad` for this non-leaf tensor after backward (leaves always keep it). */
  retainGrad(): void {
    this._refresh();
    if (!this._requiresGrad)
      throw new Error("can't retain_grad on Tensor that has requires_grad=False");
    if (this.gradFn !== null) this.gradFn.retained = this;
  }

  /** A new tensor on the same storage without history. */
  detach(): Tensor {
    return new Tensor(this.storage, this.shape, this.strides, this.offset, this.dtype);
  }

  /** Makes this tensor a leaf without history, in place. */
  detach_(): this {
    this.gradFn = null;
    this._requiresGrad = false;
    return this;
  }

  /** Sets `requiresGrad` in place (default true) and returns this tensor. */
  requiresGrad_(flag = true): this {
    this.requiresGrad = flag;
    return this;
  }

  protected override printSuffix(): string[] {
    this._refresh();
    if (this.gradFn !== null) return [`grad_fn=<${this.gradFn.name}>`];
    return this._requiresGrad ? ['requires_grad=True'] : [];
  }

  // ---------------------------------------------------------------- arithmetic (ops/arithmetic.ts)
  override add(other: Operand): Tensor {
    return arith.add(this, other);
  }
  override sub(other: Operand): Tensor {
    return arith.sub(this, other);
  }
  override mul(other: Operand): Tensor {
    return arith.mul(this, other);
  }
  override div(other: Operand, options?: DivOptions): Tensor {
    return arith.div(this, other, options);
  }
  override pow(exponent: Operand): Tensor {
    return arith.pow(this, exponent);
  }
  override maximum(other: BaseTensor): Tensor {
    return arith.maximum(this, other);
  }
  override minimum(other: BaseTensor): Tensor {
    return arith.minimum(this, other);
  }

  // ---------------------------------------------------------------- element-wise (ops/unary.ts)
  override neg(): Tensor {
    return un.neg(this);
  }
  override abs(): Tensor {
    return un.abs(this);
  }
  override sign(): Tensor {
    return un.sign(this);
  }
  override exp(): Tensor {
    return un.exp(this);
  }
  override log(): Tensor {
    return un.log(this);
  }
  override log1p(): Tensor {
    return un.log1p(this);
  }
  override expm1(): Tensor {
    return un.expm1(this);
  }
  override sqrt(): Tensor {
    return un.sqrt(this);
  }
  override rsqrt(): Tensor {
    return un.rsqrt(this);
  }
  override reciprocal(): Tensor {
    return un.reciprocal(this);
  }
  override sin(): Tensor {
    return un.sin(this);
  }
  override cos(): Tensor {
    return un.cos(this);
  }
  override tanh(): Tensor {
    return un.tanh(this);
  }
  override sigmoid(): Tensor {
    return un.sigmoid(this);
  }
  override relu(): Tensor {
    return un.relu(this);
  }
  override floor(): Tensor {
    return un.floor(this);
  }
  override ceil(): Tensor {
    return un.ceil(this);
  }
  override round(): Tensor {
    return un.round(this);
  }
  override clamp(min?: number, max?: number): Tensor {
    return un.clamp(this, min, max);
  }

  // ---------------------------------------------------------------- reductions (ops/reduction.ts)
  override sum(dim?: number | readonly number[], keepdim = false, options?: ReduceOptions, ...extra: never[]): Tensor {
    checkArity('sum', 3, extra);
    return red.sum(this, dim, keepdim, options);
  }
  override mean(dim?: number | readonly number[], keepdim = false): Tensor {
    return red.mean(this, dim, keepdim);
  }
  override prod(dim?: number, keepdim = false, options?: ReduceOptions, ...extra: never[]): Tensor {
    checkArity('prod', 3, extra);
    return red.prod(this, dim, keepdim, options);
  }
  override max(): Tensor;
  override max(dim: number, keepdim?: boolean): { values: Tensor; indices: Tensor };
  override max(dim?: number, keepdim = false): Tensor | { values: Tensor; indices: Tensor } {
    return red.extreme(this, 'max', dim, keepdim);
  }
  override min(): Tensor;
  override min(dim: number, keepdim?: boolean): { values: Tensor; indices: Tensor };
  override min(dim?: number, keepdim = false): Tensor | { values: Tensor; indices: Tensor } {
    return red.extreme(this, 'min', dim, keepdim);
  }
  override amax(dim?: number | readonly number[], keepdim = false): Tensor {
    return red.amaxAmin(this, 'amax', dim, keepdim);
  }
  override amin(dim?: number | readonly number[], keepdim = false): Tensor {
    return red.amaxAmin(this, 'amin', dim, keepdim);
  }
  override norm(p = 2, dim?: number | readonly number[], keepdim = false): Tensor {
    return nrm.norm(this, p, dim, keepdim);
  }
  override logsumexp(dim: number | readonly number[], keepdim = false): Tensor {
    return red.logsumexp(this, dim, keepdim);
  }
  override softmax(dim: number): Tensor {
    return red.softmax(this, dim);
  }
  override logSoftmax(dim: number): Tensor {
    return red.logSoftmax(this, dim);
  }
  override var(dim?: number | readonly number[], options: VarOptions = {}): Tensor {
    return variance.variance(this, dim, options);
  }
  override std(dim?: number | readonly number[], options: VarOptions = {}): Tensor {
    return variance.std(this, dim, options);
  }
  override cumsum(dim: number): Tensor {
    return red.cumsum(this, dim);
  }

  // ---------------------------------------------------------------- linear algebra (ops/linalg.ts)
  override matmul(other: BaseTensor): Tensor {
    return lin.matmul(this, other);
  }
  override mm(other: BaseTensor): Tensor {
    return lin.mm(this, other);
  }
  override bmm(other: BaseTensor): Tensor {
    return lin.bmm(this, other);
  }
  override dot(other: BaseTensor): Tensor {
    return lin.dot(this, other);
  }
  override outer(other: BaseTensor): Tensor {
    return lin.outer(this, other);
  }

  // ---------------------------------------------------------------- views and copies (ops/view.ts)
  override reshape(...shape: IntList[]): Tensor {
    return vw.reshape(this, intListArg('reshape', 'shape', shape), 'reshape');
  }
  override view(...shape: IntList[]): Tensor {
    return vw.reshape(this, intListArg('view', 'size', shape), 'view');
  }
  override permute(...dims: IntList[]): Tensor {
    return vw.permute(this, intListArg('permute', 'dims', dims));
  }
  override transpose(dim0: number, dim1: number): Tensor {
    return vw.transpose(this, dim0, dim1);
  }
  override t(): Tensor {
    return vw.t(this);
  }
  override get T(): Tensor {
    return super.T as Tensor;
  }
  override get mT(): Tensor {
    return super.mT as Tensor;
  }
  override expand(...shape: IntList[]): Tensor {
    return vw.expand(this, intListArg('expand', 'size', shape));
  }
  override unsqueeze(dim: number): Tensor {
    return vw.unsqueeze(this, dim);
  }
  override squeeze(dim?: number | readonly number[]): Tensor {
    return vw.squeeze(this, dim);
  }
  override narrow(dim: number, start: number, length: number): Tensor {
    return vw.narrow(this, dim, start, length);
  }
  override slice(dim: number, start?: number, end?: number, step = 1): Tensor {
    return vw.slice(this, dim, start, end, step);
  }
  override select(dim: number, index: number): Tensor {
    return vw.select(this, dim, index);
  }
  override flip(...dims: IntList[]): Tensor {
    return vw.flip(this, intListArg('flip', 'dims', dims));
  }
  override clone(): Tensor {
    return vw.clone(this);
  }
  override to(dtype: DType | Device): Tensor {
    return vw.to(this, dtype);
  }

  // ---------------------------------------------------------------- indexing (ops/indexing.ts)
  override gather(dim: number, index: BaseTensor): Tensor {
    return idx.gather(this, dim, index);
  }
  override indexSelect(dim: number, index: BaseTensor): Tensor {
    return idx.indexSelect(this, dim, index);
  }
  override maskedFill(mask: BaseTensor, value: number): Tensor {
    return idx.maskedFill(this, mask, value);
  }
  override where(condition: BaseTensor, other: Operand): Tensor {
    return idx.where(condition, this, other);
  }

  // ---------------------------------------------------------------- element-wise math of issue 20 (ops/elementwise-math.ts)
  override tan(): Tensor {
    return em.unaryMath(this, 'tan');
  }
  override asin(): Tensor {
    return em.unaryMath(this, 'asin');
  }
  override acos(): Tensor {
    return em.unaryMath(this, 'acos');
  }
  override atan(): Tensor {
    return em.unaryMath(this, 'atan');
  }
  override sinh(): Tensor {
    return em.unaryMath(this, 'sinh');
  }
  override cosh(): Tensor {
    return em.unaryMath(this, 'cosh');
  }
  override asinh(): Tensor {
    return em.unaryMath(this, 'asinh');
  }
  override acosh(): Tensor {
    return em.unaryMath(this, 'acosh');
  }
  override atanh(): Tensor {
    return em.unaryMath(this, 'atanh');
  }
  override erf(): Tensor {
    return em.unaryMath(this, 'erf');
  }
  override exp2(): Tensor {
    return em.unaryMath(this, 'exp2');
  }
  override log2(): Tensor {
    return em.unaryMath(this, 'log2');
  }
  override log10(): Tensor {
    return em.unaryMath(this, 'log10');
  }
  override trunc(): Tensor {
    return em.trunc(this);
  }
  override remainder(other: Operand): Tensor {
    return em.modulo(this, other, 'floor');
  }
  override fmod(other: Operand): Tensor {
    return em.modulo(this, other, 'trunc');
  }
  override copysign(other: Operand): Tensor {
    return em.copysign(this, other);
  }
  override logaddexp(other: Operand): Tensor {
    return em.logaddexp(this, other);
  }
  override lerp(end: BaseTensor, weight: Operand): Tensor {
    return em.lerp(this, end, weight);
  }

  // ---------------------------------------------------------------- cumulative and scatter ops of issue 20 (ops/cumulative.ts)
  override cummax(dim: number): { values: Tensor; indices: Tensor } {
    return cum.cumulativeExtreme(this, dim, 'cummax');
  }
  override cummin(dim: number): { values: Tensor; indices: Tensor } {
    return cum.cumulativeExtreme(this, dim, 'cummin');
  }
  override cumprod(dim: number): Tensor {
    return cum.cumprod(this, dim);
  }
  override logcumsumexp(dim: number): Tensor {
    return cum.logcumsumexp(this, dim);
  }
  override scatter(dim: number, index: BaseTensor, src: Operand): Tensor {
    return cum.scatter(this, dim, index, src);
  }
  override scatterReduce(dim: number, index: BaseTensor, src: BaseTensor, reduce: ScatterReduce, options?: ScatterReduceOptions): Tensor {
    return cum.scatterReduce(this, dim, index, src, reduce, options);
  }

  /** Iteration over the first dimension, typed to yield autograd tensors (rows record `select`). */
  override get [Symbol.iterator](): () => IterableIterator<Tensor> {
    return Reflect.get(BaseTensor.prototype, Symbol.iterator, this) as () => IterableIterator<Tensor>;
  }

  // ---------------------------------------------------------------- index_put (ops/index-put.ts)
  override indexPut(items: readonly IndexItem[], values: Operand, accumulate = false): Tensor {
    return ip.indexPut(this, items, values, accumulate);
  }

  // ---------------------------------------------------------------- in place (in-place.ts)
  override add_(other: Operand): this {
    return checkInPlace(this, other) ? rebase(this, (old) => old.add(other)) : super.add_(other);
  }
  override sub_(other: Operand): this {
    return checkInPlace(this, other) ? rebase(this, (old) => old.sub(other)) : super.sub_(other);
  }
  override mul_(other: Operand): this {
    return checkInPlace(this, other) ? rebase(this, (old) => old.mul(other)) : super.mul_(other);
  }
  override div_(other: Operand): this {
    return checkInPlace(this, other) ? rebase(this, (old) => old.div(other)) : super.div_(other);
  }
  override pow_(exponent: Operand): this {
    return checkInPlace(this, exponent)
      ? rebase(this, (old) => old.pow(exponent))
      : super.pow_(exponent);
  }
  override maximum_(other: Operand): this {
    return checkInPlace(this, other)
      ? rebase(this, (old) => (typeof other === 'number' ? old.clamp(other) : old.maximum(other)))
      : super.maximum_(other);
  }
  override minimum_(other: Operand): this {
    return checkInPlace(this, other)
      ? rebase(this, (old) =>
          typeof other === 'number' ? old.clamp(undefined, other) : old.minimum(other),
        )
      : super.minimum_(other);
  }
  override neg_(): this {
    return checkInPlace(this) ? rebase(this, (old) => old.neg()) : super.neg_();
  }
  override abs_(): this {
    return checkInPlace(this) ? rebase(this, (old) => old.abs()) : super.abs_();
  }
  override exp_(): this {
    return checkInPlace(this) ? rebase(this, (old) => old.exp()) : super.exp_();
  }
  override log_(): this {
    return checkInPlace(this) ? rebase(this, (old) => old.log()) : super.log_();
  }
  override sqrt_(): this {
    return checkInPlace(this) ? rebase(this, (old) => old.sqrt()) : super.sqrt_();
  }
  override tanh_(): this {
    return checkInPlace(this) ? rebase(this, (old) => old.tanh()) : super.tanh_();
  }
  override sigmoid_(): this {
    return checkInPlace(this) ? rebase(this, (old) => old.sigmoid()) : super.sigmoid_();
  }
  override log1p_(): this {
    return checkInPlace(this) ? rebase(this, (old) => old.log1p()) : super.log1p_();
  }
  override expm1_(): this {
    return checkInPlace(this) ? rebase(this, (old) => old.expm1()) : super.expm1_();
  }
  override rsqrt_(): this {
    return checkInPlace(this) ? rebase(this, (old) => old.rsqrt()) : super.rsqrt_();
  }
  override reciprocal_(): this {
    return checkInPlace(this) ? rebase(this, (old) => old.reciprocal()) : super.reciprocal_();
  }
  override sin_(): this {
    return checkInPlace(this) ? rebase(this, (old) => old.sin()) : super.sin_();
  }
  override cos_(): this {
    return checkInPlace(this) ? rebase(this, (old) => old.cos()) : super.cos_();
  }
  override sign_(): this {
    return checkInPlace(this) ? rebase(this, (old) => old.sign()) : super.sign_();
  }
  override floor_(): this {
    return checkInPlace(this) ? rebase(this, (old) => old.floor()) : super.floor_();
  }
  override ceil_(): this {
    return checkInPlace(this) ? rebase(this, (old) => old.ceil()) : super.ceil_();
  }
  override relu_(): this {
    return checkInPlace(this) ? rebase(this, (old) => old.relu()) : super.relu_();
  }
  override clamp_(min?: number, max?: number): this {
    return checkInPlace(this) ? rebase(this, (old) => old.clamp(min, max)) : super.clamp_(min, max);
  }
  override fill_(value: number): this {
    return checkInPlace(this) ? rebase(this, (old) => old.mul(0).add(value)) : super.fill_(value);
  }
  override zero_(): this {
    return checkInPlace(this) ? rebase(this, (old) => old.mul(0)) : super.zero_();
  }
  override copy_(src: BaseTensor): this {
    return checkInPlace(this, src) ? rebase(this, (old) => old.mul(0).add(src)) : super.copy_(src);
  }
  override addcmul_(t1: BaseTensor, t2: BaseTensor, value = 1): this {
    return checkInPlace(this, t1, t2)
      ? rebase(this, (old) => old.add(asGrad(t1).mul(t2).mul(value)))
      : super.addcmul_(t1, t2, value);
  }
  override addcdiv_(t1: BaseTensor, t2: BaseTensor, value = 1): this {
    return checkInPlace(this, t1, t2)
      ? rebase(this, (old) => old.add(asGrad(t1).div(t2).mul(value)))
      : super.addcdiv_(t1, t2, value);
  }
  override lerp_(end: BaseTensor, weight: BaseTensor | number): this {
    const w = typeof weight === 'number' ? weight : asGrad(weight);
    return checkInPlace(this, end, typeof weight === 'number' ? undefined : weight)
      ? rebase(this, (old) => old.add(asGrad(end).sub(old).mul(w)))
      : super.lerp_(end, weight);
  }
  override indexPut_(items: readonly IndexItem[], values: Operand, accumulate = false): this {
    return checkInPlace(this, typeof values === 'number' ? undefined : values)
      ? rebase(this, (old) => old.indexPut(items, values, accumulate))
      : super.indexPut_(items, values, accumulate);
  }
  override clip_(min?: number, max?: number): this {
    return this.clamp_(min, max);
  }
  override maskedFill_(mask: BaseTensor, value: number): this {
    return checkInPlace(this)
      ? rebase(this, (old) => old.maskedFill(mask, value))
      : super.maskedFill_(mask, value);
  }
  override uniform_(
    from?: number,
    to?: number,
    options?: Parameters<BaseTensor['uniform_']>[2],
  ): this {
    checkInPlace(this, undefined, undefined, 'uniform_');
    return super.uniform_(from, to, options);
  }
  override normal_(
    mean?: number,
    std?: number,
    options?: Parameters<BaseTensor['normal_']>[2],
  ): this {
    checkInPlace(this, undefined, undefined, 'normal_');
    return super.normal_(mean, std, options);
  }
  override bernoulli_(p?: number, options?: Parameters<BaseTensor['bernoulli_']>[1]): this {
    checkInPlace(this, undefined, undefined, 'bernoulli_');
    return super.bernoulli_(p, options);
  }
}

/** An autograd view of `t` (itself when it already is one), so its methods record. */
export function asGrad(t: BaseTensor): Tensor {
  return t instanceof Tensor ? t : new Tensor(t.storage, t.shape, t.strides, t.offset, t.dtype);
}

// The base methods that are not overridden already return autograd tensors (through `_make`);
// these declarations only narrow their static return types.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the class
export interface Tensor {
  eq(other: Operand): Tensor;
  ne(other: Operand): Tensor;
  lt(other: Operand): Tensor;
  le(other: Operand): Tensor;
  gt(other: Operand): Tensor;
  ge(other: Operand): Tensor;
  logicalAnd(other: Operand): Tensor;
  logicalOr(other: Operand): Tensor;
  logicalNot(): Tensor;
  square(): Tensor;
  argmax(dim?: number, keepdim?: boolean): Tensor;
  argmin(dim?: number, keepdim?: boolean): Tensor;
  all(dim?: number, keepdim?: boolean, ...extra: never[]): Tensor;
  any(dim?: number, keepdim?: boolean, ...extra: never[]): Tensor;
  expandAs(other: BaseTensor): Tensor;
  flatten(startDim?: number, endDim?: number): Tensor;
  contiguous(): Tensor;
  split(sizes: number | readonly number[], dim?: number): Tensor[];
  chunk(chunks: number, dim?: number): Tensor[];
  isnan(): Tensor;
  isinf(): Tensor;
  isfinite(): Tensor;
  isclose(other: Operand, options?: IsCloseOptions): Tensor;
  floorDivide(other: Operand): Tensor;
  clip(min?: number, max?: number): Tensor;
  bitwiseAnd(other: Operand): Tensor;
  bitwiseOr(other: Operand): Tensor;
  bitwiseXor(other: Operand): Tensor;
  bitwiseNot(): Tensor;
  bitwiseLeftShift(other: Operand): Tensor;
  bitwiseRightShift(other: Operand): Tensor;
  unbind(dim?: number): Tensor[];
  repeat(...sizes: IntList[]): Tensor;
  roll(shifts: IntList, dims?: IntList): Tensor;
  unfold(dim: number, size: number, step: number): Tensor;
  repeatInterleave(repeats: number | BaseTensor, dim?: number): Tensor;
  unflatten(dim: number, sizes: readonly number[]): Tensor;
  tril(diagonal?: number): Tensor;
  triu(diagonal?: number): Tensor;
  diagonal(offset?: number, dim1?: number, dim2?: number): Tensor;
  diag(diagonal?: number): Tensor;
  stdMean(dim?: number | readonly number[], options?: VarOptions): [Tensor, Tensor];
  sort(dim?: number, descending?: boolean): { values: Tensor; indices: Tensor };
  argsort(dim?: number, descending?: boolean): Tensor;
  topk(k: number, dim?: number, largest?: boolean): { values: Tensor; indices: Tensor };
  nonzero(): Tensor;
  maskedSelect(mask: BaseTensor): Tensor;
  index(items: readonly IndexItem[]): Tensor;
  at(...items: IndexItem[]): Tensor;
}
