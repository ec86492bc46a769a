import { describe, expect, it } from 'vitest';
import { arange, linspace, ones, tensor } from '../src/index';

// PyTorch's spellings of sizes and dims (varargs, a single number, a list), and the errors for
// arguments an op does not take; expected values are what PyTorch 1.13 prints for the same calls.
const x = arange(6).reshape(2, 3);

describe('sizes and dims as varargs or a list', () => {
  it.each([
    ['x.permute(1, 0)', () => x.permute(1, 0), [3, 2], [0, 3, 1, 4, 2, 5]],
    ['x.permute([1, 0])', () => x.permute([1, 0]), [3, 2], [0, 3, 1, 4, 2, 5]],
    ['x.flip(0)', () => x.flip(0), [2, 3], [3, 4, 5, 0, 1, 2]],
    ['x.flip(0, 1)', () => x.flip(0, 1), [2, 3], [5, 4, 3, 2, 1, 0]],
    ['x.view(6)', () => x.view(6), [6], [0, 1, 2, 3, 4, 5]],
    ['x.view(-1, 2)', () => x.view(-1, 2), [3, 2], [0, 1, 2, 3, 4, 5]],
    ['x.reshape(3, 2)', () => x.reshape(3, 2), [3, 2], [0, 1, 2, 3, 4, 5]],
    ['x[0:1].expand(2, 3)', () => x.narrow(0, 0, 1).expand(2, 3), [2, 3], [0, 1, 2, 0, 1, 2]],
    ['ones(1, 2, 1).squeeze([0, 2])', () => ones([1, 2, 1]).squeeze([0, 2]), [2], [1, 1]],
    ['ones(1, 2, 1).squeeze([1])', () => ones([1, 2, 1]).squeeze([1]), [1, 2, 1], [1, 1]],
    ['tensor(3.).flip(0)', () => tensor(3).flip(0), [], [3]],
  ])('%s', (_label, make, shape, values) => {
    const t = make();
    expect(t.shape).toEqual(shape);
    expect(Array.from(t.toTypedArray())).toEqual(values);
  });
});

describe('arguments an op does not take are refused, naming them', () => {
  it.each<[string, () => unknown, Error]>([
    ["view('a')", () => x.view('a' as unknown as number), new TypeError("view(): argument 'size' must be tuple of ints, but found element of type str at pos 0")],
    ['permute(1.5, 0)', () => x.permute(1.5, 0), new TypeError("permute(): argument 'dims' must be tuple of ints, but found element of type float at pos 0")],
    // torch: RuntimeError: div expected rounding_mode to be one of None, 'trunc', or 'floor' but found 'xyz'
    ["div rounding 'xyz'", () => x.div(2, { roundingMode: 'xyz' as 'trunc' }), new RangeError("div expected rounding_mode to be one of None, 'trunc', or 'floor' but found 'xyz'")],
    ['div { rounding }', () => x.div(2, { rounding: 'floor' } as never), new TypeError("div() got an unexpected keyword argument 'rounding'")],
    // torch: RuntimeError: ZeroDivisionError
    ['int32 // 0', () => tensor([1, 2], { dtype: 'int32' }).div(tensor([1, 0], { dtype: 'int32' }), { roundingMode: 'trunc' }), new RangeError('ZeroDivisionError')],
    ['bool // bool', () => tensor([true]).div(tensor([true]), { roundingMode: 'trunc' }), new TypeError(`"div_trunc_cpu" not implemented for 'Bool'`)],
    ['sum(0, false, { dtyp })', () => x.sum(0, false, { dtyp: 'float64' } as never), new TypeError("sum() got an unexpected keyword argument 'dtyp'")],
    ['sum with 4 arguments', () => (x.sum as (...a: unknown[]) => unknown)(0, false, {}, 1), new TypeError('sum() takes at most 3 arguments (4 given)')],
    ['prod([0, 1])', () => x.prod([0, 1] as unknown as number), new TypeError("prod(): argument 'dim' must be int, not list")],
    ["any('1')", () => x.any('1' as unknown as number), new TypeError("any(): argument 'dim' must be int, not str")],
    ['all(0, true, 1)', () => (x.all as (...a: unknown[]) => unknown)(0, true, 1), new TypeError('all() takes at most 2 arguments (3 given)')],
    ['var(0, { keepDim })', () => x.float().var(0, { keepDim: true } as never), new TypeError("var() got an unexpected keyword argument 'keepDim'")],
    ['sum dtype int64', () => tensor([0]).sum(0, false, { dtype: 'int64' as 'int32' }), new TypeError('sum: unknown dtype int64; expected one of float32, float64, int32, bool')],
    // torch: RuntimeError: "linspace_cpu" not implemented for 'Bool'
    ['linspace bool', () => linspace(0, 1, 3, { dtype: 'bool' }), new TypeError(`"linspace_cpu" not implemented for 'Bool'`)],
  ])('%s', (_label, call, error) => {
    expect(call).toThrow(error);
    expect(call).toThrowError(error.constructor);
  });
});

describe('div with a rounding mode in place', () => {
  it('floors an int32 tensor in place and keeps its dtype (torch: [3, -4, 0])', () => {
    const t = tensor([7, -7, 1], { dtype: 'int32' });
    expect(t.div_(2, { roundingMode: 'floor' })).toBe(t);
    expect([t.dtype, t.tolist()]).toEqual(['int32', [3, -4, 0]]);
  });
});
