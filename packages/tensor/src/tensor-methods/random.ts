/**
 * Tensor methods: in-place random fills on PyTorch's stream.
 * Installed on `Tensor.prototype` when this module is imported (`tensor-methods/index.ts`).
 */
import { Tensor } from '../tensor';
import type { RandomOptions } from '../tensor-options';
import { allocate } from '../dtype';
import { mapUnary } from '../kernels/elementwise';
import { checkRandomFill } from '../ops/dtype-support';
import { fillBernoulliScalar, fillNormal, fillNormalSerial, fillUniform } from '../random';
import { contiguousStrides } from '../shape';
import { installMethods } from './method-group';

/** In-place random fills on PyTorch's stream. Part of {@link Tensor}. */
export interface TensorRandom {
  /** Fills with uniform samples from [from, to), PyTorch's stream. */
  uniform_(from?: number, to?: number, options?: RandomOptions): this;
  /** Fills with normal samples N(mean, std²), PyTorch's stream. */
  normal_(mean?: number, std?: number, options?: RandomOptions): this;
  /** Fills with 0/1 draws with probability `p`. */
  bernoulli_(p?: number, options?: RandomOptions): this;
}

installMethods<TensorRandom>(Tensor.prototype, {
  uniform_(from = 0, to = 1, options: RandomOptions = {}): Tensor {
    if (!(from <= to)) throw new RangeError(`uniform_ expects to return a [from, to) range, but found from=${from} > to=${to}`);
    return randomFill(this, 'check_uniform_bounds', (buf) => fillUniform(buf, from, to, options.generator));
  },
  normal_(mean = 0, std = 1, options: RandomOptions = {}): Tensor {
    if (!(std >= 0)) throw new RangeError(`normal expects std >= 0.0, but found std ${std}`);
    return randomFill(this, 
      'normal_kernel_cpu',
      (buf) => fillNormal(buf, mean, std, options.generator),
      (buf) => fillNormalSerial(buf, mean, std, options.generator),
    );
  },
  bernoulli_(p = 0.5, options: RandomOptions = {}): Tensor {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`bernoulli_ expects p to be in [0, 1], but got p=${p}`);
    return randomFill(this, 'bernoulli_scalar_cpu_', (buf) => fillBernoulliScalar(buf, p, options.generator));
  },
});

function randomFill(self: Tensor, kernel: string, fill: (buf: Float32Array | Float64Array) => void, serial?: (buf: Float32Array | Float64Array) => void): Tensor {
  checkRandomFill(self, kernel);
  if (self.isContiguous()) {
    const n = self.numel();
    fill((self.storage.data as Float32Array | Float64Array).subarray(self.offset, self.offset + n));
    self.storage.version++;
    return self;
  }
  // Not contiguous: PyTorch's TensorIterator visits the elements in memory order (dims by
  // decreasing stride) and draws one value per element, so normal_ takes its element-by-element
  // sampler here. Draw that many values, then write them in that order through a base view.
  const order = self.shape.map((_, i) => i).sort((i, j) => (self.strides[j] as number) - (self.strides[i] as number));
  const shape = order.map((d) => self.shape[d] as number);
  const buf = allocate(self.dtype, self.numel()) as Float32Array | Float64Array;
  (serial ?? fill)(buf);
  const target = { data: self.storage.data, strides: order.map((d) => self.strides[d] as number), offset: self.offset };
  mapUnary((x) => x, shape, target, { data: buf, strides: contiguousStrides(shape), offset: 0 });
  self.storage.version++;
  return self;
}
