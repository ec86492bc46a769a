/// <reference types="@webgpu/types" />
/**
 * Fused optimizer updates on the GPU: one thread per element reads θ, g and the state once and
 * writes them back, in torch.optim 1.13's update order (the single-tensor path), with the same
 * float32 arithmetic as the fused WebAssembly kernels (`assembly/optim.ts`, mirrored by
 * `@descent/optim`'s float32-updates.ts): scalars are rounded to float32 on the CPU exactly as they
 * are when they cross into a wasm kernel. GPU compilers may contract a·b + c into a fused
 * multiply-add, so results agree with the CPU to float32 rounding, not always bit for bit.
 *
 * The hyperparameters use the wasm kernels' option types; the caller increments `step` and passes
 * `firstStep` as for those kernels. Each variant (amsgrad, momentum, centered) is its own pipeline,
 * so unused state needs no buffer.
 */
import type { WasmAdagradOptions, WasmAdamOptions, WasmRmspropOptions, WasmSgdOptions } from '../wasm/optimizers';
import type { GPUContext } from './runtime';
import type { GPUArray } from './array';
import { writeScratch } from './array';
import { LINEAR_BUILTINS, LINEAR_INDEX, WORKGROUP, launch } from './dispatch';

/** Adam's options plus AdamW's decoupled weight decay (θ ← θ·(1 − γλ) before the update). */
export interface GPUAdamOptions extends WasmAdamOptions {
  /** AdamW: decay θ directly instead of adding λθ to the gradient. Default false. */
  decoupled?: boolean;
}

const f = Math.fround;
const FLAG_MAXIMIZE = 1;
const FLAG_NESTEROV = 2;
const FLAG_FIRST = 4;

/** The uniform block: n, flags, then up to 10 float32 scalars (48 bytes). */
function params(ctx: GPUContext, n: number, flags: number, scalars: readonly number[]): GPUBuffer {
  const block = new ArrayBuffer(48);
  const u = new Uint32Array(block);
  const s = new Float32Array(block);
  u[0] = n;
  u[1] = flags;
  scalars.forEach((v, k) => (s[2 + k] = v));
  return writeScratch(ctx, block);
}

function header(bindings: readonly [string, 'read' | 'read_write'][], scalars: readonly string[]): string {
  const fields = ['n: u32', 'flags: u32', ...scalars.map((s) => `${s}: f32`)];
  while (fields.length < 12) fields.push(`pad${fields.length}: f32`);
  return `struct P { ${fields.join(', ')} }
${bindings.map(([name, access], k) => `@group(0) @binding(${k}) var<storage, ${access}> ${name}: array<f32>;`).join('\n')}
@group(0) @binding(${bindings.length}) var<uniform> p: P;
@compute @workgroup_size(${WORKGROUP})
fn main(${LINEAR_BUILTINS}) {
  ${LINEAR_INDEX}
  if (i >= p.n) { return; }
  var g = grad[i];
  if ((p.flags & ${FLAG_MAXIMIZE}u) != 0u) { g = -g; }`;
}

function checkArrays(name: string, arrays: readonly (GPUArray | null)[]): number {
  const n = (arrays[0] as GPUArray).length;
  for (const a of arrays) {
    if (a === null) continue;
    if (a.dtype !== 'float32') throw new TypeError(`webgpu ${name}: every array must be float32, got ${a.dtype}`);
    if (a.length !== n) throw new RangeError(`webgpu ${name}: every array must have ${n} elements, got ${a.length}`);
  }
  return n;
}

/**
 * Adam / AdamW in place on `param`, `expAvg`, `expAvgSq` (and `maxExpAvgSq` with amsgrad).
 *
 * @example
 * adamStep(ctx, p, g, m, v, null, { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false, step: 1 });
 */
