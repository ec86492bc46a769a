/// <reference types="@webgpu/types" />
/**
 * Batch, layer and group normalization on the GPU, over a contiguous float32 input viewed as
 * [N, C, S] (the layout of `WasmNormLayout`): statistics per channel (batch norm, over N and S) or
 * per sample and group of channels (layer / group norm).
 *
 *   stats:    one workgroup of 256 threads per statistics group: a tree sum for the mean, then a
 *             tree sum of (x − μ)² (two passes, as the CPU kernels); μ, σ² (biased), 1/√(σ² + eps)
 *   forward:  y = (x − μ)·rstd·γ_c + β_c                                  (one thread per element)
 *   backward: A = Σ dy·γ, B = Σ dy·γ·x̂ per statistics group (one workgroup each),
 *             dx = rstd·(dy·γ − A/n − x̂·B/n);  dβ_c = Σ dy, dγ_c = Σ dy·x̂ per channel (the same
 *             reduction kernel over the channel grouping, without γ)
 */
import type { GPUContext } from './runtime';
import { GPUArray } from './array';
import { LINEAR_BUILTINS, LINEAR_INDEX, WORKGROUP, launch, metaBuffer } from './dispatch';

const THREADS = 256;

/** [N, C, S] and how statistics are grouped (as `WasmNormLayout`). */
export interface GPUNormLayout {
  /** N. */
  batch: number;
  /** C. */
  channels: number;
  /** S: the product of the dims after the channels (1 for layer norm, whose C is the normalized size). */
  spatial: number;
  /** Groups of channels sharing statistics (perChannel false); 1 for layer norm. */
  groups: number;
  /** Statistics per channel over N and S (batch norm). */
  perChannel: boolean;
}

/** The statistics group of flat element `i` (WGSL), from meta words at `at`: C, S, groupCount, perChannel. */
const STAT_INDEX = (at: number): string => `
fn statIndex(i: i32) -> i32 {
  if (dims[${at + 3}] != 0) { return (i / dims[${at + 1}]) % dims[${at}]; }
  return i / dims[${at + 2}];
}`;

/**
 * A workgroup reduction over the elements of reduction group r: base + (k / S)·outer + k % S for
 * k < count, where base = r·S (channel grouping) or r·count (contiguous groups).
 */
const GROUP_HEADER = `
var<workgroup> part: array<f32, ${THREADS}>;
fn treeSum(v: f32, t: u32) -> f32 {
  part[t] = v;
  workgroupBarrier();
  for (var s = ${THREADS / 2}u; s > 0u; s = s / 2u) {
    if (t < s) { part[t] = part[t] + part[t + s]; }
    workgroupBarrier();
  }
  let total = part[0];
  workgroupBarrier();
  return total;
}
fn elementOf(r: i32, k: i32) -> i32 {
  let count = dims[1];
  let S = dims[2];
  var base = r * count;
  if (dims[4] != 0) { base = r * S; }
  return base + (k / S) * dims[3] + k % S;
}`;

const GROUP_MAIN = `@compute @workgroup_size(${THREADS})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let r = i32(wid.x + wid.y * nwg.x);
  let live = r < dims[0];
  let count = dims[1];
  let t = lid.x;`;

function statsSource(): string {
  return `@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> stats: array<f32>;
@group(0) @binding(2) var<storage, read> dims: array<i32>;
${GROUP_HEADER}
${GROUP_MAIN}
  var acc = 0.0;
  if (live) { for (var k = i32(t); k < count; k += ${THREADS}) { acc += x[elementOf(r, k)]; } }
  let mean = treeSum(acc, t) / f32(count);
  var dev = 0.0;
  if (live) { for (var k = i32(t); k < count; k += ${THREADS}) { let d = x[elementOf(r, k)] - mean; dev += d * d; } }
  let variance = treeSum(dev, t) / f32(count);
  if (live && t == 0u) {
    let groups = dims[0];
    stats[r] = mean;
    stats[groups + r] = variance;
    stats[2 * groups + r] = inverseSqrt(variance + bitcast<f32>(dims[5]));
  }
}`;
}

