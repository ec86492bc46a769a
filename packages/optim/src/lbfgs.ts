/**
 * L-BFGS (Nocedal 1980; Liu & Nocedal 1989), as torch.optim.LBFGS 1.13. Needs a closure that
 * re-evaluates the loss and its gradient; all parameters are treated as one flat vector.
 *
 *   each step: evaluate f, g;  stop at once if max|g| ≤ toleranceGrad
 *   repeat up to maxIter times:
 *     d ← −g on the first iteration ever; otherwise the two-loop recursion over the last
 *         historySize pairs (s = t·d, y = g − g_prev), kept only when yᵀs > 1e-10, with H₀ = yᵀs/yᵀy
 *     t ← min(1, 1/‖g‖₁)·lr on the very first iteration, else lr
 *     stop if gᵀd > −toleranceChange
 *     x ← x + t·d: with the strong-Wolfe search choosing t, or fixed t (then f, g are re-evaluated
 *         except on the last iteration)
 *     stop when evaluations ≥ maxEval, max|g| ≤ toleranceGrad, max|t·d| ≤ toleranceChange or
 *     |f − f_prev| < toleranceChange
 *   returns the loss of the first evaluation.
 */
import type { Tensor } from '@descent/autograd';
import { enableGrad, noGrad } from '@descent/autograd';
import { Optimizer } from './optimizer';
import { floats } from './buffers';
import { checkNonNegative } from './checks';
import { describeValue, optionsObject, withDefaults } from './options';
import type { OptimizerStateDict, ParamGroup, ParamGroupInput, ParamsInput } from './optimizer';
import { dot, strongWolfe } from './strong-wolfe';

/** Options of {@link LBFGS}. */
export interface LBFGSOptions {
  /** Step length. Default 1. */
  lr?: number;
  /** Iterations per `step`. Default 20. */
  maxIter?: number;
  /** Closure evaluations per `step`. Default ⌊maxIter·5/4⌋ (also when null, PyTorch's None). */
  maxEval?: number | null;
  /** First-order optimality tolerance. Default 1e-7. */
  toleranceGrad?: number;
  /** Tolerance on changes of the loss or the parameters. Default 1e-9. */
  toleranceChange?: number;
  /** Number of (s, y) pairs kept. Default 100. */
  historySize?: number;
  /** `'strong_wolfe'` or null (a fixed step). Default null. */
  lineSearchFn?: 'strong_wolfe' | null;
}

type Filled = Required<Omit<LBFGSOptions, 'lineSearchFn' | 'maxEval'>> & {
  maxEval: number;
  lineSearchFn: 'strong_wolfe' | null;
};

interface LbfgsMemory {
  funcEvals: number;
  nIter: number;
  d: Float64Array | null;
  t: number;
  oldDirs: Float64Array[];
  oldStps: Float64Array[];
  ro: number[];
  hDiag: number;
  prevFlatGrad: Float64Array | null;
  prevLoss: number;
}

/**
 * Limited-memory BFGS with an optional strong-Wolfe line search.
 *
 * @example
 * const opt = new LBFGS([x], { lineSearchFn: 'strong_wolfe' });
 * opt.step(() => { opt.zeroGrad(); const loss = f(x); loss.backward(); return loss; });
 */
export class LBFGS extends Optimizer<Filled> {
  private memory(): LbfgsMemory {
    const first = this.paramGroups[0]?.params[0] as Tensor;
    let s = this.state.get(first) as unknown as LbfgsMemory | undefined;
    if (s === undefined || s.funcEvals === undefined) {
      s = {
        funcEvals: 0,
        nIter: 0,
        d: null,
        t: 0,
        oldDirs: [],
        oldStps: [],
        ro: [],
        hDiag: 1,
        prevFlatGrad: null,
        prevLoss: 0,
      };
      this.state.set(first, s as unknown as Record<string, never>);
    }
    return s;
  }

  constructor(params: ParamsInput<Filled>, options: LBFGSOptions | number = {}) {
    const given = optionsObject(options, 'LBFGS') as LBFGSOptions;
    const maxIter = given.maxIter ?? 20;
    const defaults: Filled = {
      lr: 1,
      maxIter,
      maxEval: given.maxEval ?? Math.floor((maxIter * 5) / 4),
      toleranceGrad: 1e-7,
      toleranceChange: 1e-9,
      historySize: 100,
      lineSearchFn: null,
    };
    const { maxEval: _maxEval, ...rest } = given;
    super(params, checkLbfgs(withDefaults(defaults, rest, 'LBFGS')));
  }

