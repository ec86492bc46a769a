/**
 * What autograd tells a memory scope (`scope` in @descent/tensor, issue #23): whether a graph
 * can still be run, and which `.grad` tensors the engine made (so `zeroGrad()` may hand them
 * back inside a scope instead of leaving them to the collector).
 */
import { releaseToScope } from '@descent/tensor';
import type { Node } from './node';
import type { Tensor } from './tensor';

/** `.grad` tensors the backward engine created (its clones of the first gradient). */
const engineGrads = new WeakSet<Tensor>();

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
 * Sets `p.grad` to null (`zeroGrad()`'s default). Inside a memory scope, a `.grad` the engine made
 * is handed to the scope, which recycles its array at its end unless the scope's result, a root
 * or `keep()` still reaches it; outside a scope the collector takes it, as before.
 *
 * @example
 * scope(() => { loss.backward(); opt.step(); for (const p of params) dropGrad(p); });
 */
export function dropGrad(p: Tensor): void {
  const grad = p.grad;
  if (grad === null) return;
  p.grad = null;
  if (engineGrads.has(grad)) {
    engineGrads.delete(grad);
    releaseToScope(grad);
  }
}
