/**
 * Import-time side effect (listed under `sideEffects` in package.json for this reason): registers
 * autograd's Tensor with the tensor package's gradient guard. The guard then checks, when the first
 * GPU tensor installs the device dispatch, that every direct GPU kernel is a method this class
 * overrides (so it records a graph node) or one declared non-differentiable or composed; and a
 * composed method (`square()`, `contiguous()`) inherited here runs its composing body on the GPU
 * whenever a graph is needed, so its gradient is recorded through the methods this class overrides.
 */
import { registerRecordingClass } from '@descent/tensor';
import type { Tensor as BaseTensor } from '@descent/tensor';
import { gradMode } from './grad-mode';
import { Tensor } from './tensor';

/** Whether a call on `self` with `args` records a node: grad mode is on and an operand requires grad. */
function needsGraph(self: BaseTensor, args: readonly unknown[]): boolean {
  if (!gradMode.enabled) return false;
  if (self instanceof Tensor && self.requiresGrad) return true;
  for (const a of args) if (a instanceof Tensor && a.requiresGrad) return true;
  return false;
}

registerRecordingClass({ cls: Tensor, needsGraph });
