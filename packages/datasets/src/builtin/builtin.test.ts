import { describe, expect, it } from 'vitest';
import { loadDigits } from './load-digits';
import { loadIris } from './load-iris';

// Reference numbers printed by /usr/bin/python3 with scikit-learn (Debian python3-sklearn):
//   load_iris().data.sum(0), data[34], data[37]; load_digits().data.sum(), data.sum(1)[:5],
//   np.bincount(target), data[0].reshape(8, 8)[2].

describe('loadIris', () => {
  it('has the 150 × 4 values and 50 flowers per class of scikit-learn', () => {
    const { data, target, targetNames } = loadIris({ dtype: 'float64' });
    expect(data.shape).toEqual([150, 4]);
    const sums = data.sum(0).tolist() as number[];
    [876.5, 458.6, 563.7, 179.9].forEach((s, j) => expect(sums[j]).toBeCloseTo(s, 9));
    // Rows 35 and 38 (1-based) are the two corrected against UCI's copy.
    expect(data.select(0, 34).tolist()).toEqual([4.9, 3.1, 1.5, 0.2]);
    expect(data.select(0, 37).tolist()).toEqual([4.9, 3.6, 1.4, 0.1]);
    expect(target.dtype).toBe('int32');
    expect(
      target.eq(0).sum().item() + target.eq(1).sum().item() * 10 + target.eq(2).sum().item() * 100,
    ).toBe(50 + 500 + 5000);
    expect(targetNames).toEqual(['setosa', 'versicolor', 'virginica']);
  });

  it('defaults to float32', () => {
    expect(loadIris().data.dtype).toBe('float32');
  });
});

describe('loadDigits', () => {
  it('has the 1,797 × 64 pixels and labels of scikit-learn', () => {
    const { data, images, target } = loadDigits();
    expect(data.shape).toEqual([1797, 64]);
    expect(images.shape).toEqual([1797, 8, 8]);
    expect(data.sum().item()).toBe(561718);
    expect(data.narrow(0, 0, 5).sum(1).tolist()).toEqual([294, 313, 344, 267, 258]);
    expect(images.select(0, 0).select(0, 2).tolist()).toEqual([0, 3, 15, 2, 0, 11, 8, 0]);
    expect(data.max().item()).toBe(16);
    const perClass = Array.from({ length: 10 }, (_, k) => target.eq(k).sum().item());
    expect(perClass).toEqual([178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
    expect(target.narrow(0, 0, 20).tolist()).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
  });
});
