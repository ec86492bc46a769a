/**
 * Prodigy's float32 arithmetic of the fused kernels (packages/tensor/assembly/prodigy.ts) in
 * TypeScript, for float32 parameters the kernels do not take (small, or no kernels:
 * `DESCENT_WASM=0`, no SIMD). Every intermediate is rounded to float32 (`Math.fround`) where the
 * kernel rounds it, scalars as they cross into the kernel, and the two sums follow the kernel's four
 * float64 lanes, so a float32 parameter gets the same bits on every path.
 */
import type { WasmProdigyOptions, WasmProdigySums } from '@descent/tensor';

const f = Math.fround;

/** The kernel's combination of its four float64 lanes. */
function combine(lanes: Float64Array): number {
  return (lanes[0] as number) + (lanes[1] as number) + ((lanes[2] as number) + (lanes[3] as number));
}

/**
 * Prodigy's first pass in float32, as `prodigy_stats_f32`: updates m (null when β₁ = 0), v and s;
 * returns Σ⟨g, θ₀ − θ⟩ and Σ|s| in float64.
 *
 * @example
 * const { dot, sAbs } = prodigyStats32(p, g, p0, s, m, v, options);
 */
export function prodigyStats32(param: Float32Array, grad: Float32Array, p0: Float32Array, s: Float32Array, m: Float32Array | null, v: Float32Array, o: WasmProdigyOptions): WasmProdigySums {
  const weightDecay = f(o.decouple ? 0 : o.weightDecay);
  const beta1 = f(o.beta1);
  const dOneMinusBeta1 = f(o.d * (1 - o.beta1));
  const beta2 = f(o.beta2);
  const dSqOneMinusBeta2 = f(o.d * o.d * (1 - o.beta2));
  const beta3 = f(o.beta3);
  const sScale = f((o.d / o.d0) * (o.safeguardWarmup ? o.d : o.dlr));
  const n = param.length;
  const end = n - (n % 4);
  // The kernel's lanes: partial sums per i mod 4 up to `end`, combined as (l0 + l1) + (l2 + l3),
  // then the tail in order.
  const dotLanes = new Float64Array(4);
  const absLanes = new Float64Array(4);
  let dot = 0;
  let sAbs = 0;
  for (let i = 0; i < n; i++) {
    if (i === end) [dot, sAbs] = [combine(dotLanes), combine(absLanes)];
    const theta = param[i] as number;
    let g = grad[i] as number;
    if (weightDecay !== 0) g = f(g + f(weightDecay * theta));
    const diff = f((p0[i] as number) - theta);
    if (m !== null) m[i] = f(f((m[i] as number) * beta1) + f(dOneMinusBeta1 * g));
    v[i] = f(f((v[i] as number) * beta2) + f(f(dSqOneMinusBeta2 * g) * g));
    const si = f(f((s[i] as number) * beta3) + f(sScale * g));
    s[i] = si;
    if (i < end) {
      const lane = i & 3;
      dotLanes[lane] = (dotLanes[lane] as number) + g * diff;
      absLanes[lane] = (absLanes[lane] as number) + Math.abs(si);
    } else {
      dot += g * diff;
      sAbs += Math.abs(si);
    }
  }
  if (n === end) [dot, sAbs] = [combine(dotLanes), combine(absLanes)];
  return { dot, sAbs };
}

/**
 * Prodigy's second pass in float32, as `prodigy_step_f32`: decoupled decay, then
 * θ ← θ − dlr·m/(√v + d·ε) (θ ← θ − dlr·d·g/(√v + d·ε) when m is null).
 *
 * @example
 * prodigyStep32(p, g, m, v, { ...options, d: newD });
 */
export function prodigyStep32(param: Float32Array, grad: Float32Array, m: Float32Array | null, v: Float32Array, o: WasmProdigyOptions): void {
  const weightDecay = f(o.decouple ? 0 : o.weightDecay);
  const decay = f(o.decouple && o.weightDecay !== 0 ? -o.weightDecay * o.dlr : 0);
  const dEps = f(o.d * o.eps);
  const scale = f(m !== null ? -o.dlr : -o.dlr * o.d);
  for (let i = 0; i < param.length; i++) {
    let theta = param[i] as number;
    if (decay !== 0) theta = f(theta + f(decay * theta));
    const denom = f(f(Math.sqrt(v[i] as number)) + dEps);
    let x: number;
    if (m !== null) {
      x = m[i] as number;
    } else {
      x = grad[i] as number;
      if (weightDecay !== 0) x = f(x + f(weightDecay * theta));
    }
    param[i] = f(theta + f(f(scale * x) / denom));
  }
}
