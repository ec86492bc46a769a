/* eslint-disable @typescript-eslint/no-unnecessary-type-assertion -- AssemblyScript: casts like <usize>i change the wasm type, which TypeScript sees as number */
// ReLU forward and backward over contiguous wasm memory (src/kernels/relu.ts is the TypeScript twin
// and the reference), exactly PyTorch's `relu` and `threshold_backward(g, out, 0)`:
//   forward:  out[i] = x[i] <= 0 ? 0 : x[i]      (NaN is kept: it fails x <= 0)
//   backward: gx[i]  = out[i] > 0 ? g[i] : 0
// selected lane by lane with bit masks, so results are bit-identical. Pointers are byte offsets.

class Relu {
  @inline static forward<T>(x: usize, out: usize, n: i32): void {
    const size = <usize>sizeof<T>();
    const lanes = 16 / sizeof<T>();
    const zero = v128.splat<T>(<T>0);
    let i = 0;
    for (; i + lanes <= n; i += lanes) {
      const v = v128.load(x + <usize>i * size);
      // Lanes with v <= 0 (all ones in the mask) become 0; the others, NaN included, keep v.
      v128.store(out + <usize>i * size, v128.bitselect(zero, v, v128.le<T>(v, zero)));
    }
    for (; i < n; i++) {
      const v = load<T>(x + <usize>i * size);
      store<T>(out + <usize>i * size, v <= <T>0 ? <T>0 : v);
    }
  }

  @inline static backward<T>(g: usize, y: usize, out: usize, n: i32): void {
    const size = <usize>sizeof<T>();
    const lanes = 16 / sizeof<T>();
    const zero = v128.splat<T>(<T>0);
    let i = 0;
    for (; i + lanes <= n; i += lanes) {
      const at = <usize>i * size;
      v128.store(out + at, v128.bitselect(v128.load(g + at), zero, v128.gt<T>(v128.load(y + at), zero)));
    }
    for (; i < n; i++) {
      const at = <usize>i * size;
      store<T>(out + at, load<T>(y + at) > <T>0 ? load<T>(g + at) : <T>0);
    }
  }
}

export function relu_fwd_f32(x: usize, out: usize, n: i32): void {
  Relu.forward<f32>(x, out, n);
}
export function relu_fwd_f64(x: usize, out: usize, n: i32): void {
  Relu.forward<f64>(x, out, n);
}
export function relu_bwd_f32(g: usize, y: usize, out: usize, n: i32): void {
  Relu.backward<f32>(g, y, out, n);
}
export function relu_bwd_f64(g: usize, y: usize, out: usize, n: i32): void {
  Relu.backward<f64>(g, y, out, n);
}
