/**
 * Op dispatch on the device of the operands.
 *
 * CPU-only programs never pay for it: the first GPU tensor (an upload, a `{ device: 'webgpu' }`
 * factory) installs a thin wrapper around every method of `Tensor.prototype`. On a CPU tensor the
 * wrapper checks that no tensor argument is on the GPU, then runs the CPU method unchanged; on a
 * GPU tensor it runs the method's GPU implementation (`gpu-*-methods.ts`), the CPU method itself
 * for pure view methods (they only compute shapes and strides), or throws an Error naming the op
 * ("… is not implemented on webgpu"); it never reads a GPU tensor back silently. Autograd's
 * differentiable methods call these base methods, so their backward rules run unchanged on the GPU.
 *
 * A method autograd inherits instead of overriding must not reach a direct GPU kernel when a graph
 * is needed, or the gradient is dropped: `device/gradient-guard.ts` checks every kernel at install
 * (it throws naming the method), and a kernel declared there as composed runs its composing body on
 * a tensor that needs a graph, the kernel otherwise.
 */
import { Tensor } from '../tensor';
import { GPU_ELEMENTWISE_METHODS } from './gpu-elementwise-methods';
import { GPU_IN_PLACE_METHODS } from './gpu-in-place-methods';
import { GPU_REDUCTION_METHODS } from './gpu-reduction-methods';
import { GPU_INDEXING_METHODS } from './gpu-indexing-methods';
import { GPU_SHAPE_METHODS } from './gpu-join';
import { GPU_MATH_METHODS } from './gpu-math-methods';
import { composedNeedsGraph, GPU_COMPOSED, guardKernels } from './gradient-guard';

/** A GPU implementation of a method (`this` is the GPU tensor). */
export type GPUMethod = (this: Tensor, ...args: never[]) => unknown;

/** Methods that only compute shapes, strides and offsets (or call other methods): the same on every device. */
const DEVICE_AGNOSTIC = new Set([
  'reshape', 'view', 'permute', 'transpose', 't', 'expand', 'expandAs', 'unsqueeze', 'squeeze', 'narrow',
  'slice', 'select', 'flatten', 'unflatten', 'unbind', 'split', 'chunk', 'float', 'double', 'int', 'bool', 'type',
  'checkCastable', 'checkNonEmptyReduction', 'checkNotBool', 'checkRandomFill', 'dataAsync', 'toArray', 'itemAsync', 'toAsync',
  // Composed from clamp on every device (no kernel of its own), so autograd records it through clamp.
  // (square and contiguous have kernels: gradient-guard.ts's GPU_COMPOSED decides per call.)
  'clip',
]);

/** Class-body members that are not ops. */
const SKIPPED = new Set(['constructor', '_make', 'numel', 'size', 'isContiguous', 'toString', 'printSuffix']);

/** PyTorch's message for operands on two devices. */
export function mixedDevicesError(): Error {
  return new Error('Expected all tensors to be on the same device, but found at least two devices, webgpu and cpu!');
}

/** The Error of a method with no GPU kernel yet. */
export function notImplementedOnGPU(name: string): Error {
  return new Error(`${name}() is not implemented on webgpu yet; move the tensor to the CPU with await t.toAsync('cpu') to use it`);
}

let enabled = false;

/** Whether the dispatch wrappers are installed (a GPU tensor was made). */
export function deviceDispatchEnabled(): boolean {
  return enabled;
}

/**
 * Every method with a direct GPU kernel, by name. (Additive: a new kernel goes into its table; the
 * gradient guard then requires autograd to override it or a declaration in gradient-guard.ts.)
 * Built on first use: the tables' modules import this one, so they may not be evaluated yet here.
 */
function gpuMethods(): Readonly<Record<string, GPUMethod>> {
  return {
    ...GPU_ELEMENTWISE_METHODS,
    ...GPU_IN_PLACE_METHODS,
    ...GPU_REDUCTION_METHODS,
    ...GPU_INDEXING_METHODS,
    ...GPU_SHAPE_METHODS,
    ...GPU_MATH_METHODS,
  };
}

/**
 * The names of the Tensor methods that have a direct GPU kernel (the dispatch tables' keys).
 *
 * @example
 * gpuMethodNames().includes('matmul'); // true
 */
export function gpuMethodNames(): string[] {
  return Object.keys(gpuMethods());
}

function wrap(name: string, impl: (...args: unknown[]) => unknown, gpu: GPUMethod | undefined): (this: Tensor, ...args: unknown[]) => unknown {
  const agnostic = DEVICE_AGNOSTIC.has(name);
  const composed = gpu !== undefined && GPU_COMPOSED.has(name);
  return function dispatched(this: Tensor, ...args: unknown[]): unknown {
    if (this.storage.device === 'cpu') {
      for (const a of args) if (a instanceof Tensor && a.storage.device !== 'cpu') throw mixedDevicesError();
      return impl.apply(this, args);
    }
    if (agnostic) return impl.apply(this, args);
    if (gpu === undefined) throw notImplementedOnGPU(name);
    // A composed method inherited by a recording class (not reached through an override's super
    // call) runs its composing body when a graph is needed, so the graph records its gradient.
    if (composed && (this as unknown as Record<string, unknown>)[name] === dispatched && composedNeedsGraph(this, args)) {
      return impl.apply(this, args);
    }
    for (const a of args) if (a instanceof Tensor && a.storage.device !== 'webgpu') throw mixedDevicesError();
    return (gpu as (...a: unknown[]) => unknown).apply(this, args);
  };
}

/** Installs the device wrappers on `Tensor.prototype` (once; called when the first GPU tensor is made). */
export function enableDeviceDispatch(): void {
  if (enabled) return;
  const table = gpuMethods();
  // Before anything is installed: a kernel that would drop a gradient throws here, naming it.
  guardKernels(Object.keys(table));
  enabled = true;
  const proto = Tensor.prototype as unknown as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(proto)) {
    if (SKIPPED.has(name)) continue;
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    if (descriptor === undefined || typeof descriptor.value !== 'function') continue;
    const impl = descriptor.value as (...args: unknown[]) => unknown;
    Object.defineProperty(proto, name, { ...descriptor, value: wrap(name, impl, table[name]) });
  }
}
