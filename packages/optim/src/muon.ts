/**
 * Muon (Jordan et al. 2024, "Muon: An optimizer for hidden layers in neural networks",
 * https://kellerjordan.github.io/posts/muon/), as KellerJordan/Muon's `SingleDeviceMuonWithAuxAdam`:
 * SGD momentum whose update of each weight matrix is orthogonalised by a Newton–Schulz iteration,
 * and AdamW for the parameters that are not matrices.
 *
 *   inputs: γ lr, μ momentum, nesterov, N nsSteps, λ weightDecay; adamw: { lr, betas, eps, weightDecay }
 *   parameters of 2 or more dims (viewed as rows × the rest), state: B (momentumBuffer) = 0
 *     B ← μ·B + (1 − μ)·g
 *     U ← (1 − μ)·g + μ·B if nesterov, else B
 *     X ← U / (‖U‖_F + 10⁻⁷), transposed if it has more rows than columns
 *     N times:  A ← X·Xᵀ;  X ← a·X + (b·A + c·A·A)·X       (a, b, c) = (3.4445, −4.7750, 2.0315)
 *     θ ← θ·(1 − γλ) − γ·√max(1, n₋₂/n₋₁)·X          (n₋₂ × n₋₁: the last two dims; rows/cols of a matrix)
 *   other parameters: AdamW with the `adamw` options (state step, expAvg, expAvgSq)
 *
 * The quintic's coefficients maximise its slope at 0, so a few iterations push every singular value
 * of U into about [0.7, 1.2] (an approximate U·Vᵀ of U = U·S·Vᵀ) instead of converging to 1. The
 * reference iterates in bfloat16 on the GPU; we iterate in the parameter's dtype, with the tensor
 * package's matmul (WebAssembly when available).
 */
import type { Tensor as AutogradTensor } from '@descent/autograd';
import { Storage, Tensor, contiguousStrides } from '@descent/tensor';
import type { FloatArray } from '@descent/tensor';
import { adamGPUUpdate, adamUpdate } from './adam';
import type { AdamFilled } from './adam';
import { Optimizer } from './optimizer';
import { floats, zerosLikeParam } from './buffers';
import { checkBetas, checkNonNegative, pyNumber } from './checks';
import { eachParam, lerp, lerpTensor } from './each-param';
import { withDefaults } from './options';
import type { ParamGroup, ParamState, ParamsInput } from './optimizer';

/** The AdamW that Muon runs on parameters that are not matrices. */
export interface MuonAdamWOptions {
  /** Learning rate. Default 3e-4. */
  lr?: number;
  /** (β₁, β₂). Default [0.9, 0.95]. */
  betas?: [number, number];
  /** ε. Default 1e-10. */
  eps?: number;
  /** Decoupled weight decay. Default 0. */
  weightDecay?: number;
}

/** Options of {@link Muon}. */
export interface MuonOptions {
  /** Learning rate γ, in units of spectral norm per update. Default 0.02. */
  lr?: number;
  /** Momentum μ. Default 0.95. */
  momentum?: number;
  /** Nesterov momentum. Default true. */
  nesterov?: boolean;
  /** Newton–Schulz iterations N. Default 5. */
  nsSteps?: number;
  /** λ: decoupled weight decay (scaled by γ). Default 0. */
  weightDecay?: number;
  /** The AdamW for parameters of fewer than 2 dims. Default { lr: 3e-4, betas: [0.9, 0.95], eps: 1e-10, weightDecay: 0 }. */
  adamw?: MuonAdamWOptions;
}

type Filled = Required<Omit<MuonOptions, 'adamw'>> & { adamw: Required<MuonAdamWOptions> };

/** The quintic's coefficients (the reference's, chosen to maximise the slope at zero). */
const NS_COEFFICIENTS = [3.4445, -4.775, 2.0315] as const;

const ADAMW_DEFAULTS: Required<MuonAdamWOptions> = { lr: 3e-4, betas: [0.9, 0.95], eps: 1e-10, weightDecay: 0 };

/**
 * Muon: orthogonalised momentum for weight matrices (AdamW for the rest).
 *
 * @example
 * const opt = new Muon(model.parameters(), { lr: 0.02, adamw: { lr: 3e-4 } });
 */
export class Muon extends Optimizer<Filled> {
  constructor(params: ParamsInput<Filled>, options: MuonOptions = {}) {
    const defaults: Filled = { lr: 0.02, momentum: 0.95, nesterov: true, nsSteps: 5, weightDecay: 0, adamw: { ...ADAMW_DEFAULTS } };
    const filled = withDefaults(defaults, { ...options, adamw: { ...ADAMW_DEFAULTS, ...options.adamw } }, 'Muon');
    super(params, checkMuon(filled));
  }

