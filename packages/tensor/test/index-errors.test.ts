import { describe, expect, it } from 'vitest';
import { arange, slice, tensor } from '../src/index';

// PyTorch 1.13's IndexError texts for the same x[...] calls (our classes: RangeError/TypeError).
const x = arange(60).reshape(3, 4, 5);
const i32 = (v: number[]): ReturnType<typeof tensor> => tensor(v, { dtype: 'int32' });

describe('x.index / x.at refuse what Python refuses', () => {
  it.each<[string, () => unknown, Error]>([
    ['an int out of range', () => x.at(3), new RangeError('index 3 is out of bounds for dimension 0 with size 3')],
    ['an index tensor out of range', () => x.at(slice(), i32([0, 4])), new RangeError('index 4 is out of bounds for dimension 1 with size 4')],
    ['too many indices', () => x.at(0, 0, 0, 0), new RangeError('too many indices for tensor of dimension 3')],
    ['two ellipses', () => x.at('...', 0, '...'), new RangeError('an index can only have a single ellipsis')],
    ['a float tensor', () => x.at(tensor([0.5])), new TypeError('tensors used as indices must be int32 or bool tensors, got float32')],
    ['a mask of the wrong shape', () => x.at(tensor([true, false])), new RangeError('The shape of the mask [2] at index 0 does not match the shape of the indexed tensor [3, 4, 5] at index 0')],
    ['a zero step', () => slice(0, 2, 0), new RangeError('step must be greater than zero, got 0')],
    ['a string', () => x.at('a' as never), new TypeError("index: only integers, slices (slice()), null, '...', int lists and int32 or bool tensors are valid indices, got string a")],
    ['values of another dtype', () => x.clone().indexPut_([0], tensor([1], { dtype: 'float64' })), new TypeError('Index put requires the source and destination dtypes match, got Float for the destination and Double for the source.')],
  ])('%s', (_label, call, error) => {
    expect(call).toThrow(error);
  });

  it('writes in place through views and bumps the version once', () => {
    const t = arange(6).reshape(2, 3);
    const before = t.storage.version;
    t.indexPut_([slice(), i32([0, 2])], tensor([[-1, -2]]));
    // torch: t[:, [0, 2]] = tensor([[-1., -2.]]) → [[-1, 1, -2], [-1, 4, -2]]
    expect([t.tolist(), t.storage.version - before]).toEqual([[[-1, 1, -2], [-1, 4, -2]], 1]);
  });
});
