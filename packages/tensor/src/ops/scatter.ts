/** scatter and scatterReduce: writes of `src` values along `dim` at `index`, into a copy of the input. */
import { castScalar, scalarTypeName } from '../dtype';
import { offsets } from '../kernels/offsets';
import { normalizeDim, showShape } from '../shape';
import type { Tensor } from '../tensor';

/** How scatterReduce combines the values written to one place. */
export type ScatterReduce = 'sum' | 'prod' | 'mean' | 'amax' | 'amin';

const REDUCES: readonly string[] = ['sum', 'prod', 'mean', 'amax', 'amin'];

/** The checks shared by scatter and scatterReduce, with PyTorch's messages. */
function checkScatter(self: Tensor, dim: number, index: Tensor, src: Tensor | null): number {
  if (index.dtype !== 'int32') throw new TypeError(`scatter(): Expected dtype int32 for index, got ${index.dtype}`);
  const d = normalizeDim(dim, self.ndim);
  if (index.ndim !== self.ndim && !(self.ndim === 0 && index.ndim <= 1)) {
    throw new RangeError('Index tensor must have the same number of dimensions as self tensor');
  }
  index.shape.forEach((s, j) => {
    if (j !== d && s > (self.shape[j] ?? 1)) {
      throw new RangeError(`Expected index ${showShape(index.shape)} to be smaller than self ${showShape(self.shape)} apart from dimension ${d}`);
    }
    if (src !== null && s > (src.shape[j] ?? 1)) {
      throw new RangeError(`Expected index ${showShape(index.shape)} to be smaller than self ${showShape(self.shape)} apart from dimension ${d} and to be smaller size than src ${showShape(src.shape)}`);
    }
  });
  if (src !== null && src.dtype !== self.dtype) {
    throw new TypeError(`scatter(): Expected self.dtype to be equal to src.dtype`);
  }
  return d;
}

/**
 * For every element of `index`: the flat position it writes in `out` (contiguous, `self`'s
 * shape) and the offset of its `src` value.
 */
function visit(self: Tensor, d: number, index: Tensor, src: Tensor | null, write: (target: number, srcOffset: number) => void): void {
  const idxOffsets = offsets(index.shape, index.strides, index.offset);
  const srcOffsets = src === null ? null : offsets(index.shape, src.strides.slice(0, index.ndim), src.offset);
  const outStrides = self.shape.map((_, i) => self.shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const counter = new Array<number>(index.ndim).fill(0);
  const size = self.ndim === 0 ? 1 : (self.shape[d] as number);
  for (let p = 0; p < idxOffsets.length; p++) {
    let k = index.storage.data[idxOffsets[p] as number] as number;
    if (k < -size || k >= size) throw new RangeError(`index ${k} is out of bounds for dimension ${d} with size ${size}`);
    if (k < 0) k += size;
    let target = 0;
    for (let j = 0; j < index.ndim; j++) target += (j === d ? k : (counter[j] as number)) * (outStrides[j] ?? 0);
    write(target, srcOffsets === null ? 0 : (srcOffsets[p] as number));
    for (let j = index.ndim - 1; j >= 0; j--) {
      counter[j] = (counter[j] as number) + 1;
      if ((counter[j] as number) < (index.shape[j] as number)) break;
      counter[j] = 0;
    }
  }
}

/** A copy of `self` with `src` (or `value`) written at `index` along `dim` (torch.scatter). */
export function scatter(self: Tensor, dim: number, index: Tensor, src: Tensor | number): Tensor {
  const srcT = typeof src === 'number' ? null : src;
  const d = checkScatter(self, dim, index, srcT);
  const out = self.clone();
  const data = out.storage.data;
  const value = typeof src === 'number' ? castScalar(src, self.dtype) : 0;
  visit(self, d, index, srcT, (target, at) => {
    data[target] = srcT === null ? value : (srcT.storage.data[at] as number);
  });
  return out;
}

/**
 * A copy of `self` where each place `index` points at combines the `src` values written there
 * with `reduce` (and with its own value when `includeSelf`), as torch.scatter_reduce.
 */
export function scatterReduce(self: Tensor, dim: number, index: Tensor, src: Tensor, reduce: ScatterReduce, includeSelf: boolean): Tensor {
  if (!REDUCES.includes(reduce)) throw new RangeError(`reduce argument must be either sum, prod, mean, amax or amin, got ${String(reduce)}`);
  const d = checkScatter(self, dim, index, src);
  if (reduce === 'mean' && !(self.dtype === 'float32' || self.dtype === 'float64') && self.dtype !== 'int32') throw new TypeError(`scatter_reduce(): mean not implemented for ${scalarTypeName(self.dtype)}`);
  const out = self.clone();
  const data = out.storage.data;
  const counts = new Float64Array(data.length).fill(includeSelf ? 1 : 0);
  const touched = new Uint8Array(data.length);
  const combine = {
    sum: (a: number, x: number): number => a + x,
    mean: (a: number, x: number): number => a + x,
    prod: (a: number, x: number): number => a * x,
    amax: (a: number, x: number): number => (Number.isNaN(a) || a >= x ? a : x),
    amin: (a: number, x: number): number => (Number.isNaN(a) || a <= x ? a : x),
  }[reduce];
  visit(self, d, index, src, (target, at) => {
    const x = src.storage.data[at] as number;
    data[target] = !includeSelf && touched[target] === 0 ? x : combine(data[target] as number, Number.isNaN(x) ? NaN : x);
    if ((reduce === 'amax' || reduce === 'amin') && Number.isNaN(x)) data[target] = NaN;
    touched[target] = 1;
    counts[target] = (counts[target] as number) + 1;
  });
  if (reduce === 'mean') {
    const isInt = self.dtype === 'int32';
    for (let i = 0; i < data.length; i++) {
      if (touched[i] === 1) data[i] = isInt ? Math.floor((data[i] as number) / (counts[i] as number)) : (data[i] as number) / (counts[i] as number);
    }
  }
  return out;
}
