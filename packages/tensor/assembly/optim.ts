/* eslint-disable @typescript-eslint/no-unnecessary-type-assertion, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-unary-minus -- AssemblyScript: casts like <usize>i change the wasm type, which TypeScript sees as number */
// Fused optimizer updates, one pass over memory each, in torch.optim 1.13's operation order so that
// every intermediate is rounded to T exactly where PyTorch rounds it. Scalars that depend on the
// step (bias corrections, clr) are computed by the caller in float64 and arrive rounded to T.

// Inlined helpers: @inline is only valid on methods for TypeScript tooling, hence the class.
class Op {
  @inline static splat<T>(x: T): v128 { return v128.splat<T>(x); }

  // Adam: g ← −g (maximize); g ← g + λθ; m ← β1·m + (1−β1)·g; v ← β2·v + ((1−β2)·g)·g;
  // v̂max ← max(v̂max, v) (amsgrad); denom ← √v / √bc2 + ε; θ ← θ + (−lr/bc1)·m / denom.
  @inline static adam<T>(p: usize, g: usize, m: usize, v: usize, vmax: usize, n: i32, beta1: T, oneMinusBeta1: T, beta2: T, oneMinusBeta2: T, negStepSize: T, biasCorrection2Sqrt: T, eps: T, weightDecay: T, maximize: bool, amsgrad: bool): void {
    const lanes = 16 / sizeof<T>();
    const end = n - (n % lanes);
    let i = 0;
    for (; i < end; i += lanes) {
      const o = <usize>i * sizeof<T>();
      const theta = v128.load(p + o);
      let grad = v128.load(g + o);
      if (maximize) grad = v128.neg<T>(grad);
      if (weightDecay != 0) grad = v128.add<T>(grad, v128.mul<T>(Op.splat<T>(weightDecay), theta));
      const expAvg = v128.add<T>(v128.mul<T>(v128.load(m + o), Op.splat<T>(beta1)), v128.mul<T>(Op.splat<T>(oneMinusBeta1), grad));
      const expAvgSq = v128.add<T>(v128.mul<T>(v128.load(v + o), Op.splat<T>(beta2)), v128.mul<T>(v128.mul<T>(Op.splat<T>(oneMinusBeta2), grad), grad));
      v128.store(m + o, expAvg);
      v128.store(v + o, expAvgSq);
      let second = expAvgSq;
      if (amsgrad) {
        second = v128.max<T>(v128.load(vmax + o), expAvgSq);
        v128.store(vmax + o, second);
      }
      const denom = v128.add<T>(v128.div<T>(v128.sqrt<T>(second), Op.splat<T>(biasCorrection2Sqrt)), Op.splat<T>(eps));
      v128.store(p + o, v128.add<T>(theta, v128.div<T>(v128.mul<T>(Op.splat<T>(negStepSize), expAvg), denom)));
    }
    for (; i < n; i++) {
      const o = <usize>i * sizeof<T>();
      const theta = load<T>(p + o);
      let grad = load<T>(g + o);
      if (maximize) grad = -grad;
      if (weightDecay != 0) grad = grad + weightDecay * theta;
      const expAvg: T = load<T>(m + o) * beta1 + oneMinusBeta1 * grad;
      const expAvgSq: T = load<T>(v + o) * beta2 + (oneMinusBeta2 * grad) * grad;
      store<T>(m + o, expAvg);
      store<T>(v + o, expAvgSq);
      let second = expAvgSq;
      if (amsgrad) {
        second = max<T>(load<T>(vmax + o), expAvgSq);
        store<T>(vmax + o, second);
      }
      const denom: T = sqrt<T>(second) / biasCorrection2Sqrt + eps;
      store<T>(p + o, theta + (negStepSize * expAvg) / denom);
    }
  }

