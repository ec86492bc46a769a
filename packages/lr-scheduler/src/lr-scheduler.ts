/**
 * The base of the epoch-based schedulers (torch.optim.lr_scheduler._LRScheduler, 1.13): it owns
 * `lastEpoch`, `baseLrs` (each group's `initialLr`), the step protocol and state dicts. A subclass
 * stores its numbers, implements `getLr()` (PyTorch's chainable form, from the groups' current lrs)
 * and, where PyTorch has one, `closedFormLr()` (used by `step(epoch)`).
 *
 * A scheduler needs only `{ paramGroups: [{ lr }] }`, so it drives any optimizer.
 */

import { checkEpoch, checkFieldKinds, checkNumber, checkOptimizer, describeValue, integerFrom, isRecord } from './options';

/** One parameter group as a scheduler sees it. */
export interface SchedulableParamGroup {
  /** The group's current learning rate (what schedulers write). */
  lr: number;
  /** The lr the schedule starts from; set at construction when absent (PyTorch's `initial_lr`). */
  initialLr?: number;
  /** SGD-like momentum, cycled by CyclicLR and OneCycleLR. */
  momentum?: number;
  /** Adam-like betas; OneCycleLR cycles `betas[0]`. */
  betas?: readonly [number, number] | [number, number];
  /** Anything else the optimizer keeps (OneCycleLR adds maxLr, minLr, maxMomentum, baseMomentum). */
  [key: string]: unknown;
}

/** Anything with parameter groups: our optimizers, or anyone else's. */
export interface SchedulableOptimizer {
  readonly paramGroups: SchedulableParamGroup[];
  /** Used to tell momentum optimizers from Adam-like ones (cycling schedulers). */
  readonly defaults?: Readonly<Record<string, unknown>> | object;
}

/** A scheduler's serialisable state. */
export type SchedulerStateDict = Record<string, unknown>;

/** The common surface of every scheduler (including ReduceLROnPlateau and the composites). */
export interface Scheduler {
  /** The optimizer whose groups it writes. */
  readonly optimizer: SchedulableOptimizer;
  /** Epochs (or batches) stepped so far; 0 right after construction. */
  lastEpoch: number;
  /** Advances the schedule (ReduceLROnPlateau takes this epoch's metric). */
  step(...args: never[]): void;
  /** The lrs the last step wrote, one per group. */
  getLastLr(): number[];
  /** Its state as plain data (no functions), safe to clone or JSON-encode. */
  stateDict(): SchedulerStateDict;
  /** Restores a state from `stateDict()`. */
  loadStateDict(sd: SchedulerStateDict): void;
}

/** Keys never saved: the optimizer and callables. */
const NOT_STATE = new Set(['optimizer']);

/** Functions (and lists of them) are code, not state: PyTorch does not save plain lambdas either. */
function isCallable(v: unknown): boolean {
  return typeof v === 'function' || (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'function'));
}

/** Saves every own data field (not the optimizer or functions), deep-copied. */
export function saveFields(obj: object, skip: readonly string[] = []): SchedulerStateDict {
  const out: SchedulerStateDict = {};
  for (const [k, v] of Object.entries(obj)) {
    if (NOT_STATE.has(k) || skip.includes(k) || isCallable(v)) continue;
    out[k] = structuredClone(v);
  }
  return out;
}

/**
 * Restores fields saved by {@link saveFields}. Everything is checked before anything changes: the
 * dict's kind, unknown keys, each value's kind against the field it replaces, then `check` (the
 * constructor's range checks) on the fields as they would be after the load.
 */
export function loadFields(obj: object, sd: SchedulerStateDict, skip: readonly string[] = [], check?: (fields: Record<string, unknown>) => void): void {
  const owner = obj.constructor.name;
  if (!isRecord(sd)) throw new TypeError(`${owner}.loadStateDict: expected a state dict from stateDict(), got ${describeValue(sd)}`);
  const own = new Set(Object.keys(obj));
  const entries = Object.entries(sd).filter(([k]) => !NOT_STATE.has(k) && !skip.includes(k));
  const unknown = entries.find(([k]) => !own.has(k));
  if (unknown) throw new RangeError(`loadStateDict: unexpected key ${unknown[0]} for ${obj.constructor.name}`);
  checkFieldKinds(owner, obj, Object.fromEntries(entries));
  check?.({ ...(obj as Record<string, unknown>), ...Object.fromEntries(entries) });
  for (const [k, v] of entries) (obj as Record<string, unknown>)[k] = structuredClone(v);
}

