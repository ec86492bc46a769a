import { tensor } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
import { ConcatDataset } from './concat-dataset';
import { randomSplit } from './random-split';
import { Subset } from './subset';
import { TensorDataset } from './tensor-dataset';

const x = tensor([
  [1, 2],
  [3, 4],
  [5, 6],
]);
const y = tensor([7, 8, 9], { dtype: 'int32' });

describe('TensorDataset', () => {
  it('returns row i of every tensor', () => {
    const ds = new TensorDataset(x, y);
    expect(ds.length).toBe(3);
    const [xi, yi] = ds.get(1);
    expect(xi.tolist()).toEqual([3, 4]);
    expect(yi.item()).toBe(8);
  });

  it('rejects tensors of different first dimensions', () => {
    expect(() => new TensorDataset(x, tensor([1, 2]))).toThrow(
      new RangeError(
        'Size mismatch between tensors: TensorDataset needs the same first dimension, got shapes [3, 2], [2]',
      ),
    );
  });

  it.each([-1, 3, 1.5])('rejects index %s', (i) => {
    expect(() => new TensorDataset(x).get(i)).toThrow(
      new RangeError(`TensorDataset: index ${i} is out of range for a dataset of length 3`),
    );
  });
});

describe('Subset', () => {
  it('maps its positions through the indices', () => {
    const sub = new Subset({ length: 5, get: (i: number) => i * 10 }, [4, 0, 2]);
    expect([0, 1, 2].map((i) => sub.get(i))).toEqual([40, 0, 20]);
    expect(sub.length).toBe(3);
  });

  it('rejects indices outside the dataset', () => {
    expect(() => new Subset({ length: 2, get: (i: number) => i }, [0, 2])).toThrow(
      new RangeError('Subset: index 2 is out of range for a dataset of length 2'),
    );
  });
});

describe('ConcatDataset', () => {
  const a = { length: 2, get: (i: number) => `a${i}` };
  const b = { length: 0, get: (i: number) => `b${i}` };
  const c = { length: 3, get: (i: number) => `c${i}` };

  it('chains the datasets in order, skipping empty ones', () => {
    const all = new ConcatDataset([a, b, c]);
    expect(all.length).toBe(5);
    expect(all.cumulativeSizes).toEqual([2, 2, 5]);
    expect(Array.from({ length: 5 }, (_, i) => all.get(i))).toEqual(['a0', 'a1', 'c0', 'c1', 'c2']);
  });

  it('rejects an empty list and out-of-range indices', () => {
    expect(() => new ConcatDataset([])).toThrow(
      new TypeError('ConcatDataset: datasets should not be an empty iterable'),
    );
    expect(() => new ConcatDataset([a]).get(2)).toThrow(
      new RangeError('ConcatDataset: index 2 is out of range for a dataset of length 2'),
    );
  });
});

describe('plain arrays as datasets', () => {
  it('are read by index in Subset, ConcatDataset and randomSplit', () => {
    const letters = ['a', 'b', 'c', 'd'];
    expect([0, 1].map((i) => new Subset(letters, [3, 1]).get(i))).toEqual(['d', 'b']);
    const both = new ConcatDataset([letters, ['e']]);
    expect(Array.from({ length: both.length }, (_, i) => both.get(i))).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
    ]);
    const parts = randomSplit(letters, [0.5, 0.5]);
    const seen = parts.flatMap((p) => Array.from({ length: p.length }, (_, i) => p.get(i)));
    expect([...seen].sort()).toEqual(letters);
    expect(() => new Subset(letters, [0]).dataset.get(4)).toThrow(
      new RangeError('Dataset: index 4 is out of range for a dataset of length 4'),
    );
  });
});