  /** LBFGS treats its one group's parameters as one vector: a second group is refused. */
  override addParamGroup(group: ParamGroupInput<Filled>): void {
    if (this.paramGroups.length > 0)
      throw new RangeError("LBFGS doesn't support per-parameter options (parameter groups)");
    super.addParamGroup(group);
  }

  protected override validateGroup(group: ParamGroup<Filled>): void {
    checkLbfgs(group);
  }

  /** The saved history must be as long as this optimizer's flat parameter vector. */
  protected override validateState(sd: OptimizerStateDict): void {
    const total = this.params.reduce((n, p) => n + p.numel(), 0);
    for (const s of Object.values(sd.state)) {
      const flat = [s.d, s.prevFlatGrad, ...((s.oldDirs as unknown as unknown[] | undefined) ?? [])];
      for (const v of flat) {
        if (ArrayBuffer.isView(v) && (v as Float64Array).length !== total)
          throw new RangeError(
            `LBFGS.loadStateDict: the saved history is for ${(v as Float64Array).length} parameter values, this optimizer has ${total}`,
          );
      }
    }
  }

  private get params(): Tensor[] {
    return (this.paramGroups[0] as { params: Tensor[] }).params;
  }

  private flatGrad(): Float64Array {
    const total = this.params.reduce((n, p) => n + p.numel(), 0);
    const out = new Float64Array(total);
    let offset = 0;
    for (const p of this.params) {
      if (p.grad !== null)
        out.set(
          p.grad.isContiguous() ? floats(p.grad) : p.grad.contiguous().toTypedArray(),
          offset,
        );
      offset += p.numel();
    }
    return out;
  }

  private addToParams(stepSize: number, update: Float64Array): void {
    let offset = 0;
    for (const p of this.params) {
      // A strided parameter (a view) is updated in a contiguous copy, then written back.
      const work = p.isContiguous() ? p : p.detach().contiguous();
      const data = floats(work);
      for (let i = 0; i < data.length; i++)
        data[i] = (data[i] as number) + stepSize * (update[offset + i] as number);
      // The write is an in-place op on the parameter: autograd's version check must see it.
      if (work !== p) p.data.copy_(work);
      else p.storage.version++;
      offset += data.length;
    }
  }

  /** One optimisation step (several iterations); returns the loss of the first evaluation. */
  step(closure?: () => number | Tensor): number | undefined {
    if (closure === undefined)
      throw new TypeError(
        'LBFGS.step requires a closure that re-evaluates the model and returns the loss',
      );
    checkNotOnGPU(this.paramGroups);
    return this.withHooks(() => this.iterate(closure));
  }

