/* eslint-disable @typescript-eslint/no-unnecessary-type-assertion, @typescript-eslint/no-unsafe-argument -- AssemblyScript: casts like <usize>i change the wasm type, and generic load<T> + load<T> is T there, which TypeScript sees as number or any */
// 2-D max pooling forward over wasm memory (src/kernels/max-pool2d.ts `maxPool2dForward` is the
// TypeScript twin and the reference): for `planes` contiguous H×W planes at `src`,
//   values[p, oy, ox]  = max over taps (i, j) of x[p, oy·sh − ph + i·dh, ox·sw − pw + j·dw]
//   indices[p, oy, ox] = iy·W + ix of that maximum (i32)
// with PyTorch's rule `v > best || isnan(v)`, the first tap inside the plane always counting, and
// padding never winning; the same tap order as the TypeScript loop. The common f32 2×2 / stride 2
// window runs four outputs at a time with SIMD selects. Pointers are byte offsets.

class MaxPool {
  @inline static run<T>(src: usize, planes: i32, height: i32, width: i32, outH: i32, outW: i32, kh: i32, kw: i32, sh: i32, sw: i32, ph: i32, pw: i32, dh: i32, dw: i32, values: usize, indices: usize): void {
    const size = <usize>sizeof<T>();
    const plane = height * width;
    let o = 0;
    for (let p = 0; p < planes; p++) {
      const base = src + <usize>(p * plane) * size;
      for (let oy = 0; oy < outH; oy++) {
        const y0 = oy * sh - ph;
        for (let ox = 0; ox < outW; ox++, o++) {
          const x0 = ox * sw - pw;
          let best: T = <T>-Infinity;
          let at = -1;
          for (let i = 0; i < kh; i++) {
            const iy = y0 + i * dh;
            if (iy < 0 || iy >= height) continue;
            const row = iy * width;
            for (let j = 0; j < kw; j++) {
              const ix = x0 + j * dw;
              if (ix < 0 || ix >= width) continue;
              const v = load<T>(base + <usize>(row + ix) * size);
              // Branch-free (the comparison is data-dependent): non-short-circuit ors and selects.
              const take = <i32>(at < 0) | <i32>(v > best) | <i32>(v != v);
              best = select<T>(v, best, take);
              at = select<i32>(row + ix, at, take);
            }
          }
          store<T>(values + <usize>o * size, best);
          store<i32>(indices + (<usize>o << 2), at);
        }
      }
    }
  }
}

class MaxPool2x2 {
  /** One tap of four windows: lanes where `t` wins (t > best or t is NaN) take it and its index. */
  @inline static take(t: v128, ti: v128, best: usize, at: usize): void {
    const win = v128.or(f32x4.gt(t, load<v128>(best)), f32x4.ne(t, t));
    store<v128>(best, v128.bitselect(t, load<v128>(best), win));
    store<v128>(at, v128.bitselect(ti, load<v128>(at), win));
  }