function sumsSource(weighted: boolean): string {
  return `@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read> dy: array<f32>;
@group(0) @binding(2) var<storage, read> stats: array<f32>;
@group(0) @binding(3) var<storage, read_write> sums: array<f32>;
@group(0) @binding(4) var<storage, read> dims: array<i32>;
${weighted ? '@group(0) @binding(5) var<storage, read> weight: array<f32>;' : ''}
${GROUP_HEADER}
${STAT_INDEX(5)}
${GROUP_MAIN}
  let statGroups = dims[9];
  var a = 0.0;
  var b = 0.0;
  if (live) {
    for (var k = i32(t); k < count; k += ${THREADS}) {
      let i = elementOf(r, k);
      let g = statIndex(i);
      var d = dy[i];
      ${weighted ? 'd = d * weight[(i / dims[6]) % dims[5]];' : ''}
      a += d;
      b += d * (x[i] - stats[g]) * stats[2 * statGroups + g];
    }
  }
  let sumA = treeSum(a, t);
  let sumB = treeSum(b, t);
  if (live && t == 0u) {
    sums[r] = sumA;
    sums[dims[0] + r] = sumB;
  }
}`;
}

function applySource(weighted: boolean, biased: boolean): string {
  return `@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read> stats: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
@group(0) @binding(3) var<storage, read> dims: array<i32>;
${weighted ? '@group(0) @binding(4) var<storage, read> weight: array<f32>;' : ''}
${biased ? `@group(0) @binding(${weighted ? 5 : 4}) var<storage, read> bias: array<f32>;` : ''}
${STAT_INDEX(1)}
@compute @workgroup_size(${WORKGROUP})
fn main(${LINEAR_BUILTINS}) {
  ${LINEAR_INDEX}
  if (i >= u32(dims[0])) { return; }
  let e = i32(i);
  let g = statIndex(e);
  let c = (e / dims[2]) % dims[1];
  var y = (x[e] - stats[g]) * stats[2 * dims[5] + g];
  ${weighted ? 'y = y * weight[c];' : ''}
  ${biased ? 'y = y + bias[c];' : ''}
  out[e] = y;
}`;
}

function dxSource(weighted: boolean): string {
  return `@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read> dy: array<f32>;
@group(0) @binding(2) var<storage, read> stats: array<f32>;
@group(0) @binding(3) var<storage, read> sums: array<f32>;
@group(0) @binding(4) var<storage, read_write> dx: array<f32>;
@group(0) @binding(5) var<storage, read> dims: array<i32>;
${weighted ? '@group(0) @binding(6) var<storage, read> weight: array<f32>;' : ''}
${STAT_INDEX(1)}
@compute @workgroup_size(${WORKGROUP})
fn main(${LINEAR_BUILTINS}) {
  ${LINEAR_INDEX}
  if (i >= u32(dims[0])) { return; }
  let e = i32(i);
  let g = statIndex(e);
  let groups = dims[5];
  let n = f32(dims[6]);
  let rstd = stats[2 * groups + g];
  var d = dy[e];
  ${weighted ? 'd = d * weight[(e / dims[2]) % dims[1]];' : ''}
  let xh = (x[e] - stats[g]) * rstd;
  dx[e] = rstd * (d - sums[g] / n - xh * (sums[groups + g] / n));
}`;
}

/** Number of statistics groups and elements per group. */
function statShape(l: GPUNormLayout): { groups: number; count: number } {
  return l.perChannel ? { groups: l.channels, count: l.batch * l.spatial } : { groups: l.batch * l.groups, count: (l.channels / l.groups) * l.spatial };
}

/** Meta words C, S, groupCount, perChannel of the statistics lookup. */
function lookupWords(l: GPUNormLayout): number[] {
  return [l.channels, l.spatial, statShape(l).count, l.perChannel ? 1 : 0];
}

function f32Bits(v: number): number {
  return new Int32Array(Float32Array.of(v).buffer)[0] as number;
}

/**
 * μ, σ² (biased) and 1/√(σ² + eps) of each statistics group, as one array [mean…, var…, rstd…].
 *
 * @example
 * const stats = normStats(ctx, x, { batch: 8, channels: 16, spatial: 1, groups: 1, perChannel: false }, 1e-5);
 */
