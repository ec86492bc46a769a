/**
 * Adafactor (Shazeer & Stern 2018, "Adaptive Learning Rates with Sublinear Memory Cost",
 * https://arxiv.org/abs/1804.04235), as torch.optim.Adafactor (PyTorch 2.5,
 * https://pytorch.org/docs/stable/generated/torch.optim.Adafactor.html).
 *
 *   inputs: γ lr, τ beta2Decay, (ε₁, ε₂) eps, d clipping threshold, λ weightDecay, maximize
 *   state: t (step) = 0; for a parameter of 2 or more dims R (rowVar, last dim reduced to 1) = 0 and
 *          C (colVar, second-to-last dim reduced to 1) = 0, else V (variance) = 0
 *   each step: G ← −g if maximize else g;  t ← t + 1
 *     β̂₂ ← 1 − t^τ;   ρ ← min(γ, 1/√t);   α ← max(ε₂, RMS(θ))·ρ
 *     θ ← θ − γλ·θ
 *     if dim(G) > 1:
 *       R ← β̂₂·R + (1 − β̂₂)·mean over columns of G⊙G
 *       C ← β̂₂·C + (1 − β̂₂)·mean over rows of G⊙G
 *       V̂ ← R·C / max(mean(R), ε₁)                       (per matrix of the leading dims)
 *     else: V̂ ← V ← β̂₂·V + (1 − β̂₂)·G⊙G
 *     U ← G / √max(V̂, ε₁²);   Û ← U / max(1, RMS(U)/d)
 *     θ ← θ − α·Û
 *
 * As PyTorch (and unlike the paper): γ caps the relative step ρ and scales the decoupled weight
 * decay; the moments are means, not sums; ε₁ (default: the dtype's machine epsilon) guards V̂ and U
 * instead of being added to G². The factored moments live on the last two dims.
 */
import { zeros } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import type { FloatArray } from '@descent/tensor';
import { wasmKernels } from '@descent/tensor';
import { FUSED_THRESHOLD } from './fused';
import { Optimizer } from './optimizer';
import { floats, zerosLikeParam } from './buffers';
import { pyNumber } from './checks';
import { eachParam, lerp, lerpTensor } from './each-param';
import { withDefaults } from './options';
import type { OptimizerStateDict, ParamGroup, ParamState, ParamsInput } from './optimizer';

/** Options of {@link Adafactor}. */
export interface AdafactorOptions {
  /** γ: the cap on the relative step size ρ, and the weight-decay scale. Default 1e-2. */
  lr?: number;
  /** τ: β̂₂ = 1 − t^τ. Default -0.8. */
  beta2Decay?: number;
  /** (ε₁, ε₂): ε₁ guards the variance (null: the dtype's machine epsilon), ε₂ the RMS of θ. Default [null, 1e-3]. */
  eps?: [number | null, number];
  /** d: clipping threshold of the update's RMS. Default 1. */
  d?: number;
  /** λ: decoupled weight decay (scaled by γ). Default 0. */
  weightDecay?: number;
  /** Maximise the objective instead. Default false. */
  maximize?: boolean;
}

type Filled = Required<AdafactorOptions>;

/** Machine epsilon per dtype, as torch.finfo(dtype).eps. */
const FINFO_EPS = { float32: 2 ** -23, float64: 2 ** -52 } as const;

/** Scratch space for the update U (reused: Adafactor is meant for memory-tight models). */
let scratch = new Float64Array(0);
let colScratch = new Float64Array(0);

/**
 * Adafactor: Adam-like steps with factored second moments (O(n + m) memory per n×m weight).
 *
 * @example
 * const opt = new Adafactor(model.parameters(), { lr: 1e-2, weightDecay: 1e-2 });
 */
export class Adafactor extends Optimizer<Filled> {
  constructor(params: ParamsInput<Filled>, options: AdafactorOptions = {}) {
    const defaults: Filled = { lr: 1e-2, beta2Decay: -0.8, eps: [null, 1e-3], d: 1, weightDecay: 0, maximize: false };
    super(params, checkAdafactor(withDefaults(defaults, options, 'Adafactor')));
  }

  protected override validateGroup(group: ParamGroup<Filled>): void {
    checkAdafactor(group);
  }

