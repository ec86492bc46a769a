import type { WasmContext } from './context';
import type { FloatArray } from './exports';

/** Hyperparameters of one fused Adam step (torch.optim.Adam 1.13, single-tensor path). */
export interface WasmAdamOptions {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  amsgrad: boolean;
  maximize: boolean;
  /** The step number after incrementing (1 on the first step). */
  step: number;
}

/** Hyperparameters of one fused SGD step (torch.optim.SGD 1.13). */
export interface WasmSgdOptions {
  lr: number;
  momentum: number;
  dampening: number;
  weightDecay: number;
  nesterov: boolean;
  maximize: boolean;
  /** True when the momentum buffer does not exist yet: it is set to the gradient, not updated. */
  firstStep: boolean;
}

/** Hyperparameters of one fused RMSprop step (torch.optim.RMSprop 1.13). */
export interface WasmRmspropOptions {
  lr: number;
  alpha: number;
  eps: number;
  weightDecay: number;
  momentum: number;
  centered: boolean;
  maximize: boolean;
}

/** Hyperparameters of one fused Adagrad step (torch.optim.Adagrad 1.13, dense gradients). */
export interface WasmAdagradOptions {
  lr: number;
  lrDecay: number;
  weightDecay: number;
  eps: number;
  maximize: boolean;
  /** The step number after incrementing (1 on the first step). */
  step: number;
}

function checkLengths(name: string, arrays: readonly (FloatArray | null)[]): void {
  const first = arrays[0] as FloatArray;
  for (const array of arrays) {
    if (array === null) continue;
    if (array.length !== first.length) throw new RangeError(`${name}: every array must have ${first.length} elements, got ${array.length}`);
    if (array.constructor !== first.constructor) throw new TypeError(`${name}: arrays must share one dtype, got ${first.constructor.name} and ${array.constructor.name}`);
  }
}

/**
 * Adam in one pass: updates `param`, `expAvg`, `expAvgSq` (and `maxExpAvgSq` with amsgrad) in place.
 *
 * @example
 * wasmAdam(ctx, p, g, m, v, null, { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false, step: 1 });
 */
export function wasmAdam(ctx: WasmContext, param: FloatArray, grad: FloatArray, expAvg: FloatArray, expAvgSq: FloatArray, maxExpAvgSq: FloatArray | null, o: WasmAdamOptions): void {
  if (o.amsgrad && maxExpAvgSq === null) throw new TypeError('adam: amsgrad needs a maxExpAvgSq array, got null');
  checkLengths('adam', [param, grad, expAvg, expAvgSq, o.amsgrad ? maxExpAvgSq : null]);
  const biasCorrection1 = 1 - o.beta1 ** o.step;
  const biasCorrection2 = 1 - o.beta2 ** o.step;
  const stepSize = o.lr / biasCorrection1;
  const fn = param instanceof Float32Array ? ctx.exports.adam_f32 : ctx.exports.adam_f64;
  ctx.withArrays([param, grad, expAvg, expAvgSq, o.amsgrad ? maxExpAvgSq : null], [true, true, true, true, true], ([p, g, m, v, vmax]) =>
    fn(p as number, g as number, m as number, v as number, vmax as number, param.length, o.beta1, 1 - o.beta1, o.beta2, 1 - o.beta2, -stepSize, Math.sqrt(biasCorrection2), o.eps, o.weightDecay, o.maximize ? 1 : 0, o.amsgrad ? 1 : 0),
    [true, false, true, true, true],
  );
}

/**
 * SGD (momentum, dampening, Nesterov, weight decay) in one pass; `momentumBuffer` may be null when momentum is 0.
 *
 * @example
 * wasmSgd(ctx, p, g, buf, { lr: 0.1, momentum: 0.9, dampening: 0, weightDecay: 0, nesterov: false, maximize: false, firstStep: true });
 */
export function wasmSgd(ctx: WasmContext, param: FloatArray, grad: FloatArray, momentumBuffer: FloatArray | null, o: WasmSgdOptions): void {
  if (o.momentum !== 0 && momentumBuffer === null) throw new TypeError('sgd: momentum needs a momentumBuffer array, got null');
  const buf = o.momentum !== 0 ? momentumBuffer : null;
  checkLengths('sgd', [param, grad, buf]);
  const fn = param instanceof Float32Array ? ctx.exports.sgd_f32 : ctx.exports.sgd_f64;
  ctx.withArrays([param, grad, buf], [true, true, !o.firstStep], ([p, g, b]) =>
    fn(p as number, g as number, b as number, param.length, -o.lr, o.momentum, 1 - o.dampening, o.weightDecay, o.nesterov ? 1 : 0, o.maximize ? 1 : 0, o.firstStep ? 1 : 0),
    [true, false, true],
  );
}

/**
 * RMSprop in one pass; `gradAvg` is needed when centered, `momentumBuffer` when momentum > 0.
 *
 * @example
 * wasmRmsprop(ctx, p, g, sq, null, null, { lr: 0.01, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, maximize: false });
 */
export function wasmRmsprop(ctx: WasmContext, param: FloatArray, grad: FloatArray, squareAvg: FloatArray, gradAvg: FloatArray | null, momentumBuffer: FloatArray | null, o: WasmRmspropOptions): void {
  if (o.centered && gradAvg === null) throw new TypeError('rmsprop: centered needs a gradAvg array, got null');
  if (o.momentum > 0 && momentumBuffer === null) throw new TypeError('rmsprop: momentum needs a momentumBuffer array, got null');
  const gavg = o.centered ? gradAvg : null;
  const buf = o.momentum > 0 ? momentumBuffer : null;
  checkLengths('rmsprop', [param, grad, squareAvg, gavg, buf]);
  const fn = param instanceof Float32Array ? ctx.exports.rmsprop_f32 : ctx.exports.rmsprop_f64;
  ctx.withArrays([param, grad, squareAvg, gavg, buf], [true, true, true, true, true], ([p, g, s, ga, b]) =>
    fn(p as number, g as number, s as number, ga as number, b as number, param.length, -o.lr, o.alpha, 1 - o.alpha, o.eps, o.weightDecay, o.momentum, o.centered ? 1 : 0, o.maximize ? 1 : 0),
    [true, false, true, true, true],
  );
}

/**
 * Adagrad (dense) in one pass: updates `param` and `stateSum` in place.
 *
 * @example
 * wasmAdagrad(ctx, p, g, sum, { lr: 0.01, lrDecay: 0, weightDecay: 0, eps: 1e-10, maximize: false, step: 1 });
 */
export function wasmAdagrad(ctx: WasmContext, param: FloatArray, grad: FloatArray, stateSum: FloatArray, o: WasmAdagradOptions): void {
  checkLengths('adagrad', [param, grad, stateSum]);
  const clr = o.lr / (1 + (o.step - 1) * o.lrDecay);
  const fn = param instanceof Float32Array ? ctx.exports.adagrad_f32 : ctx.exports.adagrad_f64;
  ctx.withArrays([param, grad, stateSum], [true, true, true], ([p, g, s]) =>
    fn(p as number, g as number, s as number, param.length, -clr, o.eps, o.weightDecay, o.maximize ? 1 : 0),
    [true, false, true],
  );
}
