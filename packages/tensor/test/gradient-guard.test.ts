/**
 * The gradient guard (device/gradient-guard.ts) on the CPU: the coverage check against fake
 * recording classes and fake kernel names, the install-time check, and the composed-method predicate.
 * (The real tables against autograd's Tensor, on the GPU: autograd/test/webgpu/gradient-parity.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { checkGradientCoverage, gpuMethodNames, GPU_COMPOSED, GPU_NON_DIFFERENTIABLE, registerRecordingClass, Tensor, tensor } from '../src/index';
import { composedNeedsGraph, guardKernels } from '../src/device/gradient-guard';

type Methods = Record<string, (...args: unknown[]) => unknown>;

/** A subclass overriding `names` (each override calls the base method, as autograd's do through super). */
function recordingClass(names: readonly string[]): typeof Tensor {
  class Recording extends Tensor {}
  const base = Tensor.prototype as unknown as Methods;
  for (const name of names) {
    const method = base[name] as (...args: unknown[]) => unknown;
    (Recording.prototype as unknown as Methods)[name] = function (this: Tensor, ...args: unknown[]): unknown {
      return method.apply(this, args);
    };
  }
  return Recording;
}

const names = gpuMethodNames();
const mustOverride = names.filter((n) => !GPU_NON_DIFFERENTIABLE.has(n) && !GPU_COMPOSED.has(n));

describe('gradient guard', () => {
  it('lists the dispatch tables’ kernels; every declared name is a kernel', () => {
    for (const n of ['add', 'square', 'contiguous', 'matmul', 'eq', 'item']) expect(names).toContain(n);
    expect([...GPU_NON_DIFFERENTIABLE, ...GPU_COMPOSED].filter((n) => !names.includes(n))).toEqual([]);
    expect([...GPU_COMPOSED].filter((n) => GPU_NON_DIFFERENTIABLE.has(n))).toEqual([]);
  });

  it('passes a class that overrides every kernel but the declared ones', () => {
    expect(() => checkGradientCoverage(names, recordingClass(mustOverride))).not.toThrow();
  });

  it('throws, naming the method and the class, for a kernel the class inherits', () => {
    const Recording = recordingClass(mustOverride.filter((n) => n !== 'sigmoid'));
    expect(() => checkGradientCoverage(names, Recording)).toThrow(
      "sigmoid() has a direct webgpu kernel but Recording does not override it, so on the GPU it would skip Recording's graph recording and drop the gradient: override sigmoid() in Recording, or declare it in GPU_COMPOSED (its body composes from recorded methods) or GPU_NON_DIFFERENTIABLE (its result carries no gradient) in device/gradient-guard.ts",
    );
  });

  it('throws for a fake kernel name added to the table without a declaration', () => {
    expect(() => checkGradientCoverage([...names, 'fusedFakeOp'], recordingClass(mustOverride))).toThrow(/^fusedFakeOp\(\) has a direct webgpu kernel but Recording does not override it/);
  });

  it('the install-time check throws for a registered class, and a class registering after install is checked then', () => {
    const Good = recordingClass(mustOverride);
    registerRecordingClass({ cls: Good, needsGraph: () => true });
    expect(() => guardKernels([...names, 'fusedFakeOp'])).toThrow(/^fusedFakeOp\(\) has a direct webgpu kernel but Recording does not override it/);
    guardKernels(names);
    const Bad = recordingClass(mustOverride.filter((n) => n !== 'mm'));
    expect(() => registerRecordingClass({ cls: Bad, needsGraph: () => true })).toThrow(/^mm\(\) has a direct webgpu kernel but Recording does not override it/);
  });

  it('a composed method needs its composing body only for instances of a recording class whose predicate says so', () => {
    const Flagged = recordingClass(mustOverride);
    const flagged = new Set<Tensor>();
    registerRecordingClass({ cls: Flagged, needsGraph: (self, args) => flagged.has(self) || args.some((a) => a instanceof Tensor && flagged.has(a)) });
    const plain = tensor([1, 2]);
    const make = (): Tensor => new Flagged(plain.storage, plain.shape, plain.strides, plain.offset, plain.dtype);
    const a = make();
    const b = make();
    expect(composedNeedsGraph(plain, [])).toBe(false);
    expect(composedNeedsGraph(a, [])).toBe(false);
    flagged.add(b);
    expect(composedNeedsGraph(b, [])).toBe(true);
    expect(composedNeedsGraph(a, [b])).toBe(true);
    expect(composedNeedsGraph(plain, [b])).toBe(false);
  });
});