export function normStats(ctx: GPUContext, x: GPUArray, layout: GPUNormLayout, eps: number): GPUArray {
  const { groups, count } = statShape(layout);
  const stats = new GPUArray(ctx, 3 * groups, 'float32');
  const words = [groups, count, layout.spatial, layout.perChannel ? layout.channels * layout.spatial : layout.spatial, layout.perChannel ? 1 : 0, f32Bits(eps)];
  launch(ctx, 'norm-stats', statsSource, [x.buffer, stats.buffer, metaBuffer(ctx, words)], groups);
  return stats;
}

/**
 * y = (x − μ)·rstd·γ + β with `stats` from `normStats` (or given), γ / β per channel or null.
 *
 * @example
 * const y = normApply(ctx, x, stats, layout, weight, bias);
 */
export function normApply(ctx: GPUContext, x: GPUArray, stats: GPUArray, layout: GPUNormLayout, weight: GPUArray | null, bias: GPUArray | null): GPUArray {
  const n = x.length;
  const out = new GPUArray(ctx, n, 'float32');
  if (n === 0) return out;
  const words = [n, ...lookupWords(layout), statShape(layout).groups];
  const buffers = [x.buffer, stats.buffer, out.buffer, metaBuffer(ctx, words), ...(weight === null ? [] : [weight.buffer]), ...(bias === null ? [] : [bias.buffer])];
  launch(ctx, `norm-apply:${weight !== null}:${bias !== null}`, () => applySource(weight !== null, bias !== null), buffers, Math.ceil(n / WORKGROUP));
  return out;
}

/**
 * Σ dy(·γ) and Σ dy(·γ)·x̂ over `reduce`-many groups of `count` elements (channel grouping when
 * `byChannel`), as one array [A…, B…].
 */
function gradSums(ctx: GPUContext, x: GPUArray, dy: GPUArray, stats: GPUArray, layout: GPUNormLayout, weight: GPUArray | null, byChannel: boolean): GPUArray {
  const { groups } = statShape(layout);
  // Batch norm's statistics groups are its channels.
  const channelWise = byChannel || layout.perChannel;
  const reduce = channelWise ? layout.channels : groups;
  const count = channelWise ? layout.batch * layout.spatial : statShape(layout).count;
  const outer = channelWise ? layout.channels * layout.spatial : layout.spatial;
  const sums = new GPUArray(ctx, 2 * reduce, 'float32');
  const words = [reduce, count, layout.spatial, outer, channelWise ? 1 : 0, ...lookupWords(layout), groups];
  const buffers = [x.buffer, dy.buffer, stats.buffer, sums.buffer, metaBuffer(ctx, words), ...(weight === null ? [] : [weight.buffer])];
  launch(ctx, `norm-sums:${weight !== null}`, () => sumsSource(weight !== null), buffers, reduce);
  return sums;
}

/**
 * The backward of `normApply` with batch statistics: dx (when `wantInput`), and per channel
 * [dβ…, dγ…] (Σ dy, Σ dy·x̂).
 *
 * @example
 * const { dx, channelSums } = normBackwardGPU(ctx, x, dy, stats, layout, weight, true);
 */
export function normBackwardGPU(ctx: GPUContext, x: GPUArray, dy: GPUArray, stats: GPUArray, layout: GPUNormLayout, weight: GPUArray | null, wantInput: boolean): { dx: GPUArray | null; channelSums: GPUArray } {
  const channelSums = gradSums(ctx, x, dy, stats, layout, null, true);
  if (!wantInput) return { dx: null, channelSums };
  const sums = layout.perChannel && weight === null ? channelSums : gradSums(ctx, x, dy, stats, layout, weight, false);
  const n = x.length;
  const dx = new GPUArray(ctx, n, 'float32');
  const { groups, count } = statShape(layout);
  const words = [n, ...lookupWords(layout), groups, count];
  const buffers = [x.buffer, dy.buffer, stats.buffer, sums.buffer, dx.buffer, metaBuffer(ctx, words), ...(weight === null ? [] : [weight.buffer])];
  if (n > 0) launch(ctx, `norm-dx:${weight !== null}`, () => dxSource(weight !== null), buffers, Math.ceil(n / WORKGROUP));
  return { dx, channelSums };
}
