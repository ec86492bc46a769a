/** The functions exported by the compiled module (assembly/index.ts); pointers are byte offsets. */
export interface KernelExports {
  binary_f32: (op: number, a: number, b: number, out: number, n: number) => void;
  binary_f64: (op: number, a: number, b: number, out: number, n: number) => void;
  binary_scalar_f32: (op: number, a: number, s: number, out: number, n: number) => void;
  binary_scalar_f64: (op: number, a: number, s: number, out: number, n: number) => void;
  unary_f32: (op: number, a: number, out: number, n: number) => void;
  unary_f64: (op: number, a: number, out: number, n: number) => void;
  sum_f32: (a: number, n: number) => number;
  sum_f64: (a: number, n: number) => number;
  sumsq_f32: (a: number, n: number) => number;
  sumsq_f64: (a: number, n: number) => number;
  max_f32: (a: number, n: number) => number;
  max_f64: (a: number, n: number) => number;
  matmul_f32: (a: number, rsA: number, csA: number, b: number, rsB: number, csB: number, c: number, ldc: number, m: number, n: number, k: number, scratch: number) => void;
  matmul_f64: (a: number, rsA: number, csA: number, b: number, rsB: number, csB: number, c: number, ldc: number, m: number, n: number, k: number, scratch: number) => void;
  matmul_scratch_bytes: (elemSize: number) => number;
  adam_f32: (p: number, g: number, m: number, v: number, vmax: number, n: number, beta1: number, oneMinusBeta1: number, beta2: number, oneMinusBeta2: number, negStepSize: number, biasCorrection2Sqrt: number, eps: number, weightDecay: number, maximize: number, amsgrad: number) => void;
  adam_f64: (p: number, g: number, m: number, v: number, vmax: number, n: number, beta1: number, oneMinusBeta1: number, beta2: number, oneMinusBeta2: number, negStepSize: number, biasCorrection2Sqrt: number, eps: number, weightDecay: number, maximize: number, amsgrad: number) => void;
  sgd_f32: (p: number, g: number, buf: number, n: number, negLr: number, momentum: number, oneMinusDampening: number, weightDecay: number, nesterov: number, maximize: number, first: number) => void;
  sgd_f64: (p: number, g: number, buf: number, n: number, negLr: number, momentum: number, oneMinusDampening: number, weightDecay: number, nesterov: number, maximize: number, first: number) => void;
  rmsprop_f32: (p: number, g: number, sq: number, gavg: number, buf: number, n: number, negLr: number, alpha: number, oneMinusAlpha: number, eps: number, weightDecay: number, momentum: number, centered: number, maximize: number) => void;
  rmsprop_f64: (p: number, g: number, sq: number, gavg: number, buf: number, n: number, negLr: number, alpha: number, oneMinusAlpha: number, eps: number, weightDecay: number, momentum: number, centered: number, maximize: number) => void;
  adagrad_f32: (p: number, g: number, sum: number, n: number, negClr: number, eps: number, weightDecay: number, maximize: number) => void;
  adagrad_f64: (p: number, g: number, sum: number, n: number, negClr: number, eps: number, weightDecay: number, maximize: number) => void;
  sf_adamw_f32: (p: number, g: number, z: number, v: number, n: number, beta2: number, oneMinusBeta2: number, biasCorrection2: number, eps: number, weightDecay: number, c: number, oneMinusC: number, lowHalf: number, yScale: number, negLr: number) => void;
  sf_sgd_f32: (p: number, g: number, z: number, n: number, weightDecay: number, c: number, oneMinusC: number, lowHalf: number, yScale: number, negLr: number) => void;
  ademamix_f32: (p: number, g: number, fast: number, slow: number, v: number, n: number, beta1: number, oneMinusBeta1: number, beta3: number, oneMinusBeta3: number, beta2: number, oneMinusBeta2: number, biasCorrection1: number, biasCorrection2Sqrt: number, alpha: number, eps: number, weightDecay: number, negLr: number) => void;
  lamb_f32: (p: number, g: number, m: number, v: number, r: number, n: number, beta1: number, oneMinusBeta1: number, beta2: number, oneMinusBeta2: number, eps: number, weightDecay: number, out: number) => void;
  axpy_f32: (p: number, x: number, n: number, a: number) => void;
  sumsq2_f32: (a: number, b: number, n: number, out: number) => void;
  adafactor_f32: (p: number, g: number, rowVar: number, colVar: number, variance: number, u: number, colMean: number, n: number, matrices: number, rows: number, cols: number, sign: number, oneMinusBeta2: number, rho: number, eps1: number, eps2: number, decay: number, d: number) => void;
  lars_f32: (p: number, g: number, buf: number, n: number, scaled: number, localLr: number, weightDecay: number, momentum: number, oneMinusDampening: number, nesterov: number, first: number, negLr: number) => void;
  recurrent_forward_f32: (mode: number, steps: number, batch: number, hidden: number, reverse: number, gx: number, h0: number, c0: number, whh: number, bhh: number, out: number, saved: number, scratch: number) => void;
  recurrent_forward_f64: (mode: number, steps: number, batch: number, hidden: number, reverse: number, gx: number, h0: number, c0: number, whh: number, bhh: number, out: number, saved: number, scratch: number) => void;
  recurrent_backward_f32: (mode: number, steps: number, batch: number, hidden: number, reverse: number, h0: number, c0: number, whh: number, out: number, saved: number, dOut: number, dGx: number, dWhh: number, dBhh: number, dh0: number, dc0: number, scratch: number) => void;
  recurrent_backward_f64: (mode: number, steps: number, batch: number, hidden: number, reverse: number, h0: number, c0: number, whh: number, out: number, saved: number, dOut: number, dGx: number, dWhh: number, dBhh: number, dh0: number, dc0: number, scratch: number) => void;
  recurrent_scratch_bytes: (mode: number, steps: number, batch: number, hidden: number, elemSize: number) => number;
  act_fwd_f32: (kind: number, a: number, out: number, n: number, p0: number, p1: number, p2: number) => void;
  act_fwd_f64: (kind: number, a: number, out: number, n: number, p0: number, p1: number, p2: number) => void;
  act_bwd_f32: (kind: number, a: number, g: number, out: number, n: number, p0: number, p1: number, p2: number) => void;
  act_bwd_f64: (kind: number, a: number, g: number, out: number, n: number, p0: number, p1: number, p2: number) => void;
  im2col_f32: (src: number, samples: number, channels: number, height: number, width: number, outH: number, outW: number, kh: number, kw: number, dh: number, dw: number, top: number, left: number, sh: number, sw: number, dst: number, rowStride: number, sampleStride: number) => void;
  im2col_f64: (src: number, samples: number, channels: number, height: number, width: number, outH: number, outW: number, kh: number, kw: number, dh: number, dw: number, top: number, left: number, sh: number, sw: number, dst: number, rowStride: number, sampleStride: number) => void;
  prodigy_stats_f32: (p: number, g: number, p0: number, s: number, m: number, v: number, n: number, weightDecay: number, beta1: number, dOneMinusBeta1: number, beta2: number, dSqOneMinusBeta2: number, beta3: number, sScale: number, out: number) => void;
  prodigy_step_f32: (p: number, g: number, m: number, v: number, n: number, weightDecay: number, decay: number, dEps: number, scale: number) => void;
  col2im_f32: (src: number, planes: number, height: number, width: number, outH: number, outW: number, kh: number, kw: number, dh: number, dw: number, top: number, left: number, sh: number, sw: number, dst: number) => void;
  col2im_f64: (src: number, planes: number, height: number, width: number, outH: number, outW: number, kh: number, kw: number, dh: number, dw: number, top: number, left: number, sh: number, sw: number, dst: number) => void;
  relu_fwd_f32: (x: number, out: number, n: number) => void;
  relu_fwd_f64: (x: number, out: number, n: number) => void;
  relu_bwd_f32: (g: number, y: number, out: number, n: number) => void;
  relu_bwd_f64: (g: number, y: number, out: number, n: number) => void;
  max_pool2d_f32: (src: number, planes: number, height: number, width: number, outH: number, outW: number, kh: number, kw: number, sh: number, sw: number, ph: number, pw: number, dh: number, dw: number, values: number, indices: number) => void;
  max_pool2d_f64: (src: number, planes: number, height: number, width: number, outH: number, outW: number, kh: number, kw: number, sh: number, sw: number, ph: number, pw: number, dh: number, dw: number, values: number, indices: number) => void;
  norm_fwd_f32: (x: number, out: number, batch: number, channels: number, spatial: number, groups: number, mode: number, w: number, hasW: number, b: number, hasB: number, eps: number, mean: number, variance: number, rstd: number, computeStats: number) => void;
  norm_bwd_f32: (x: number, g: number, dx: number, batch: number, channels: number, spatial: number, groups: number, mode: number, w: number, hasW: number, mean: number, rstd: number, training: number, dw: number, db: number, sg: number, sgx: number, computeDx: number) => void;
  max_pool2d_bwd_f32: (g: number, indices: number, planes: number, area: number, plane: number, gx: number) => void;
  max_pool2d_bwd_f64: (g: number, indices: number, planes: number, area: number, plane: number, gx: number) => void;
  conv_bias_f32: (out: number, bias: number, samples: number, channels: number, area: number) => void;
  conv_bias_f64: (out: number, bias: number, samples: number, channels: number, area: number) => void;
  adaptive_avg_pool2d_f32: (src: number, planes: number, height: number, width: number, outH: number, outW: number, dst: number) => void;
  adaptive_avg_pool2d_f64: (src: number, planes: number, height: number, width: number, outH: number, outW: number, dst: number) => void;
  adaptive_avg_pool2d_bwd_f32: (g: number, planes: number, height: number, width: number, outH: number, outW: number, gx: number) => void;
  adaptive_avg_pool2d_bwd_f64: (g: number, planes: number, height: number, width: number, outH: number, outW: number, gx: number) => void;
  adaptive_max_pool2d_f32: (src: number, planes: number, height: number, width: number, outH: number, outW: number, values: number, indices: number) => void;
  adaptive_max_pool2d_f64: (src: number, planes: number, height: number, width: number, outH: number, outW: number, values: number, indices: number) => void;
}

/** Element-wise binary ops, numbered as in assembly/elementwise.ts. */
export const BINARY_OPS = { add: 0, sub: 1, mul: 2, div: 3, maximum: 4, minimum: 5 } as const;
/** Element-wise unary ops, numbered as in assembly/elementwise.ts. */
export const UNARY_OPS = { neg: 0, abs: 1, sqrt: 2, relu: 3, square: 4, reciprocal: 5 } as const;

/** A binary op name: `add`, `sub`, `mul`, `div`, `maximum` or `minimum`. */
export type WasmBinaryOp = keyof typeof BINARY_OPS;
/** A unary op name: `neg`, `abs`, `sqrt`, `relu`, `square` or `reciprocal`. */
export type WasmUnaryOp = keyof typeof UNARY_OPS;
/** The arrays the kernels take: float32 or float64 elements. */
export type FloatArray = Float32Array | Float64Array;
