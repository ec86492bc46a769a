/**
 * Fused element-wise activations (torch.nn.functional's elu, silu, mish, softplus, gelu, …): the
 * forward reads x once and writes f(x); the backward reads x and g once and writes g·f'(x). Large
 * float arrays run the WebAssembly kernels of assembly/activations.ts, the rest the same
 * arithmetic in TypeScript (activation-math.ts); GPU tensors one WGSL kernel each way
 * (`device/gpu-math-methods.ts`, float32). `@descent/autograd`'s `activation` records the
 * gradient; `@descent/nn`'s functions pick the kind and its parameters.
 */
import { activationDerivativeScalar, activationScalar, type ActivationKind, type ActivationParams } from '../activation-math';
import { gpuActivation, gpuActivationBackward } from '../device/gpu-math-methods';
import { mixedDevicesError } from '../device/dispatch';
import { allocateUninitialized, notImplemented } from '../dtype';
import { wasmDenseActivation } from '../kernels/wasm-dispatch';
import { contiguousStrides } from '../shape';
import { Storage } from '../storage';
import type { Tensor } from '../tensor';

const NO_PARAMS: ActivationParams = [0, 0, 0];

function floatData(x: Tensor, kind: ActivationKind): Float32Array | Float64Array {
  if (x.dtype !== 'float32' && x.dtype !== 'float64') throw notImplemented(kind, x.dtype);
  const c = x.contiguous();
  const data = c.storage.data as Float32Array | Float64Array;
  return c.offset === 0 && data.length === c.numel() ? data : data.subarray(c.offset, c.offset + c.numel());
}

// Results are plain arrays from the storage pools (every element is written, so a reused one is
// not cleared): the kernel writes into reused wasm scratch and one copy moves them out. Pooled,
// they go back when a backward pass, a built-in forward or a scope knows they are dead (issue #23).
function newArray(x: Tensor, n: number): Float32Array | Float64Array {
  return allocateUninitialized(x.dtype === 'float32' ? 'float32' : 'float64', n) as Float32Array | Float64Array;
}

function result(x: Tensor, out: Float32Array | Float64Array): Tensor {
  const shape = [...x.shape];
  return x._make(new Storage(out), shape, contiguousStrides(shape), 0, x.dtype);
}

/**
 * f(x) for a fused activation, as a new contiguous tensor of x's dtype (float32 or float64; other
 * dtypes throw PyTorch's "not implemented" error).
 *
 * @example
 * activation(tensor([-1, 0, 2]), 'silu'); // F.silu
 * activation(x, 'elu', [0.5, 1, 1]);      // F.elu(x, alpha=0.5)
 */
export function activation(x: Tensor, kind: ActivationKind, params: ActivationParams = NO_PARAMS): Tensor {
  if (x.storage.device === 'webgpu') return gpuActivation(x, kind, params);
  const data = floatData(x, kind);
  const out = newArray(x, data.length);
  if (!wasmDenseActivation(kind, params, data, null, out)) {
    const f = activationScalar(kind, params);
    for (let i = 0; i < data.length; i++) out[i] = f(data[i] as number);
  }
  return result(x, out);
}

/**
 * g·f'(x) for a fused activation: the gradient of `activation(x, kind, params)` given the
 * gradient `grad` of its output (same shape; converted to x's dtype).
 *
 * @example
 * activationBackward(x, ones([3]), 'silu');
 */
export function activationBackward(x: Tensor, grad: Tensor, kind: ActivationKind, params: ActivationParams = NO_PARAMS): Tensor {
  if (grad.shape.length !== x.shape.length || grad.shape.some((s, i) => s !== x.shape[i])) {
    throw new RangeError(`${kind}_backward: grad of shape [${grad.shape.join(', ')}] does not match the input's [${x.shape.join(', ')}]`);
  }
  if (x.storage.device === 'webgpu') {
    if (grad.storage.device !== 'webgpu') throw mixedDevicesError();
    return gpuActivationBackward(x, grad, kind, params);
  }
  const data = floatData(x, kind);
  const g = floatData(grad.dtype === x.dtype ? grad : grad.to(x.dtype), kind);
  const out = newArray(x, data.length);
  if (!wasmDenseActivation(kind, params, data, g, out)) {
    const df = activationDerivativeScalar(kind, params);
    for (let i = 0; i < data.length; i++) out[i] = df(data[i] as number, g[i] as number);
  }
  return result(x, out);
}
