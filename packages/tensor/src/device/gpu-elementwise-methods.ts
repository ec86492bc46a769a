/**
 * The GPU implementations of the element-wise methods: arithmetic and comparisons with
 * broadcasting and PyTorch's type promotion (operands are converted to the common dtype on the GPU
 * first), unary math, where / maskedFill, dtype and device conversion.
 */
import { resultType } from '../result-type';
import { broadcastShapes } from '../shape';
import type { Device } from '../storage';
import type { Tensor } from '../tensor';
import type { DType } from '../dtype';
import { binary, mapViews, unary } from '../webgpu/elementwise';
import type { BinaryOp, UnaryOp } from '../webgpu/elementwise';
import type { GPUView } from '../webgpu/array';
import { castView, gpuContext, gpuDType, gpuView, isDevice, scalarView, wrapGPU } from './gpu-tensor';
import type { GPUMethod } from './dispatch';

type Operand = Tensor | number;

/** `op(a, b)` on the GPU in the common dtype (`float`: at least float32, as true division). */
export function gpuBinary(a: Tensor, b: Operand, op: BinaryOp, float = false): Tensor {
  const ctx = gpuContext();
  let common = resultType([a, b]);
  if (float && common !== 'float64') common = 'float32';
  const dtype = gpuDType(common, op);
  const va = castView(ctx, gpuView(a), dtype);
  const vb = typeof b === 'number' ? scalarView(ctx, b, dtype) : castView(ctx, gpuView(b), dtype);
  const out = binary(ctx, op, va, vb);
  return wrapGPU(a, out, typeof b === 'number' ? a.shape : broadcastShapes(a.shape, b.shape), out.dtype);
}

const FLOAT_RESULT = new Set(['exp', 'log', 'sqrt', 'rsqrt', 'reciprocal', 'sin', 'cos', 'tanh', 'sigmoid']);

/** `op(a)` on the GPU (ints and bools become float32 first for the floating functions). */
export function gpuUnary(a: Tensor, op: UnaryOp): Tensor {
  const ctx = gpuContext();
  let view = gpuView(a);
  if (FLOAT_RESULT.has(op)) view = castView(ctx, view, 'float32');
  const out = unary(ctx, op, view);
  return wrapGPU(a, out, a.shape, out.dtype);
}

/** `condition ? x : y` with broadcasting, in the common dtype of x and y. */
export function gpuWhere(condition: Tensor, x: Operand, y: Operand, like: Tensor): Tensor {
  const ctx = gpuContext();
  const dtype = gpuDType(resultType([x, y]), 'where');
  const view = (v: Operand): GPUView => (typeof v === 'number' ? scalarView(ctx, v, dtype) : castView(ctx, gpuView(v), dtype));
  const cond = castView(ctx, gpuView(condition), 'bool');
  let shape: readonly number[] = condition.shape;
  for (const v of [x, y]) if (typeof v !== 'number') shape = broadcastShapes(shape, v.shape);
  const out = mapViews(ctx, `where:${dtype}`, [cond, view(x), view(y)], shape, dtype, 'select(z, y, x != 0u)');
  return wrapGPU(like, out, shape, dtype);
}

/** A copy of `a` converted to `dtype` (`a` itself when it has that dtype). */
export function gpuCast(a: Tensor, dtype: DType): Tensor {
  if (dtype === a.dtype) return a;
  const ctx = gpuContext();
  const view = castView(ctx, gpuView(a), gpuDType(dtype, 'to'));
  return wrapGPU(a, view.array, a.shape, dtype);
}

const binaryMethod = (op: BinaryOp, float = false): GPUMethod =>
  function (this: Tensor, other: Operand): Tensor {
    return gpuBinary(this, other, op, float);
  };

const unaryMethod = (op: UnaryOp): GPUMethod =>
  function (this: Tensor): Tensor {
    return gpuUnary(this, op);
  };

const logicalMethod = (op: BinaryOp): GPUMethod =>
  function (this: Tensor, other: Tensor): Tensor {
    return gpuBinary(gpuCast(this, 'bool'), gpuCast(other, 'bool'), op);
  };

/** GPU element-wise methods by name. */
export const GPU_ELEMENTWISE_METHODS: Record<string, GPUMethod> = {
  add: binaryMethod('add'),
  sub: binaryMethod('sub'),
  mul: binaryMethod('mul'),
  div: function (this: Tensor, other: Operand, options?: { roundingMode?: string | null }): Tensor {
    if ((options?.roundingMode ?? null) !== null) throw new Error('div() with a roundingMode is not implemented on webgpu yet');
    return gpuBinary(this, other, 'div', true);
  },
  pow: binaryMethod('pow'),
  maximum: binaryMethod('maximum'),
  minimum: binaryMethod('minimum'),
  eq: binaryMethod('eq'),
  ne: binaryMethod('ne'),
  lt: binaryMethod('lt'),
  le: binaryMethod('le'),
  gt: binaryMethod('gt'),
  ge: binaryMethod('ge'),
  logicalAnd: logicalMethod('logicalAnd'),
  logicalOr: logicalMethod('logicalOr'),
  logicalNot: unaryMethod('logicalNot'),
  neg: unaryMethod('neg'),
  abs: unaryMethod('abs'),
  sign: unaryMethod('sign'),
  square: unaryMethod('square'),
  exp: unaryMethod('exp'),
  log: unaryMethod('log'),
  sqrt: unaryMethod('sqrt'),
  rsqrt: unaryMethod('rsqrt'),
  reciprocal: unaryMethod('reciprocal'),
  sin: unaryMethod('sin'),
  cos: unaryMethod('cos'),
  tanh: unaryMethod('tanh'),
  sigmoid: unaryMethod('sigmoid'),
  relu: unaryMethod('relu'),
  floor: unaryMethod('floor'),
  ceil: unaryMethod('ceil'),
  where: function (this: Tensor, condition: Tensor, other: Operand): Tensor {
    return gpuWhere(condition, this, other, this);
  },
  maskedFill: function (this: Tensor, mask: Tensor, value: number): Tensor {
    const out = gpuWhere(mask, value, this, this);
    return out.dtype === this.dtype ? out : gpuCast(out, this.dtype);
  },
  to: function (this: Tensor, target: DType | Device): Tensor {
    if (isDevice(target)) {
      if (target === 'webgpu') return this;
      throw new Error("t.to('cpu'): a webgpu tensor cannot be read back synchronously; use await t.toAsync('cpu') (or await t.dataAsync())");
    }
    return gpuCast(this, target);
  },
};
