/**
 * PyTorch's `torch.result_type` for the operands of one op (c10's `update_result_type_state` and
 * `combine_categories`). Operands fall in three priority groups: tensors with dimensions, 0-d
 * tensors, and JS numbers. Within a group dtypes promote as usual (bool < int32 < float32 <
 * float64); a lower group can only raise the category (bool → integer → floating), never the
 * width within a category. So `float32[3] + float64 0-d` is float32, `int32[3] + float64 0-d` is
 * float64, `int32[3] + 2.5` is float32 (the default dtype) and `float32[3] + 2.5` stays float32.
 */
import { isFloating, promoteTypes } from './dtype';
import type { DType } from './dtype';

/** Anything with a dtype and a rank (a tensor). */
interface Typed {
  readonly dtype: DType;
  readonly shape: readonly number[];
}

/**
 * The dtype a JS number operand stands for: an integer-valued number is an integer (PyTorch's
 * Python `int`), anything else (fractions, ±Infinity, NaN) a float of the default dtype.
 */
function numberDType(x: number): DType {
  return Number.isInteger(x) ? 'int32' : 'float32';
}

function promoteOrNull(a: DType | null, b: DType): DType {
  return a === null ? b : promoteTypes(a, b);
}

/** c10's `combine_categories(higher, lower)`: `lower` only lifts the category of `higher`. */
function combineCategories(higher: DType | null, lower: DType | null): DType | null {
  if (higher === null) return lower;
  if (lower === null || isFloating(higher)) return higher;
  if (higher === 'bool' || isFloating(lower)) return promoteTypes(higher, lower);
  return higher;
}

/**
 * The dtype PyTorch computes a multi-operand op in.
 *
 * @example
 * resultType([ones([3]), tensor(1, { dtype: 'float64' })]); // 'float32'
 * resultType([ones([3], { dtype: 'int32' }), 2.5]);        // 'float32'
 */
export function resultType(operands: readonly (Typed | number)[]): DType {
  let dim: DType | null = null;
  let zero: DType | null = null;
  let wrapped: DType | null = null;
  for (const x of operands) {
    if (typeof x === 'number') wrapped = promoteOrNull(wrapped, numberDType(x));
    else if (x.shape.length === 0) zero = promoteOrNull(zero, x.dtype);
    else dim = promoteOrNull(dim, x.dtype);
  }
  return combineCategories(dim, combineCategories(zero, wrapped)) ?? 'float32';
}
