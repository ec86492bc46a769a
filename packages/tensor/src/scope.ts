/**
 * An opt-in memory scope (issue #23), tfjs's `tidy` adapted to a library whose tensors need no
 * `dispose()`: {@link scope} runs a function and, when it returns, gives the arrays of the
 * storages born inside back to the size-bucketed pools (`storage-pool.ts`), so the next call
 * takes the same arrays instead of allocating. Code that never uses a scope keeps working: the
 * pools and the collector handle it as before.
 *
 * The rule is conservative: an array is recycled only when all of these hold, so a case the
 * library forgot to mark is kept (left to the collector), not corrupted.
 * - A storage born inside the scope holds it and took it straight from the pools
 *   (`Storage.pooled`: a storage wrapping an older array, such as an optimizer's flat buffer, is
 *   never a candidate).
 * - No storage holding it is persistent: the library marks what it keeps (leaves that require
 *   grad, `.grad` tensors, swapped-in `.data`, module buffers) with {@link markPersistent}, and
 *   {@link keep} marks what the user keeps.
 * - It is not reachable from the scope's result (tensors, arrays, plain objects, Maps and Sets of
 *   them), nor from a root the library registered while the scope ran ({@link scopeRoot}:
 *   optimizers register on construction, `step`, `zeroGrad` and `loadStateDict`, so state made on
 *   a first step inside a scope is reached; modules on construction and registration).
 * - No tensor so reached carries a graph a later `backward()` could still run: then the scope
 *   recycles nothing (its backward closures may read any tensor made inside) and hands its
 *   storages to the enclosing scope.
 *
 * What survives because it was returned is handed to the enclosing scope, which recycles it in
 * turn unless it also returns it. If `fn` throws, nothing is recycled: the scope's storages and
 * roots go to the enclosing scope (or, outermost, to the collector), and the scope stack is restored.
 * A recycled storage is left holding an empty array, so a stray reference reads nothing instead of
 * another tensor's values.
 *
 * Storages on the `'webgpu'` device follow the same rule, keyed by their GPU array instead of a
 * typed array: a dead one gives its buffer back to the GPU buffer pool (`releaseGPUStorage`), so a
 * scoped GPU training step reuses the same buffers every step without waiting for the collector.
 */
import { Storage, scopeBirths } from './storage';
import { recycleStorage } from './recycle-storage';
import { Tensor } from './tensor';
import { isGPUStorage, releaseGPUStorage } from './device/gpu-storage';
import { GPUArray } from './webgpu/array';

interface Frame {
  births: Storage[];
  roots: object[];
  /** Storages the library dropped inside the scope (`zeroGrad()`'s old `.grad`s), however old. */
  released: Storage[];
}

const frames: Frame[] = [];
/** Storages the library keeps (see {@link markPersistent}); {@link releaseToScope} unmarks. */
const persistent = new WeakSet<Storage>();
/** Storages the user kept with {@link keep}: never recycled by any scope. */
const kept = new WeakSet<Storage>();

/**
 * @internal What a class of a higher package adds to the walk: autograd's tensor its `.grad` (and
 * whether a graph a later backward could run is still attached: returns true then), nn's module
 * its submodules and buffers.
 */
interface Traced {
  _scopeTrace?: (visit: (value: unknown) => void) => boolean;
}

/** Whether a {@link scope} is running. */
export function inScope(): boolean {
  return frames.length > 0;
}

/**
 * @internal Marks `t`'s storage as kept by the library (a parameter, a `.grad`, a buffer, an
 * optimizer's state): no scope recycles it.
 */
export function markPersistent(t: Tensor | null): void {
  if (t !== null) persistent.add(t.storage);
}

/**
 * @internal Whether the library or the user keeps `s` ({@link markPersistent}, {@link keep}):
 * nothing may recycle its array.
 */
export function libraryKeeps(s: Storage): boolean {
  return persistent.has(s) || kept.has(s);
}

/**
 * @internal The library dropped its last reference to `t` inside a scope (`zeroGrad()` setting an
 * engine-made `.grad` to null): the innermost scope may recycle its array at its end, unless it
 * is reached from the result or a root, or was kept. Outside a scope it does nothing.
 */
export function releaseToScope(t: Tensor): void {
  const frame = frames[frames.length - 1];
  if (frame === undefined || kept.has(t.storage)) return;
  persistent.delete(t.storage);
  frame.released.push(t.storage);
}

/**
 * @internal Registers `root` with the running scope (no-op outside one): at the scope's end every
 * tensor and typed array reachable from it through fields, arrays, Maps and Sets is kept.
 */
export function scopeRoot(root: object): void {
  const frame = frames[frames.length - 1];
  if (frame !== undefined) frame.roots.push(root);
}

/**
 * Keeps `t` from being recycled by any {@link scope}, now or later (tfjs's `keep`). Use it for a
 * tensor made inside a scope that outlives it without being returned, e.g. one stored in an
 * outer variable. Returns `t`.
 *
 * @example
 * let best: Tensor | null = null;
 * scope(() => { const y = x.mul(2); best = keep(y); });
 * best!.sum().item(); // still valid
 */
export function keep<T extends Tensor>(t: T): T {
  kept.add(t.storage);
  return t;
}