export function adamStep(ctx: GPUContext, param: GPUArray, grad: GPUArray, expAvg: GPUArray, expAvgSq: GPUArray, maxExpAvgSq: GPUArray | null, o: GPUAdamOptions): void {
  if (o.amsgrad && maxExpAvgSq === null) throw new TypeError('webgpu adam: amsgrad needs a maxExpAvgSq array, got null');
  const n = checkArrays('adam', [param, grad, expAvg, expAvgSq, o.amsgrad ? maxExpAvgSq : null]);
  if (n === 0) return;
  const amsgrad = o.amsgrad;
  const decoupled = o.decoupled === true;
  const biasCorrection1 = 1 - o.beta1 ** o.step;
  const biasCorrection2 = 1 - o.beta2 ** o.step;
  const scalars = [f(o.beta1), f(1 - o.beta1), f(o.beta2), f(1 - o.beta2), f(-(o.lr / biasCorrection1)), f(Math.sqrt(biasCorrection2)), f(o.eps), f(decoupled ? 0 : o.weightDecay), f(1 - o.lr * (decoupled ? o.weightDecay : 0))];
  const bindings: [string, 'read' | 'read_write'][] = [['param', 'read_write'], ['grad', 'read'], ['m', 'read_write'], ['v', 'read_write']];
  if (amsgrad) bindings.push(['vmax', 'read_write']);
  const source = (): string => `${header(bindings, ['beta1', 'omb1', 'beta2', 'omb2', 'negStep', 'bc2Sqrt', 'eps', 'wd', 'decay'])}
  var theta = param[i];
  ${decoupled ? 'theta = theta * p.decay;' : ''}
  if (p.wd != 0.0) { g = g + p.wd * theta; }
  let ea = m[i] * p.beta1 + p.omb1 * g;
  let es = v[i] * p.beta2 + (p.omb2 * g) * g;
  m[i] = ea;
  v[i] = es;
  var second = es;
  ${amsgrad ? 'second = max(vmax[i], es); vmax[i] = second;' : ''}
  let denom = sqrt(second) / p.bc2Sqrt + p.eps;
  param[i] = theta + (p.negStep * ea) / denom;
}`;
  const buffers = [param, grad, expAvg, expAvgSq, ...(amsgrad ? [maxExpAvgSq as GPUArray] : [])].map((a) => a.buffer);
  launch(ctx, `adam:${amsgrad}:${decoupled}`, source, [...buffers, params(ctx, n, o.maximize ? FLAG_MAXIMIZE : 0, scalars)], Math.ceil(n / WORKGROUP));
}

/**
 * SGD (momentum, dampening, Nesterov, weight decay) in place; `momentumBuffer` may be null when
 * momentum is 0. On the first step (`firstStep`) the buffer is set to the gradient, as PyTorch does.
 *
 * @example
 * sgdStep(ctx, p, g, buf, { lr: 0.1, momentum: 0.9, dampening: 0, weightDecay: 0, nesterov: false, maximize: false, firstStep: true });
 */
export function sgdStep(ctx: GPUContext, param: GPUArray, grad: GPUArray, momentumBuffer: GPUArray | null, o: WasmSgdOptions): void {
  const useMomentum = o.momentum !== 0;
  if (useMomentum && momentumBuffer === null) throw new TypeError('webgpu sgd: momentum needs a momentumBuffer array, got null');
  const n = checkArrays('sgd', [param, grad, useMomentum ? momentumBuffer : null]);
  if (n === 0) return;
  const bindings: [string, 'read' | 'read_write'][] = [['param', 'read_write'], ['grad', 'read']];
  if (useMomentum) bindings.push(['buf', 'read_write']);
  const momentumCode = `
  var b = g;
  if ((p.flags & ${FLAG_FIRST}u) == 0u) { b = buf[i] * p.momentum + p.omd * g; }
  buf[i] = b;
  if ((p.flags & ${FLAG_NESTEROV}u) != 0u) { g = g + p.momentum * b; } else { g = b; }`;
  const source = (): string => `${header(bindings, ['negLr', 'momentum', 'omd', 'wd'])}
  let theta = param[i];
  if (p.wd != 0.0) { g = g + p.wd * theta; }
  ${useMomentum ? momentumCode : ''}
  param[i] = theta + p.negLr * g;
}`;
  const flags = (o.maximize ? FLAG_MAXIMIZE : 0) | (o.nesterov ? FLAG_NESTEROV : 0) | (o.firstStep ? FLAG_FIRST : 0);
  const scalars = [f(-o.lr), f(o.momentum), f(1 - o.dampening), f(o.weightDecay)];
  const buffers = [param, grad, ...(useMomentum ? [momentumBuffer as GPUArray] : [])].map((a) => a.buffer);
  launch(ctx, `sgd:${useMomentum}`, source, [...buffers, params(ctx, n, flags, scalars)], Math.ceil(n / WORKGROUP));
}