  protected override validateGroup(group: ParamGroup<Filled>): void {
    // A group's partial adamw options fill in from the defaults.
    group.adamw = { ...ADAMW_DEFAULTS, ...group.adamw };
    checkMuon(group);
  }

  protected override runsOnWebGPU(): boolean {
    return true;
  }

  step(closure?: () => number | AutogradTensor): number | undefined {
    return this.runStep(closure, () => {
      for (const group of this.paramGroups) {
        const adamw: AdamFilled = { ...group.adamw, amsgrad: false, maximize: false };
        eachParam(group, this.state, muonState, ({ param, values, grad, state }) => {
          if (param.ndim < 2) adamUpdate(values, grad, state, adamw, true);
          else muonUpdate(values, grad, state, group, param.shape);
        }, (param, grad, state) => {
          if (param.ndim < 2) adamGPUUpdate(param, grad, state, adamw, true);
          else muonGPUUpdate(param, grad, state, group);
        });
      }
    });
  }
}

function muonState(p: AutogradTensor): ParamState {
  if (p.ndim >= 2) return { momentumBuffer: zerosLikeParam(p) }; // B: the momentum
  return {
    step: 0, // AdamW: number of updates so far
    expAvg: zerosLikeParam(p), // m: running average of g
    expAvgSq: zerosLikeParam(p), // v: running average of g²
  };
}

/** Checks worded as PyTorch's optimizers word them. */
function checkMuon<T extends Filled>(o: T): T {
  checkNonNegative(o.lr, 'learning rate');
  checkNonNegative(o.momentum, 'momentum value');
  checkNonNegative(o.weightDecay, 'weight_decay value');
  if (!(Number.isInteger(o.nsSteps) && o.nsSteps >= 0)) throw new RangeError(`Invalid ns_steps value: ${pyNumber(o.nsSteps)}`);
  const { adamw } = o;
  if (typeof adamw !== 'object' || adamw === null) throw new TypeError(`adamw: expected an options object, got ${String(adamw)}`);
  checkNonNegative(adamw.lr, 'learning rate');
  checkNonNegative(adamw.eps, 'epsilon value');
  checkBetas(adamw.betas);
  checkNonNegative(adamw.weightDecay, 'weight_decay value');
  return o;
}

/**
 * The Newton–Schulz orthogonalisation of a rows × cols matrix (row-major values), in `dtype`.
 *
 * @example
 * const x = newtonSchulz(new Float64Array([3, 0, 0, 1]), 2, 2, 5, 'float64'); // ≈ identity
 */
export function newtonSchulz(values: FloatArray, rows: number, cols: number, steps: number, dtype: 'float32' | 'float64'): FloatArray {
  // Small matrices (a layer of a toy model, the zoo's 1×2 point) skip the tensor machinery.
  if (rows * cols * Math.min(rows, cols) <= SMALL_NS) return newtonSchulzSmall(values, rows, cols, steps, dtype);
  const [a, b, c] = NS_COEFFICIENTS;
  const copy = dtype === 'float32' ? Float32Array.from(values) : Float64Array.from(values);
  let x = new Tensor(new Storage(copy), [rows, cols], contiguousStrides([rows, cols]), 0, dtype);
  const transposed = rows > cols;
  if (transposed) x = x.t().contiguous();
  const norm = x.norm().item() + 1e-7;
  x = x.div(dtype === 'float32' ? Math.fround(norm) : norm);
  for (let i = 0; i < steps; i++) {
    const gram = x.matmul(x.t());
    const poly = gram.mul(b).add(gram.mul(c).matmul(gram));
    x = x.mul(a).add(poly.matmul(x));
  }
  if (transposed) x = x.t();
  return x.contiguous().storage.data as FloatArray;
}

/** Up to this many multiply-adds per matrix product, Newton–Schulz runs as plain loops. */
const SMALL_NS = 4096;

