/**
 * The fused optimizer updates on GPU tensors (`@descent/optim` calls these for parameters on
 * `'webgpu'`): each checks that the parameter, gradient and state tensors are whole, contiguous
 * float32 storages on the GPU, then records the runtime's one-pass kernel (`webgpu/optimizers.ts`),
 * which updates θ and the state in place. A strided gradient is read from a contiguous copy.
 */
import type { Tensor } from '../tensor';
import type { WasmAdagradOptions, WasmRmspropOptions, WasmSgdOptions } from '../wasm/optimizers';
import type { GPUArray } from '../webgpu/array';
import { adagradStep, adamStep, rmspropStep, sgdStep } from '../webgpu/optimizers';
import type { GPUAdamOptions } from '../webgpu/optimizers';
import type { GPUStorage } from './gpu-storage';
import { gpuContext } from './gpu-tensor';

function whole(t: Tensor, what: string): GPUArray {
  if (t.storage.device !== 'webgpu') throw new Error(`optimizer on webgpu: the ${what} is on ${t.storage.device}; ${mixed}`);
  if (t.dtype !== 'float32') throw new TypeError(`optimizer on webgpu: expected a float32 ${what}, got ${t.dtype}`);
  const array = (t.storage as GPUStorage).array;
  if (!t.isContiguous() || t.offset !== 0 || array.length !== t.numel()) {
    throw new Error(`optimizer on webgpu: the ${what} must be a whole contiguous storage (a view of part of a webgpu storage is not implemented yet)`);
  }
  return array;
}

const mixed = 'Expected all tensors to be on the same device, but found at least two devices, webgpu and cpu!';

function gradArray(grad: Tensor): GPUArray {
  return whole(grad.isContiguous() && grad.offset === 0 ? grad : grad.clone(), 'gradient');
}

/**
 * One SGD step of a GPU parameter in place (torch.optim.SGD's update; see `sgdStep`).
 *
 * @example
 * gpuSgdUpdate(p, p.grad, buf, { lr: 0.1, momentum: 0.9, dampening: 0, weightDecay: 0, nesterov: false, maximize: false, firstStep });
 */
export function gpuSgdUpdate(param: Tensor, grad: Tensor, momentumBuffer: Tensor | null, options: WasmSgdOptions): void {
  sgdStep(gpuContext(), whole(param, 'parameter'), gradArray(grad), momentumBuffer === null ? null : whole(momentumBuffer, 'momentum buffer'), options);
}

/**
 * One Adam / AdamW step of a GPU parameter in place (`decoupled`: AdamW's weight decay).
 *
 * @example
 * gpuAdamUpdate(p, p.grad, m, v, null, { lr, beta1, beta2, eps, weightDecay, amsgrad: false, maximize: false, step, decoupled: true });
 */
export function gpuAdamUpdate(param: Tensor, grad: Tensor, expAvg: Tensor, expAvgSq: Tensor, maxExpAvgSq: Tensor | null, options: GPUAdamOptions): void {
  const vMax = maxExpAvgSq === null ? null : whole(maxExpAvgSq, 'maxExpAvgSq state');
  adamStep(gpuContext(), whole(param, 'parameter'), gradArray(grad), whole(expAvg, 'expAvg state'), whole(expAvgSq, 'expAvgSq state'), vMax, options);
}

/**
 * One RMSprop step of a GPU parameter in place.
 *
 * @example
 * gpuRmspropUpdate(p, p.grad, sq, null, null, options);
 */
export function gpuRmspropUpdate(param: Tensor, grad: Tensor, squareAvg: Tensor, gradAvg: Tensor | null, momentumBuffer: Tensor | null, options: WasmRmspropOptions): void {
  rmspropStep(
    gpuContext(),
    whole(param, 'parameter'),
    gradArray(grad),
    whole(squareAvg, 'squareAvg state'),
    gradAvg === null ? null : whole(gradAvg, 'gradAvg state'),
    momentumBuffer === null ? null : whole(momentumBuffer, 'momentum buffer'),
    options,
  );
}

/**
 * One Adagrad step of a GPU parameter in place.
 *
 * @example
 * gpuAdagradUpdate(p, p.grad, sum, options);
 */
export function gpuAdagradUpdate(param: Tensor, grad: Tensor, sum: Tensor, options: WasmAdagradOptions): void {
  adagradStep(gpuContext(), whole(param, 'parameter'), gradArray(grad), whole(sum, 'sum state'), options);
}
