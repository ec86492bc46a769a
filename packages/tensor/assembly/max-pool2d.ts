/* eslint-disable @typescript-eslint/no-unnecessary-type-assertion -- AssemblyScript: casts like <usize>i change the wasm type, which TypeScript sees as number */
// 2-D max pooling forward over wasm memory (src/kernels/max-pool2d.ts `maxPool2dForward` is the
// TypeScript twin and the reference): for `planes` contiguous H×W planes at `src`,
//   values[p, oy, ox]  = max over taps (i, j) of x[p, oy·sh − ph + i·dh, ox·sw − pw + j·dw]
//   indices[p, oy, ox] = iy·W + ix of that maximum (i32)
// with PyTorch's rule `v > best || isnan(v)`, the first tap inside the plane always counting, and
// padding never winning; the same tap order as the TypeScript loop. Pointers are byte offsets.

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
              if (at < 0 || v > best || v != v) {
                best = v;
                at = row + ix;
              }
            }
          }
          store<T>(values + <usize>o * size, best);
          store<i32>(indices + (<usize>o << 2), at);
        }
      }
    }
  }
}

export function max_pool2d_f32(src: usize, planes: i32, height: i32, width: i32, outH: i32, outW: i32, kh: i32, kw: i32, sh: i32, sw: i32, ph: i32, pw: i32, dh: i32, dw: i32, values: usize, indices: usize): void {
  MaxPool.run<f32>(src, planes, height, width, outH, outW, kh, kw, sh, sw, ph, pw, dh, dw, values, indices);
}
export function max_pool2d_f64(src: usize, planes: i32, height: i32, width: i32, outH: i32, outW: i32, kh: i32, kw: i32, sh: i32, sw: i32, ph: i32, pw: i32, dh: i32, dw: i32, values: usize, indices: usize): void {
  MaxPool.run<f64>(src, planes, height, width, outH, outW, kh, kw, sh, sw, ph, pw, dh, dw, values, indices);
}
