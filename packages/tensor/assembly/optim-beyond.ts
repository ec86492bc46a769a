/* eslint-disable @typescript-eslint/no-unnecessary-type-assertion -- AssemblyScript: casts like <usize>i change the wasm type, which TypeScript sees as number */
// Fused float32 updates of the optimizers beyond torch.optim (@descent/optim's Schedule-Free AdamW
// and SGD, AdEMAMix, LAMB, LARS), one pass over memory each. Every intermediate is a float32
// operation in a fixed order, which @descent/optim's float32-beyond.ts repeats with Math.fround,
// so the kernels and the TypeScript twins agree bit for bit. Scalars that depend on the step arrive
// computed by the caller in float64 and rounded to float32.
//
// Sums of squares (the layer norms of LAMB and LARS) accumulate in float64 in four lanes, one per
// i mod 4 for the SIMD part, combined as (s0 + s1) + (s2 + s3), then the tail in order; squares of
// float32 values are exact in float64, so the twin gets the same bits.

function splat(x: f32): v128 { return f32x4.splat(x); }

// y ← lerp(y, z, c) with PyTorch's two-sided form: y + c·(z − y) for c < ½, z − (z − y)·(1 − c).
function lerpV(y: v128, z: v128, c: f32, oneMinusC: f32, lowHalf: bool): v128 {
  const diff = f32x4.sub(z, y);
  return lowHalf ? f32x4.add(y, f32x4.mul(splat(c), diff)) : f32x4.sub(z, f32x4.mul(diff, splat(oneMinusC)));
}
function lerpS(y: f32, z: f32, c: f32, oneMinusC: f32, lowHalf: bool): f32 {
  return lowHalf ? y + c * (z - y) : z - (z - y) * oneMinusC;
}

