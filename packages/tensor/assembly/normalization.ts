/* eslint-disable @typescript-eslint/no-unnecessary-type-assertion -- AssemblyScript: casts like <usize>i change the wasm type, which TypeScript sees as number */
// Batch, layer and group normalization forward and backward over f32 wasm memory, one fused kernel
// each way (src/kernels/normalization.ts calls them; nn's composed functionals are the reference).
// The input is viewed as [N, C, S] (S = product of the spatial dims). Statistics are kept per
//   mode 0 (group):   (n, group) with G groups of C/G channels: layer norm is N rows, C = D, S = 1, G = 1
//   mode 1 (channel): c, over every n and s (batch norm)
// and the affine weight γ and shift β are per channel c. Sums run in f64; results are rounded once.
//   forward:  μ, σ² = mean and biased variance of each statistics group (or given: eval mode)
//             rstd = 1/√(σ² + eps);  y = (x − μ)·rstd·γ + β
//   backward: x̂ = (x − μ)·rstd;  dβ_c = Σ dy;  dγ_c = Σ dy·x̂
//             dx = rstd·(dy·γ − mean(dy·γ) − x̂·mean(dy·γ·x̂))   (training: the statistics depend on x)
//             dx = dy·γ·rstd                                    (given statistics)
// Pointers are byte offsets; mean, variance, rstd and the sums are f64 arrays.

class Norm {
  @inline static stat(mode: i32, n: i32, c: i32, perGroup: i32, groups: i32): i32 {
    return mode == 1 ? c : n * groups + c / perGroup;
  }
}

export function norm_fwd_f32(x: usize, out: usize, batch: i32, channels: i32, spatial: i32, groups: i32, mode: i32, w: usize, hasW: i32, b: usize, hasB: i32, eps: f64, mean: usize, variance: usize, rstd: usize, computeStats: i32): void {
  const perGroup = channels / groups;
  const stats = mode == 1 ? channels : batch * groups;
  const count: f64 = mode == 1 ? <f64>batch * <f64>spatial : <f64>perGroup * <f64>spatial;
  if (computeStats) {
    for (let i = 0; i < stats; i++) {
      store<f64>(mean + (<usize>i << 3), 0);
      store<f64>(variance + (<usize>i << 3), 0);
    }
    for (let n = 0; n < batch; n++) {
      for (let c = 0; c < channels; c++) {
        const row = x + (<usize>((n * channels + c) * spatial) << 2);
        let sum: f64 = 0;
        for (let s = 0; s < spatial; s++) sum += <f64>load<f32>(row + (<usize>s << 2));
        const at = mean + (<usize>Norm.stat(mode, n, c, perGroup, groups) << 3);
        store<f64>(at, load<f64>(at) + sum);
      }
    }
    for (let i = 0; i < stats; i++) store<f64>(mean + (<usize>i << 3), load<f64>(mean + (<usize>i << 3)) / count);
    for (let n = 0; n < batch; n++) {
      for (let c = 0; c < channels; c++) {
        const row = x + (<usize>((n * channels + c) * spatial) << 2);
        const k = Norm.stat(mode, n, c, perGroup, groups);
        const mu = load<f64>(mean + (<usize>k << 3));
        let sum: f64 = 0;
        for (let s = 0; s < spatial; s++) {
          const d = <f64>load<f32>(row + (<usize>s << 2)) - mu;
          sum += d * d;
        }
        const at = variance + (<usize>k << 3);
        store<f64>(at, load<f64>(at) + sum);
      }
    }
    for (let i = 0; i < stats; i++) {
      const v = load<f64>(variance + (<usize>i << 3)) / count;
      store<f64>(variance + (<usize>i << 3), v);
      store<f64>(rstd + (<usize>i << 3), 1 / Math.sqrt(v + eps));
    }
  }
  for (let n = 0; n < batch; n++) {
    for (let c = 0; c < channels; c++) {
      const at = <usize>((n * channels + c) * spatial) << 2;
      const k = <usize>Norm.stat(mode, n, c, perGroup, groups) << 3;
      const mu = load<f64>(mean + k);
      const r = load<f64>(rstd + k);
      const gamma: f64 = hasW ? <f64>load<f32>(w + (<usize>c << 2)) : 1;
      const beta: f64 = hasB ? <f64>load<f32>(b + (<usize>c << 2)) : 0;
      for (let s = 0; s < spatial; s++) {
        const o = at + (<usize>s << 2);
        store<f32>(out + o, <f32>((<f64>load<f32>(x + o) - mu) * r * gamma + beta));
      }
    }
  }
}

export function norm_bwd_f32(x: usize, g: usize, dx: usize, batch: i32, channels: i32, spatial: i32, groups: i32, mode: i32, w: usize, hasW: i32, mean: usize, rstd: usize, training: i32, dw: usize, db: usize, sg: usize, sgx: usize, computeDx: i32): void {
  const perGroup = channels / groups;
  const stats = mode == 1 ? channels : batch * groups;
  const count: f64 = mode == 1 ? <f64>batch * <f64>spatial : <f64>perGroup * <f64>spatial;
  for (let c = 0; c < channels; c++) {
    store<f64>(dw + (<usize>c << 3), 0);
    store<f64>(db + (<usize>c << 3), 0);
  }
  for (let i = 0; i < stats; i++) {
    store<f64>(sg + (<usize>i << 3), 0);
    store<f64>(sgx + (<usize>i << 3), 0);
  }
  for (let n = 0; n < batch; n++) {
    for (let c = 0; c < channels; c++) {
      const at = <usize>((n * channels + c) * spatial) << 2;
      const k = <usize>Norm.stat(mode, n, c, perGroup, groups) << 3;
      const mu = load<f64>(mean + k);
      const r = load<f64>(rstd + k);
      let sumG: f64 = 0;
      let sumGx: f64 = 0;
      for (let s = 0; s < spatial; s++) {
        const o = at + (<usize>s << 2);
        const gv = <f64>load<f32>(g + o);
        sumG += gv;
        sumGx += gv * ((<f64>load<f32>(x + o) - mu) * r);
      }
      const gamma: f64 = hasW ? <f64>load<f32>(w + (<usize>c << 2)) : 1;
      store<f64>(db + (<usize>c << 3), load<f64>(db + (<usize>c << 3)) + sumG);
      store<f64>(dw + (<usize>c << 3), load<f64>(dw + (<usize>c << 3)) + sumGx);
      store<f64>(sg + k, load<f64>(sg + k) + sumG * gamma);
      store<f64>(sgx + k, load<f64>(sgx + k) + sumGx * gamma);
    }
  }
  if (!computeDx) return;
  for (let n = 0; n < batch; n++) {
    for (let c = 0; c < channels; c++) {
      const at = <usize>((n * channels + c) * spatial) << 2;
      const k = <usize>Norm.stat(mode, n, c, perGroup, groups) << 3;
      const mu = load<f64>(mean + k);
      const r = load<f64>(rstd + k);
      const gamma: f64 = hasW ? <f64>load<f32>(w + (<usize>c << 2)) : 1;
      const mg = load<f64>(sg + k) / count;
      const mgx = load<f64>(sgx + k) / count;
      for (let s = 0; s < spatial; s++) {
        const o = at + (<usize>s << 2);
        const gv = <f64>load<f32>(g + o) * gamma;
        if (training) {
          const xh = (<f64>load<f32>(x + o) - mu) * r;
          store<f32>(dx + o, <f32>(r * (gv - mg - xh * mgx)));
        } else {
          store<f32>(dx + o, <f32>(gv * r));
        }
      }
    }
  }
}