  // SGD: g ← −g (maximize); g ← g + λθ; b ← g (first) | μ·b + (1−τ)·g; g ← g + μ·b (nesterov) | b;
  // θ ← θ + (−lr)·g. With μ = 0 the buffer is not touched.
  @inline static sgd<T>(p: usize, g: usize, buf: usize, n: i32, negLr: T, momentum: T, oneMinusDampening: T, weightDecay: T, nesterov: bool, maximize: bool, first: bool): void {
    const lanes = 16 / sizeof<T>();
    const end = n - (n % lanes);
    let i = 0;
    for (; i < end; i += lanes) {
      const o = <usize>i * sizeof<T>();
      const theta = v128.load(p + o);
      let grad = v128.load(g + o);
      if (maximize) grad = v128.neg<T>(grad);
      if (weightDecay != 0) grad = v128.add<T>(grad, v128.mul<T>(Op.splat<T>(weightDecay), theta));
      if (momentum != 0) {
        let b = grad;
        if (!first) b = v128.add<T>(v128.mul<T>(v128.load(buf + o), Op.splat<T>(momentum)), v128.mul<T>(Op.splat<T>(oneMinusDampening), grad));
        v128.store(buf + o, b);
        grad = nesterov ? v128.add<T>(grad, v128.mul<T>(Op.splat<T>(momentum), b)) : b;
      }
      v128.store(p + o, v128.add<T>(theta, v128.mul<T>(Op.splat<T>(negLr), grad)));
    }
    for (; i < n; i++) {
      const o = <usize>i * sizeof<T>();
      const theta = load<T>(p + o);
      let grad = load<T>(g + o);
      if (maximize) grad = -grad;
      if (weightDecay != 0) grad = grad + weightDecay * theta;
      if (momentum != 0) {
        let b = grad;
        if (!first) b = load<T>(buf + o) * momentum + oneMinusDampening * grad;
        store<T>(buf + o, b);
        grad = nesterov ? grad + momentum * b : b;
      }
      store<T>(p + o, theta + negLr * grad);
    }
  }

  // RMSprop: g ← −g; g ← g + λθ; s ← α·s + ((1−α)·g)·g; centered: ḡ ← α·ḡ + (1−α)·g, avg ← √(s + (−ḡ)·ḡ)
  // else avg ← √s; avg ← avg + ε; momentum: b ← μ·b + g/avg, θ ← θ + (−lr)·b; else θ ← θ + ((−lr)·g)/avg.
  @inline static rmsprop<T>(p: usize, g: usize, sq: usize, gavg: usize, buf: usize, n: i32, negLr: T, alpha: T, oneMinusAlpha: T, eps: T, weightDecay: T, momentum: T, centered: bool, maximize: bool): void {
    for (let i = 0; i < n; i++) {
      const o = <usize>i * sizeof<T>();
      const theta = load<T>(p + o);
      let grad = load<T>(g + o);
      if (maximize) grad = -grad;
      if (weightDecay != 0) grad = grad + weightDecay * theta;
      const squareAvg: T = load<T>(sq + o) * alpha + (oneMinusAlpha * grad) * grad;
      store<T>(sq + o, squareAvg);
      let avg: T;
      if (centered) {
        const gradAvg: T = load<T>(gavg + o) * alpha + oneMinusAlpha * grad;
        store<T>(gavg + o, gradAvg);
        avg = sqrt<T>(squareAvg + (-gradAvg) * gradAvg);
      } else {
        avg = sqrt<T>(squareAvg);
      }
      avg = avg + eps;
      if (momentum > 0) {
        const b: T = load<T>(buf + o) * momentum + grad / avg;
        store<T>(buf + o, b);
        store<T>(p + o, theta + negLr * b);
      } else {
        store<T>(p + o, theta + (negLr * grad) / avg);
      }
    }
  }

