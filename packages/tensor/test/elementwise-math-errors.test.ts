import { describe, expect, it } from 'vitest';
import { exp, ones, tensor } from '../src/index';

// PyTorch 1.13's errors for the element-wise math of issue 20 (RuntimeError texts, our classes).
const i32 = tensor([5, -5, 7], { dtype: 'int32' });

describe('element-wise math refuses what PyTorch refuses', () => {
  it.each<[string, () => unknown, Error]>([
    ['bitwiseAnd on float', () => ones([1]).bitwiseAnd(ones([1])), new TypeError(`"bitwise_and_cpu" not implemented for 'Float'`)],
    ['bitwiseLeftShift on bool', () => tensor([true]).bitwiseLeftShift(tensor([true])), new TypeError(`"lshift_cpu" not implemented for 'Bool'`)],
    ['logaddexp on int32', () => i32.logaddexp(i32), new TypeError(`"logaddexp_cpu" not implemented for 'Int'`)],
    ['remainder by an int 0', () => i32.remainder(tensor([0, 1, 2], { dtype: 'int32' })), new RangeError('ZeroDivisionError')],
    ['fmod by an int 0', () => i32.fmod(0), new RangeError('ZeroDivisionError')],
    ['trunc on bool', () => tensor([true]).trunc(), new TypeError(`"trunc_vml_cpu" not implemented for 'Bool'`)],
    ['isclose with an unknown option', () => ones([1]).isclose(ones([1]), { rtoll: 1 } as never), new TypeError("isclose() got an unexpected keyword argument 'rtoll'")],
    ['isclose with a negative rtol', () => ones([1]).isclose(ones([1]), { rtol: -1 }), new RangeError('rtol must be greater than or equal to zero, but got -1')],
    ['a free function on a number', () => exp(2 as never), new TypeError("exp(): argument 'input' (position 1) must be Tensor, not number")],
    ['unbind of a 0-d tensor', () => tensor(3).unbind(), new RangeError('Dimension specified as 0 but tensor has no dimensions')],
  ])('%s', (_label, call, error) => {
    expect(call).toThrow(error);
    expect(call).toThrowError(error.constructor);
  });

  it('shifts int32 as PyTorch on x86 (count modulo 32): [5, -5, 7] << 33 is [10, -10, 14]', () => {
    expect(i32.bitwiseLeftShift(33).tolist()).toEqual([10, -10, 14]);
  });
});
