/**
 * The TypeScript twin of assembly/recurrent.ts: one direction of a recurrent layer over a whole
 * sequence, forward and backward through time, with the same layouts and the same arithmetic (gate
 * math in float64, each stored value rounded once). See recurrent-layout.ts for the layouts.
 *
 *   per step t (h_{t−1} = h0 first):  hh = h_{t−1}·W_hhᵀ + b_hh,  pre = gates_t (+ hh)
 *   RNN:  h_t = tanh(pre) or relu(pre)
 *   LSTM: i, f, g, o = σ, σ, tanh, σ of pre's blocks;  c_t = f·c_{t−1} + i·g;  h_t = o·tanh(c_t)
 *   GRU:  r, z = σ(blocks 0, 1 of pre);  n = tanh(gates_n + r·hh_n);  h_t = (h_{t−1} − n)·z + n
 */
import { matmul2d } from './matmul';
import { floatLike, recurrentOutLength, recurrentSavedLength, RECURRENT_GATES } from './recurrent-layout';
import type { RecurrentForward, RecurrentGradients, RecurrentInputs, RecurrentShape } from './recurrent-layout';
import type { FloatArray } from '../wasm/exports';

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** C[m×n] = A·B with A, B row-major at the given offsets and strides (rows, then columns). */
function product(a: FloatArray, ao: number, ars: number, acs: number, b: FloatArray, bo: number, brs: number, bcs: number, out: FloatArray, m: number, k: number, n: number): void {
  matmul2d({ data: a, rows: m, cols: k, rowStride: ars, colStride: acs, offset: ao }, { data: b, rows: k, cols: n, rowStride: brs, colStride: bcs, offset: bo }, out, 0);
}

/**
 * The forward of one sequence in TypeScript.
 *
 * @example
 * const { out, saved } = recurrentForwardFallback({ mode: 'GRU', steps: 4, batch: 2, hidden: 3, reverse: false }, inputs);
 */
export function recurrentForwardFallback(s: RecurrentShape, x: RecurrentInputs): RecurrentForward {
  const { mode, steps, batch, hidden: H } = s;
  const GH = RECURRENT_GATES[mode] * H;
  const BH = batch * H;
  const out = floatLike(x.gates, recurrentOutLength(s));
  const saved = floatLike(x.gates, recurrentSavedLength(s));
  const hh = floatLike(x.gates, batch * GH);
  const time = (k: number): number => (s.reverse ? steps - 1 - k : k);
  const csBase = steps * batch * 4 * H;
  const hnBase = steps * batch * 3 * H;
  const round = x.gates instanceof Float32Array ? Math.fround : (v: number): number => v;
  const bias = (i: number): number => (x.biasHh === null ? 0 : x.biasHh[i]!);
  for (let k = 0; k < steps; k++) {
    const t = time(k);
    const hPrev = k === 0 ? x.h0 : out;
    const hpo = k === 0 ? 0 : time(k - 1) * BH;
    product(hPrev, hpo, H, 1, x.weightHh, 0, 1, H, hh, batch, H, GH);
    const go = t * batch * GH;
    for (let b = 0; b < batch; b++) {
      const g0 = b * GH;
      for (let j = 0; j < H; j++) {
        const e = b * H + j;
        if (mode === 'LSTM') {
          const a0 = k * batch * GH + g0;
          const i = sigmoid(x.gates[go + g0 + j]! + hh[g0 + j]! + bias(j));
          const f = sigmoid(x.gates[go + g0 + H + j]! + hh[g0 + H + j]! + bias(H + j));
          const g = Math.tanh(x.gates[go + g0 + 2 * H + j]! + hh[g0 + 2 * H + j]! + bias(2 * H + j));
          const o = sigmoid(x.gates[go + g0 + 3 * H + j]! + hh[g0 + 3 * H + j]! + bias(3 * H + j));
          saved[a0 + j] = i;
          saved[a0 + H + j] = f;
          saved[a0 + 2 * H + j] = g;
          saved[a0 + 3 * H + j] = o;
          const cPrev = k === 0 ? x.c0![e]! : saved[csBase + (k - 1) * BH + e]!;
          // Round c' first and take tanh of the stored value, as the unfused ops do.
          const c = round(f * cPrev + i * g);
          saved[csBase + k * BH + e] = c;
          out[t * BH + e] = o * Math.tanh(c);
        } else if (mode === 'GRU') {
          const a0 = k * batch * GH + g0;
          const hn = round(hh[g0 + 2 * H + j]! + bias(2 * H + j));
          const r = sigmoid(x.gates[go + g0 + j]! + hh[g0 + j]! + bias(j));
          const z = sigmoid(x.gates[go + g0 + H + j]! + hh[g0 + H + j]! + bias(H + j));
          const n = Math.tanh(x.gates[go + g0 + 2 * H + j]! + r * hn);
          saved[a0 + j] = r;
          saved[a0 + H + j] = z;
          saved[a0 + 2 * H + j] = n;
          saved[hnBase + k * BH + e] = hn;
          out[t * BH + e] = (hPrev[hpo + e]! - n) * z + n;
        } else {
          const p = x.gates[go + g0 + j]! + hh[g0 + j]! + bias(j);
          out[t * BH + e] = mode === 'RNN_TANH' ? Math.tanh(p) : Math.max(p, 0);
        }
      }
    }
  }
  if (mode === 'LSTM') out.set(steps > 0 ? saved.subarray(csBase + (steps - 1) * BH, csBase + steps * BH) : x.c0!, steps * BH);
  return { out, saved };
}

