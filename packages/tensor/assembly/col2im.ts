/* eslint-disable @typescript-eslint/no-unnecessary-type-assertion, @typescript-eslint/no-unsafe-argument -- AssemblyScript: casts like <usize>i change the wasm type, and generic load<T> + load<T> is T there, which TypeScript sees as number or any */
// col2im over wasm memory, the adjoint of im2col.ts (src/kernels/im2col.ts `col2imInto` is the
// TypeScript twin and the reference): `planes` contiguous H×W planes at `dst` (pre-zeroed by the
// caller) receive their columns, row r = (p·kh + i)·kw + j of outH·outW entries at `src`:
//   dst[p, oy·sh − top + i·dh, ox·sw − left + j·dw] += src[r, oy·outW + ox]
// in the same order as the TypeScript loop (p, i, j, oy, ox), so sums are bit-identical. Rows of
// stride 1 add four (f32) or two (f64) lanes at a time. Pointers are byte offsets.

class Col2im {
  /** First output index o with o·s − pad + tap ≥ 0. */
  @inline static lo(s: i32, pad: i32, tap: i32): i32 {
    const d = pad - tap;
    return d <= 0 ? 0 : (d + s - 1) / s;
  }

  /** One past the last output index o with o·s − pad + tap < size, at most out. */
  @inline static hi(out: i32, size: i32, s: i32, pad: i32, tap: i32): i32 {
    const d = size - 1 + pad - tap;
    if (d < 0) return 0;
    return min<i32>(out, d / s + 1);
  }

  @inline static run<T>(src: usize, planes: i32, height: i32, width: i32, outH: i32, outW: i32, kh: i32, kw: i32, dh: i32, dw: i32, top: i32, left: i32, sh: i32, sw: i32, dst: usize): void {
    const size = <usize>sizeof<T>();
    const lanes = 16 / sizeof<T>();
    const plane = height * width;
    const area = outH * outW;
    let row = 0;
    for (let p = 0; p < planes; p++) {
      const base = p * plane;
      for (let i = 0; i < kh; i++) {
        const yLo = Col2im.lo(sh, top, i * dh);
        const yHi = max<i32>(yLo, Col2im.hi(outH, height, sh, top, i * dh));
        for (let j = 0; j < kw; j++, row++) {
          const xLo = Col2im.lo(sw, left, j * dw);
          const xHi = max<i32>(xLo, Col2im.hi(outW, width, sw, left, j * dw));
          const srcBase = row * area;
          for (let oy = yLo; oy < yHi; oy++) {
            const to = base + (oy * sh - top + i * dh) * width - left + j * dw;
            const from = srcBase + oy * outW;
            if (sw == 1) {
              let ox = xLo;
              for (; ox + lanes <= xHi; ox += lanes) {
                const d = dst + <usize>(to + ox) * size;
                v128.store(d, v128.add<T>(v128.load(d), v128.load(src + <usize>(from + ox) * size)));
              }
              for (; ox < xHi; ox++) {
                const d = dst + <usize>(to + ox) * size;
                store<T>(d, load<T>(d) + load<T>(src + <usize>(from + ox) * size));
              }
            } else {
              for (let ox = xLo; ox < xHi; ox++) {
                const d = dst + <usize>(to + ox * sw) * size;
                store<T>(d, load<T>(d) + load<T>(src + <usize>(from + ox) * size));
              }
            }
          }
        }
      }
    }
  }
}

export function col2im_f32(src: usize, planes: i32, height: i32, width: i32, outH: i32, outW: i32, kh: i32, kw: i32, dh: i32, dw: i32, top: i32, left: i32, sh: i32, sw: i32, dst: usize): void {
  Col2im.run<f32>(src, planes, height, width, outH, outW, kh, kw, dh, dw, top, left, sh, sw, dst);
}
export function col2im_f64(src: usize, planes: i32, height: i32, width: i32, outH: i32, outW: i32, kh: i32, kw: i32, dh: i32, dw: i32, top: i32, left: i32, sh: i32, sw: i32, dst: usize): void {
  Col2im.run<f64>(src, planes, height, width, outH, outW, kh, kw, dh, dw, top, left, sh, sw, dst);
}
