/**
 * The fused GPU optimizer kernels for several steps against (1) torch.optim 1.13's single-tensor
 * update written out in float64 below, and (2) when loaded, the fused WebAssembly kernels that
 * @descent/optim runs for float32 parameters (the CPU step the GPU must match).
 */
import { describe, expect, it } from 'vitest';
import { wasmKernels } from '../../src/index';
import type { WasmAdagradOptions, WasmAdamOptions, WasmRmspropOptions, WasmSgdOptions } from '../../src/index';
import { GPUArray, readback, upload } from '../../src/webgpu/array';
import { adagradStep, adamStep, rmspropStep, sgdStep } from '../../src/webgpu/optimizers';
import { expectClose, gpu, hasGPU } from './device';

const N = 1500;
const STEPS = 5;

function seeded(seed: number, n: number, scale = 1): Float32Array {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return ((s / 2 ** 32) * 2 - 1) * scale;
  });
}

const f64 = (a: Float32Array): Float64Array => Float64Array.from(a);

/** torch.optim.Adam / AdamW (1.13, single tensor), float64. */
function adamRef(p: Float64Array, g: Float32Array, s: { m: Float64Array; v: Float64Array; vmax: Float64Array }, o: WasmAdamOptions & { decoupled: boolean }): void {
  const bc1 = 1 - o.beta1 ** o.step;
  const bc2 = 1 - o.beta2 ** o.step;
  for (let i = 0; i < p.length; i++) {
    let gi = o.maximize ? -(g[i] as number) : (g[i] as number);
    if (o.decoupled) p[i] = (p[i] as number) * (1 - o.lr * o.weightDecay);
    else if (o.weightDecay !== 0) gi += o.weightDecay * (p[i] as number);
    s.m[i] = o.beta1 * (s.m[i] as number) + (1 - o.beta1) * gi;
    s.v[i] = o.beta2 * (s.v[i] as number) + (1 - o.beta2) * gi * gi;
    let second = s.v[i] as number;
    if (o.amsgrad) second = s.vmax[i] = Math.max(s.vmax[i] as number, second);
    const denom = Math.sqrt(second) / Math.sqrt(bc2) + o.eps;
    p[i] = (p[i] as number) - (o.lr / bc1) * ((s.m[i] as number) / denom);
  }
}

/** torch.optim.SGD (1.13), float64. */
function sgdRef(p: Float64Array, g: Float32Array, buf: Float64Array, o: WasmSgdOptions): void {
  for (let i = 0; i < p.length; i++) {
    let gi = o.maximize ? -(g[i] as number) : (g[i] as number);
    if (o.weightDecay !== 0) gi += o.weightDecay * (p[i] as number);
    if (o.momentum !== 0) {
      buf[i] = o.firstStep ? gi : o.momentum * (buf[i] as number) + (1 - o.dampening) * gi;
      gi = o.nesterov ? gi + o.momentum * (buf[i] as number) : (buf[i] as number);
    }
    p[i] = (p[i] as number) - o.lr * gi;
  }
}

/** torch.optim.RMSprop (1.13), float64. */
function rmspropRef(p: Float64Array, g: Float32Array, s: { sq: Float64Array; ga: Float64Array; buf: Float64Array }, o: WasmRmspropOptions): void {
  for (let i = 0; i < p.length; i++) {
    let gi = o.maximize ? -(g[i] as number) : (g[i] as number);
    if (o.weightDecay !== 0) gi += o.weightDecay * (p[i] as number);
    s.sq[i] = o.alpha * (s.sq[i] as number) + (1 - o.alpha) * gi * gi;
    let avg: number;
    if (o.centered) {
      s.ga[i] = o.alpha * (s.ga[i] as number) + (1 - o.alpha) * gi;
      avg = Math.sqrt((s.sq[i] as number) - (s.ga[i] as number) ** 2) + o.eps;
    } else avg = Math.sqrt(s.sq[i] as number) + o.eps;
    if (o.momentum > 0) {
      s.buf[i] = o.momentum * (s.buf[i] as number) + gi / avg;
      p[i] = (p[i] as number) - o.lr * (s.buf[i] as number);
    } else p[i] = (p[i] as number) - (o.lr * gi) / avg;
  }
}

