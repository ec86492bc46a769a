/* eslint-disable @typescript-eslint/no-unnecessary-type-assertion -- AssemblyScript: casts like <usize>i change the wasm type, which TypeScript sees as number */
// Reductions over a contiguous run. Float32 partial sums are vectorised in f32 over blocks of
// BLOCK elements and then added in f64, which keeps the error far below a plain running f32 sum.

const BLOCK = 1024;

// Inlined helpers: @inline is only valid on methods for TypeScript tooling, hence the class.
class Rd {
  @inline static blockSum<T>(a: usize, n: i32, squares: bool): f64 {
    const lanes = 16 / sizeof<T>();
    const end = n - (n % (lanes * 2));
    let s0 = v128.splat<T>(<T>0);
    let s1 = v128.splat<T>(<T>0);
    let i = 0;
    for (; i < end; i += lanes * 2) {
      const p = a + <usize>i * sizeof<T>();
      const x0 = v128.load(p);
      const x1 = v128.load(p, 16);
      if (squares) {
        s0 = v128.add<T>(s0, v128.mul<T>(x0, x0));
        s1 = v128.add<T>(s1, v128.mul<T>(x1, x1));
      } else {
        s0 = v128.add<T>(s0, x0);
        s1 = v128.add<T>(s1, x1);
      }
    }
    const s = v128.add<T>(s0, s1);
    let total: f64 = 0;
    if (sizeof<T>() == 4) {
      total = <f64>f32x4.extract_lane(s, 0) + <f64>f32x4.extract_lane(s, 1) + <f64>f32x4.extract_lane(s, 2) + <f64>f32x4.extract_lane(s, 3);
    } else {
      total = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
    }
    for (; i < n; i++) {
      const x = <f64>load<T>(a + <usize>i * sizeof<T>());
      total += squares ? x * x : x;
    }
    return total;
  }

  @inline static sumT<T>(a: usize, n: i32, squares: bool): f64 {
    let total: f64 = 0;
    for (let i = 0; i < n; i += BLOCK) {
      const len = min<i32>(BLOCK, n - i);
      total += Rd.blockSum<T>(a + <usize>i * sizeof<T>(), len, squares);
    }
    return total;
  }

  @inline static maxT<T>(a: usize, n: i32): f64 {
    const lanes = 16 / sizeof<T>();
    const end = n - (n % lanes);
    let m = v128.splat<T>(<T>-Infinity);
    let i = 0;
    for (; i < end; i += lanes) m = v128.max<T>(m, v128.load(a + <usize>i * sizeof<T>()));
    let best: f64 = -Infinity;
    if (sizeof<T>() == 4) {
      best = max<f64>(max<f64>(f32x4.extract_lane(m, 0), f32x4.extract_lane(m, 1)), max<f64>(f32x4.extract_lane(m, 2), f32x4.extract_lane(m, 3)));
    } else {
      best = max<f64>(f64x2.extract_lane(m, 0), f64x2.extract_lane(m, 1));
    }
    for (; i < n; i++) best = max<f64>(best, <f64>load<T>(a + <usize>i * sizeof<T>()));
    return best;
  }
}

export function sum_f32(a: usize, n: i32): f64 { return Rd.sumT<f32>(a, n, false); }
export function sum_f64(a: usize, n: i32): f64 { return Rd.sumT<f64>(a, n, false); }
export function sumsq_f32(a: usize, n: i32): f64 { return Rd.sumT<f32>(a, n, true); }
export function sumsq_f64(a: usize, n: i32): f64 { return Rd.sumT<f64>(a, n, true); }
export function max_f32(a: usize, n: i32): f64 { return Rd.maxT<f32>(a, n); }
export function max_f64(a: usize, n: i32): f64 { return Rd.maxT<f64>(a, n); }