  protected override runsOnWebGPU(): boolean {
    return true;
  }

  step(closure?: () => number | Tensor): number | undefined {
    return this.runStep(closure, () => {
      for (const group of this.paramGroups) {
        // As the reference, ε₁ = null takes the machine epsilon of the group's first stepped param.
        let eps1 = group.eps[0];
        eachParam(group, this.state, adafactorState, ({ param, values, grad, state }) => {
          eps1 ??= FINFO_EPS[param.dtype as 'float32' | 'float64'];
          adafactorUpdate(values, grad, state, group, param.shape, eps1);
        }, (param, grad, state) => {
          eps1 ??= FINFO_EPS[param.dtype as 'float32' | 'float64'];
          adafactorGPUUpdate(param, grad, state, group, eps1);
        });
      }
    });
  }

  /**
   * As the base's, with the factored moments checked against their own shapes (the last dim, or
   * the second to last, reduced to 1) instead of the parameter's.
   *
   * @example
   * opt.loadStateDict(saved);
   */
  override loadStateDict(sd: OptimizerStateDict): void {
    const params = this.paramGroups.flatMap((g) => g.params);
    const factored = new Map<number, { rowVar: Tensor; colVar: Tensor }>();
    const stripped: OptimizerStateDict = { paramGroups: sd.paramGroups, state: {} };
    for (const [key, s] of Object.entries(sd.state)) {
      const { rowVar, colVar, ...rest } = s;
      stripped.state[Number(key)] = rest;
      if (rowVar === undefined && colVar === undefined) continue;
      const p = params[Number(key)];
      if (p === undefined || p.ndim < 2)
        throw new RangeError(`loaded state dict has rowVar/colVar for parameter ${key}, which is not a matrix`);
      const rowShape = [...p.shape.slice(0, -1), 1];
      const colShape = [...p.shape.slice(0, -2), 1, p.shape[p.ndim - 1] as number];
      for (const [name, t, shape] of [['rowVar', rowVar, rowShape], ['colVar', colVar, colShape]] as const) {
        if (!(t instanceof Object) || !('shape' in t) || t.shape.join() !== shape.join())
          throw new RangeError(`loaded state dict has ${name} of parameter ${key} that is not a tensor of shape [${shape.join(', ')}]`);
      }
      factored.set(Number(key), { rowVar: rowVar as Tensor, colVar: colVar as Tensor });
    }
    super.loadStateDict(stripped);
    for (const [key, { rowVar, colVar }] of factored) {
      const p = params[key] as Tensor;
      const state = this.state.get(p) as ParamState;
      state.rowVar = onDevice(rowVar.to(p.dtype), p).clone();
      state.colVar = onDevice(colVar.to(p.dtype), p).clone();
    }
  }
}

/** `t` on `p`'s device (the factored moments of a GPU parameter live on the GPU). */
function onDevice(t: Tensor, p: Tensor): Tensor {
  return p.storage.device === 'cpu' ? t : t.to(p.storage.device);
}

/** The state of a parameter on its first step. */
function adafactorState(p: Tensor): ParamState {
  if (p.ndim < 2) {
    return {
      step: 0, // number of updates so far
      variance: zerosLikeParam(p), // V: running mean of G²
    };
  }
  return {
    step: 0,
    rowVar: onDevice(zeros([...p.shape.slice(0, -1), 1], { dtype: p.dtype }), p), // R: running mean of G² per row
    colVar: onDevice(zeros([...p.shape.slice(0, -2), 1, p.shape[p.ndim - 1] as number], { dtype: p.dtype }), p), // C: per column
  };
}

/** PyTorch's checks and messages, in its order. */
function checkAdafactor<T extends Filled>(o: T): T {
  if (!(o.lr >= 0)) throw new RangeError(`Learning rate should be >= 0 but is: ${pyNumber(o.lr)}`);
  if (!(o.beta2Decay <= 0)) throw new RangeError(`beta2_decay should be <= 0 but is: ${pyNumber(o.beta2Decay)}`);
  if (!Array.isArray(o.eps) || o.eps.length !== 2)
    throw new TypeError(`eps: expected a pair [epsilon1 or null, epsilon2], got ${JSON.stringify(o.eps)}`);
  const [eps1, eps2] = o.eps;
  if (eps1 !== null && !(eps1 >= 0)) throw new RangeError(`epsilon1 should be >= 0 but is: ${pyNumber(eps1)}`);
  if (!(eps2 >= 0)) throw new RangeError(`epsilon2 should be >= 0 but is: ${pyNumber(eps2)}`);
  if (!(o.d >= 1)) throw new RangeError(`Clipping threshold d should be >= 1 but is: ${pyNumber(o.d)}`);
  if (!(o.weightDecay >= 0)) throw new RangeError(`weight_decay should be >= 0 but is: ${pyNumber(o.weightDecay)}`);
  return o;
}

