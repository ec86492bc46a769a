import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadDigits } from './load-digits';
import { loadIris } from './load-iris';

// Reference numbers printed by /usr/bin/python3 with scikit-learn (Debian python3-sklearn):
//   load_iris().data.sum(0), data[34], data[37]; load_digits().data.sum(), data.sum(1)[:5],
//   np.bincount(target), data[0].reshape(8, 8)[2].

const sha256 = (bytes: ArrayBufferView): string =>
  createHash('sha256')
    .update(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength))
    .digest('hex');

// Whole-content digests computed with Python's hashlib, independently of this package:
//   digits: scikit-learn's own sklearn/datasets/data/digits.csv (1,797 rows of 64 pixels + label),
//           pixels as row-major uint8 bytes, labels as uint8 bytes;
//   iris:   the UCI iris.data values with the two corrections scikit-learn documents (row 35:
//           4.9,3.1,1.5,0.2; row 38: 4.9,3.6,1.4,0.1), as row-major little-endian float64 bytes.
const DIGITS_PIXELS_SHA256 = '8f26b2bd9d135c256808f68f14fdabddde6d9c7f869ae419704b051f0f14b3b3';
const DIGITS_TARGET_SHA256 = '8ba4f891220f5e4c9c819638d1602d74b83618f167043c6da52a2a247841ddf0';
const IRIS_DATA_SHA256 = '012f498fe9c8b3b34212c3c5d98e1f03f2f79931cd49349beb1bad64dcf164a7';

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

  it("holds every value of scikit-learn's copy (whole-content digest)", () => {
    expect(sha256(loadIris({ dtype: 'float64' }).data.toTypedArray())).toBe(IRIS_DATA_SHA256);
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

  it("holds every pixel and label of scikit-learn's load_digits (whole-content digest)", () => {
    const { data, target } = loadDigits();
    expect(sha256(Uint8Array.from(data.toTypedArray()))).toBe(DIGITS_PIXELS_SHA256);
    expect(sha256(Uint8Array.from(target.toTypedArray()))).toBe(DIGITS_TARGET_SHA256);
  });
});
