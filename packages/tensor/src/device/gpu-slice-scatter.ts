/**
 * Slice-scatter of a GPU tensor into zeros: what autograd's slice / narrow / select backward
 * builds (on the CPU it writes into a zero tensor in place, which a GPU view of part of a storage
 * does not support).
 */
import type { Tensor } from '../tensor';
import { sliceScatter } from '../webgpu/slice-scatter';
import { gpuContext, gpuView, wrapGPU } from './gpu-tensor';

/**
 * Zeros of `shape` (a GPU tensor of `src`'s dtype and family) holding `src` at positions start,
 * start + step, … along `dim` (torch.slice_scatter into zeros).
 *
 * @example
 * gpuSliceScatter(g, [6, 4], 0, 2, 1); // g [2, 4] placed in rows 2 and 3 of zeros [6, 4]
 */
export function gpuSliceScatter(src: Tensor, shape: readonly number[], dim: number, start: number, step: number): Tensor {
  if (src.storage.device !== 'webgpu') throw new Error(`gpuSliceScatter: src must be on webgpu, got ${src.storage.device}`);
  return wrapGPU(src, sliceScatter(gpuContext(), gpuView(src), shape, dim, start, step), shape, src.dtype);
}
