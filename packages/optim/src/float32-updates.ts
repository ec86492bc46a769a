/**
 * The float32 arithmetic of the fused WebAssembly kernels (packages/tensor/assembly/optim.ts), in
 * TypeScript: every intermediate rounded to float32 (`Math.fround`) exactly where the kernels round
 * it, scalars rounded to float32 as they are when they cross into a kernel. A float32 parameter is
 * updated with this arithmetic whatever its size or layout (alone, in a group, flat), with the
 * kernels or without them (`DESCENT_WASM=0`, engines without SIMD): the kernels and these loops
 * agree bit for bit, so one float32 parameter gets the same numbers on every path.
 *
 * Single IEEE operations rounded once from float64 equal the float32 operation (float64 carries more
 * than twice float32's precision), and the kernels use no fused multiply-add.
 */
import type { WasmAdagradOptions, WasmAdamOptions, WasmRmspropOptions, WasmSgdOptions } from '@descent/tensor';

const f = Math.fround;

/**
 * Adam (L2 form) in float32, as `adam_f32`.
 *
 * @example
 * adam32(p, g, m, v, null, { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false, step: 1 });
 */
export function adam32(param: Float32Array, grad: Float32Array, m: Float32Array, v: Float32Array, vMax: Float32Array | null, o: WasmAdamOptions): void {
  const biasCorrection1 = 1 - o.beta1 ** o.step;
  const biasCorrection2 = 1 - o.beta2 ** o.step;
  const beta1 = f(o.beta1);
  const oneMinusBeta1 = f(1 - o.beta1);
  const beta2 = f(o.beta2);
  const oneMinusBeta2 = f(1 - o.beta2);
  const negStepSize = f(-(o.lr / biasCorrection1));
  const bc2Sqrt = f(Math.sqrt(biasCorrection2));
  const eps = f(o.eps);
  const weightDecay = f(o.weightDecay);
  const amsgrad = o.amsgrad && vMax !== null;
  const n = param.length;
  for (let i = 0; i < n; i++) {
    const theta = param[i] as number;
    let g = grad[i] as number;
    if (o.maximize) g = -g;
    if (weightDecay !== 0) g = f(g + f(weightDecay * theta));
    const expAvg = f(f((m[i] as number) * beta1) + f(oneMinusBeta1 * g));
    const expAvgSq = f(f((v[i] as number) * beta2) + f(f(oneMinusBeta2 * g) * g));
    m[i] = expAvg;
    v[i] = expAvgSq;
    let second = expAvgSq;
    if (amsgrad) {
      second = Math.max(vMax[i] as number, expAvgSq);
      vMax[i] = second;
    }
    const denom = f(f(f(Math.sqrt(second)) / bc2Sqrt) + eps);
    param[i] = f(theta + f(f(negStepSize * expAvg) / denom));
  }
}

/**
 * SGD in float32, as `sgd_f32`; `buffer` may be null when momentum is 0.
 *
 * @example
 * sgd32(p, g, buf, { lr: 0.1, momentum: 0.9, dampening: 0, weightDecay: 0, nesterov: false, maximize: false, firstStep: true });
 */
export function sgd32(param: Float32Array, grad: Float32Array, buffer: Float32Array | null, o: WasmSgdOptions): void {
  const negLr = f(-o.lr);
  const momentum = buffer === null ? 0 : f(o.momentum);
  const oneMinusDampening = f(1 - o.dampening);
  const weightDecay = f(o.weightDecay);
  const n = param.length;
  for (let i = 0; i < n; i++) {
    const theta = param[i] as number;
    let g = grad[i] as number;
    if (o.maximize) g = -g;
    if (weightDecay !== 0) g = f(g + f(weightDecay * theta));
    if (momentum !== 0) {
      const b = o.firstStep ? g : f(f((buffer![i] as number) * momentum) + f(oneMinusDampening * g));
      buffer![i] = b;
      g = o.nesterov ? f(g + f(momentum * b)) : b;
    }
    param[i] = f(theta + f(negLr * g));
  }
}

/**
 * RMSprop in float32, as `rmsprop_f32`; `gradAvg` when centered, `buffer` when momentum > 0.
 *
 * @example
 * rmsprop32(p, g, sq, null, null, { lr: 0.01, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, maximize: false });
 */
export function rmsprop32(param: Float32Array, grad: Float32Array, squareAvg: Float32Array, gradAvg: Float32Array | null, buffer: Float32Array | null, o: WasmRmspropOptions): void {
  const negLr = f(-o.lr);
  const alpha = f(o.alpha);
  const oneMinusAlpha = f(1 - o.alpha);
  const eps = f(o.eps);
  const weightDecay = f(o.weightDecay);
  const momentum = buffer === null ? 0 : f(o.momentum);
  const centered = o.centered && gradAvg !== null;
  const n = param.length;
  for (let i = 0; i < n; i++) {
    const theta = param[i] as number;
    let g = grad[i] as number;
    if (o.maximize) g = -g;
    if (weightDecay !== 0) g = f(g + f(weightDecay * theta));
    const sq = f(f((squareAvg[i] as number) * alpha) + f(f(oneMinusAlpha * g) * g));
    squareAvg[i] = sq;
    let avg: number;
    if (centered) {
      const ga = f(f((gradAvg[i] as number) * alpha) + f(oneMinusAlpha * g));
      gradAvg[i] = ga;
      avg = f(Math.sqrt(f(sq + f(-ga * ga))));
    } else {
      avg = f(Math.sqrt(sq));
    }
    avg = f(avg + eps);
    if (momentum > 0) {
      const b = f(f((buffer![i] as number) * momentum) + f(g / avg));
      buffer![i] = b;
      param[i] = f(theta + f(negLr * b));
    } else {
      param[i] = f(theta + f(f(negLr * g) / avg));
    }
  }
}

/**
 * Adagrad (dense) in float32, as `adagrad_f32`.
 *
 * @example
 * adagrad32(p, g, sum, { lr: 0.01, lrDecay: 0, weightDecay: 0, eps: 1e-10, maximize: false, step: 1 });
 */
export function adagrad32(param: Float32Array, grad: Float32Array, sum: Float32Array, o: WasmAdagradOptions): void {
  const negClr = f(-(o.lr / (1 + (o.step - 1) * o.lrDecay)));
  const eps = f(o.eps);
  const weightDecay = f(o.weightDecay);
  const n = param.length;
  for (let i = 0; i < n; i++) {
    const theta = param[i] as number;
    let g = grad[i] as number;
    if (o.maximize) g = -g;
    if (weightDecay !== 0) g = f(g + f(weightDecay * theta));
    const s = f((sum[i] as number) + f(g * g));
    sum[i] = s;
    param[i] = f(theta + f(f(negClr * g) / f(f(Math.sqrt(s)) + eps)));
  }
}