  // Adagrad: g ← −g; g ← g + λθ; s ← s + g·g; θ ← θ + ((−clr)·g)/(√s + ε), clr = lr/(1 + (t−1)·lrDecay).
  @inline static adagrad<T>(p: usize, g: usize, sum: usize, n: i32, negClr: T, eps: T, weightDecay: T, maximize: bool): void {
    const lanes = 16 / sizeof<T>();
    const end = n - (n % lanes);
    let i = 0;
    for (; i < end; i += lanes) {
      const o = <usize>i * sizeof<T>();
      const theta = v128.load(p + o);
      let grad = v128.load(g + o);
      if (maximize) grad = v128.neg<T>(grad);
      if (weightDecay != 0) grad = v128.add<T>(grad, v128.mul<T>(Op.splat<T>(weightDecay), theta));
      const stateSum = v128.add<T>(v128.load(sum + o), v128.mul<T>(grad, grad));
      v128.store(sum + o, stateSum);
      const std = v128.add<T>(v128.sqrt<T>(stateSum), Op.splat<T>(eps));
      v128.store(p + o, v128.add<T>(theta, v128.div<T>(v128.mul<T>(Op.splat<T>(negClr), grad), std)));
    }
    for (; i < n; i++) {
      const o = <usize>i * sizeof<T>();
      const theta = load<T>(p + o);
      let grad = load<T>(g + o);
      if (maximize) grad = -grad;
      if (weightDecay != 0) grad = grad + weightDecay * theta;
      const stateSum: T = load<T>(sum + o) + grad * grad;
      store<T>(sum + o, stateSum);
      store<T>(p + o, theta + (negClr * grad) / (sqrt<T>(stateSum) + eps));
    }
  }
}

export function adam_f32(p: usize, g: usize, m: usize, v: usize, vmax: usize, n: i32, beta1: f32, oneMinusBeta1: f32, beta2: f32, oneMinusBeta2: f32, negStepSize: f32, biasCorrection2Sqrt: f32, eps: f32, weightDecay: f32, maximize: bool, amsgrad: bool): void {
  Op.adam<f32>(p, g, m, v, vmax, n, beta1, oneMinusBeta1, beta2, oneMinusBeta2, negStepSize, biasCorrection2Sqrt, eps, weightDecay, maximize, amsgrad);
}
export function adam_f64(p: usize, g: usize, m: usize, v: usize, vmax: usize, n: i32, beta1: f64, oneMinusBeta1: f64, beta2: f64, oneMinusBeta2: f64, negStepSize: f64, biasCorrection2Sqrt: f64, eps: f64, weightDecay: f64, maximize: bool, amsgrad: bool): void {
  Op.adam<f64>(p, g, m, v, vmax, n, beta1, oneMinusBeta1, beta2, oneMinusBeta2, negStepSize, biasCorrection2Sqrt, eps, weightDecay, maximize, amsgrad);
}
export function sgd_f32(p: usize, g: usize, buf: usize, n: i32, negLr: f32, momentum: f32, oneMinusDampening: f32, weightDecay: f32, nesterov: bool, maximize: bool, first: bool): void {
  Op.sgd<f32>(p, g, buf, n, negLr, momentum, oneMinusDampening, weightDecay, nesterov, maximize, first);
}
export function sgd_f64(p: usize, g: usize, buf: usize, n: i32, negLr: f64, momentum: f64, oneMinusDampening: f64, weightDecay: f64, nesterov: bool, maximize: bool, first: bool): void {
  Op.sgd<f64>(p, g, buf, n, negLr, momentum, oneMinusDampening, weightDecay, nesterov, maximize, first);
}
export function rmsprop_f32(p: usize, g: usize, sq: usize, gavg: usize, buf: usize, n: i32, negLr: f32, alpha: f32, oneMinusAlpha: f32, eps: f32, weightDecay: f32, momentum: f32, centered: bool, maximize: bool): void {
  Op.rmsprop<f32>(p, g, sq, gavg, buf, n, negLr, alpha, oneMinusAlpha, eps, weightDecay, momentum, centered, maximize);
}
export function rmsprop_f64(p: usize, g: usize, sq: usize, gavg: usize, buf: usize, n: i32, negLr: f64, alpha: f64, oneMinusAlpha: f64, eps: f64, weightDecay: f64, momentum: f64, centered: bool, maximize: bool): void {
  Op.rmsprop<f64>(p, g, sq, gavg, buf, n, negLr, alpha, oneMinusAlpha, eps, weightDecay, momentum, centered, maximize);
}
export function adagrad_f32(p: usize, g: usize, sum: usize, n: i32, negClr: f32, eps: f32, weightDecay: f32, maximize: bool): void {
  Op.adagrad<f32>(p, g, sum, n, negClr, eps, weightDecay, maximize);
}
export function adagrad_f64(p: usize, g: usize, sum: usize, n: i32, negClr: f64, eps: f64, weightDecay: f64, maximize: bool): void {
  Op.adagrad<f64>(p, g, sum, n, negClr, eps, weightDecay, maximize);
}
