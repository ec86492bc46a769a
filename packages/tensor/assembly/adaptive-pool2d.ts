/* eslint-disable @typescript-eslint/no-unnecessary-type-assertion, @typescript-eslint/no-unsafe-argument -- AssemblyScript: casts like <usize>i change the wasm type, and generic load<T> + load<T> is T there, which TypeScript sees as number or any */
// Adaptive 2-D pooling over wasm memory (src/kernels/adaptive-pool2d.ts is the TypeScript twin and
// the reference). Output (oy, ox) covers rows [⌊oy·H/outH⌋, ⌈(oy+1)·H/outH⌉) and the same for
// columns (PyTorch's rule). Average: sum in tap order, then / kh / kw; its backward adds g / kh / kw
// to every tap. Max: `v > best || isnan(v)`, first tap counting, position iy·W + ix as i32.
// Max backward is max_pool2d_bwd (a scatter by index). Pointers are byte offsets.

function lo(i: i32, inSize: i32, outSize: i32): i32 {
  return <i32>((<i64>i * <i64>inSize) / <i64>outSize);
}
function hi(i: i32, inSize: i32, outSize: i32): i32 {
  return <i32>((<i64>(i + 1) * <i64>inSize + <i64>outSize - 1) / <i64>outSize);
}

class AdaptivePool {
  static avg<T>(src: usize, planes: i32, height: i32, width: i32, outH: i32, outW: i32, dst: usize): void {
    const size = <usize>sizeof<T>();
    const plane = height * width;
    let o = 0;
    for (let p = 0; p < planes; p++) {
      const base = src + <usize>(p * plane) * size;
      for (let oy = 0; oy < outH; oy++) {
        const y0 = lo(oy, height, outH);
        const y1 = hi(oy, height, outH);
        for (let ox = 0; ox < outW; ox++, o++) {
          const x0 = lo(ox, width, outW);
          const x1 = hi(ox, width, outW);
          let sum: T = <T>0;
          for (let iy = y0; iy < y1; iy++) {
            for (let ix = x0; ix < x1; ix++) sum += load<T>(base + <usize>(iy * width + ix) * size);
          }
          store<T>(dst + <usize>o * size, sum / <T>(y1 - y0) / <T>(x1 - x0));
        }
      }
    }
  }

  static avgBack<T>(g: usize, planes: i32, height: i32, width: i32, outH: i32, outW: i32, gx: usize): void {
    const size = <usize>sizeof<T>();
    const plane = height * width;
    memory.fill(gx, 0, <usize>planes * <usize>plane * size);
    let o = 0;
    for (let p = 0; p < planes; p++) {
      const base = gx + <usize>(p * plane) * size;
      for (let oy = 0; oy < outH; oy++) {
        const y0 = lo(oy, height, outH);
        const y1 = hi(oy, height, outH);
        for (let ox = 0; ox < outW; ox++, o++) {
          const x0 = lo(ox, width, outW);
          const x1 = hi(ox, width, outW);
          const d: T = load<T>(g + <usize>o * size) / <T>(y1 - y0) / <T>(x1 - x0);
          for (let iy = y0; iy < y1; iy++) {
            for (let ix = x0; ix < x1; ix++) {
              const at = base + <usize>(iy * width + ix) * size;
              store<T>(at, load<T>(at) + d);
            }
          }
        }
      }
    }
  }

  static max<T>(src: usize, planes: i32, height: i32, width: i32, outH: i32, outW: i32, values: usize, indices: usize): void {
    const size = <usize>sizeof<T>();
    const plane = height * width;
    let o = 0;
    for (let p = 0; p < planes; p++) {
      const base = src + <usize>(p * plane) * size;
      for (let oy = 0; oy < outH; oy++) {
        const y0 = lo(oy, height, outH);
        const y1 = hi(oy, height, outH);
        for (let ox = 0; ox < outW; ox++, o++) {
          const x0 = lo(ox, width, outW);
          const x1 = hi(ox, width, outW);
          let best: T = <T>-Infinity;
          let at = -1;
          for (let iy = y0; iy < y1; iy++) {
            for (let ix = x0; ix < x1; ix++) {
              const v = load<T>(base + <usize>(iy * width + ix) * size);
              const take = <i32>(at < 0) | <i32>(v > best) | <i32>(v != v);
              best = select<T>(v, best, take);
              at = select<i32>(iy * width + ix, at, take);
            }
          }
          store<T>(values + <usize>o * size, best);
          store<i32>(indices + (<usize>o << 2), at);
        }
      }
    }
  }
}

export function adaptive_avg_pool2d_f32(src: usize, planes: i32, height: i32, width: i32, outH: i32, outW: i32, dst: usize): void {
  AdaptivePool.avg<f32>(src, planes, height, width, outH, outW, dst);
}
export function adaptive_avg_pool2d_f64(src: usize, planes: i32, height: i32, width: i32, outH: i32, outW: i32, dst: usize): void {
  AdaptivePool.avg<f64>(src, planes, height, width, outH, outW, dst);
}
export function adaptive_avg_pool2d_bwd_f32(g: usize, planes: i32, height: i32, width: i32, outH: i32, outW: i32, gx: usize): void {
  AdaptivePool.avgBack<f32>(g, planes, height, width, outH, outW, gx);
}
export function adaptive_avg_pool2d_bwd_f64(g: usize, planes: i32, height: i32, width: i32, outH: i32, outW: i32, gx: usize): void {
  AdaptivePool.avgBack<f64>(g, planes, height, width, outH, outW, gx);
}
export function adaptive_max_pool2d_f32(src: usize, planes: i32, height: i32, width: i32, outH: i32, outW: i32, values: usize, indices: usize): void {
  AdaptivePool.max<f32>(src, planes, height, width, outH, outW, values, indices);
}
export function adaptive_max_pool2d_f64(src: usize, planes: i32, height: i32, width: i32, outH: i32, outW: i32, values: usize, indices: usize): void {
  AdaptivePool.max<f64>(src, planes, height, width, outH, outW, values, indices);
}
