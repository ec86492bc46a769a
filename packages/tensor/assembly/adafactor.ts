/* eslint-disable @typescript-eslint/no-unnecessary-type-assertion -- AssemblyScript: casts like <f64>x change the wasm type, which TypeScript sees as number */
// Adafactor's step on a float32 parameter (torch.optim.Adafactor, as @descent/optim's adafactor.ts):
// the arithmetic in float64, the parameter and the factored statistics stored as float32 and read
// back rounded, exactly as the TypeScript loop over Float32Arrays does. Sums over a parameter or a
// row accumulate in two lanes (i mod 2) combined as s0 + s1, then the odd element; @descent/optim's
// float32 path sums in the same order, so both agree bit for bit. Element-wise stages run on
// float64x2 lanes (IEEE operations, so the same bits as one element at a time).

// PyTorch's lerp: a + w·(b − a) for w < ½, b − (b − a)·(1 − w) otherwise.
function lerp(a: f64, b: f64, w: f64): f64 {
  return w < 0.5 ? a + w * (b - a) : b - (b - a) * (1 - w);
}

// Two float32 values at ptr as the two float64 lanes of a v128, and back (rounded to float32).
function load2(ptr: usize): v128 { return f64x2.promote_low_f32x4(v128.load64_zero(ptr)); }
function store2(ptr: usize, x: v128): void { v128.store64_lane(ptr, f32x4.demote_f64x2_zero(x), 0); }

// Σx² over n float32 values at x. Lane 0 holds s0 (even i), lane 1 s1 (odd i).
function sumSquares(x: usize, n: i32): f64 {
  let acc = f64x2.splat(0);
  const end = n - (n & 1);
  for (let i = 0; i < end; i += 2) {
    const a = load2(x + (<usize>i << 2));
    acc = f64x2.add(acc, f64x2.mul(a, a));
  }
  let sum = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  if (end < n) {
    const a = <f64>load<f32>(x + (<usize>end << 2));
    sum += a * a;
  }
  return sum;
}

// Σu² over n float64 values at u.
function sumSquares64(u: usize, n: i32): f64 {
  let acc = f64x2.splat(0);
  const end = n - (n & 1);
  for (let i = 0; i < end; i += 2) {
    const a = v128.load(u + (<usize>i << 3));
    acc = f64x2.add(acc, f64x2.mul(a, a));
  }
  let sum = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  if (end < n) {
    const a = load<f64>(u + (<usize>end << 3));
    sum += a * a;
  }
  return sum;
}