/**
 * One Adafactor update of a parameter in place: its values, gradient, state, group options, shape
 * and ε₁. Float32 parameters of at least FUSED_THRESHOLD elements run the wasm kernel, which
 * computes this loop's bits; `fused` false keeps them in the loop (for tests).
 *
 * @example
 * adafactorUpdate(floats(p), floats(p.grad), state, group, p.shape, 2 ** -23);
 */
export function adafactorUpdate(
  param: FloatArray,
  grad: FloatArray,
  state: ParamState,
  group: Filled,
  shape: readonly number[],
  eps1: number,
  fused = true,
): void {
  const { lr, beta2Decay, d, weightDecay, maximize } = group;
  const eps2 = group.eps[1];
  const sign = maximize ? -1 : 1;
  const step = (state.step as number) + 1;
  state.step = step;
  const oneMinusBeta2 = step ** beta2Decay;
  const rho = Math.min(lr, 1 / Math.sqrt(step));
  const n = param.length;
  // Large float32 parameters: the same arithmetic (and summation order) in one wasm kernel.
  const k = fused && param instanceof Float32Array && grad instanceof Float32Array && n >= FUSED_THRESHOLD ? wasmKernels() : null;
  if (k !== null) {
    const factored = shape.length > 1;
    const stat = (key: string): Float32Array => floats(state[key] as Tensor) as Float32Array;
    k.adafactor(param as Float32Array, grad as Float32Array, factored ? stat('rowVar') : null, factored ? stat('colVar') : null, factored ? null : stat('variance'), {
      oneMinusBeta2, rho, eps1, eps2, decay: weightDecay !== 0 ? 1 - lr * weightDecay : 1, d, maximize,
      rows: factored ? (shape[shape.length - 2] as number) : 1, cols: factored ? (shape[shape.length - 1] as number) : n,
    });
    return;
  }
  const paramSq = sumSquaresInPairs(param, n);
  const alpha = Math.max(eps2, Math.sqrt(paramSq) / Math.sqrt(n)) * rho;
  if (weightDecay !== 0) {
    const decay = 1 - lr * weightDecay;
    for (let i = 0; i < n; i++) param[i] = (param[i] as number) * decay;
  }
  if (scratch.length < n) scratch = new Float64Array(n);
  const update = scratch;
  const eps1Sq = eps1 * eps1;
  if (shape.length > 1) {
    const cols = shape[shape.length - 1] as number;
    const rows = shape[shape.length - 2] as number;
    const matrices = rows * cols === 0 ? 0 : n / (rows * cols);
    const rowVar = floats(state.rowVar as Tensor);
    const colVar = floats(state.colVar as Tensor);
    if (colScratch.length < cols) colScratch = new Float64Array(cols);
    const colMean = colScratch;
    for (let b = 0; b < matrices; b++) {
      const base = b * rows * cols;
      colMean.fill(0, 0, cols);
      for (let r = 0; r < rows; r++) {
        // Σ over the row in two lanes (c mod 2), as the wasm kernel sums.
        let s0 = 0;
        let s1 = 0;
        const end = cols - (cols % 2);
        let last = 0;
        for (let c = 0; c < cols; c++) {
          const g = sign * (grad[base + r * cols + c] as number);
          const square = g * g;
          if (c === end) last = square;
          else if (c % 2 === 0) s0 += square;
          else s1 += square;
          colMean[c] = (colMean[c] as number) + square;
        }
        let rowSum = s0 + s1;
        if (end < cols) rowSum += last;
        const ri = b * rows + r;
        rowVar[ri] = lerp(rowVar[ri] as number, rowSum / cols, oneMinusBeta2);
      }
      let rowVarSum = 0;
      for (let r = 0; r < rows; r++) rowVarSum += rowVar[b * rows + r] as number;
      for (let c = 0; c < cols; c++) {
        const ci = b * cols + c;
        colVar[ci] = lerp(colVar[ci] as number, (colMean[c] as number) / rows, oneMinusBeta2);
      }
      const rowVarMean = Math.max(rowVarSum / rows, eps1);
      for (let r = 0; r < rows; r++) {
        const rv = rowVar[b * rows + r] as number;
        for (let c = 0; c < cols; c++) {
          const i = base + r * cols + c;
          const estimate = (rv * (colVar[b * cols + c] as number)) / rowVarMean;
          update[i] = (sign * (grad[i] as number)) / Math.sqrt(Math.max(estimate, eps1Sq));
        }
      }
    }
  } else {
    const variance = floats(state.variance as Tensor);
    for (let i = 0; i < n; i++) {
      const g = sign * (grad[i] as number);
      variance[i] = lerp(variance[i] as number, g * g, oneMinusBeta2);
      update[i] = g / Math.sqrt(Math.max(variance[i] as number, eps1Sq));
    }
  }
  const updateSq = sumSquaresInPairs(update, n);
  const denom = Math.max(1, Math.sqrt(updateSq) / (Math.sqrt(n) * d));
  const stepSize = alpha / denom;
  for (let i = 0; i < n; i++) param[i] = (param[i] as number) - stepSize * (update[i] as number);
}

