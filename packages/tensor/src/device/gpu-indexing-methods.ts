/**
 * The GPU implementations of matmul (mm, bmm, 1-D operands as torch.matmul), gather, indexSelect,
 * contiguous / clone, scatter-add into a fresh tensor (gather's gradient), and the synchronous
 * reads, which throw on the GPU and name their async form.
 */
import { normalizeDim } from '../shape';
import type { Tensor } from '../tensor';
import { contiguous } from '../webgpu/elementwise';
import { gather } from '../webgpu/gather';
import { indexSelect, scatterAdd } from '../webgpu/indexing';
import { matmul } from '../webgpu/matmul';
import { gpuContext, gpuFull, gpuView, wrapGPU } from './gpu-tensor';
import type { GPUMethod } from './dispatch';

/** torch.matmul on the GPU (float32): 1-D operands are promoted to matrices and squeezed back. */
export function gpuMatmul(a: Tensor, b: Tensor): Tensor {
  if (a.dtype !== 'float32' || b.dtype !== 'float32') throw new TypeError(`matmul on webgpu: expected float32 operands, got ${a.dtype} and ${b.dtype}`);
  if (a.ndim === 0 || b.ndim === 0) throw new RangeError('both arguments to matmul need to be at least 1D');
  const a2 = a.ndim === 1 ? a.unsqueeze(0) : a;
  const b2 = b.ndim === 1 ? b.unsqueeze(-1) : b;
  const k = a2.shape[a2.ndim - 1] as number;
  if (b2.shape[b2.ndim - 2] !== k) {
    throw new RangeError(`mat1 and mat2 shapes cannot be multiplied (${a2.shape.slice(0, -1).reduce((x, y) => x * y, 1)}x${k} and ${b2.shape[b2.ndim - 2] ?? 0}x${b2.shape[b2.ndim - 1] ?? 0})`);
  }
  const { array, shape } = matmul(gpuContext(), gpuView(a2), gpuView(b2));
  let out = wrapGPU(a, array, shape, 'float32');
  if (a.ndim === 1) out = out.squeeze(-2);
  if (b.ndim === 1) out = out.squeeze(-1);
  return out;
}

/**
 * @internal Zeros of `shape` on the GPU plus `src` added at the positions `index` names along
 * `dim` (torch.zeros(shape).scatter_add(dim, index, src)), of `src`'s family.
 */
export function gpuScatterAddInto(src: Tensor, shape: readonly number[], dim: number, index: Tensor): Tensor {
  const ctx = gpuContext();
  const zeros = gpuFull(src, shape, 0, src.dtype);
  return wrapGPU(src, scatterAdd(ctx, gpuView(zeros), dim, gpuView(index), gpuView(src)), shape, src.dtype);
}

const syncRead = (name: string, async: string): GPUMethod =>
  function (this: Tensor): never {
    throw new Error(`${name}() cannot read a webgpu tensor synchronously (WebGPU reads are asynchronous): use ${async} instead`);
  };

/** GPU matmul, indexing and copy methods by name (and the synchronous reads, which throw). */
export const GPU_INDEXING_METHODS: Record<string, GPUMethod> = {
  matmul: function (this: Tensor, other: Tensor): Tensor {
    return gpuMatmul(this, other);
  },
  mm: function (this: Tensor, other: Tensor): Tensor {
    if (this.ndim !== 2 || other.ndim !== 2) throw new RangeError(`mm(): expected 2-D tensors, got ${this.ndim}-D and ${other.ndim}-D`);
    return gpuMatmul(this, other);
  },
  bmm: function (this: Tensor, other: Tensor): Tensor {
    if (this.ndim !== 3 || other.ndim !== 3) throw new RangeError(`bmm(): expected 3-D tensors, got ${this.ndim}-D and ${other.ndim}-D`);
    return gpuMatmul(this, other);
  },
  gather: function (this: Tensor, dim: number, index: Tensor): Tensor {
    const d = normalizeDim(dim, Math.max(this.ndim, 1));
    return wrapGPU(this, gather(gpuContext(), gpuView(this), d, gpuView(index)), index.shape, this.dtype);
  },
  indexSelect: function (this: Tensor, dim: number, index: Tensor): Tensor {
    const array = indexSelect(gpuContext(), gpuView(this), dim, gpuView(index));
    const d = this.ndim === 0 ? 0 : normalizeDim(dim, this.ndim);
    const shape = this.ndim === 0 ? [] : this.shape.map((s, i) => (i === d ? index.numel() : s));
    return wrapGPU(this, array, shape, this.dtype);
  },
  contiguous: function (this: Tensor): Tensor {
    return this.isContiguous() ? this : wrapGPU(this, contiguous(gpuContext(), gpuView(this)), this.shape, this.dtype);
  },
  clone: function (this: Tensor): Tensor {
    return wrapGPU(this, contiguous(gpuContext(), gpuView(this)), this.shape, this.dtype);
  },
  item: syncRead('item', 'await t.itemAsync()'),
  tolist: syncRead('tolist', 'await t.toArray()'),
  toTypedArray: syncRead('toTypedArray', 'await t.dataAsync()'),
  dataSync: syncRead('dataSync', 'await t.dataAsync()'),
};