// Schedule-Free AdamW: v ← β₂·v + ((1−β₂)·g)·g; d ← √(v / bc2) + ε; u ← g/d + λ·y;
// y ← lerp(y, z, c) + yScale·u; z ← z + (−γ)·u.
export function sf_adamw_f32(p: usize, g: usize, z: usize, v: usize, n: i32, beta2: f32, oneMinusBeta2: f32, biasCorrection2: f32, eps: f32, weightDecay: f32, c: f32, oneMinusC: f32, lowHalf: bool, yScale: f32, negLr: f32): void {
  const end = n - (n % 4);
  let i = 0;
  for (; i < end; i += 4) {
    const o = <usize>i << 2;
    const grad = v128.load(g + o);
    const y = v128.load(p + o);
    const zi = v128.load(z + o);
    const sq = f32x4.add(f32x4.mul(v128.load(v + o), splat(beta2)), f32x4.mul(f32x4.mul(splat(oneMinusBeta2), grad), grad));
    v128.store(v + o, sq);
    const denom = f32x4.add(f32x4.sqrt(f32x4.div(sq, splat(biasCorrection2))), splat(eps));
    let u = f32x4.div(grad, denom);
    if (weightDecay != 0) u = f32x4.add(u, f32x4.mul(splat(weightDecay), y));
    v128.store(p + o, f32x4.add(lerpV(y, zi, c, oneMinusC, lowHalf), f32x4.mul(splat(yScale), u)));
    v128.store(z + o, f32x4.add(zi, f32x4.mul(splat(negLr), u)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const grad = load<f32>(g + o);
    const y = load<f32>(p + o);
    const zi = load<f32>(z + o);
    const sq: f32 = load<f32>(v + o) * beta2 + (oneMinusBeta2 * grad) * grad;
    store<f32>(v + o, sq);
    const denom: f32 = sqrt<f32>(sq / biasCorrection2) + eps;
    let u: f32 = grad / denom;
    if (weightDecay != 0) u = u + weightDecay * y;
    store<f32>(p + o, lerpS(y, zi, c, oneMinusC, lowHalf) + yScale * u);
    store<f32>(z + o, zi + negLr * u);
  }
}

// Schedule-Free SGD: u ← g + λ·y; y ← lerp(y, z, c) + yScale·u; z ← z + (−γ)·u.
export function sf_sgd_f32(p: usize, g: usize, z: usize, n: i32, weightDecay: f32, c: f32, oneMinusC: f32, lowHalf: bool, yScale: f32, negLr: f32): void {
  const end = n - (n % 4);
  let i = 0;
  for (; i < end; i += 4) {
    const o = <usize>i << 2;
    const y = v128.load(p + o);
    const zi = v128.load(z + o);
    let u = v128.load(g + o);
    if (weightDecay != 0) u = f32x4.add(u, f32x4.mul(splat(weightDecay), y));
    v128.store(p + o, f32x4.add(lerpV(y, zi, c, oneMinusC, lowHalf), f32x4.mul(splat(yScale), u)));
    v128.store(z + o, f32x4.add(zi, f32x4.mul(splat(negLr), u)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const y = load<f32>(p + o);
    const zi = load<f32>(z + o);
    let u = load<f32>(g + o);
    if (weightDecay != 0) u = u + weightDecay * y;
    store<f32>(p + o, lerpS(y, zi, c, oneMinusC, lowHalf) + yScale * u);
    store<f32>(z + o, zi + negLr * u);
  }
}

// AdEMAMix: m₁ ← β₁·m₁ + (1−β₁)·g (m₁ = g without the fast buffer); m₂ ← β₃·m₂ + (1−β₃)·g;
// v ← β₂·v + ((1−β₂)·g)·g; d ← √v/√bc2 + ε; u ← (m₁/bc1 + α·m₂)/d (+ λ·θ); θ ← θ + (−γ)·u.
export function ademamix_f32(p: usize, g: usize, fast: usize, slow: usize, v: usize, n: i32, beta1: f32, oneMinusBeta1: f32, beta3: f32, oneMinusBeta3: f32, beta2: f32, oneMinusBeta2: f32, biasCorrection1: f32, biasCorrection2Sqrt: f32, alpha: f32, eps: f32, weightDecay: f32, negLr: f32): void {
  const end = n - (n % 4);
  let i = 0;
  for (; i < end; i += 4) {
    const o = <usize>i << 2;
    const grad = v128.load(g + o);
    const theta = v128.load(p + o);
    let m1 = grad;
    if (fast != 0) {
      m1 = f32x4.add(f32x4.mul(v128.load(fast + o), splat(beta1)), f32x4.mul(splat(oneMinusBeta1), grad));
      v128.store(fast + o, m1);
    }
    const m2 = f32x4.add(f32x4.mul(v128.load(slow + o), splat(beta3)), f32x4.mul(splat(oneMinusBeta3), grad));
    v128.store(slow + o, m2);
    const sq = f32x4.add(f32x4.mul(v128.load(v + o), splat(beta2)), f32x4.mul(f32x4.mul(splat(oneMinusBeta2), grad), grad));
    v128.store(v + o, sq);
    const denom = f32x4.add(f32x4.div(f32x4.sqrt(sq), splat(biasCorrection2Sqrt)), splat(eps));
    let u = f32x4.div(f32x4.add(f32x4.div(m1, splat(biasCorrection1)), f32x4.mul(splat(alpha), m2)), denom);
    if (weightDecay != 0) u = f32x4.add(u, f32x4.mul(splat(weightDecay), theta));
    v128.store(p + o, f32x4.add(theta, f32x4.mul(splat(negLr), u)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const grad = load<f32>(g + o);
    const theta = load<f32>(p + o);
    let m1 = grad;
    if (fast != 0) {
      m1 = load<f32>(fast + o) * beta1 + oneMinusBeta1 * grad;
      store<f32>(fast + o, m1);
    }
    const m2: f32 = load<f32>(slow + o) * beta3 + oneMinusBeta3 * grad;
    store<f32>(slow + o, m2);
    const sq: f32 = load<f32>(v + o) * beta2 + (oneMinusBeta2 * grad) * grad;
    store<f32>(v + o, sq);
    const denom: f32 = sqrt<f32>(sq) / biasCorrection2Sqrt + eps;
    let u: f32 = (m1 / biasCorrection1 + alpha * m2) / denom;
    if (weightDecay != 0) u = u + weightDecay * theta;
    store<f32>(p + o, theta + negLr * u);
  }
}

// Adds the squares of the four lanes of x (as float64) to the two accumulators.
function squaresInto(x: v128, acc: usize): void {
  const lo = f64x2.promote_low_f32x4(x);
  const hi = f64x2.promote_low_f32x4(v128.shuffle<f32>(x, x, 2, 3, 0, 1));
  v128.store(acc, f64x2.add(v128.load(acc), f64x2.mul(lo, lo)));
  v128.store(acc, f64x2.add(v128.load(acc, 16), f64x2.mul(hi, hi)), 16);
}
function lanesSum(acc: usize): f64 {
  return (load<f64>(acc) + load<f64>(acc, 8)) + (load<f64>(acc, 16) + load<f64>(acc, 24));
}

// LAMB's first pass: m ← β₁·m + (1−β₁)·g; v ← β₂·v + ((1−β₂)·g)·g; r ← m/(√v + ε) (+ λ·θ);
// writes r, and Σθ² and Σr² (float64) to out[0] and out[1] (out: 64 bytes of scratch, the lanes).
// The second pass is axpy_f32(θ, r, −γ·τ) once the caller has the trust ratio τ.
export function lamb_f32(p: usize, g: usize, m: usize, v: usize, r: usize, n: i32, beta1: f32, oneMinusBeta1: f32, beta2: f32, oneMinusBeta2: f32, eps: f32, weightDecay: f32, out: usize): void {
  const accW = out;
  const accR = out + 32;
  v128.store(accW, f64x2.splat(0));
  v128.store(accW, f64x2.splat(0), 16);
  v128.store(accR, f64x2.splat(0));
  v128.store(accR, f64x2.splat(0), 16);
  const end = n - (n % 4);
  let i = 0;
  for (; i < end; i += 4) {
    const o = <usize>i << 2;
    const grad = v128.load(g + o);
    const theta = v128.load(p + o);
    const expAvg = f32x4.add(f32x4.mul(v128.load(m + o), splat(beta1)), f32x4.mul(splat(oneMinusBeta1), grad));
    const expAvgSq = f32x4.add(f32x4.mul(v128.load(v + o), splat(beta2)), f32x4.mul(f32x4.mul(splat(oneMinusBeta2), grad), grad));
    v128.store(m + o, expAvg);
    v128.store(v + o, expAvgSq);
    let step = f32x4.div(expAvg, f32x4.add(f32x4.sqrt(expAvgSq), splat(eps)));
    if (weightDecay != 0) step = f32x4.add(step, f32x4.mul(splat(weightDecay), theta));
    v128.store(r + o, step);
    squaresInto(theta, accW);
    squaresInto(step, accR);
  }
  let sumW = lanesSum(accW);
  let sumR = lanesSum(accR);
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const grad = load<f32>(g + o);
    const theta = load<f32>(p + o);
    const expAvg: f32 = load<f32>(m + o) * beta1 + oneMinusBeta1 * grad;
    const expAvgSq: f32 = load<f32>(v + o) * beta2 + (oneMinusBeta2 * grad) * grad;
    store<f32>(m + o, expAvg);
    store<f32>(v + o, expAvgSq);
    let step: f32 = expAvg / (sqrt<f32>(expAvgSq) + eps);
    if (weightDecay != 0) step = step + weightDecay * theta;
    store<f32>(r + o, step);
    sumW += <f64>theta * <f64>theta;
    sumR += <f64>step * <f64>step;
  }
  store<f64>(out, sumW);
  store<f64>(out, sumR, 8);
}

// θ ← θ + a·x (LAMB's second pass).
export function axpy_f32(p: usize, x: usize, n: i32, a: f32): void {
  const end = n - (n % 4);
  let i = 0;
  for (; i < end; i += 4) {
    const o = <usize>i << 2;
    v128.store(p + o, f32x4.add(v128.load(p + o), f32x4.mul(splat(a), v128.load(x + o))));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(p + o, load<f32>(p + o) + a * load<f32>(x + o));
  }
}

// Σa² and Σb² in float64 (LARS's ‖θ‖ and ‖g‖), written to out[0] and out[1]; out has 64 bytes.
export function sumsq2_f32(a: usize, b: usize, n: i32, out: usize): void {
  const accA = out;
  const accB = out + 32;
  v128.store(accA, f64x2.splat(0));
  v128.store(accA, f64x2.splat(0), 16);
  v128.store(accB, f64x2.splat(0));
  v128.store(accB, f64x2.splat(0), 16);
  const end = n - (n % 4);
  let i = 0;
  for (; i < end; i += 4) {
    const o = <usize>i << 2;
    squaresInto(v128.load(a + o), accA);
    squaresInto(v128.load(b + o), accB);
  }
  let sumA = lanesSum(accA);
  let sumB = lanesSum(accB);
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const x = <f64>load<f32>(a + o);
    const y = <f64>load<f32>(b + o);
    sumA += x * x;
    sumB += y * y;
  }
  store<f64>(out, sumA);
  store<f64>(out, sumB, 8);
}

// LARS: d ← (g + λ·θ)·γ_l when scaled, else g; momentum: b ← d (first) | μ·b + (1−τ)·d,
// d ← d + μ·b (nesterov) | b; θ ← θ + (−γ)·d.
export function lars_f32(p: usize, g: usize, buf: usize, n: i32, scaled: bool, localLr: f32, weightDecay: f32, momentum: f32, oneMinusDampening: f32, nesterov: bool, first: bool, negLr: f32): void {
  const end = n - (n % 4);
  let i = 0;
  for (; i < end; i += 4) {
    const o = <usize>i << 2;
    const theta = v128.load(p + o);
    let d = v128.load(g + o);
    if (scaled) d = f32x4.mul(f32x4.add(d, f32x4.mul(splat(weightDecay), theta)), splat(localLr));
    if (buf != 0) {
      let b = d;
      if (!first) b = f32x4.add(f32x4.mul(splat(momentum), v128.load(buf + o)), f32x4.mul(splat(oneMinusDampening), d));
      v128.store(buf + o, b);
      d = nesterov ? f32x4.add(d, f32x4.mul(splat(momentum), b)) : b;
    }
    v128.store(p + o, f32x4.add(theta, f32x4.mul(splat(negLr), d)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const theta = load<f32>(p + o);
    let d = load<f32>(g + o);
    if (scaled) d = (d + weightDecay * theta) * localLr;
    if (buf != 0) {
      let b = d;
      if (!first) b = momentum * load<f32>(buf + o) + oneMinusDampening * d;
      store<f32>(buf + o, b);
      d = nesterov ? d + momentum * b : b;
    }
    store<f32>(p + o, theta + negLr * d);
  }
}
