/* eslint-disable @typescript-eslint/no-unnecessary-type-assertion -- AssemblyScript: casts like <usize>i change the wasm type, which TypeScript sees as number */
// im2col over wasm memory (src/kernels/im2col.ts is the TypeScript twin and the reference): for
// `samples` contiguous [C, H, W] images at `src`, column entry (row r = (c·kh + i)·kw + j, sample
// s, position oy·outW + ox) goes to dst + r·rowStride + s·sampleStride + oy·outW + ox, read from
// x[s, c, oy·sh − top + i·dh, ox·sw − left + j·dw]. Entries in the padding are not written (the
// caller zeroes dst first). Pointers are byte offsets.

class Cols {
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

  @inline static run<T>(src: usize, samples: i32, channels: i32, height: i32, width: i32, outH: i32, outW: i32, kh: i32, kw: i32, dh: i32, dw: i32, top: i32, left: i32, sh: i32, sw: i32, dst: usize, rowStride: i32, sampleStride: i32): void {
    const size = <usize>sizeof<T>();
    const plane = height * width;
    for (let s = 0; s < samples; s++) {
      let row = 0;
      for (let c = 0; c < channels; c++) {
        const base = (s * channels + c) * plane;
        for (let i = 0; i < kh; i++) {
          const yLo = Cols.lo(sh, top, i * dh);
          const yHi = max<i32>(yLo, Cols.hi(outH, height, sh, top, i * dh));
          for (let j = 0; j < kw; j++, row++) {
            const xLo = Cols.lo(sw, left, j * dw);
            const xHi = max<i32>(xLo, Cols.hi(outW, width, sw, left, j * dw));
            const d0 = row * rowStride + s * sampleStride;
            for (let oy = yLo; oy < yHi; oy++) {
              const from = base + (oy * sh - top + i * dh) * width - left + j * dw;
              const to = d0 + oy * outW;
              if (sw == 1) {
                const bytes = <usize>(xHi - xLo) * size;
                const d = dst + <usize>(to + xLo) * size;
                const f = src + <usize>(from + xLo) * size;
                if (bytes >= 256) {
                  memory.copy(d, f, bytes);
                } else {
                  // Short rows (LeNet's 24 and 8): memory.copy is a call into the engine; 16 bytes at a time is cheaper.
                  let b: usize = 0;
                  for (; b + 16 <= bytes; b += 16) v128.store(d + b, v128.load(f + b));
                  for (; b < bytes; b += size) store<T>(d + b, load<T>(f + b));
                }
              } else {
                for (let ox = xLo; ox < xHi; ox++) store<T>(dst + <usize>(to + ox) * size, load<T>(src + <usize>(from + ox * sw) * size));
              }
            }
          }
        }
      }
    }
  }
}

export function im2col_f32(src: usize, samples: i32, channels: i32, height: i32, width: i32, outH: i32, outW: i32, kh: i32, kw: i32, dh: i32, dw: i32, top: i32, left: i32, sh: i32, sw: i32, dst: usize, rowStride: i32, sampleStride: i32): void {
  Cols.run<f32>(src, samples, channels, height, width, outH, outW, kh, kw, dh, dw, top, left, sh, sw, dst, rowStride, sampleStride);
}
export function im2col_f64(src: usize, samples: i32, channels: i32, height: i32, width: i32, outH: i32, outW: i32, kh: i32, kw: i32, dh: i32, dw: i32, top: i32, left: i32, sh: i32, sw: i32, dst: usize, rowStride: i32, sampleStride: i32): void {
  Cols.run<f64>(src, samples, channels, height, width, outH, outW, kh, kw, dh, dw, top, left, sh, sw, dst, rowStride, sampleStride);
}
