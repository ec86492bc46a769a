/* eslint-disable @typescript-eslint/no-unnecessary-type-assertion, @typescript-eslint/no-unsafe-argument -- AssemblyScript: casts like <usize>i change the wasm type, which TypeScript sees as number */
// C[m×n] = A[m×k] · B[k×n] with the BLIS loop order: B is packed in KC×NC blocks into NR-wide
// column panels, A in MC×KC blocks into MR-high row panels, and a 4×(2 vectors) register tile
// accumulates over KC. Operands may have any element strides (transposed or sliced views); packing
// reads them once per block. C has row stride `ldc` (elements) and unit column stride.
// `scratch` must hold matmulScratchBytes(sizeof T) bytes; each thread passes its own.

const MR = 4;
const KC = 256;
const MC = 64;
const NC = 512;

// Inlined helpers: @inline is only valid on methods for TypeScript tooling, hence the class.
class Mm {
  @inline static nr<T>(): i32 { return (16 / sizeof<T>()) * 2; }

  @inline static packA<T>(dst: usize, a: usize, rsA: i32, csA: i32, mc: i32, kc: i32): void {
    for (let ir = 0; ir < mc; ir += MR) {
      const rows = min<i32>(MR, mc - ir);
      for (let p = 0; p < kc; p++) {
        for (let i = 0; i < MR; i++) {
          let v: T = <T>0;
          if (i < rows) v = load<T>(a + (<usize>(ir + i) * rsA + <usize>p * csA) * sizeof<T>());
          store<T>(dst, v);
          dst += sizeof<T>();
        }
      }
    }
  }

  @inline static packB<T>(dst: usize, b: usize, rsB: i32, csB: i32, kc: i32, nc: i32): void {
    const NR = Mm.nr<T>();
    for (let jr = 0; jr < nc; jr += NR) {
      const cols = min<i32>(NR, nc - jr);
      if (csB == 1 && cols == NR) {
        for (let p = 0; p < kc; p++) {
          const src = b + (<usize>p * rsB + <usize>jr) * sizeof<T>();
          v128.store(dst, v128.load(src));
          v128.store(dst, v128.load(src, 16), 16);
          dst += 32;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          for (let j = 0; j < NR; j++) {
            let v: T = <T>0;
            if (j < cols) v = load<T>(b + (<usize>p * rsB + <usize>(jr + j) * csB) * sizeof<T>());
            store<T>(dst, v);
            dst += sizeof<T>();
          }
        }
      }
    }
  }

  @inline static storeRow<T>(c: usize, lo: v128, hi: v128, accumulate: bool): void {
    if (accumulate) {
      v128.store(c, v128.add<T>(v128.load(c), lo));
      v128.store(c, v128.add<T>(v128.load(c, 16), hi), 16);
    } else {
      v128.store(c, lo);
      v128.store(c, hi, 16);
    }
  }

  // The register tile: 4 rows × 2 vectors of C, updated for every k of the packed panels.
  @inline static micro<T>(kc: i32, ap: usize, bp: usize, c: usize, ldcBytes: usize, accumulate: bool): void {
    let c00 = v128.splat<T>(<T>0), c01 = v128.splat<T>(<T>0);
    let c10 = v128.splat<T>(<T>0), c11 = v128.splat<T>(<T>0);
    let c20 = v128.splat<T>(<T>0), c21 = v128.splat<T>(<T>0);
    let c30 = v128.splat<T>(<T>0), c31 = v128.splat<T>(<T>0);
    const apEnd = ap + <usize>kc * MR * sizeof<T>();
    // Loop on the A pointer itself: no separate k counter to keep and compare.
    while (ap < apEnd) {
      const b0 = v128.load(bp);
      const b1 = v128.load(bp, 16);
      // Each element of the A panel broadcast by one load-and-splat instruction with an immediate
      // offset (a scalar load then a splat costs a shuffle on the multiply-add pipes).
      const a0 = (sizeof<T>() == 4 ? v128.load32_splat(ap, 0) : v128.load64_splat(ap, 0));
      const a1 = (sizeof<T>() == 4 ? v128.load32_splat(ap, 4) : v128.load64_splat(ap, 8));
      const a2 = (sizeof<T>() == 4 ? v128.load32_splat(ap, 8) : v128.load64_splat(ap, 16));
      const a3 = (sizeof<T>() == 4 ? v128.load32_splat(ap, 12) : v128.load64_splat(ap, 24));
      c00 = v128.add<T>(c00, v128.mul<T>(a0, b0)); c01 = v128.add<T>(c01, v128.mul<T>(a0, b1));
      c10 = v128.add<T>(c10, v128.mul<T>(a1, b0)); c11 = v128.add<T>(c11, v128.mul<T>(a1, b1));
      c20 = v128.add<T>(c20, v128.mul<T>(a2, b0)); c21 = v128.add<T>(c21, v128.mul<T>(a2, b1));
      c30 = v128.add<T>(c30, v128.mul<T>(a3, b0)); c31 = v128.add<T>(c31, v128.mul<T>(a3, b1));
      ap += MR * sizeof<T>();
      bp += 32;
    }
    Mm.storeRow<T>(c, c00, c01, accumulate);
    Mm.storeRow<T>(c + ldcBytes, c10, c11, accumulate);
    Mm.storeRow<T>(c + 2 * ldcBytes, c20, c21, accumulate);
    Mm.storeRow<T>(c + 3 * ldcBytes, c30, c31, accumulate);
  }
}