/**
 * Base class of the schedulers. Subclasses call `this.initialStep()` at the end of their
 * constructor, which performs PyTorch's construction step (lastEpoch −1 → 0, or lastEpoch → +1
 * when resuming: groups must then hold `initialLr`, as an optimizer's saved state does).
 *
 * @example
 * // Halve the lr every epoch (chainable: from the groups' current lrs).
 * class HalvingLR extends LRScheduler {
 *   constructor(optimizer: SchedulableOptimizer) { super(optimizer); this.initialStep(); }
 *   protected getLr() { return this.lastEpoch === 0 ? this.groupLrs() : this.groupLrs().map((lr) => lr / 2); }
 * }
 */
export abstract class LRScheduler implements Scheduler {
  readonly optimizer: SchedulableOptimizer;
  /** The index of the last epoch (−1 before the construction step). */
  lastEpoch: number;
  /** Each group's initial lr. */
  baseLrs: number[];
  /** Number of `step()` calls (including the construction step). */
  stepCount = 0;
  protected lastLr: number[] = [];

  constructor(optimizer: SchedulableOptimizer, lastEpoch = -1) {
    checkOptimizer(new.target.name, optimizer);
    checkNumber(new.target.name, 'lastEpoch', lastEpoch, integerFrom(-1), 'an integer >= -1');
    const groups = optimizer.paramGroups;
    if (lastEpoch === -1) {
      for (const g of groups) if (g.initialLr === undefined) g.initialLr = g.lr;
    } else {
      groups.forEach((g, i) => {
        if (g.initialLr === undefined) {
          throw new Error(`param 'initial_lr' is not specified in param_groups[${i}] when resuming an optimizer`);
        }
      });
    }
    this.optimizer = optimizer;
    this.baseLrs = groups.map((g) => g.initialLr as number);
    this.lastEpoch = lastEpoch;
  }

  /** PyTorch's chainable rule: the new lr of each group from the current ones. */
  protected abstract getLr(): number[];

  /** The closed form at `lastEpoch`, where PyTorch has one (used by `step(epoch)`). */
  protected closedFormLr?(): number[];

  /** The construction step: lastEpoch −1 → 0. */
  protected initialStep(): void {
    this.stepCount = 0;
    this.step();
  }

  /** Advances one epoch (or jumps to `epoch`, deprecated in PyTorch) and writes the new lrs. */
  step(epoch?: number): void {
    checkEpoch(this.constructor.name, epoch);
    this.stepCount++;
    let values: number[];
    if (epoch === undefined) {
      this.lastEpoch++;
      values = this.getLr();
    } else {
      this.lastEpoch = epoch;
      values = this.closedFormLr ? this.closedFormLr() : this.getLr();
    }
    this.optimizer.paramGroups.forEach((g, i) => (g.lr = values[i] as number));
    this.lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }

  /** The lrs written by the last step. */
  getLastLr(): number[] {
    return [...this.lastLr];
  }

  /** Every data field except the optimizer (and callables such as lrLambda). */
  stateDict(): SchedulerStateDict {
    return saveFields(this);
  }

  /** Restores a state from {@link stateDict}. */
  loadStateDict(sd: SchedulerStateDict): void {
    loadFields(this, sd, [], (fields) => {
      const owner = `${this.constructor.name}.loadStateDict`;
      checkNumber(owner, 'lastEpoch', fields.lastEpoch, (x) => Number.isFinite(x) && x >= -1, 'a finite number >= -1');
      checkNumber(owner, 'stepCount', fields.stepCount, integerFrom(0), 'an integer >= 0');
      const n = this.optimizer.paramGroups.length;
      const baseLrs = fields.baseLrs as unknown[];
      if (baseLrs.length !== n || !baseLrs.every((x) => typeof x === 'number' && Number.isFinite(x)))
        throw new RangeError(`${owner}: baseLrs must hold ${n} finite numbers (one per group), got ${describeValue(baseLrs)}`);
      this.checkFields(fields);
    });
  }

