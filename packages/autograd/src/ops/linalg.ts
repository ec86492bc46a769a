/**
 * Matrix products. `matmul` covers every shape case with one rule: a 1-D operand is lifted to a
 * matrix (a row for the left, a column for the right), the batched product rule
 * ∂A = g·Bᵀ, ∂B = Aᵀ·g is applied, and each gradient is summed back over broadcast batch dims.
 */
import { Tensor as BaseTensor } from '@descent/tensor';
import { needsGrad, record } from '../node';
import { sumToShape } from '../sum-to-shape';
import { asGrad } from '../tensor';
import type { Tensor } from '../tensor';

const base = BaseTensor.prototype;

/** The `grad_fn` name PyTorch 1.13's matmul ends with for these operand ranks. */
function matmulName(a: BaseTensor, b: BaseTensor): string {
  if (a.ndim === 1 && b.ndim === 1) return 'DotBackward0';
  if (a.ndim === 2 && b.ndim === 2) return 'MmBackward0';
  if (a.ndim === 2 && b.ndim === 1) return 'MvBackward0';
  if (a.ndim === 1 && b.ndim === 2) return 'SqueezeBackward3'; // unsqueeze(0).mm(b).squeeze_(0)
  if (a.ndim === 2 && b.ndim >= 3) return 'CloneBackward0'; // computed as (bᵀ·aᵀ)ᵀ, then copied
  return 'UnsafeViewBackward0';
}

/** Matrix product with NumPy/PyTorch semantics for 1-D, 2-D and batched (broadcast) operands. */
export function matmul(a: Tensor, b: BaseTensor): Tensor {
  const out = base.matmul.call(a, b) as Tensor;
  if (!needsGrad(a, b)) return out;
  const bg = asGrad(b);
  return record(
    out,
    matmulName(a, b),
    [a, b],
    (g) => {
      const a2 = a.ndim === 1 ? a.unsqueeze(0) : a;
      const b2 = bg.ndim === 1 ? bg.unsqueeze(-1) : bg;
      let g2 = g;
      if (a.ndim === 1 && bg.ndim === 1) g2 = g.reshape([1, 1]);
      else if (a.ndim === 1) g2 = g.unsqueeze(-2);
      else if (bg.ndim === 1) g2 = g.unsqueeze(-1);
      if (a.ndim === 2 && bg.ndim === 2) return [a.requiresGrad ? sumToShape(mat1Grad(g, a, bg), a) : null, bg.requiresGrad ? sumToShape(mat2Grad(g, a, bg), bg) : null];
      const ga = a.requiresGrad ? sumToShape(g2.matmul(b2.mT), a2).reshape(a.shape) : null;
      const gb = bg.requiresGrad ? sumToShape(a2.mT.matmul(g2), b2).reshape(bg.shape) : null;
      return [ga, gb];
    },
    [a, bg],
  );
}

/** 2-D product; ∂A = g·Bᵀ, ∂B = Aᵀ·g. */
export function mm(a: Tensor, b: BaseTensor): Tensor {
  const out = base.mm.call(a, b) as Tensor;
  if (!needsGrad(a, b)) return out;
  const bg = asGrad(b);
  return record(
    out,
    'MmBackward0',
    [a, b],
    (g) => [a.requiresGrad ? sumToShape(mat1Grad(g, a, bg), a) : null, bg.requiresGrad ? sumToShape(mat2Grad(g, a, bg), bg) : null],
    [a, bg],
  );
}

/** Whether a matrix is stored column-major (a transposed view such as `weight.t()`). */
function columnMajor(t: BaseTensor): boolean {
  const [rows, cols] = t.shape as [number, number];
  return rows > 1 && cols > 1 && t.strides[0] === 1 && t.strides[1] === rows;
}

/**
 * ∂A of the 2-D product A·B: g·Bᵀ, or (B·gᵀ)ᵀ when A is column-major, as PyTorch's
 * `mm_mat1_backward` lays it out. Each element is the same sum over the same k in the same
 * order either way (the kernel's k-blocks do not depend on which operand is on the left).
 */
function mat1Grad(g: Tensor, a: BaseTensor, b: Tensor): Tensor {
  return columnMajor(a) ? b.mm(g.t()).t() : g.mm(b.t());
}

/**
 * ∂B of the 2-D product A·B: Aᵀ·g, or (gᵀ·A)ᵀ when B is column-major (PyTorch's
 * `mm_mat2_backward`). For `linear`'s `weight.t()` the gradient then reaches the weight
 * row-major, so its `.grad` is a plain copy instead of a transposing one.
 */
function mat2Grad(g: Tensor, a: Tensor, b: BaseTensor): Tensor {
  return columnMajor(b) ? g.t().mm(a).t() : a.t().mm(g);
}

/** Batched 3-D product; ∂A = g·Bᵀ, ∂B = Aᵀ·g per batch. */
export function bmm(a: Tensor, b: BaseTensor): Tensor {
  const out = base.bmm.call(a, b) as Tensor;
  if (!needsGrad(a, b)) return out;
  const bg = asGrad(b);
  return record(
    out,
    'BmmBackward0',
    [a, b],
    (g) => [
      a.requiresGrad ? sumToShape(g.bmm(bg.mT), a) : null,
      bg.requiresGrad ? sumToShape(a.mT.bmm(g), bg) : null,
    ],
    [a, bg],
  );
}

/** Inner product of 1-D tensors; ∂a = g·b, ∂b = g·a. */
export function dot(a: Tensor, b: BaseTensor): Tensor {
  const out = base.dot.call(a, b) as Tensor;
  if (!needsGrad(a, b)) return out;
  const bg = asGrad(b);
  return record(
    out,
    'DotBackward0',
    [a, b],
    (g) => [
      a.requiresGrad ? sumToShape(bg.mul(g), a) : null,
      bg.requiresGrad ? sumToShape(a.mul(g), bg) : null,
    ],
    [a, bg],
  );
}

/** Outer product, built as a[:, None]·b like PyTorch (its node is `MulBackward0`). */
export function outer(a: Tensor, b: BaseTensor): Tensor {
  if (!needsGrad(a, b)) return base.outer.call(a, b) as Tensor;
  return a.reshape([-1, 1]).mul(b);
}