// One step. p, g: n float32; matrices > 0: rowVar (matrices·rows) and colVar (matrices·cols) float32,
// colMean a float64 scratch of cols; matrices = 0: variance (n float32). u: a float64 scratch of n.
// oneMinusBeta2 = t^τ, rho = min(γ, 1/√t), decay = 1 − γλ (1: none).
export function adafactor_f32(p: usize, g: usize, rowVar: usize, colVar: usize, variance: usize, u: usize, colMean: usize, n: i32, matrices: i32, rows: i32, cols: i32, sign: f64, oneMinusBeta2: f64, rho: f64, eps1: f64, eps2: f64, decay: f64, d: f64): void {
  const alpha = max<f64>(eps2, sqrt<f64>(sumSquares(p, n)) / sqrt<f64>(<f64>n)) * rho;
  const end2 = n - (n & 1);
  if (decay != 1) {
    for (let i = 0; i < end2; i += 2) {
      const o = <usize>i << 2;
      store2(p + o, f64x2.mul(load2(p + o), f64x2.splat(decay)));
    }
    for (let i = end2; i < n; i++) {
      const o = <usize>i << 2;
      store<f32>(p + o, <f32>(<f64>load<f32>(p + o) * decay));
    }
  }
  const eps1Sq = eps1 * eps1;
  if (matrices > 0) {
    for (let b = 0; b < matrices; b++) {
      const base = b * rows * cols;
      for (let c = 0; c < cols; c++) store<f64>(colMean + (<usize>c << 3), 0);
      for (let r = 0; r < rows; r++) {
        let acc = f64x2.splat(0);
        const row = g + (<usize>(base + r * cols) << 2);
        const end = cols - (cols & 1);
        for (let c = 0; c < end; c += 2) {
          const x = f64x2.mul(f64x2.splat(sign), load2(row + (<usize>c << 2)));
          const square = f64x2.mul(x, x);
          acc = f64x2.add(acc, square);
          const m = colMean + (<usize>c << 3);
          v128.store(m, f64x2.add(v128.load(m), square));
        }
        let rowSum = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
        if (end < cols) {
          const x = sign * <f64>load<f32>(row + (<usize>end << 2));
          rowSum += x * x;
          const m = colMean + (<usize>end << 3);
          store<f64>(m, load<f64>(m) + x * x);
        }
        const ri = rowVar + (<usize>(b * rows + r) << 2);
        store<f32>(ri, <f32>lerp(<f64>load<f32>(ri), rowSum / <f64>cols, oneMinusBeta2));
      }
      let rowVarSum: f64 = 0;
      for (let r = 0; r < rows; r++) rowVarSum += <f64>load<f32>(rowVar + (<usize>(b * rows + r) << 2));
      for (let c = 0; c < cols; c++) {
        const ci = colVar + (<usize>(b * cols + c) << 2);
        store<f32>(ci, <f32>lerp(<f64>load<f32>(ci), load<f64>(colMean + (<usize>c << 3)) / <f64>rows, oneMinusBeta2));
      }
      const rowVarMean = max<f64>(rowVarSum / <f64>rows, eps1);
      for (let r = 0; r < rows; r++) {
        const rv = <f64>load<f32>(rowVar + (<usize>(b * rows + r) << 2));
        const end = cols - (cols & 1);
        for (let c = 0; c < end; c += 2) {
          const i = base + r * cols + c;
          const estimate = f64x2.div(f64x2.mul(f64x2.splat(rv), load2(colVar + (<usize>(b * cols + c) << 2))), f64x2.splat(rowVarMean));
          const x = f64x2.mul(f64x2.splat(sign), load2(g + (<usize>i << 2)));
          v128.store(u + (<usize>i << 3), f64x2.div(x, f64x2.sqrt(f64x2.max(estimate, f64x2.splat(eps1Sq)))));
        }
        for (let c = end; c < cols; c++) {
          const i = base + r * cols + c;
          const estimate = (rv * <f64>load<f32>(colVar + (<usize>(b * cols + c) << 2))) / rowVarMean;
          store<f64>(u + (<usize>i << 3), (sign * <f64>load<f32>(g + (<usize>i << 2))) / sqrt<f64>(max<f64>(estimate, eps1Sq)));
        }
      }
    }
  } else {
    for (let i = 0; i < n; i++) {
      const x = sign * <f64>load<f32>(g + (<usize>i << 2));
      const vi = variance + (<usize>i << 2);
      const v = <f32>lerp(<f64>load<f32>(vi), x * x, oneMinusBeta2);
      store<f32>(vi, v);
      store<f64>(u + (<usize>i << 3), x / sqrt<f64>(max<f64>(<f64>v, eps1Sq)));
    }
  }
  const denom = max<f64>(1, sqrt<f64>(sumSquares64(u, n)) / (sqrt<f64>(<f64>n) * d));
  const stepSize = alpha / denom;
  for (let i = 0; i < end2; i += 2) {
    const o = <usize>i << 2;
    store2(p + o, f64x2.sub(load2(p + o), f64x2.mul(f64x2.splat(stepSize), v128.load(u + (<usize>i << 3)))));
  }
  for (let i = end2; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(p + o, <f32>(<f64>load<f32>(p + o) - stepSize * load<f64>(u + (<usize>i << 3))));
  }
}