  /**
   * The constructor's range checks on a scheduler's fields as a loaded state dict would set them
   * (run by `loadStateDict` before anything changes). Override per scheduler.
   */
  protected checkFields(_fields: Record<string, unknown>): void {}

  /** The current lrs of the groups. */
  protected groupLrs(): number[] {
    return this.optimizer.paramGroups.map((g) => g.lr);
  }
}

/** One value per group: a number is repeated, a list must have one entry per group. */
export function perGroup(name: string, optimizer: SchedulableOptimizer, value: number | readonly number[]): number[] {
  const n = optimizer.paramGroups.length;
  const check = (v: unknown): void => {
    if (typeof v !== 'number') throw new TypeError(`${name} must be a number or a list of one number per group, got ${describeValue(value)}`);
    if (!(Number.isFinite(v) && v >= 0)) throw new RangeError(`${name} must be finite and >= 0, got ${describeValue(value)}`);
  };
  if (typeof value === 'number') {
    check(value);
    return new Array<number>(n).fill(value);
  }
  if (!Array.isArray(value)) check(value);
  const list: readonly number[] = value;
  if (list.length !== n) throw new RangeError(`expected ${n} values for ${name}, got ${list.length}`);
  list.forEach(check);
  return [...list];
}

/** Python's modulo (the sign of the divisor). */
export function pyMod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

/** One function per group: a single function is shared, a list must have one per group. */
export function perGroupFn<F>(owner: string, optimizer: SchedulableOptimizer, value: F | F[]): F[] {
  const n = optimizer.paramGroups.length;
  if (Array.isArray(value) && value.length !== n) throw new RangeError(`Expected ${n} lr_lambdas, but got ${value.length}`);
  const list: unknown[] = Array.isArray(value) ? value : [value];
  const bad = list.find((f) => typeof f !== 'function');
  if (list.some((f) => typeof f !== 'function')) {
    throw new TypeError(`${owner}: lrLambda must be a function or a list of one function per group, got ${bad === null ? 'null' : typeof bad}`);
  }
  return Array.isArray(value) ? [...value] : new Array<F>(n).fill(value);
}

/** A composite's state: its own fields plus each child's state dict (SequentialLR, ChainedScheduler). */
export function saveComposite(obj: object, children: readonly Scheduler[]): SchedulerStateDict {
  return { ...saveFields(obj, ['schedulers']), schedulers: children.map((s) => s.stateDict()) };
}

/** Restores a state from {@link saveComposite}. */
export function loadComposite(obj: object, children: readonly Scheduler[], sd: SchedulerStateDict): void {
  if (!isRecord(sd)) throw new TypeError(`${obj.constructor.name}.loadStateDict: expected a state dict from stateDict(), got ${describeValue(sd)}`);
  const states = sd.schedulers as SchedulerStateDict[];
  if (!Array.isArray(states) || states.length !== children.length) {
    throw new RangeError(`loadStateDict: expected ${children.length} child scheduler states, got ${Array.isArray(states) ? states.length : 'none'}`);
  }
  // Each child checks its own state before changing it; a later child refusing restores the ones
  // already loaded, so a refused load changes nothing.
  const before = { own: saveFields(obj, ['schedulers']), children: children.map((s) => s.stateDict()) };
  try {
    loadFields(obj, sd, ['schedulers'], (f) => checkNumber(`${obj.constructor.name}.loadStateDict`, 'lastEpoch', f.lastEpoch, Number.isFinite, 'a finite number'));
    children.forEach((s, i) => s.loadStateDict(states[i] as SchedulerStateDict));
  } catch (e) {
    loadFields(obj, before.own, ['schedulers']);
    children.forEach((s, i) => s.loadStateDict(before.children[i] as SchedulerStateDict));
    throw e;
  }
}
