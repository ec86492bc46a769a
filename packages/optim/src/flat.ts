/**
 * One flat pass over all the parameters of a group (PyTorch's `foreach` idea): every update rule
 * here is element-wise given the group's hyperparameters and a parameter's scalar state (`step`,
 * ASGD's `eta`/`mu`, NAdam's `muProduct`), so once every parameter of a group has taken the same
 * steps, the group's parameters and each of their state buffers can live end to end in one array
 * each, and one call of the update function over those arrays does what one call per parameter
 * did, bit for bit. That saves the per-parameter bookkeeping (hundreds of nanoseconds each) for
 * groups of many small parameters, and lets the fused WebAssembly kernels run over the whole group.
 *
 * The parameters keep their own storage objects; only the array behind each storage is swapped
 * for its slice of the group's array (as `p.data = t` would), with the same values. A group whose
 * parameters or state no longer sit in their slices (a `p.data` swap, a loaded state dict, a
 * parameter without a gradient this step) simply takes the per-parameter path, and is laid out
 * again later.
 */
import { Tensor } from '@descent/autograd';
import { Storage, wasmKernels } from '@descent/tensor';
import type { FloatArray } from '@descent/tensor';
import { floats } from './buffers';
import type { ParamState, StateValue } from './param-state';

/** Fewest parameters for which a group is laid out flat (one parameter gains nothing). */
const MIN_PARAMS = 2;

/** A parameter with its gradient and state, as the update loops see it. */
export interface FlatEntry {
  param: Tensor;
  grad: Tensor;
  state: ParamState;
}

/** A group laid out flat: the group's array for the params, the gradients and each state buffer. */
export interface FlatLayout {
  params: readonly Tensor[];
  /** Start of each parameter in the flat arrays. */
  offsets: readonly number[];
  /** Parameter i's slice of the flat θ and of the flat g. */
  paramSlices: readonly FloatArray[];
  gradSlices: readonly FloatArray[];
  /** Each state key holding buffers: the flat tensor handed to the update and the slices per parameter. */
  buffers: readonly { key: string; flat: Tensor; slices: readonly FloatArray[] }[];
  /** The state keys holding numbers, written back to every parameter after the update. */
  scalarKeys: readonly string[];
  /** The state keys holding null in every parameter (e.g. SGD's buffer without momentum). */
  nullKeys: readonly string[];
  /** The one entry (and list) handed to the update loop, refilled each step. */
  entry: FlatEntry;
  list: FlatEntry[];
}

function wholeStorage(t: Tensor): FloatArray | null {
  const data = t.storage.data;
  if (!(data instanceof Float32Array || data instanceof Float64Array)) return null;
  return t.offset === 0 && data.length === t.numel() && t.isContiguous() ? data : null;
}

/**
 * Whether `entries` (every parameter of a group, each with a gradient) can share one flat pass:
 * one float dtype, whole contiguous storages, and states with the same keys and equal numbers.
 */
function eligible(entries: readonly FlatEntry[], groupSize: number): boolean {
  if (entries.length < MIN_PARAMS || entries.length !== groupSize) return false;
  const first = entries[0] as FlatEntry;
  const dtype = first.param.dtype;
  if (dtype !== 'float32' && dtype !== 'float64') return false;
  const keys = Object.keys(first.state);
  for (const { param, grad, state } of entries) {
    if (param.dtype !== dtype || grad.dtype !== dtype || wholeStorage(param) === null) return false;
    const stateKeys = Object.keys(state);
    if (stateKeys.length !== keys.length) return false;
    for (const key of keys) {
      const value = state[key];
      const reference = first.state[key];
      if (value === undefined) return false;
      if (typeof reference === 'number' || reference === null) {
        if (value !== reference) return false;
      } else if (!(value instanceof Tensor) || value.dtype !== dtype || value.numel() !== param.numel() || wholeStorage(value) === null) {
        return false;
      }
    }
  }
  return true;
}

/** Flat arrays for `lengths`, in WebAssembly memory when it is shared (float32 or float64). */
function flatArrays(dtype: 'float32' | 'float64', lengths: readonly number[]): { whole: FloatArray; views: FloatArray[] } {
  const k = wasmKernels();
  if (k !== null) return k.allocViews(dtype, lengths);
  const total = lengths.reduce((a, b) => a + b, 0);
  const whole = dtype === 'float32' ? new Float32Array(total) : new Float64Array(total);
  const views: FloatArray[] = [];
  let offset = 0;
  for (const length of lengths) {
    views.push(whole.subarray(offset, offset + length));
    offset += length;
  }
  return { whole, views };
}

/** Moves `tensors[i]`'s values into `views[i]` and makes that slice its storage's array. */
function rehome(tensors: readonly Tensor[], views: readonly FloatArray[]): void {
  tensors.forEach((t, i) => {
    const view = views[i] as FloatArray;
    view.set(t.storage.data);
    t.storage.data = view;
    t.storage.pooled = false; // a slice of the flat buffer is never the pools' to take back
  });
}