/** The same iteration as {@link newtonSchulz}, as loops over typed arrays of the dtype. */
function newtonSchulzSmall(values: FloatArray, rows: number, cols: number, steps: number, dtype: 'float32' | 'float64'): FloatArray {
  const [a, b, c] = NS_COEFFICIENTS;
  const make = (n: number): FloatArray => (dtype === 'float32' ? new Float32Array(n) : new Float64Array(n));
  const transposed = rows > cols;
  // X is m × n with m ≤ n (the transpose of a tall matrix).
  const m = transposed ? cols : rows;
  const n = transposed ? rows : cols;
  let x = make(m * n);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) x[transposed ? j * n + i : i * n + j] = values[i * cols + j] as number;
  let sq = 0;
  for (let i = 0; i < x.length; i++) sq += (x[i] as number) * (x[i] as number);
  const norm = dtype === 'float32' ? Math.fround(Math.fround(Math.sqrt(sq)) + 1e-7) : Math.sqrt(sq) + 1e-7;
  for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) / norm;
  const gram = make(m * m);
  const poly = make(m * m);
  for (let s = 0; s < steps; s++) {
    for (let i = 0; i < m; i++)
      for (let j = 0; j < m; j++) {
        let sum = 0;
        for (let k = 0; k < n; k++) sum += (x[i * n + k] as number) * (x[j * n + k] as number);
        gram[i * m + j] = sum;
      }
    for (let i = 0; i < m; i++)
      for (let j = 0; j < m; j++) {
        let sum = 0;
        for (let k = 0; k < m; k++) sum += c * (gram[i * m + k] as number) * (gram[k * m + j] as number);
        poly[i * m + j] = b * (gram[i * m + j] as number) + sum;
      }
    const next = make(m * n);
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let k = 0; k < m; k++) sum += (poly[i * m + k] as number) * (x[k * n + j] as number);
        next[i * n + j] = a * (x[i * n + j] as number) + sum;
      }
    x = next;
  }
  if (!transposed) return x;
  const out = make(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = x[j * n + i] as number;
  return out;
}

/**
 * One Muon update of a matrix parameter (2 or more dims, viewed as shape[0] × the rest) in place.
 *
 * @example
 * muonUpdate(floats(w), floats(w.grad), state, group, w.shape);
 */
export function muonUpdate(param: FloatArray, grad: FloatArray, state: ParamState, group: Filled, shape: readonly number[]): void {
  const { lr, momentum, nesterov, nsSteps, weightDecay } = group;
  const buffer = floats(state.momentumBuffer as AutogradTensor);
  const n = param.length;
  const update = param instanceof Float32Array ? new Float32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const g = grad[i] as number;
    buffer[i] = lerp(buffer[i] as number, g, 1 - momentum);
    update[i] = nesterov ? lerp(g, buffer[i] as number, momentum) : (buffer[i] as number);
  }
  const rows = shape[0] as number;
  const cols = n / rows;
  const orthogonal = newtonSchulz(update, rows, cols, nsSteps, param instanceof Float32Array ? 'float32' : 'float64');
  // As the reference, the scale reads the last two dims of the parameter (rows/cols for a matrix).
  const scale = Math.sqrt(Math.max(1, (shape[shape.length - 2] as number) / (shape[shape.length - 1] as number)));
  const decay = 1 - lr * weightDecay;
  for (let i = 0; i < n; i++) param[i] = (param[i] as number) * decay - lr * scale * (orthogonal[i] as number);
}

/**
 * Newton–Schulz of a GPU matrix (or a batch of them: rows = dim 0, columns = the rest) with the
 * GPU matmul: the norm stays a 0-d GPU tensor, so nothing is read back.
 *
 * @example
 * const o = newtonSchulzGPU(update, 5); // same shape as update
 */
export function newtonSchulzGPU(update: AutogradTensor, steps: number): AutogradTensor {
  const [a, b, c] = NS_COEFFICIENTS;
  const rows = update.shape[0] as number;
  let x = update.reshape([rows, update.numel() / rows]);
  const transposed = x.shape[0]! > x.shape[1]!;
  if (transposed) x = x.t().contiguous();
  x = x.div(x.norm().add(1e-7));
  for (let i = 0; i < steps; i++) {
    const gram = x.matmul(x.t());
    const poly = gram.mul(b).add(gram.mul(c).matmul(gram));
    x = x.mul(a).add(poly.matmul(x));
  }
  if (transposed) x = x.t();
  return x.contiguous().reshape([...update.shape]);
}

/**
 * `muonUpdate` of a GPU parameter with tensor ops and the GPU matmul (no readback).
 *
 * @example
 * muonGPUUpdate(w, w.grad, state, group);
 */
export function muonGPUUpdate(param: AutogradTensor, grad: AutogradTensor, state: ParamState, group: Filled): void {
  const { lr, momentum, nesterov, nsSteps, weightDecay } = group;
  const buffer = state.momentumBuffer as AutogradTensor;
  buffer.copy_(lerpTensor(buffer, grad, 1 - momentum));
  const update = nesterov ? lerpTensor(grad, buffer, momentum) : buffer;
  const orthogonal = newtonSchulzGPU(update, nsSteps);
  const shape = param.shape;
  const scale = Math.sqrt(Math.max(1, (shape[shape.length - 2] as number) / (shape[shape.length - 1] as number)));
  param.mul_(1 - lr * weightDecay).sub_(orthogonal.mul(lr * scale));
}