/**
 * The backward through time of {@link recurrentForwardFallback}.
 *
 * @example
 * const grads = recurrentBackwardFallback(shape, inputs, forward, dOut);
 */
export function recurrentBackwardFallback(s: RecurrentShape, x: RecurrentInputs, fwd: RecurrentForward, dOut: FloatArray): RecurrentGradients {
  const { mode, steps, batch, hidden: H } = s;
  const GH = RECURRENT_GATES[mode] * H;
  const BH = batch * H;
  const { out, saved } = fwd;
  const dGates = floatLike(x.gates, steps * batch * GH);
  const dWeightHh = floatLike(x.gates, GH * H);
  const dBiasHh = x.biasHh === null ? null : floatLike(x.gates, GH);
  const dh = floatLike(x.gates, BH);
  const dz = floatLike(x.gates, BH);
  const dc = mode === 'LSTM' ? floatLike(x.gates, BH) : null;
  const dHid = floatLike(x.gates, steps * batch * GH);
  const hPrevAll = floatLike(x.gates, steps * BH);
  const time = (k: number): number => (s.reverse ? steps - 1 - k : k);
  const csBase = steps * batch * 4 * H;
  const hnBase = steps * batch * 3 * H;
  if (dc !== null) dc.set(dOut.subarray(steps * BH, (steps + 1) * BH));
  for (let k = steps - 1; k >= 0; k--) {
    const t = time(k);
    const hPrev = k === 0 ? x.h0 : out;
    const hpo = k === 0 ? 0 : time(k - 1) * BH;
    hPrevAll.set(hPrev.subarray(hpo, hpo + BH), k * BH);
    const go = t * batch * GH;
    const ko = k * batch * GH;
    for (let b = 0; b < batch; b++) {
      const g0 = b * GH;
      for (let j = 0; j < H; j++) {
        const e = b * H + j;
        const d = dOut[t * BH + e]! + dh[e]!;
        if (mode === 'LSTM') {
          const i = saved[ko + g0 + j]!, f = saved[ko + g0 + H + j]!, g = saved[ko + g0 + 2 * H + j]!, o = saved[ko + g0 + 3 * H + j]!;
          const cPrev = k === 0 ? x.c0![e]! : saved[csBase + (k - 1) * BH + e]!;
          const tc = Math.tanh(saved[csBase + k * BH + e]!);
          const dcT = dc![e]! + d * o * (1 - tc * tc);
          const grads = [dcT * g * i * (1 - i), dcT * cPrev * f * (1 - f), dcT * i * (1 - g * g), d * tc * o * (1 - o)];
          for (let q = 0; q < 4; q++) {
            dHid[ko + g0 + q * H + j] = grads[q]!;
            dGates[go + g0 + q * H + j] = grads[q]!;
          }
          dc![e] = dcT * f;
        } else if (mode === 'GRU') {
          const r = saved[ko + g0 + j]!, z = saved[ko + g0 + H + j]!, n = saved[ko + g0 + 2 * H + j]!;
          const dn = d * (1 - z) * (1 - n * n);
          const dzPre = d * (hPrev[hpo + e]! - n) * z * (1 - z);
          const dr = dn * saved[hnBase + k * BH + e]! * r * (1 - r);
          dGates[go + g0 + j] = dr;
          dGates[go + g0 + H + j] = dzPre;
          dGates[go + g0 + 2 * H + j] = dn;
          dHid[ko + g0 + j] = dr;
          dHid[ko + g0 + H + j] = dzPre;
          dHid[ko + g0 + 2 * H + j] = dn * r;
          dz[e] = d * z;
        } else {
          const h = out[t * BH + e]!;
          const dp = mode === 'RNN_TANH' ? d * (1 - h * h) : h > 0 ? d : 0;
          dGates[go + g0 + j] = dp;
          dHid[ko + g0 + j] = dp;
        }
      }
    }
    // dh_{t−1} = dHid_t · W_hh (+ z·dh_t for GRU).
    product(dHid, ko, GH, 1, x.weightHh, 0, H, 1, dh, batch, GH, H);
    if (mode === 'GRU') for (let e = 0; e < BH; e++) dh[e] = dh[e]! + dz[e]!;
  }
  // dW_hh = Σ_t dHid_tᵀ · h_{t−1};  db_hh = Σ_t Σ_b dHid_t.
  product(dHid, 0, 1, GH, hPrevAll, 0, H, 1, dWeightHh, GH, steps * batch, H);
  if (dBiasHh !== null) {
    for (let j = 0; j < GH; j++) {
      let sum = 0;
      for (let row = 0; row < steps * batch; row++) sum += dHid[row * GH + j]!;
      dBiasHh[j] = sum;
    }
  }
  return { dGates, dWeightHh, dBiasHh, dh0: dh, dc0: dc };
}
