/**
 * What autograd knows about the lifetime of `.grad` tensors (issue #23): which ones the engine
 * made and nobody else has seen, so that dropping one (`zeroGrad()`'s default, `p.grad = null`)
 * gives its array back to the storage pools at once instead of leaving it to the collector; and,
 * for a memory scope (`scope` in @descent/tensor), whether a graph can still be run.
 *
 * A `.grad` the engine creates (its copy of the first gradient to reach a leaf) is private until
 * something outside the library reads it: the public `.grad` getter marks it seen
 * (`seeGrad`), and the library's own readers, which keep no reference past the call
 * (`zeroGrad`, the optimizers' step loops, the engine's accumulation), use `gradOf`
 * instead. Only a private `.grad` is recycled when dropped, so a user's reference to a `.grad`
 * always stays valid, as in PyTorch; a reader the library forgot to convert only costs an
 * allocation, never a wrong value.
 */
import { inScope, recycleStorage, releaseToScope } from '@descent/tensor';
import type { Node } from './node';
import type { Tensor } from './tensor';

/** `.grad` tensors the backward engine created (its copies of the first gradient) that nobody outside the library has read. */
const engineGrads = new WeakSet<Tensor>();

/** @internal The public `.grad` getter read `grad`: it may now be referenced anywhere, so it is never recycled. */
export function seeGrad(grad: Tensor): void {
  engineGrads.delete(grad);
}

/**
 * @internal `p.grad` for the library's own readers, which keep no reference to it past their call:
 * unlike the public getter, it leaves an engine-made `.grad` recyclable when dropped.
 */
export function gradOf(p: Tensor): Tensor | null {
  return p._grad;
}

/**
 * @internal `p`'s `.grad` was just replaced or set to null, and `old` was it. An engine-made
 * `.grad` nobody outside the library read is dead: outside a memory scope its array goes back to
 * the pools now; inside one, to the scope, which recycles it at its end unless its result, a root
 * or `keep()` still reaches it. Anything else is left to the collector.
 */
export function discardGrad(old: Tensor): void {
  if (!engineGrads.has(old)) return;
  engineGrads.delete(old);
  if (inScope()) releaseToScope(old);
  else recycleStorage(old.storage);
}

/** @internal The engine made `grad` as a leaf's `.grad`. */
export function noteEngineGrad(grad: Tensor | null): void {
  if (grad !== null) engineGrads.add(grad);
}

/** @internal Whether a backward through `root` could still run some node (one not freed yet). */
export function liveGraph(root: Node): boolean {
  const seen = new Set<Node>();
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (seen.has(node)) continue;
    seen.add(node);
    if (node.fn !== null) return true;
    for (const child of node.next) if (child != null && child.leaf === null) stack.push(child);
  }
  return false;
}

/**
 * Sets `p.grad` to null (`zeroGrad()`'s default), as `p.grad = null` does. A `.grad` the engine
 * made and nobody outside the library read is dead then: its array goes back to the storage
 * pools (inside a memory scope, at the scope's end), so the next backward takes it instead of
 * allocating. A `.grad` read through the public getter is left to the collector, so a reference
 * to it stays valid.
 *
 * @example
 * loss.backward(); opt.step(); for (const p of params) dropGrad(p);
 */
export function dropGrad(p: Tensor): void {
  p.grad = null;
}
