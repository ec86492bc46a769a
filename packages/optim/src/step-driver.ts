/**
 * The bookkeeping around one optimizer step: which parameters have gradients, contiguous working
 * copies of strided ones (written back afterwards), groups laid out for one flat pass (flat.ts),
 * and the storage-version bump that tells autograd the parameters changed in place.
 */
import { gradOf, noGrad } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { moveIntoWasm } from './buffers';
import { dropLayout, gather, layOut, scatter, stillLaidOut, type FlatLayout } from './flat';
import { isEmpty } from './param-state';
import type { ParamState } from './param-state';

/** A parameter with a gradient, as the update loops see it. */
export interface ParamEntry {
  param: Tensor;
  grad: Tensor;
  state: ParamState;
}

/** Layouts a group may get (see paramsWithGrad) before it stays on the per-parameter path. */
const MAX_LAYOUTS = 4;

/** The per-step bookkeeping of one optimizer; `G` is its parameter-group type. */
export class StepDriver<G extends { params: Tensor[] }> {
  /** (parameter, contiguous working copy) pairs of the current step, written back after it. */
  private readonly writeBacks: [Tensor, Tensor][] = [];
  /** Reused by paramsWithGrad, so a step allocates no bookkeeping objects after the first. */
  private readonly entries: ParamEntry[] = [];
  /** The parameters the current step writes (their storage versions are bumped after it). */
  private readonly stepped: Tensor[] = [];
  /** Groups laid out for one flat pass (see flat.ts), and those stepped flat in this step. */
  private readonly layouts = new Map<G, FlatLayout>();
  private readonly steppedFlat: FlatLayout[] = [];
  /** How often each group was laid out: one that keeps leaving its layout stops being laid out. */
  private readonly layoutCounts = new Map<G, number>();
  /** Groups that could not be laid out flat and whose large params were moved into wasm memory. */
  private readonly residentGroups = new WeakSet<G>();

  /**
   * Runs the update `body` without grad, then writes the flat groups' numbers and the strided
   * parameters back and bumps the versions of every parameter stepped (also when `body` throws).
   */
  run(states: ReadonlyMap<Tensor, ParamState>, body: () => void): void {
    try {
      noGrad(() => {
        body();
        // Groups stepped in one flat pass: their numbers (step, …) go back to every parameter.
        for (const layout of this.steppedFlat) {
          if (!scatter(layout, (p) => states.get(p) as ParamState)) {
            for (const [group, l] of this.layouts) if (l === layout) this.layouts.delete(group);
          }
        }
        // Non-contiguous parameters were updated in contiguous copies: write them back.
        for (const [param, work] of this.writeBacks) param.data.copy_(work);
      });
    } finally {
      // An update is an in-place op: autograd must see it (a graph that saved a parameter before
      // the step refuses to backpropagate through it afterwards, as PyTorch does).
      for (const p of this.stepped) p.storage.version++;
      this.stepped.length = 0;
      this.writeBacks.length = 0;
      this.steppedFlat.length = 0;
      // Forget the step's gradients (an entry is refilled by the next paramsWithGrad): a memory
      // scope must not see a `.grad` that zeroGrad() dropped as still held by the optimizer.
      for (const entry of this.entries) entry.grad = entry.param;
    }
  }

  /**
   * The parameters of `group` that have a gradient, with their state (created by `init` on first
   * use and stored in `states`). The returned list and its entries are reused by the next call.
   */
  paramsWithGrad(
    group: G,
    states: Map<Tensor, ParamState>,
    init: (p: Tensor) => ParamState,
  ): readonly ParamEntry[] {
    const out = this.entries;
    let n = 0;
    let created = false;
    for (const param of group.params) {
      // The library's own read: leaves an engine-made `.grad` recyclable when zeroGrad() drops it.
      const grad = gradOf(param);
      if (grad === null) continue;
      this.stepped.push(param);
      let state = states.get(param);
      if (state === undefined || isEmpty(state)) {
        // A larger group is laid out flat from its second step (in wasm memory too): moving its
        // params now would copy them twice. It moves below if it cannot be laid out.
        if (group.params.length === 1 && param.storage.device === 'cpu') moveIntoWasm(param);
        state = init(param);
        states.set(param, state);
        created = true;
      }
      // The update loops run over contiguous memory; a strided parameter (a view) is updated in a
      // contiguous copy that run() writes back, and a strided gradient is read from a copy.
      let work = param;
      if (!param.isContiguous()) {
        work = param.detach().contiguous();
        this.writeBacks.push([param, work]);
      }
      const entry = out[n] ?? (out[n] = { param, grad, state });
      entry.param = work;
      entry.grad = grad.isContiguous() ? grad : grad.contiguous();
      entry.state = state;
      n++;
    }
    out.length = n;
    // GPU parameters are updated one fused kernel each, in their own buffers (no flat layout).
    if (n > 0 && (out[0] as ParamEntry).param.storage.device !== 'cpu') return out;
    // Once every parameter of the group has stepped alongside the others, one flat pass updates
    // them all (flat.ts); a group that no longer fits its layout goes back to one call each.
    let layout = this.layouts.get(group);
    if (layout !== undefined && !stillLaidOut(layout, out)) {
      this.layouts.delete(group);
      dropLayout(layout);
      layout = undefined;
    }
    // A group laid out again and again (two optimizers over the same tensors, a state dict loaded
    // every step) would allocate new arrays each time: after a few, it stays on the per-parameter path.
    const count = this.layoutCounts.get(group) ?? 0;
    if (layout === undefined && !created && count < MAX_LAYOUTS) {
      layout = layOut(out, group.params.length) ?? undefined;
      if (layout !== undefined) {
        this.layouts.set(group, layout);
        this.layoutCounts.set(group, count + 1);
      }
    }
    if (layout === undefined) {
      if (!created && !this.residentGroups.has(group)) {
        for (const entry of out) moveIntoWasm(entry.param);
        this.residentGroups.add(group);
      }
      return out;
    }
    this.steppedFlat.push(layout);
    return gather(layout, out);
  }
}
