/**
 * The guard that keeps a direct GPU kernel from dropping a gradient.
 *
 * The device dispatch wraps the methods of the base `Tensor.prototype`. A subclass that records a
 * graph (autograd's Tensor) overrides its differentiable methods, and the overrides reach the GPU
 * kernels through `super`; a method the subclass does NOT override is inherited, and on the CPU its
 * body composes from methods the subclass does override (`square()` is `x.mul(x)`), so the graph is
 * recorded. A direct GPU kernel for such an inherited method would bypass those methods and return
 * a result with no `gradFn`: the gradient would be lost without a word.
 *
 * So every method with a direct GPU kernel must be one of:
 * - overridden by every registered recording class (the override records, then calls the kernel);
 * - in {@link GPU_NON_DIFFERENTIABLE} (its result carries no gradient on the CPU either); or
 * - in {@link GPU_COMPOSED}: its CPU body composes from recorded methods. The dispatch then runs the
 *   direct kernel only when no graph needs recording (no-grad tensors: optimizer updates,
 *   inference) and the composing body when one does.
 *
 * {@link checkGradientCoverage} asserts this when the dispatch is installed and when a recording
 * class registers after that, and throws naming the first method that violates it.
 */
import { Tensor } from '../tensor';

/**
 * Methods with a direct GPU kernel whose results never carry a gradient (bool and integer results,
 * comparisons, the synchronous reads, which throw on the GPU): a recording class may inherit them.
 */
export const GPU_NON_DIFFERENTIABLE: ReadonlySet<string> = new Set([
  'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'logicalAnd', 'logicalOr', 'logicalNot',
  'argmax', 'argmin', 'any', 'all',
  'item', 'tolist', 'toTypedArray', 'dataSync',
]);

/**
 * Methods with a direct GPU kernel whose base-class body composes from methods a recording class
 * overrides (`square()` is `x.mul(x)`; `contiguous()` is `clone()` when strided). On a tensor that
 * needs a graph the dispatch runs that body, so the graph is recorded; otherwise the kernel.
 */
export const GPU_COMPOSED: ReadonlySet<string> = new Set(['square', 'contiguous']);

/** A Tensor subclass that records a graph, and how to tell whether a call needs one. */
export interface RecordingClass {
  /** The subclass (autograd's Tensor). */
  readonly cls: abstract new (...args: never[]) => Tensor;
  /** Whether calling a method on `self` with `args` must record a graph node. */
  readonly needsGraph: (self: Tensor, args: readonly unknown[]) => boolean;
}

const recorders: RecordingClass[] = [];
let kernelNames: readonly string[] | null = null;

/**
 * Throws if a method in `names` (methods with a direct GPU kernel) is inherited by `cls` from the
 * base Tensor without being declared non-differentiable or composed: on the GPU it would return a
 * result with no gradient.
 *
 * @example
 * checkGradientCoverage(['add', 'square'], AutogradTensor); // passes: add is overridden, square composed
 */
export function checkGradientCoverage(names: Iterable<string>, cls: abstract new (...args: never[]) => Tensor): void {
  const base = Tensor.prototype as unknown as Record<string, unknown>;
  const proto = cls.prototype as unknown as Record<string, unknown>;
  for (const name of names) {
    if (GPU_NON_DIFFERENTIABLE.has(name) || GPU_COMPOSED.has(name)) continue;
    if (proto[name] !== base[name]) continue;
    throw new Error(
      `${name}() has a direct webgpu kernel but ${cls.name} does not override it, so on the GPU it would skip ${cls.name}'s ` +
        `graph recording and drop the gradient: override ${name}() in ${cls.name}, or declare it in GPU_COMPOSED (its body ` +
        'composes from recorded methods) or GPU_NON_DIFFERENTIABLE (its result carries no gradient) in device/gradient-guard.ts',
    );
  }
}

/**
 * Registers a Tensor subclass that records a graph (autograd calls this when it loads). If the
 * dispatch is already installed, its kernels are checked against the class now.
 *
 * @example
 * registerRecordingClass({ cls: Tensor, needsGraph: (self) => isGradEnabled() && self.requiresGrad });
 */
export function registerRecordingClass(recorder: RecordingClass): void {
  if (kernelNames !== null) checkGradientCoverage(kernelNames, recorder.cls);
  if (!recorders.some((r) => r.cls === recorder.cls)) recorders.push(recorder);
}

/** @internal Called by the dispatch at install: checks every registered class against `names`. */
export function guardKernels(names: readonly string[]): void {
  for (const r of recorders) checkGradientCoverage(names, r.cls);
  kernelNames = names;
}

/** @internal Whether a call of a {@link GPU_COMPOSED} method on `self` must record a graph. */
export function composedNeedsGraph(self: Tensor, args: readonly unknown[]): boolean {
  for (const r of recorders) if (self instanceof r.cls && r.needsGraph(self, args)) return true;
  return false;
}