/** torch.optim.Adagrad (1.13, dense), float64. */
function adagradRef(p: Float64Array, g: Float32Array, sum: Float64Array, o: WasmAdagradOptions): void {
  const clr = o.lr / (1 + (o.step - 1) * o.lrDecay);
  for (let i = 0; i < p.length; i++) {
    let gi = o.maximize ? -(g[i] as number) : (g[i] as number);
    if (o.weightDecay !== 0) gi += o.weightDecay * (p[i] as number);
    sum[i] = (sum[i] as number) + gi * gi;
    p[i] = (p[i] as number) - (clr * gi) / (Math.sqrt(sum[i] as number) + o.eps);
  }
}

const zeros32 = (): Float32Array => new Float32Array(N);

describe.skipIf(!hasGPU)('webgpu fused optimizer kernels against torch.optim 1.13 and the CPU fused step', () => {
  const wasm = wasmKernels();

  it.each([
    { name: 'Adam', weightDecay: 0, amsgrad: false, maximize: false, decoupled: false },
    { name: 'Adam (L2, amsgrad, maximize)', weightDecay: 0.1, amsgrad: true, maximize: true, decoupled: false },
    { name: 'AdamW', weightDecay: 0.05, amsgrad: false, maximize: false, decoupled: true },
  ])('$name, $# for 5 steps', async ({ weightDecay, amsgrad, maximize, decoupled }) => {
    const ctx = gpu();
    const p0 = seeded(1, N);
    const ref = { p: f64(p0), m: new Float64Array(N), v: new Float64Array(N), vmax: new Float64Array(N) };
    const cpu = { p: p0.slice(), m: zeros32(), v: zeros32(), vmax: zeros32() };
    const dev = { p: upload(ctx, p0, 'float32'), m: upload(ctx, zeros32(), 'float32'), v: upload(ctx, zeros32(), 'float32'), vmax: upload(ctx, zeros32(), 'float32') };
    for (let step = 1; step <= STEPS; step++) {
      const g = seeded(100 + step, N, 0.5);
      const o = { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay, amsgrad, maximize, step };
      adamRef(ref.p, g, ref, { ...o, decoupled });
      if (wasm !== null && !decoupled) wasm.adam(cpu.p, g, cpu.m, cpu.v, amsgrad ? cpu.vmax : null, o);
      adamStep(ctx, dev.p, upload(ctx, g, 'float32'), dev.m, dev.v, amsgrad ? dev.vmax : null, { ...o, decoupled });
    }
    const p = await readback(ctx, dev.p);
    expectClose(p, ref.p, 1e-5, 1e-6);
    expectClose(await readback(ctx, dev.v), ref.v, 1e-4, 1e-9);
    if (wasm !== null && !decoupled) expectClose(p, cpu.p, 1e-6, 1e-7);
  });

  it.each([
    { momentum: 0, dampening: 0, nesterov: false, weightDecay: 0, maximize: false },
    { momentum: 0.9, dampening: 0, nesterov: false, weightDecay: 0.01, maximize: false },
    { momentum: 0.9, dampening: 0.1, nesterov: false, weightDecay: 0, maximize: true },
    { momentum: 0.8, dampening: 0, nesterov: true, weightDecay: 0.02, maximize: false },
  ])('SGD momentum $momentum dampening $dampening nesterov $nesterov wd $weightDecay for 5 steps', async (cfg) => {
    const ctx = gpu();
    const p0 = seeded(2, N);
    const ref = { p: f64(p0), buf: new Float64Array(N) };
    const cpu = { p: p0.slice(), buf: zeros32() };
    const dev = { p: upload(ctx, p0, 'float32'), buf: new GPUArray(ctx, N, 'float32') };
    for (let step = 1; step <= STEPS; step++) {
      const g = seeded(200 + step, N);
      const o: WasmSgdOptions = { lr: 0.05, ...cfg, firstStep: step === 1 };
      sgdRef(ref.p, g, ref.buf, o);
      wasm?.sgd(cpu.p, g, cfg.momentum === 0 ? null : cpu.buf, o);
      sgdStep(ctx, dev.p, upload(ctx, g, 'float32'), cfg.momentum === 0 ? null : dev.buf, o);
    }
    const p = await readback(ctx, dev.p);
    expectClose(p, ref.p, 1e-5, 1e-6);
    if (wasm !== null) expectClose(p, cpu.p, 1e-6, 1e-7);
  });

  it.each([
    { centered: false, momentum: 0, weightDecay: 0, maximize: false },
    { centered: true, momentum: 0.9, weightDecay: 0.01, maximize: false },
    { centered: false, momentum: 0.5, weightDecay: 0, maximize: true },
  ])('RMSprop centered $centered momentum $momentum for 5 steps', async (cfg) => {
    const ctx = gpu();
    const p0 = seeded(3, N);
    const ref = { p: f64(p0), sq: new Float64Array(N), ga: new Float64Array(N), buf: new Float64Array(N) };
    const cpu = { p: p0.slice(), sq: zeros32(), ga: zeros32(), buf: zeros32() };
    const dev = { p: upload(ctx, p0, 'float32'), sq: upload(ctx, zeros32(), 'float32'), ga: upload(ctx, zeros32(), 'float32'), buf: upload(ctx, zeros32(), 'float32') };
    for (let step = 1; step <= STEPS; step++) {
      const g = seeded(300 + step, N);
      const o: WasmRmspropOptions = { lr: 0.01, alpha: 0.99, eps: 1e-8, ...cfg };
      rmspropRef(ref.p, g, ref, o);
      wasm?.rmsprop(cpu.p, g, cpu.sq, cfg.centered ? cpu.ga : null, cfg.momentum > 0 ? cpu.buf : null, o);
      rmspropStep(ctx, dev.p, upload(ctx, g, 'float32'), dev.sq, cfg.centered ? dev.ga : null, cfg.momentum > 0 ? dev.buf : null, o);
    }
    const p = await readback(ctx, dev.p);
    expectClose(p, ref.p, 1e-5, 1e-5);
    if (wasm !== null) expectClose(p, cpu.p, 1e-5, 1e-6);
  });

  it.each([
    { lrDecay: 0, weightDecay: 0, maximize: false },
    { lrDecay: 0.01, weightDecay: 0.1, maximize: true },
  ])('Adagrad lrDecay $lrDecay wd $weightDecay for 5 steps', async (cfg) => {
    const ctx = gpu();
    const p0 = seeded(4, N);
    const ref = { p: f64(p0), sum: new Float64Array(N) };
    const cpu = { p: p0.slice(), sum: zeros32() };
    const dev = { p: upload(ctx, p0, 'float32'), sum: upload(ctx, zeros32(), 'float32') };
    for (let step = 1; step <= STEPS; step++) {
      const g = seeded(400 + step, N);
      const o: WasmAdagradOptions = { lr: 0.1, eps: 1e-10, ...cfg, step };
      adagradRef(ref.p, g, ref.sum, o);
      wasm?.adagrad(cpu.p, g, cpu.sum, o);
      adagradStep(ctx, dev.p, upload(ctx, g, 'float32'), dev.sum, o);
    }
    const p = await readback(ctx, dev.p);
    expectClose(p, ref.p, 1e-5, 1e-6);
    if (wasm !== null) expectClose(p, cpu.p, 1e-6, 1e-7);
  });

  it('checks its arrays', () => {
    const ctx = gpu();
    const a = upload(ctx, zeros32(), 'float32');
    const short = upload(ctx, new Float32Array(3), 'float32');
    expect(() => sgdStep(ctx, a, short, null, { lr: 0.1, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false, firstStep: true })).toThrow(`every array must have ${N} elements, got 3`);
    expect(() => adamStep(ctx, a, a, a, a, null, { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, amsgrad: true, maximize: false, step: 1 })).toThrow('amsgrad needs a maxExpAvgSq array');
  });
});
