/**
 * The autograd graph: one {@link Node} per recorded op (PyTorch's `grad_fn`), pointing at the
 * nodes of its inputs. Leaves that require grad get an `AccumulateGrad` node, as in PyTorch.
 */
import { gradMode } from './grad-mode';
import { stridedScatter, viewGeometry } from './ops/as-strided';
import { Tensor as BaseTensor } from '@descent/tensor';
import type { Tensor } from './tensor';
import { currentEpisode, type Episode } from './private-forward';

/**
 * A backward rule: the gradient of the op's output in, one gradient per input out (`null` where
 * an input needs none). Built from differentiable ops, so `createGraph` can differentiate it again.
 */
export type BackwardFn = (grad: Tensor) => ReadonlyArray<Tensor | null>;

/**
 * One recorded op of the graph, named like PyTorch's (`MulBackward0`, `SumBackward1`, …).
 *
 * @example
 * x.mul(2).gradFn?.name; // 'MulBackward0'
 */
export class Node {
  /** PyTorch's name of the backward function (`grad_fn.name()`). */
  declare readonly name: string;
  /** @internal One edge per input: that input's node, or `null` when it needs no gradient. */
  declare next: ReadonlyArray<Node | null>;
  /** @internal The backward rule; `null` once its saved tensors were freed. */
  declare fn: BackwardFn | null;
  /**
   * @internal Tensors the rule reads, checked against `versions` before it runs. A rule with a
   * saved list (even an empty one: PyTorch saves a number as a wrapped tensor) is freed after a
   * backward pass without `retainGraph`, and a second pass through it raises, as in PyTorch;
   * `null` marks rules that save nothing in PyTorch either (views, add, sum, cat, …).
   */
  declare saved: readonly BaseTensor[] | null;
  /** @internal `storage.version` of each saved tensor when it was saved. */
  declare versions: readonly number[] | null;
  /**
   * @internal Position in `saved` of this node's own output, or -1. The version error names this
   * node for it even after an in-place op rebased the output's `gradFn` (as PyTorch does); other
   * saved tensors are named by their current `gradFn`.
   */
  declare savedOutput: number;
  /** @internal The leaf this `AccumulateGrad` node writes `.grad` of. */
  declare readonly leaf: Tensor | null;
  /** @internal A non-leaf output that asked for `retainGrad()`. */
  declare retained: Tensor | null;
  /** @internal Engine scratch: the pass that last visited this node. */
  declare epoch: number;
  /** @internal Engine scratch: edges into this node not processed yet. */
  declare deps: number;
  /** @internal Engine scratch: gradient accumulated so far in this pass. */
  declare grad: Tensor | null;
  /** @internal Engine scratch: position in `grad()`'s `inputs`, or -1. */
  declare capture: number;
  /** @internal Engine scratch: whether this node leads to one of `grad()`'s inputs. */
  declare needed: boolean;
  /** @internal Engine scratch: edge count used while ordering for `grad()`. */
  declare pending: number;
  /**
   * @internal The rule's gradients are promises (a copy from the GPU back to the CPU, which WebGPU
   * reads asynchronously): only `backwardAsync` runs such a node.
   */
  declare readback: boolean;
  /**
   * @internal The built-in forward this node was recorded in (private-forward.ts), until a plain
   * backward pass runs it; `null` otherwise.
   */
  declare episode: Episode | null;

  constructor(
    name: string,
    next: ReadonlyArray<Node | null>,
    fn: BackwardFn | null,
    saved: readonly BaseTensor[] | null,
    leaf: Tensor | null = null,
  ) {
    // Every field is assigned here, none by an initializer (one constructor, no initializer function per node; issue #23).
    this.name = name;
    this.next = next;
    this.fn = fn;
    this.saved = saved;
    this.leaf = leaf;
    this.savedOutput = -1;
    this.retained = null;
    this.epoch = 0;
    this.deps = 0;
    this.grad = null;
    this.capture = -1;
    this.needed = true;
    this.pending = 0;
    this.readback = false;
    this.episode = null;
    if (saved === null) {
      this.versions = null;
    } else if (saved.length === 0) {
      this.versions = NO_VERSIONS;
    } else {
      const versions = new Array<number>(saved.length);
      for (let i = 0; i < saved.length; i++) versions[i] = (saved[i] as BaseTensor).storage.version;
      this.versions = versions;
    }
  }

  /** The nodes of the inputs (PyTorch's `next_functions`; `null` for inputs without grad). */
  get nextFunctions(): ReadonlyArray<Node | null> {
    return this.next;
  }
}

/** The versions of an empty saved list (shared: never written). */
const NO_VERSIONS: readonly number[] = [];

