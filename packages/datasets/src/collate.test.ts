import { tensor } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
import { defaultCollate } from './collate';

describe('defaultCollate', () => {
  it('stacks tensors along a new first dimension', () => {
    const out = defaultCollate([tensor([1, 2]), tensor([3, 4]), tensor([5, 6])]);
    expect(out.shape).toEqual([3, 2]);
    expect(out.tolist()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
  });

  it.each([
    [[1, 2, 3], 'int32', [1, 2, 3]],
    [[0.5, 2], 'float64', [0.5, 2]],
    [[true, false], 'bool', [1, 0]],
  ])('turns numbers/booleans %j into a %s tensor', (batch, dtype, values) => {
    const out = defaultCollate(batch as (number | boolean)[]);
    expect(out.dtype).toBe(dtype);
    expect(Array.from(out.toTypedArray())).toEqual(values);
  });

  it('keeps integers beyond int32 exact by collating them as float64', () => {
    // 2³¹ = 2147483648 does not fit int32 (max 2147483647); PyTorch would use int64.
    const out = defaultCollate([2147483648, 1]);
    expect(out.dtype).toBe('float64');
    expect(out.tolist()).toEqual([2147483648, 1]);
    expect(defaultCollate([2147483647, -2147483648]).dtype).toBe('int32');
  });

  it.each([
    [Float32Array, 'float32'],
    [Float64Array, 'float64'],
    [Uint8Array, 'int32'],
    [Int16Array, 'int32'],
    [Uint32Array, 'float64'],
  ] as const)('stacks %o samples into a [batch, length] %s tensor', (Kind, dtype) => {
    const out = defaultCollate([Kind.from([1, 2, 3]), Kind.from([4, 5, 250])]);
    expect(out.dtype).toBe(dtype);
    expect(out.tolist()).toEqual([
      [1, 2, 3],
      [4, 5, 250],
    ]);
  });

  it('rejects typed arrays of different lengths or kinds', () => {
    expect(() => defaultCollate([new Float32Array(2), new Float32Array(3)])).toThrow(
      new RangeError(
        'default_collate: typed arrays must have equal lengths, got 2 at index 0 and 3 at index 1',
      ),
    );
    expect(() => defaultCollate([new Float32Array(2), new Float64Array(2)])).toThrow(
      new TypeError(
        'default_collate: expected every sample to be a Float32Array, got Float64Array at index 1',
      ),
    );
  });

  it('names the key a sample is missing', () => {
    expect(() => defaultCollate([{ a: 1 }, { b: 2 }] as { a?: number }[])).toThrow(
      new TypeError(
        'default_collate: sample 1 has no key "a" (every sample needs the keys of the first)',
      ),
    );
  });

  it('collates tuples position by position and objects key by key', () => {
    const out = defaultCollate([
      { image: tensor([1, 1]), label: 3, name: 'a', pair: [1, tensor([2])] as const },
      { image: tensor([0, 1]), label: 4, name: 'b', pair: [5, tensor([6])] as const },
    ]);
    expect(out.image.tolist()).toEqual([
      [1, 1],
      [0, 1],
    ]);
    expect(out.label.tolist()).toEqual([3, 4]);
    expect(out.name).toEqual(['a', 'b']);
    expect(out.pair[0].tolist()).toEqual([1, 5]);
    expect(out.pair[1].tolist()).toEqual([[2], [6]]);
  });

  it('rejects lists of different sizes', () => {
    expect(() => defaultCollate([[1, 2], [3]])).toThrow(
      new RangeError('each element in list of batch should be of equal size'),
    );
  });

  it.each([
    [[null], 'null'],
    [[new Map()], 'Map'],
  ])('rejects %j', (batch, found) => {
    expect(() => defaultCollate(batch)).toThrow(
      new TypeError(
        `default_collate: batch must contain tensors, numbers, booleans, strings, arrays or plain objects; found ${found}`,
      ),
    );
  });

  it('rejects a tensor batch mixed with other values', () => {
    expect(() => defaultCollate([tensor([1]), 2] as unknown[])).toThrow(
      new TypeError('default_collate: expected every sample to be a Tensor, got number'),
    );
  });
});
