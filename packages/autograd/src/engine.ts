/**
 * The backward engine: one iterative pass over the graph (no recursion, so a chain of 100,000 ops
 * works). It counts each node's consumers, then runs the nodes whose consumers are all done
 * (Kahn's topological order), summing the gradients that meet at a node.
 */
import { gradMode } from './grad-mode';
import { edgeOf } from './node';
import { GradRecycler } from './recycle-grads';
import { gradOf, noteEngineGrad } from './scope-grads';
import { episodeNodeRan } from './private-forward';
import type { Node } from './node';
import type { Tensor } from './tensor';

const FREED =
  'Trying to backward through the graph a second time (or directly access saved tensors after they have ' +
  'already been freed). Saved intermediate values of the graph are freed when you call .backward() or ' +
  'autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or ' +
  'if you need to access saved tensors after calling backward.';

let passCounter = 0;

/** Options of one backward pass. */
export interface EngineOptions {
  retainGraph: boolean;
  createGraph: boolean;
  /** `grad()`'s inputs: their gradients are returned instead of accumulated into `.grad`. */
  inputs: readonly Tensor[] | null;
  /** Seeds the entry point made (implicit ones): a plain pass recycles them with its own arrays. */
  madeSeeds?: readonly Tensor[];
}

/**
 * @internal Runs backward from `roots` (each requiring grad) seeded with `seeds`. Returns the
 * gradients of `options.inputs` (`null` where unreached), or `null` when accumulating into `.grad`.
 */
export function runBackward(
  roots: readonly Tensor[],
  seeds: readonly Tensor[],
  options: EngineOptions,
): Array<Tensor | null> | null {
  const previousMode = gradMode.enabled;
  gradMode.enabled = options.createGraph;
  // A plain backward hands what it created back to the storage pools (recycle-grads.ts).
  const recycler = options.inputs === null && !options.createGraph ? new GradRecycler() : null;
  if (recycler !== null && options.madeSeeds !== undefined)
    for (const seed of options.madeSeeds) recycler.adopt(seed.storage);
  let done = false;
  try {
    // Without readback nodes (refused while visiting) the pass never yields: one next() runs it.
    const step = run(roots, seeds, options, recycler, false).next();
    const result = step.value as Array<Tensor | null> | null;
    done = true;
    return result;
  } finally {
    gradMode.enabled = previousMode;
    recycler?.finish(done);
  }
}

/**
 * @internal {@link runBackward} for graphs that cross from the CPU to the GPU: the gradient of a
 * `to('webgpu')` copy is read back to the CPU asynchronously, awaited here (grad mode is restored
 * while waiting, so other code is not affected).
 */
export async function runBackwardAsync(
  roots: readonly Tensor[],
  seeds: readonly Tensor[],
  options: EngineOptions,
): Promise<Array<Tensor | null> | null> {
  const previousMode = gradMode.enabled;
  const recycler = options.inputs === null && !options.createGraph ? new GradRecycler() : null;
  if (recycler !== null && options.madeSeeds !== undefined)
    for (const seed of options.madeSeeds) recycler.adopt(seed.storage);
  let done = false;
  try {
    gradMode.enabled = options.createGraph;
    const steps = run(roots, seeds, options, recycler, true);
    let step = steps.next();
    while (step.done !== true) {
      gradMode.enabled = previousMode;
      const resolved = await step.value;
      gradMode.enabled = options.createGraph;
      step = steps.next(resolved);
    }
    done = true;
    return step.value;
  } finally {
    gradMode.enabled = previousMode;
    recycler?.finish(done);
  }
}

const READBACK =
  "backward(): the graph copies a CPU tensor that requires grad to 'webgpu' (ToCopyBackward0); its gradient " +
  'is read back from the GPU asynchronously: use await t.backwardAsync() instead';

type Pending = Promise<ReadonlyArray<Tensor | null>>;