/**
 * Runs `fn` and gives the arrays of the tensors made inside it back to the storage pools when it
 * returns, except what its result reaches, what was {@link keep}-ed and what the library keeps
 * (parameters, gradients, optimizer state, module buffers). An opt-in for training loops that
 * should allocate nothing after their first steps; never required. Synchronous only: an async
 * function's awaits would let other code's tensors be born inside the scope.
 *
 * On `'webgpu'`, where the loss is read asynchronously after the scope, return it detached
 * (`return l.detach()`): a loss still carrying its graph counts as a graph a later backward could
 * run, and then the scope recycles nothing.
 *
 * @example
 * for (let i = 0; i < steps; i++) {
 *   const loss = scope(() => {
 *     const l = crossEntropy(model.forward(x), y);
 *     l.backward();
 *     opt.step();
 *     opt.zeroGrad();
 *     return l.item();
 *   });
 * }
 */
export function scope<T>(fn: () => T): T {
  if (typeof fn !== 'function') throw new TypeError(`scope(): fn must be a function, got ${fn === null ? 'null' : typeof fn}`);
  const frame: Frame = { births: [], roots: [], released: [] };
  const outer = scopeBirths.list;
  frames.push(frame);
  scopeBirths.list = frame.births;
  let result: T;
  try {
    result = fn();
  } catch (error) {
    end(outer);
    handToParent(frame, frame.births, true);
    throw error;
  }
  end(outer);
  if (isThenable(result)) {
    handToParent(frame, frame.births, true);
    throw new TypeError('scope(): fn returned a Promise; scope is synchronous (its tensors were left to the collector)');
  }
  sweep(frame, result);
  return result;
}

function end(outer: Storage[] | null): void {
  frames.pop();
  scopeBirths.list = outer;
}

function isThenable(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** Gives `births` (and, with `all`, the released storages and roots) to the enclosing scope. */
function handToParent(frame: Frame, births: readonly Storage[], all: boolean): void {
  const parent = frames[frames.length - 1];
  if (parent === undefined) return;
  for (const s of births) parent.births.push(s);
  if (!all) return;
  for (const s of frame.released) parent.released.push(s);
  for (const r of frame.roots) parent.roots.push(r);
}

function sweep(frame: Frame, result: unknown): void {
  const { births, released } = frame;
  if (births.length === 0 && released.length === 0) {
    if (frame.roots.length > 0) handToParent(frame, [], true);
    return;
  }
  const reached = new Set<object>();
  const walk = new Walk(reached);
  walk.visit(result);
  for (const r of frame.roots) walk.visit(r);
  const parent = frames[frames.length - 1];
  if (parent !== undefined) for (const r of frame.roots) parent.roots.push(r);
  if (walk.liveGraph) {
    handToParent(frame, births, false);
    for (const s of released) parent?.released.push(s);
    return;
  }
  for (const s of births) if (persistent.has(s) || kept.has(s)) reached.add(holding(s));
  const survivors: Storage[] = [];
  for (const s of births) {
    if (isEmpty(s) || persistent.has(s) || kept.has(s)) continue;
    if (!s.pooled) continue; // not the pools' array (or given back already)
    // Returned: the enclosing scope decides.
    if (reached.has(holding(s))) survivors.push(s);
    else giveBack(s);
  }
  for (const s of released) {
    if (isEmpty(s) || !s.pooled || persistent.has(s) || kept.has(s) || reached.has(holding(s))) continue;
    giveBack(s);
  }
  handToParent(frame, survivors, false);
}

/** What a storage holds: its typed array on the CPU, its GPU array on `'webgpu'` (views share it). */
function holding(s: Storage): object {
  return isGPUStorage(s) ? s.array : s.data;
}

/** A CPU storage already emptied (given back); GPU storages are never empty here. */
function isEmpty(s: Storage): boolean {
  return !isGPUStorage(s) && s.data.length === 0;
}

function giveBack(s: Storage): void {
  if (releaseGPUStorage(s)) {
    s.pooled = false;
    return;
  }
  recycleStorage(s);
}

/** The walk over a result and the roots: collects every array a tensor or typed array there holds. */
class Walk {
  liveGraph = false;
  private readonly seen = new Set<object>();

  constructor(private readonly reached: Set<object>) {}

  visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || this.seen.has(value)) return;
    this.seen.add(value);
    if (value instanceof Tensor) {
      this.reached.add(holding(value.storage));
      const trace = (value as Traced)._scopeTrace;
      if (trace !== undefined && trace.call(value, this.visit)) this.liveGraph = true;
      return;
    }
    if (value instanceof Storage) {
      this.reached.add(holding(value));
      return;
    }
    // A GPU array held outside a storage (an optimizer's GPU state): kept, and not walked into.
    if (value instanceof GPUArray) {
      this.reached.add(value);
      return;
    }
    if (ArrayBuffer.isView(value)) {
      this.reached.add(value);
      return;
    }
    // Containers that keep children where no field shows them (a module's buffers, a Sequential's list).
    const trace = (value as Traced)._scopeTrace;
    if (typeof trace === 'function' && trace.call(value, this.visit)) this.liveGraph = true;
    if (value instanceof ArrayBuffer || value instanceof WeakMap || value instanceof WeakSet || isThenable(value)) return;
    if (Array.isArray(value)) {
      for (const item of value) if (typeof item === 'object') this.visit(item);
      return;
    }
    if (value instanceof Map) {
      for (const [k, v] of value) {
        this.visit(k);
        this.visit(v);
      }
      return;
    }
    if (value instanceof Set) {
      for (const v of value) this.visit(v);
      return;
    }
    for (const key of Object.keys(value)) {
      let field: unknown;
      try {
        field = (value as Record<string, unknown>)[key];
      } catch {
        continue;
      }
      if (typeof field === 'object') this.visit(field);
    }
  };
}
