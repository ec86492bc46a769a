/* eslint-disable @typescript-eslint/no-unnecessary-type-assertion -- AssemblyScript: casts like <usize>i change the wasm type, which TypeScript sees as number */
// Fused float32 Prodigy (@descent/optim's prodigy.ts) in the two passes its math allows: the d
// estimate needs Σ⟨g, θ₀ − θ⟩ and Σ‖s‖₁ over every parameter before any parameter can move.
//   prodigy_stats_f32: g (+ λ·θ coupled), the dot product, m, v, s and Σ|s| in one pass;
//   prodigy_step_f32:  (decoupled decay,) θ ← θ − dlr·m/(√v + d·ε) in one pass.
// Every intermediate is a float32 operation in the order of the reference's tensor ops (torch's
// add with alpha, addcmul, addcdiv), which @descent/optim's float32-prodigy.ts repeats with
// Math.fround, so kernel and twin agree bit for bit. The two sums accumulate in float64 in four
// lanes, one per i mod 4 for the SIMD part, combined as (l0 + l1) + (l2 + l3), then the tail in
// order; a product of two float32 values and |s| are exact in float64, so the twin gets the same bits.

function splat(x: f32): v128 { return f32x4.splat(x); }

// The four float64 lanes of a float32 vector: its low and high halves.
function lowF64(x: v128): v128 { return f64x2.promote_low_f32x4(x); }
function highF64(x: v128): v128 { return f64x2.promote_low_f32x4(v128.shuffle<f32>(x, x, 2, 3, 0, 1)); }
function laneSum(lo: v128, hi: v128): f64 {
  return (f64x2.extract_lane(lo, 0) + f64x2.extract_lane(lo, 1)) + (f64x2.extract_lane(hi, 0) + f64x2.extract_lane(hi, 1));
}

// First pass. g ← g + λ·θ (λ = weightDecay, 0 unless coupled); dot += g·(θ₀ − θ);
// m ← β₁·m + d(1−β₁)·g (m = 0: no first moment); v ← β₂·v + (d²(1−β₂)·g)·g; s ← β₃·s + sScale·g;
// sAbs += |s|. Writes dot and sAbs (float64) to out[0] and out[1].
export function prodigy_stats_f32(p: usize, g: usize, p0: usize, s: usize, m: usize, v: usize, n: i32, weightDecay: f32, beta1: f32, dOneMinusBeta1: f32, beta2: f32, dSqOneMinusBeta2: f32, beta3: f32, sScale: f32, out: usize): void {
  let dotLo = f64x2.splat(0);
  let dotHi = f64x2.splat(0);
  let absLo = f64x2.splat(0);
  let absHi = f64x2.splat(0);
  const end = n - (n % 4);
  let i = 0;
  for (; i < end; i += 4) {
    const o = <usize>i << 2;
    const theta = v128.load(p + o);
    let grad = v128.load(g + o);
    if (weightDecay != 0) grad = f32x4.add(grad, f32x4.mul(splat(weightDecay), theta));
    const diff = f32x4.sub(v128.load(p0 + o), theta);
    dotLo = f64x2.add(dotLo, f64x2.mul(lowF64(grad), lowF64(diff)));
    dotHi = f64x2.add(dotHi, f64x2.mul(highF64(grad), highF64(diff)));
    if (m != 0) v128.store(m + o, f32x4.add(f32x4.mul(v128.load(m + o), splat(beta1)), f32x4.mul(splat(dOneMinusBeta1), grad)));
    v128.store(v + o, f32x4.add(f32x4.mul(v128.load(v + o), splat(beta2)), f32x4.mul(f32x4.mul(splat(dSqOneMinusBeta2), grad), grad)));
    const si = f32x4.add(f32x4.mul(v128.load(s + o), splat(beta3)), f32x4.mul(splat(sScale), grad));
    v128.store(s + o, si);
    const a = f32x4.abs(si);
    absLo = f64x2.add(absLo, lowF64(a));
    absHi = f64x2.add(absHi, highF64(a));
  }
  let dot = laneSum(dotLo, dotHi);
  let sAbs = laneSum(absLo, absHi);
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const theta = load<f32>(p + o);
    let grad = load<f32>(g + o);
    if (weightDecay != 0) grad = grad + weightDecay * theta;
    const diff: f32 = load<f32>(p0 + o) - theta;
    dot += <f64>grad * <f64>diff;
    if (m != 0) store<f32>(m + o, load<f32>(m + o) * beta1 + dOneMinusBeta1 * grad);
    store<f32>(v + o, load<f32>(v + o) * beta2 + (dSqOneMinusBeta2 * grad) * grad);
    const si: f32 = load<f32>(s + o) * beta3 + sScale * grad;
    store<f32>(s + o, si);
    sAbs += <f64>abs<f32>(si);
  }
  store<f64>(out, dot);
  store<f64>(out, sAbs, 8);
}

// Second pass. θ ← θ + decay·θ (decay = −λ·dlr, 0 unless decoupled); denom ← √v + d·ε;
// θ ← θ + (scale·m)/denom, or without m θ ← θ + (scale·(g + λ·θ))/denom (λ = weightDecay, 0 unless
// coupled); scale is −dlr with m, −dlr·d without.
export function prodigy_step_f32(p: usize, g: usize, m: usize, v: usize, n: i32, weightDecay: f32, decay: f32, dEps: f32, scale: f32): void {
  const end = n - (n % 4);
  let i = 0;
  for (; i < end; i += 4) {
    const o = <usize>i << 2;
    let theta = v128.load(p + o);
    if (decay != 0) theta = f32x4.add(theta, f32x4.mul(splat(decay), theta));
    const denom = f32x4.add(f32x4.sqrt(v128.load(v + o)), splat(dEps));
    let x: v128;
    if (m != 0) {
      x = v128.load(m + o);
    } else {
      x = v128.load(g + o);
      if (weightDecay != 0) x = f32x4.add(x, f32x4.mul(splat(weightDecay), theta));
    }
    v128.store(p + o, f32x4.add(theta, f32x4.div(f32x4.mul(splat(scale), x), denom)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    let theta = load<f32>(p + o);
    if (decay != 0) theta = theta + decay * theta;
    const denom: f32 = sqrt<f32>(load<f32>(v + o)) + dEps;
    let x: f32;
    if (m != 0) {
      x = load<f32>(m + o);
    } else {
      x = load<f32>(g + o);
      if (weightDecay != 0) x = x + weightDecay * theta;
    }
    store<f32>(p + o, theta + (scale * x) / denom);
  }
}