/** @internal The edge to `t` in the graph: its `gradFn`, its `AccumulateGrad` node, or `null`. */
export function edgeOf(input: BaseTensor): Node | null {
  const t = input as Tensor;
  if (t._base != null && t._seenHistory !== t._base._history) regenerateView(t, t._base);
  if (t._requiresGrad !== true) return null;
  if (t.gradFn !== null) return t.gradFn;
  return t._accumulator ?? (t._accumulator = new Node('AccumulateGrad', [], null, null, t));
}

/** @internal Whether an op on these operands must record a node. */
export function needsGrad(a: Tensor, b?: unknown): boolean {
  return gradMode.enabled && (requiresGradNow(a) || (b !== undefined && isGradTensor(b)));
}

/** A view whose base came to require grad (through an in-place op elsewhere) requires grad too. */
function requiresGradNow(t: Tensor): boolean {
  return t._requiresGrad || (t._base != null && t._base._requiresGrad);
}

/** @internal True for an autograd tensor that requires grad (false for numbers and base tensors). */
export function isGradTensor(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { _requiresGrad?: unknown })._requiresGrad !== undefined &&
    requiresGradNow(value as Tensor)
  );
}

/**
 * @internal Makes `out` the output of a new node over `inputs` (numbers and tensors without grad
 * get no edge). `saved` lists the tensors `fn` reads, for the in-place version check.
 */
export function record(
  out: Tensor,
  name: string,
  inputs: ReadonlyArray<BaseTensor | number | null>,
  fn: BackwardFn,
  saved: readonly BaseTensor[] | null = null,
): Tensor {
  const next = new Array<Node | null>(inputs.length);
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i];
    next[i] = typeof input === 'object' && input !== null ? edgeOf(input) : null;
  }
  out._requiresGrad = true;
  const node = new Node(name, next, fn, saved);
  if (saved !== null && saved.length > 0) node.savedOutput = saved.indexOf(out);
  // Made inside a built-in forward: that episode's storages wait for this node to run (private-forward.ts).
  const episode = currentEpisode();
  if (episode !== null) {
    node.episode = episode;
    episode.live++;
  }
  out.gradFn = node;
  return out;
}

/**
 * @internal Records a node whose rule returns its gradients as promises (a GPU → CPU readback,
 * see `to`); `backward()` refuses a graph with such a node and `backwardAsync()` awaits them.
 */
export function recordReadback(out: Tensor, name: string, inputs: ReadonlyArray<BaseTensor | null>, fn: (grad: Tensor) => ReadonlyArray<Promise<Tensor> | null>): Tensor {
  record(out, name, inputs, fn as unknown as BackwardFn);
  (out.gradFn as Node).readback = true;
  return out;
}

/**
 * @internal Runs `fn(...args)` with recording off (the caller records one node for a composite
 * base op). Ops pass their tensors as `args` rather than closing over them: V8 gives all closures
 * of a function one shared scope, so an arrow reading the input would keep it alive for as long
 * as the op's backward rule lives, long after backward released it.
 */
export function untracked<A extends unknown[], T>(fn: (...args: A) => T, ...args: A): T {
  const previous = gradMode.enabled;
  gradMode.enabled = false;
  try {
    return fn(...args);
  } finally {
    gradMode.enabled = previous;
  }
}

type ArgsOf<F> = F extends (...args: infer A) => unknown ? A : never;
type ResultOf<F> = F extends (...args: never[]) => infer R ? R : never;

/**
 * @internal `@descent/tensor`'s method `name` called on `self` with recording off (see
 * {@link untracked}); the base method runs, never an autograd override.
 */
export function untrackedMethod<K extends keyof BaseTensor>(
  self: BaseTensor,
  name: K,
  ...args: ArgsOf<BaseTensor[K]>
): ResultOf<BaseTensor[K]> {
  const method = BaseTensor.prototype[name] as unknown as (...a: unknown[]) => unknown;
  const previous = gradMode.enabled;
  gradMode.enabled = false;
  try {
    return method.apply(self, args) as ResultOf<BaseTensor[K]>;
  } finally {
    gradMode.enabled = previous;
  }
}

/**
 * @internal Rebuilds the history of a view whose base was modified in place through another
 * path (PyTorch regenerates a stale view's grad_fn the same way): the view becomes an
 * as-strided window of the base's current history.
 */
function regenerateView(view: Tensor, root: Tensor): void {
  view._seenHistory = root._history;
  if (!root._requiresGrad) return;
  const geo = viewGeometry(view, root);
  view._requiresGrad = true;
  view.gradFn = new Node(
    'AsStridedBackward0',
    [edgeOf(root)],
    (g) => [stridedScatter(g, geo)],
    null,
  );
}
