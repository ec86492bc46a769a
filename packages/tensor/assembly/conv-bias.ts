/* eslint-disable @typescript-eslint/no-unnecessary-type-assertion, @typescript-eslint/no-unsafe-argument -- AssemblyScript: casts like <usize>i change the wasm type, and generic load<T> + load<T> is T there, which TypeScript sees as number or any */
// The convolution's bias added in place (src/kernels/conv2d.ts has the TypeScript twin): for
// `samples` × `channels` planes of `area` elements at `out`, out[s, c, i] += bias[c], four (f32)
// or two (f64) lanes at a time; one rounded addition per element, as in TypeScript.

class Bias {
  @inline static run<T>(out: usize, bias: usize, samples: i32, channels: i32, area: i32): void {
    const size = <usize>sizeof<T>();
    const lanes = 16 / sizeof<T>();
    for (let s = 0; s < samples; s++) {
      for (let c = 0; c < channels; c++) {
        const v = load<T>(bias + <usize>c * size);
        const vv = v128.splat<T>(v);
        const row = out + <usize>((s * channels + c) * area) * size;
        let i = 0;
        for (; i + lanes <= area; i += lanes) {
          const at = row + <usize>i * size;
          v128.store(at, v128.add<T>(v128.load(at), vv));
        }
        for (; i < area; i++) {
          const at = row + <usize>i * size;
          store<T>(at, load<T>(at) + v);
        }
      }
    }
  }
}

export function conv_bias_f32(out: usize, bias: usize, samples: i32, channels: i32, area: i32): void {
  Bias.run<f32>(out, bias, samples, channels, area);
}
export function conv_bias_f64(out: usize, bias: usize, samples: i32, channels: i32, area: i32): void {
  Bias.run<f64>(out, bias, samples, channels, area);
}