/**
 * Lays a group out flat when `entries` allow it (see {@link eligible}); null otherwise. Values
 * are copied into the group's arrays once; each step then only gathers the gradients.
 */
export function layOut(entries: readonly FlatEntry[], groupSize: number): FlatLayout | null {
  if (!eligible(entries, groupSize)) return null;
  const first = entries[0] as FlatEntry;
  const dtype = first.param.dtype as 'float32' | 'float64';
  const params = entries.map((e) => e.param);
  const lengths = params.map((p) => p.numel());
  const offsets: number[] = [];
  lengths.reduce((start, n) => (offsets.push(start), start + n), 0);
  const flatTensor = (whole: FloatArray): Tensor => first.param._make(new Storage(whole), [whole.length], [1], 0, dtype);
  const buffers: { key: string; flat: Tensor; slices: readonly FloatArray[] }[] = [];
  const scalarKeys: string[] = [];
  const nullKeys: string[] = [];

  const paramArrays = flatArrays(dtype, lengths);
  rehome(params, paramArrays.views);
  const gradArrays = flatArrays(dtype, lengths);
  for (const [key, value] of Object.entries(first.state)) {
    if (typeof value === 'number') scalarKeys.push(key);
    else if (value === null) nullKeys.push(key);
    else {
      const arrays = flatArrays(dtype, lengths);
      rehome(entries.map((e) => e.state[key] as Tensor), arrays.views);
      buffers.push({ key, flat: flatTensor(arrays.whole), slices: arrays.views });
    }
  }
  const entry: FlatEntry = { param: flatTensor(paramArrays.whole), grad: flatTensor(gradArrays.whole), state: {} };
  return { params, offsets, paramSlices: paramArrays.views, gradSlices: gradArrays.views, buffers, scalarKeys, nullKeys, entry, list: [entry] };
}

/**
 * Called when the optimizer leaves `layout` for good: the flat gradient array is the layout's own
 * scratch (the gradients are gathered into it each step; nothing else holds it), so its wasm
 * block goes back to the heap now rather than whenever the collector runs. The parameter and
 * state arrays are left to the collector: a parameter's storage or a state tensor taken out of
 * the optimizer may still point into them.
 */
export function dropLayout(layout: FlatLayout): void {
  wasmKernels()?.release(layout.entry.grad.storage.data as FloatArray);
}

/**
 * Whether `layout` still describes `entries`: the same parameters in order, each parameter and
 * state buffer still backed by its slice, the numbers equal across parameters.
 */
export function stillLaidOut(layout: FlatLayout, entries: readonly FlatEntry[]): boolean {
  if (entries.length !== layout.params.length) return false;
  const first = (entries[0] as FlatEntry).state;
  for (let i = 0; i < entries.length; i++) {
    const { param, state } = entries[i] as FlatEntry;
    if (param !== layout.params[i] || param.storage.data !== layout.paramSlices[i]) return false;
    for (const { key, slices } of layout.buffers) {
      const buffer = state[key];
      if (!(buffer instanceof Tensor) || buffer.storage.data !== slices[i]) return false;
    }
    for (const key of layout.scalarKeys) if (state[key] !== first[key]) return false;
    for (const key of layout.nullKeys) if (state[key] !== null) return false;
  }
  return true;
}

/**
 * The single entry that stands for the whole group: the flat θ, the gradients gathered into the
 * flat g, and a state whose buffers are the flat ones and whose numbers are the parameters' own.
 */
export function gather(layout: FlatLayout, entries: readonly FlatEntry[]): FlatEntry[] {
  for (let i = 0; i < entries.length; i++) (layout.gradSlices[i] as FloatArray).set(floats((entries[i] as FlatEntry).grad));
  const first = (entries[0] as FlatEntry).state;
  const state = layout.entry.state;
  for (const key of layout.scalarKeys) state[key] = first[key] as StateValue;
  for (const key of layout.nullKeys) state[key] = null;
  for (const { key, flat } of layout.buffers) state[key] = flat;
  return layout.list;
}

/**
 * After the update: the numbers the update wrote go back to every parameter's state. A buffer
 * the update created (SGD's momentum buffer when momentum was turned on) is split into one view
 * per parameter; the caller then drops the layout, so the next step lays the group out anew.
 * Returns false in that case.
 */
export function scatter(layout: FlatLayout, stateOf: (param: Tensor) => ParamState): boolean {
  const flat = layout.entry.state;
  for (const key of layout.scalarKeys) for (const p of layout.params) stateOf(p)[key] = flat[key] as number;
  let unchanged = true;
  for (const key of layout.nullKeys) {
    const created = flat[key];
    if (!(created instanceof Tensor)) continue;
    unchanged = false;
    layout.params.forEach((p, i) => {
      stateOf(p)[key] = created._make(created.storage, [...p.shape], [...p.strides], layout.offsets[i] as number, created.dtype);
    });
  }
  return unchanged;
}