/**
 * `adafactorUpdate` of a GPU parameter with tensor ops: the RMS of θ, the step size and the
 * clipping denominator stay 0-d GPU tensors (max by `clamp`), so nothing is read back. Sums run
 * in the GPU's order, so results agree with the CPU's to float32 rounding, not bit for bit.
 *
 * @example
 * adafactorGPUUpdate(p, p.grad, state, group, 2 ** -23);
 */
export function adafactorGPUUpdate(param: Tensor, grad: Tensor, state: ParamState, group: Filled, eps1: number): void {
  const { lr, beta2Decay, d, weightDecay, maximize } = group;
  const eps2 = group.eps[1];
  const step = (state.step as number) + 1;
  state.step = step;
  const oneMinusBeta2 = step ** beta2Decay;
  const rho = Math.min(lr, 1 / Math.sqrt(step));
  const n = param.numel();
  // α = max(ε₂, RMS(θ))·ρ, taken before the decay.
  const alpha = param.norm().div(Math.sqrt(n)).clamp(eps2).mul(rho);
  if (weightDecay !== 0) param.mul_(1 - lr * weightDecay);
  const g = maximize ? grad.neg() : grad;
  const square = g.square();
  const eps1Sq = eps1 * eps1;
  let update: Tensor;
  if (param.ndim > 1) {
    const rowVar = state.rowVar as Tensor;
    const colVar = state.colVar as Tensor;
    rowVar.copy_(lerpTensor(rowVar, square.mean(-1, true), oneMinusBeta2));
    colVar.copy_(lerpTensor(colVar, square.mean(-2, true), oneMinusBeta2));
    const rowVarMean = rowVar.mean(-2, true).clamp(eps1);
    update = g.div(rowVar.mul(colVar).div(rowVarMean).clamp(eps1Sq).sqrt());
  } else {
    const variance = state.variance as Tensor;
    variance.copy_(lerpTensor(variance, square, oneMinusBeta2));
    update = g.div(variance.clamp(eps1Sq).sqrt());
  }
  const denom = update.norm().div(Math.sqrt(n) * d).clamp(1);
  param.sub_(update.mul(alpha.div(denom)));
}

/** Σx² over the first `length` elements in two lanes (i mod 2), s0 + s1, then the odd last one: the wasm kernel's order. */
function sumSquaresInPairs(x: FloatArray, length: number): number {
  const end = length - (length % 2);
  let s0 = 0;
  let s1 = 0;
  for (let i = 0; i < end; i += 2) {
    s0 += (x[i] as number) * (x[i] as number);
    s1 += (x[i + 1] as number) * (x[i + 1] as number);
  }
  let sum = s0 + s1;
  if (end < length) sum += (x[end] as number) * (x[end] as number);
  return sum;
}
