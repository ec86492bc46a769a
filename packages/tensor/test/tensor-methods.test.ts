/**
 * The split of `tensor.ts` into `tensor-methods/*.ts`: every method the class had before the split
 * (the list below is the one of the old 1,295-line class, public and protected members) is on
 * `Tensor.prototype` again, as a class method would be (non-enumerable, writable, callable through
 * a subclass's `super`), installed once. Behaviour is covered by the tensor, autograd and nn suites.
 */
import { describe, expect, it } from 'vitest';
import { Tensor, tensor } from '../src/index';
import { installMethods } from '../src/tensor-methods/method-group';

// Methods of the old class (one entry per name; overloads counted once).
const OLD_METHODS = [
  '_make', 'numel', 'size', 'isContiguous', 'add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum', 'neg',
  'abs', 'sign', 'exp', 'log', 'log1p', 'expm1', 'sqrt', 'rsqrt', 'reciprocal', 'square', 'sin', 'cos',
  'tanh', 'sigmoid', 'relu', 'floor', 'ceil', 'round', 'clamp', 'eq', 'ne', 'lt', 'le', 'gt', 'ge',
  'logicalAnd', 'logicalOr', 'logicalNot', 'add_', 'sub_', 'mul_', 'div_', 'pow_', 'maximum_', 'minimum_',
  'neg_', 'abs_', 'exp_', 'log_', 'sqrt_', 'tanh_', 'sigmoid_', 'log1p_', 'expm1_', 'rsqrt_', 'reciprocal_',
  'sin_', 'cos_', 'sign_', 'floor_', 'ceil_', 'relu_', 'clamp_', 'fill_', 'zero_', 'copy_', 'addcmul_',
  'addcdiv_', 'lerp_', 'maskedFill_', 'uniform_', 'normal_', 'bernoulli_', 'sum', 'mean', 'prod', 'max',
  'min', 'amax', 'amin', 'argmax', 'argmin', 'var', 'std', 'norm', 'logsumexp', 'softmax', 'logSoftmax',
  'cumsum', 'all', 'any', 'matmul', 'mm', 'bmm', 'dot', 'outer', 'reshape', 'view', 'permute', 'transpose',
  't', 'expand', 'expandAs', 'unsqueeze', 'squeeze', 'narrow', 'slice', 'select', 'flatten', 'flip',
  'contiguous', 'clone', 'float', 'double', 'int', 'bool', 'type', 'to', 'gather', 'indexSelect',
  'maskedFill', 'where', 'split', 'chunk', 'tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'asinh', 'acosh',
  'atanh', 'erf', 'exp2', 'log2', 'log10', 'trunc', 'isnan', 'isinf', 'isfinite', 'remainder', 'fmod',
  'copysign', 'logaddexp', 'floorDivide', 'lerp', 'isclose', 'clip', 'clip_', 'bitwiseAnd', 'bitwiseOr',
  'bitwiseXor', 'bitwiseNot', 'bitwiseLeftShift', 'bitwiseRightShift', 'unbind', 'repeat', 'roll', 'unfold',
  'repeatInterleave', 'unflatten', 'tril', 'triu', 'diagonal', 'diag', 'cummax', 'cummin', 'cumprod',
  'logcumsumexp', 'stdMean', 'sort', 'argsort', 'topk', 'scatter', 'scatterReduce', 'nonzero',
  'maskedSelect', 'index', 'at', 'indexPut_', 'indexPut', 'item', 'tolist', 'toTypedArray', 'equal',
  'allclose', 'toString', 'printSuffix',
] as const;
// Accessors of the old class.
const OLD_GETTERS = ['ndim', 'T', 'mT', Symbol.iterator] as const;

function findDescriptor(key: PropertyKey): PropertyDescriptor | undefined {
  for (let p: object | null = Tensor.prototype; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    const d = Object.getOwnPropertyDescriptor(p, key);
    if (d) return d;
  }
  return undefined;
}

describe('Tensor.prototype after the split', () => {
  it('has every method of the old class (191), each a non-enumerable writable function', () => {
    expect(OLD_METHODS).toHaveLength(191);
    const missing = OLD_METHODS.filter((name) => typeof findDescriptor(name)?.value !== 'function');
    expect(missing).toEqual([]);
    const enumerable = OLD_METHODS.filter((name) => findDescriptor(name)?.enumerable !== false);
    expect(enumerable).toEqual([]);
    const readOnly = OLD_METHODS.filter((name) => findDescriptor(name)?.writable !== true);
    expect(readOnly).toEqual([]);
  });

  it('has every accessor of the old class, and Symbol.toPrimitive', () => {
    const noGetter = OLD_GETTERS.filter((key) => typeof findDescriptor(key)?.get !== 'function');
    expect(noGetter).toEqual([]);
    expect(typeof findDescriptor(Symbol.toPrimitive)?.value).toBe('function');
  });

  it('a tensor enumerates only its five fields (as the class did: methods are not own or enumerable)', () => {
    const keys: string[] = [];
    for (const key in tensor([1, 2])) keys.push(key);
    expect(keys.sort()).toEqual(['dtype', 'offset', 'shape', 'storage', 'strides']);
  });

  it('installed methods dispatch through a subclass and its super calls', () => {
    class Doubling extends Tensor {
      override _make(...args: ConstructorParameters<typeof Tensor>): Tensor {
        return new Doubling(...args);
      }
      override add(other: Tensor | number): Tensor {
        return super.add(other).mul(2);
      }
    }
    const base = tensor([1, 2]);
    const d = new Doubling(base.storage, base.shape, base.strides, base.offset, base.dtype);
    expect(Array.from(d.add(1).toTypedArray())).toEqual([4, 6]);
    // Results are made through _make, so they are Doublings too: (4 + 1) · 2 and (6 + 1) · 2.
    expect(Array.from(d.add(1).add(1).toTypedArray())).toEqual([10, 14]);
  });

  it('installing a method name twice throws and leaves the prototype unchanged', () => {
    const before = findDescriptor('add')?.value as unknown;
    expect(() => installMethods(Tensor.prototype, { add: () => 0 })).toThrow('Tensor.prototype.add is installed twice');
    expect(findDescriptor('add')?.value).toBe(before);
  });
});