  /**
   * The common 2×2 window with stride 2, no padding and no dilation on f32, four outputs at a time:
   * the even and odd columns of two input rows are the four taps, in the scalar loop's order.
   */
  static run(src: usize, planes: i32, height: i32, width: i32, outH: i32, outW: i32, values: usize, indices: usize): void {
    const plane = height * width;
    const step = i32x4(0, 2, 4, 6);
    let o = 0;
    for (let p = 0; p < planes; p++) {
      const base = src + (<usize>(p * plane) << 2);
      for (let oy = 0; oy < outH; oy++) {
        const row0 = 2 * oy * width;
        const row1 = row0 + width;
        let ox = 0;
        for (; ox + 4 <= outW; ox += 4, o += 4) {
          const a0 = v128.load(base + (<usize>(row0 + 2 * ox) << 2));
          const a1 = v128.load(base + (<usize>(row0 + 2 * ox + 4) << 2));
          const b0 = v128.load(base + (<usize>(row1 + 2 * ox) << 2));
          const b1 = v128.load(base + (<usize>(row1 + 2 * ox + 4) << 2));
          const i00 = i32x4.add(i32x4.splat(row0 + 2 * ox), step);
          const i10 = i32x4.add(i32x4.splat(row1 + 2 * ox), step);
          const one = i32x4.splat(1);
          const vOut = values + (<usize>o << 2);
          const iOut = indices + (<usize>o << 2);
          // Tap (0, 0) always counts first; then (0, 1), (1, 0), (1, 1).
          v128.store(vOut, v128.shuffle<f32>(a0, a1, 0, 2, 4, 6));
          v128.store(iOut, i00);
          MaxPool2x2.take(v128.shuffle<f32>(a0, a1, 1, 3, 5, 7), i32x4.add(i00, one), vOut, iOut);
          MaxPool2x2.take(v128.shuffle<f32>(b0, b1, 0, 2, 4, 6), i10, vOut, iOut);
          MaxPool2x2.take(v128.shuffle<f32>(b0, b1, 1, 3, 5, 7), i32x4.add(i10, one), vOut, iOut);
        }
        for (; ox < outW; ox++, o++) {
          let best = load<f32>(base + (<usize>(row0 + 2 * ox) << 2));
          let at = row0 + 2 * ox;
          for (let t = 1; t < 4; t++) {
            const ix = (t < 2 ? row0 : row1) + 2 * ox + (t & 1);
            const v = load<f32>(base + (<usize>ix << 2));
            const take = <i32>(v > best) | <i32>(v != v);
            best = select<f32>(v, best, take);
            at = select<i32>(ix, at, take);
          }
          store<f32>(values + (<usize>o << 2), best);
          store<i32>(indices + (<usize>o << 2), at);
        }
      }
    }
  }
}

export function max_pool2d_f32(src: usize, planes: i32, height: i32, width: i32, outH: i32, outW: i32, kh: i32, kw: i32, sh: i32, sw: i32, ph: i32, pw: i32, dh: i32, dw: i32, values: usize, indices: usize): void {
  if (kh == 2 && kw == 2 && sh == 2 && sw == 2 && ph == 0 && pw == 0 && dh == 1 && dw == 1 && 2 * outH <= height && 2 * outW <= width) {
    MaxPool2x2.run(src, planes, height, width, outH, outW, values, indices);
    return;
  }
  MaxPool.run<f32>(src, planes, height, width, outH, outW, kh, kw, sh, sw, ph, pw, dh, dw, values, indices);
}
export function max_pool2d_f64(src: usize, planes: i32, height: i32, width: i32, outH: i32, outW: i32, kh: i32, kw: i32, sh: i32, sw: i32, ph: i32, pw: i32, dh: i32, dw: i32, values: usize, indices: usize): void {
  MaxPool.run<f64>(src, planes, height, width, outH, outW, kh, kw, sh, sw, ph, pw, dh, dw, values, indices);
}

// Backward: gx[p, indices[p, o]] += g[p, o] over `planes` planes of `area` outputs, after zeroing
// the planes·plane elements of gx; the same order of additions as the TypeScript scatter.
class MaxPoolBack {
  @inline static run<T>(g: usize, indices: usize, planes: i32, area: i32, plane: i32, gx: usize): void {
    const size = <usize>sizeof<T>();
    memory.fill(gx, 0, <usize>planes * <usize>plane * size);
    for (let p = 0; p < planes; p++) {
      const dst = gx + <usize>(p * plane) * size;
      const src = <usize>(p * area);
      for (let o = 0; o < area; o++) {
        const idx = load<i32>(indices + ((src + <usize>o) << 2));
        if (idx < 0) continue; // a window with no tap inside the plane (never made by the forward's checks)
        const at = dst + <usize>idx * size;
        store<T>(at, load<T>(at) + load<T>(g + (src + <usize>o) * size));
      }
    }
  }
}

export function max_pool2d_bwd_f32(g: usize, indices: usize, planes: i32, area: i32, plane: i32, gx: usize): void {
  MaxPoolBack.run<f32>(g, indices, planes, area, plane, gx);
}
export function max_pool2d_bwd_f64(g: usize, indices: usize, planes: i32, area: i32, plane: i32, gx: usize): void {
  MaxPoolBack.run<f64>(g, indices, planes, area, plane, gx);
}