  private iterate(closure: () => number | Tensor): number {
    const group = this.paramGroups[0] as unknown as Filled;
    const { lr, maxIter, maxEval, toleranceGrad, toleranceChange, historySize, lineSearchFn } =
      group;
    const evaluate = (): number => {
      const v = enableGrad(closure);
      return typeof v === 'number' ? v : v.item();
    };
    const state = this.memory();
    const origLoss = evaluate();
    let loss = origLoss;
    let currentEvals = 1;
    state.funcEvals += 1;
    let flatGrad = this.flatGrad();
    const maxAbs = (v: Float64Array): number => v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
    let optCond = maxAbs(flatGrad) <= toleranceGrad;
    if (optCond) return origLoss;

    let { d, t } = state;
    const { oldDirs, oldStps, ro } = state;
    let hDiag = state.hDiag;
    let prevFlatGrad = state.prevFlatGrad;
    let prevLoss = state.prevLoss;
    let nIter = 0;
    noGrad(() => {
      while (nIter < maxIter) {
        nIter++;
        state.nIter++;
        if (state.nIter === 1) {
          d = flatGrad.map((v) => -v);
          oldDirs.length = 0;
          oldStps.length = 0;
          ro.length = 0;
          hDiag = 1;
        } else {
          const prev = prevFlatGrad as Float64Array;
          const dir = d as Float64Array;
          const y = flatGrad.map((v, i) => v - (prev[i] as number));
          const s = dir.map((v) => v * t);
          const ys = dot(y, s);
          if (ys > 1e-10) {
            if (oldDirs.length === historySize) {
              oldDirs.shift();
              oldStps.shift();
              ro.shift();
            }
            oldDirs.push(y);
            oldStps.push(s);
            ro.push(1 / ys);
            hDiag = ys / dot(y, y);
          }
          const al = new Array<number>(oldDirs.length);
          const q = flatGrad.map((v) => -v);
          for (let i = oldDirs.length - 1; i >= 0; i--) {
            al[i] = dot(oldStps[i] as Float64Array, q) * (ro[i] as number);
            const yi = oldDirs[i] as Float64Array;
            for (let k = 0; k < q.length; k++)
              q[k] = (q[k] as number) - (al[i] as number) * (yi[k] as number);
          }
          const r = q.map((v) => v * hDiag);
          for (let i = 0; i < oldDirs.length; i++) {
            const be = dot(oldDirs[i] as Float64Array, r) * (ro[i] as number);
            const si = oldStps[i] as Float64Array;
            for (let k = 0; k < r.length; k++)
              r[k] = (r[k] as number) + ((al[i] as number) - be) * (si[k] as number);
          }
          d = r;
        }
        prevFlatGrad = flatGrad.slice();
        prevLoss = loss;
        const dir = d;
        t =
          state.nIter === 1
            ? Math.min(1, 1 / flatGrad.reduce((a, v) => a + Math.abs(v), 0)) * lr
            : lr;
        const gtd = dot(flatGrad, dir);
        if (gtd > -toleranceChange) break;
        let lsEvals = 0;
        if (lineSearchFn !== null) {
          const x0 = this.params.map((p) => p.detach().clone());
          const objective = (step: number): [number, Float64Array] => {
            this.addToParams(step, dir);
            const f = evaluate();
            const g = this.flatGrad();
            this.params.forEach((p, i) => p.data.copy_(x0[i] as Tensor));
            return [f, g];
          };
          const result = strongWolfe(objective, t, dir, loss, flatGrad, gtd);
          loss = result.loss;
          flatGrad = result.grad;
          t = result.t;
          lsEvals = result.evals;
          this.addToParams(t, dir);
          optCond = maxAbs(flatGrad) <= toleranceGrad;
        } else {
          this.addToParams(t, dir);
          if (nIter !== maxIter) {
            loss = evaluate();
            flatGrad = this.flatGrad();
            optCond = maxAbs(flatGrad) <= toleranceGrad;
            lsEvals = 1;
          }
        }
        currentEvals += lsEvals;
        state.funcEvals += lsEvals;
        if (nIter === maxIter) break;
        if (currentEvals >= maxEval) break;
        if (optCond) break;
        if (maxAbs(dir.map((v) => v * t)) <= toleranceChange) break;
        if (Math.abs(loss - prevLoss) < toleranceChange) break;
      }
    });
    Object.assign(state, { d, t, hDiag, prevFlatGrad, prevLoss });
    return origLoss;
  }

  /** PyTorch's counters after the last step: closure evaluations and iterations. */
  get counters(): { funcEvals: number; nIter: number } {
    const s = this.memory();
    return { funcEvals: s.funcEvals, nIter: s.nIter };
  }
}

/** PyTorch's checks (lr, the line search), and whole-number iteration counts. */
function checkLbfgs<T extends Filled>(o: T): T {
  checkNonNegative(o.lr, 'learning rate');
  for (const key of ['maxIter', 'maxEval', 'historySize'] as const) {
    const v = o[key];
    if (!(Number.isInteger(v) && v > 0)) throw new RangeError(`LBFGS: ${key} must be a whole number > 0, got ${describeValue(v)}`);
  }
  if (o.lineSearchFn !== null && o.lineSearchFn !== 'strong_wolfe')
    throw new RangeError(`only 'strong_wolfe' is supported, got lineSearchFn ${describeValue(o.lineSearchFn)}`);
  return o;
}

/**
 * LBFGS stays on the CPU: its line search and its convergence tests branch on losses and norms
 * every iteration, which on webgpu would be a synchronous readback each time.
 */
function checkNotOnGPU(groups: ReadonlyArray<{ params: readonly Tensor[] }>): void {
  for (const group of groups) {
    for (const p of group.params) {
      if (p.storage.device !== 'cpu') {
        throw new Error(
          `LBFGS.step() does not run on webgpu (a parameter is on '${p.storage.device}'): its line search and convergence tests need the loss and gradient norms as numbers on every iteration, a synchronous readback on the GPU. Move the parameters to the CPU (await p.toAsync('cpu')) and build LBFGS over them, or use a first-order optimizer (Adam, SGD, …), which steps on webgpu`,
        );
      }
    }
  }
}