export function matmul_scratch_bytes(elemSize: i32): i32 {
  return (MC * KC + KC * NC + MR * 8) * elemSize + 64;
}

// Exported (generic, not a module export of the wasm binary) for the recurrent kernels' per-step products.
export function matmul<T>(a: usize, rsA: i32, csA: i32, b: usize, rsB: i32, csB: i32, c: usize, ldc: i32, m: i32, n: i32, k: i32, scratch: usize): void {
  const NR = Mm.nr<T>();
  const size = <usize>sizeof<T>();
  const scratchA = (scratch + 15) & ~<usize>15;
  const scratchB = scratchA + <usize>(MC * KC) * size;
  const tile = scratchB + <usize>(KC * NC) * size;
  const ldcBytes = <usize>ldc * size;
  if (k == 0) {
    for (let i = 0; i < m; i++) memory.fill(c + <usize>i * ldcBytes, 0, <usize>n * size);
    return;
  }
  for (let jc = 0; jc < n; jc += NC) {
    const nc = min<i32>(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min<i32>(KC, k - pc);
      const accumulate = pc > 0;
      Mm.packB<T>(scratchB, b + (<usize>pc * rsB + <usize>jc * csB) * size, rsB, csB, kc, nc);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = min<i32>(MC, m - ic);
        Mm.packA<T>(scratchA, a + (<usize>ic * rsA + <usize>pc * csA) * size, rsA, csA, mc, kc);
        for (let jr = 0; jr < nc; jr += NR) {
          const cols = min<i32>(NR, nc - jr);
          const bp = scratchB + <usize>(jr * kc) * size;
          for (let ir = 0; ir < mc; ir += MR) {
            const rows = min<i32>(MR, mc - ir);
            const ap = scratchA + <usize>(ir * kc) * size;
            const cp = c + (<usize>(ic + ir) * ldc + <usize>(jc + jr)) * size;
            if (rows == MR && cols == NR) {
              Mm.micro<T>(kc, ap, bp, cp, ldcBytes, accumulate);
            } else {
              // Edge tile: compute the full tile into scratch, then copy the valid part.
              Mm.micro<T>(kc, ap, bp, tile, <usize>NR * size, false);
              for (let i = 0; i < rows; i++) {
                for (let j = 0; j < cols; j++) {
                  const dst = cp + (<usize>i * ldc + <usize>j) * size;
                  const v = load<T>(tile + <usize>(i * NR + j) * size);
                  store<T>(dst, accumulate ? load<T>(dst) + v : v);
                }
              }
            }
          }
        }
      }
    }
  }
}

export function matmul_f32(a: usize, rsA: i32, csA: i32, b: usize, rsB: i32, csB: i32, c: usize, ldc: i32, m: i32, n: i32, k: i32, scratch: usize): void {
  matmul<f32>(a, rsA, csA, b, rsB, csB, c, ldc, m, n, k, scratch);
}

export function matmul_f64(a: usize, rsA: i32, csA: i32, b: usize, rsB: i32, csB: i32, c: usize, ldc: i32, m: i32, n: i32, k: i32, scratch: usize): void {
  matmul<f64>(a, rsA, csA, b, rsB, csB, c, ldc, m, n, k, scratch);
}