function* run(
  roots: readonly Tensor[],
  seeds: readonly Tensor[],
  options: EngineOptions,
  recycler: GradRecycler | null,
  allowReadback: boolean,
): Generator<Pending, Array<Tensor | null> | null, ReadonlyArray<Tensor | null>> {
  const pass = ++passCounter;
  const { retainGraph, createGraph, inputs } = options;
  const rootNodes: Node[] = [];
  for (const root of roots) rootNodes.push(edgeOf(root) as Node);

  // 1. Visit every reachable node once and count the edges into it.
  const visited: Node[] | null = options.inputs === null ? null : [];
  const stack: Node[] = [];
  for (const node of rootNodes) {
    if (node.epoch !== pass) {
      visit(node, pass);
      stack.push(node);
    }
  }
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (node.readback && !allowReadback) throw new Error(READBACK);
    const next = node.next;
    for (let i = 0; i < next.length; i++) {
      const child = next[i];
      if (child == null) continue;
      if (child.epoch !== pass) {
        visit(child, pass);
        stack.push(child);
      }
      child.deps++;
    }
    if (visited !== null) visited.push(node);
  }

  let results: Array<Tensor | null> | null = null;
  if (inputs !== null) {
    results = new Array<Tensor | null>(inputs.length).fill(null);
    for (let i = 0; i < inputs.length; i++) {
      const node = edgeOf(inputs[i] as Tensor);
      if (node !== null && node.epoch === pass) node.capture = i;
    }
    markNeeded(visited as Node[]);
  }

  // 2. Seed the roots, then run nodes as their last consumer finishes.
  for (let i = 0; i < rootNodes.length; i++) {
    const node = rootNodes[i] as Node;
    node.grad = node.grad === null ? (seeds[i] as Tensor) : node.grad.add(seeds[i] as Tensor);
  }
  const ready: Node[] = [];
  for (const node of rootNodes) {
    if (node.deps === 0) {
      node.deps = -1;
      ready.push(node);
    }
  }
  while (ready.length > 0) {
    const node = ready.pop() as Node;
    const grad = node.grad;
    node.grad = null;
    if (results !== null && node.capture >= 0) {
      results[node.capture] = grad;
      node.capture = -1;
    }
    if (node.leaf !== null) {
      if (inputs === null && grad !== null) {
        const kept = accumulate(node.leaf, grad, createGraph);
        if (recycler !== null) recycler.keep(kept);
      }
      continue;
    }
    if (grad !== null && inputs === null && node.retained !== null) {
      const kept = accumulate(node.retained, grad, createGraph);
      if (recycler !== null) recycler.keep(kept);
    }
    const next = node.next;
    let grads: ReadonlyArray<Tensor | null> | null = null;
    if (grad !== null && node.needed) {
      const fn = node.fn;
      if (fn === null) throw new Error(FREED);
      if (node.saved !== null) checkVersions(node);
      grads = fn(grad);
      if (node.readback) grads = yield Promise.all((grads as unknown as ReadonlyArray<Promise<Tensor> | null>).map(async (g) => (g === null ? null : await g)));
      if (!retainGraph && node.saved !== null) {
        node.fn = null;
        node.saved = null;
      }
      // A node of a built-in forward (private-forward.ts): its episode's arrays go back to the
      // pools once a plain pass has run all its nodes; any other pass keeps them for good.
      const episode = node.episode;
      if (episode !== null) {
        if (recycler === null) episode.tainted = true;
        else if (!retainGraph) {
          node.episode = null;
          if (episodeNodeRan(episode)) recycler.episodeDone(episode);
        }
      }
    }
    for (let i = 0; i < next.length; i++) {
      const child = next[i];
      if (child == null) continue;
      const childGrad = grads === null ? null : grads[i];
      if (childGrad != null)
        child.grad = child.grad === null ? childGrad : child.grad.add(childGrad);
      if (--child.deps === 0) ready.push(child);
    }
  }
  return results;
}

function visit(node: Node, pass: number): void {
  node.epoch = pass;
  node.deps = 0;
  node.grad = null;
  node.capture = -1;
  node.needed = true;
}

/**
 * For `grad()`: marks the nodes whose rule must run because a child is a captured input or must
 * run itself; nothing else runs (or is freed), as in PyTorch. The children of a node that need
 * not run need not run either, so skipping it loses no gradient.
 */
function markNeeded(visited: readonly Node[]): void {
  // Kahn's order over a copy of the edge counts, then one reverse sweep.
  const order: Node[] = [];
  for (const node of visited) node.pending = node.deps;
  for (const node of visited) if (node.pending === 0) order.push(node);
  for (let k = 0; k < order.length; k++) {
    const next = (order[k] as Node).next;
    for (let i = 0; i < next.length; i++) {
      const child = next[i];
      if (child != null && --child.pending === 0) order.push(child);
    }
  }
  for (let k = order.length - 1; k >= 0; k--) {
    const node = order[k] as Node;
    let needed = false;
    const next = node.next;
    for (let i = 0; i < next.length && !needed; i++) {
      const child = next[i];
      needed = child != null && (child.capture >= 0 || child.needed);
    }
    node.needed = needed;
  }
}

/** Adds `grad` into `target.grad` as PyTorch's AccumulateGrad does (in place unless building a graph); returns the `.grad`. */
function accumulate(target: Tensor, grad: Tensor, createGraph: boolean): Tensor | null {
  // The library's own reads (gradOf) leave an engine-made `.grad` recyclable (scope-grads.ts).
  const current = gradOf(target);
  if (current === null) {
    target.grad = createGraph ? grad : grad.detach().clone();
    const made = gradOf(target);
    if (!createGraph) noteEngineGrad(made);
    return made;
  }
  if (createGraph) {
    target.grad = current.add(grad);
    return gradOf(target);
  }
  current.add_(grad);
  return current;
}

function checkVersions(node: Node): void {
  const saved = node.saved as readonly Tensor[];
  const versions = node.versions as readonly number[];
  for (let i = 0; i < saved.length; i++) {
    const t = saved[i] as Tensor;
    const expected = versions[i] as number;
    if (t.storage.version !== expected) {
      const from = i === node.savedOutput ? node : t.gradFn;
      const origin = from == null ? '' : `, which is output 0 of ${from.name},`;
      throw new Error(
        'one of the variables needed for gradient computation has been modified by an inplace operation: ' +
          `[${legacyTypeName(t)} [${t.shape.join(', ')}]]${origin} is at version ${t.storage.version}; ` +
          `expected version ${expected} instead. Hint: enable anomaly detection to find the operation that ` +
          'failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).',
      );
    }
  }
}

/** PyTorch's legacy tensor type name (`torch.FloatTensor`) used in its autograd messages. */
function legacyTypeName(t: Tensor): string {
  switch (t.dtype) {
    case 'float32':
      return 'torch.FloatTensor';
    case 'float64':
      return 'torch.DoubleTensor';
    case 'int32':
      return 'torch.IntTensor';
    case 'bool':
      return 'CPUBoolType'; // sic: PyTorch 1.13 names bool tensors so in this message
  }
}