/**
 * RMSprop in place: `gradAvg` when centered, `momentumBuffer` when momentum > 0 (else null).
 *
 * @example
 * rmspropStep(ctx, p, g, sq, null, null, { lr: 0.01, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, maximize: false });
 */
export function rmspropStep(ctx: GPUContext, param: GPUArray, grad: GPUArray, squareAvg: GPUArray, gradAvg: GPUArray | null, momentumBuffer: GPUArray | null, o: WasmRmspropOptions): void {
  const centered = o.centered;
  const useMomentum = o.momentum > 0;
  if (centered && gradAvg === null) throw new TypeError('webgpu rmsprop: centered needs a gradAvg array, got null');
  if (useMomentum && momentumBuffer === null) throw new TypeError('webgpu rmsprop: momentum needs a momentumBuffer array, got null');
  const n = checkArrays('rmsprop', [param, grad, squareAvg, centered ? gradAvg : null, useMomentum ? momentumBuffer : null]);
  if (n === 0) return;
  const bindings: [string, 'read' | 'read_write'][] = [['param', 'read_write'], ['grad', 'read'], ['sq', 'read_write']];
  if (centered) bindings.push(['gavg', 'read_write']);
  if (useMomentum) bindings.push(['buf', 'read_write']);
  const source = (): string => `${header(bindings, ['negLr', 'alpha', 'oma', 'eps', 'wd', 'momentum'])}
  let theta = param[i];
  if (p.wd != 0.0) { g = g + p.wd * theta; }
  let s = sq[i] * p.alpha + (p.oma * g) * g;
  sq[i] = s;
  ${centered ? 'let ga = gavg[i] * p.alpha + p.oma * g; gavg[i] = ga; var avg = sqrt(s + (-ga) * ga);' : 'var avg = sqrt(s);'}
  avg = avg + p.eps;
  ${useMomentum ? 'let b = buf[i] * p.momentum + g / avg; buf[i] = b; param[i] = theta + p.negLr * b;' : 'param[i] = theta + (p.negLr * g) / avg;'}
}`;
  const scalars = [f(-o.lr), f(o.alpha), f(1 - o.alpha), f(o.eps), f(o.weightDecay), f(o.momentum)];
  const buffers = [param, grad, squareAvg, ...(centered ? [gradAvg as GPUArray] : []), ...(useMomentum ? [momentumBuffer as GPUArray] : [])].map((a) => a.buffer);
  launch(ctx, `rmsprop:${centered}:${useMomentum}`, source, [...buffers, params(ctx, n, o.maximize ? FLAG_MAXIMIZE : 0, scalars)], Math.ceil(n / WORKGROUP));
}

/**
 * Adagrad (dense gradients) in place on `param` and `sum`.
 *
 * @example
 * adagradStep(ctx, p, g, sum, { lr: 0.01, lrDecay: 0, weightDecay: 0, eps: 1e-10, maximize: false, step: 1 });
 */
export function adagradStep(ctx: GPUContext, param: GPUArray, grad: GPUArray, sum: GPUArray, o: WasmAdagradOptions): void {
  const n = checkArrays('adagrad', [param, grad, sum]);
  if (n === 0) return;
  const bindings: [string, 'read' | 'read_write'][] = [['param', 'read_write'], ['grad', 'read'], ['sum', 'read_write']];
  const source = (): string => `${header(bindings, ['negClr', 'eps', 'wd'])}
  let theta = param[i];
  if (p.wd != 0.0) { g = g + p.wd * theta; }
  let s = sum[i] + g * g;
  sum[i] = s;
  param[i] = theta + (p.negClr * g) / (sqrt(s) + p.eps);
}`;
  const scalars = [f(-(o.lr / (1 + (o.step - 1) * o.lrDecay))), f(o.eps), f(o.weightDecay)];
  launch(ctx, 'adagrad', source, [param.buffer, grad.buffer, sum.buffer, params(ctx, n, o.maximize ? FLAG_MAXIMIZE : 0, scalars)], Math.ceil(n / WORKGROUP));
}
