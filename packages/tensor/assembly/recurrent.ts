/* eslint-disable @typescript-eslint/no-unnecessary-type-assertion -- AssemblyScript: casts like <usize>i change the wasm type, which TypeScript sees as number */
// A whole recurrent layer direction (RNN tanh/relu, LSTM, GRU) over a sequence in one call, forward
// and backward through time. The input projections x·W_ihᵀ + b_ih of every step arrive precomputed
// (`gx`, [T, B, G·H], one large matmul by the caller). Per time step the forward does one matmul of
// h_{t−1} against all gates' weights (W_hhᵀ, transposed once into scratch) and then one pass over
// the gates computing the state update; the backward does one pass over the gates and one matmul
// against W_hh. The weight gradient dW_hh is one matmul over all steps at the end.
//
// Steps run in processing order k = 0..T−1; time t = k, or T−1−k when `reverse`. Layouts:
//   out   [T, B, H] hidden states in time order, then (LSTM) [B, H] the final cell state
//   saved LSTM: acts [T, B, 4H] (σ(i), σ(f), tanh(g), σ(o)) then c [T, B, H], processing order
//         GRU:  rzn  [T, B, 3H] (r, z, n) then hn [T, B, H] (h·W_hnᵀ + b_hn), processing order
//         RNN:  nothing (the outputs suffice)
// Gate arithmetic is done in f64 and rounded once per stored value.
import { matmul, matmul_scratch_bytes } from './matmul';

const RNN_TANH = 0;
// RNN_RELU = 1: every mode that is not one of these three.
const LSTM = 2;
const GRU = 3;

class Rc {
  @inline static ld<T>(p: usize, i: i32): f64 { return <f64>load<T>(p + <usize>i * sizeof<T>()); }
  @inline static st<T>(p: usize, i: i32, v: f64): void { store<T>(p + <usize>i * sizeof<T>(), <T>v); }
  @inline static sigmoid(x: f64): f64 { return 1 / (1 + Math.exp(-x)); }
  @inline static gates(mode: i32): i32 { return mode == LSTM ? 4 : mode == GRU ? 3 : 1; }
  @inline static time(k: i32, steps: i32, reverse: i32): i32 { return reverse != 0 ? steps - 1 - k : k; }
  @inline static align16(p: usize): usize { return (p + 15) & ~<usize>15; }
}

/** Bytes of scratch either direction needs (pass one block of this size). */
export function recurrent_scratch_bytes(mode: i32, steps: i32, batch: i32, hidden: i32, elemSize: i32): i32 {
  const gh = Rc.gates(mode) * hidden;
  const forward = gh * hidden + batch * gh;
  const backward = 3 * batch * hidden + steps * batch * gh + steps * batch * hidden;
  return (max<i32>(forward, backward) + 64) * elemSize + matmul_scratch_bytes(elemSize) + 128;
}

function forward<T>(mode: i32, steps: i32, batch: i32, hidden: i32, reverse: i32, gx: usize, h0: usize, c0: usize, whh: usize, bhh: usize, out: usize, saved: usize, scratch: usize): void {
  const size = <usize>sizeof<T>();
  const H = hidden;
  const G = Rc.gates(mode);
  const GH = G * H;
  const BH = batch * H;
  const whhT = Rc.align16(scratch);
  const hh = Rc.align16(whhT + <usize>(GH * H) * size);
  const mmScratch = Rc.align16(hh + <usize>(batch * GH) * size);
  // W_hh [GH, H] → W_hhᵀ [H, GH], so the per-step product packs it with whole vectors.
  for (let r = 0; r < GH; r++) for (let c = 0; c < H; c++) store<T>(whhT + <usize>(c * GH + r) * size, load<T>(whh + <usize>(r * H + c) * size));
  const cs = saved + <usize>(steps * batch * 4 * H) * size;
  const hn = saved + <usize>(steps * batch * 3 * H) * size;
  for (let k = 0; k < steps; k++) {
    const t = Rc.time(k, steps, reverse);
    const hPrev = k == 0 ? h0 : out + <usize>(Rc.time(k - 1, steps, reverse) * BH) * size;
    matmul<T>(hPrev, H, 1, whhT, GH, 1, hh, GH, batch, GH, H, mmScratch);
    const gxT = gx + <usize>(t * batch * GH) * size;
    const hOut = out + <usize>(t * BH) * size;
    for (let b = 0; b < batch; b++) {
      const g0 = b * GH;
      for (let j = 0; j < H; j++) {
        if (mode == LSTM) {
          const acts = saved + <usize>(k * batch * GH) * size;
          const cPrev = k == 0 ? c0 : cs + <usize>((k - 1) * BH) * size;
          let pi = Rc.ld<T>(gxT, g0 + j) + Rc.ld<T>(hh, g0 + j);
          let pf = Rc.ld<T>(gxT, g0 + H + j) + Rc.ld<T>(hh, g0 + H + j);
          let pg = Rc.ld<T>(gxT, g0 + 2 * H + j) + Rc.ld<T>(hh, g0 + 2 * H + j);
          let po = Rc.ld<T>(gxT, g0 + 3 * H + j) + Rc.ld<T>(hh, g0 + 3 * H + j);
          if (bhh != 0) {
            pi += Rc.ld<T>(bhh, j); pf += Rc.ld<T>(bhh, H + j); pg += Rc.ld<T>(bhh, 2 * H + j); po += Rc.ld<T>(bhh, 3 * H + j);
          }
          const i = Rc.sigmoid(pi), f = Rc.sigmoid(pf), g = Math.tanh(pg), o = Rc.sigmoid(po);
          Rc.st<T>(acts, g0 + j, i); Rc.st<T>(acts, g0 + H + j, f); Rc.st<T>(acts, g0 + 2 * H + j, g); Rc.st<T>(acts, g0 + 3 * H + j, o);
          // Round c' first and take tanh of the stored value, as the unfused ops do.
          const c = <f64><T>(f * Rc.ld<T>(cPrev, b * H + j) + i * g);
          Rc.st<T>(cs + <usize>(k * BH) * size, b * H + j, c);
          Rc.st<T>(hOut, b * H + j, o * Math.tanh(c));
        } else if (mode == GRU) {
          const rzn = saved + <usize>(k * batch * GH) * size;
          let hr = Rc.ld<T>(hh, g0 + j), hz = Rc.ld<T>(hh, g0 + H + j), hnj = Rc.ld<T>(hh, g0 + 2 * H + j);
          if (bhh != 0) { hr += Rc.ld<T>(bhh, j); hz += Rc.ld<T>(bhh, H + j); hnj += Rc.ld<T>(bhh, 2 * H + j); }
          hnj = <f64><T>hnj;
          const r = Rc.sigmoid(Rc.ld<T>(gxT, g0 + j) + hr);
          const z = Rc.sigmoid(Rc.ld<T>(gxT, g0 + H + j) + hz);
          const n = Math.tanh(Rc.ld<T>(gxT, g0 + 2 * H + j) + r * hnj);
          Rc.st<T>(rzn, g0 + j, r); Rc.st<T>(rzn, g0 + H + j, z); Rc.st<T>(rzn, g0 + 2 * H + j, n);
          Rc.st<T>(hn + <usize>(k * BH) * size, b * H + j, hnj);
          Rc.st<T>(hOut, b * H + j, (Rc.ld<T>(hPrev, b * H + j) - n) * z + n);
        } else {
          let p = Rc.ld<T>(gxT, g0 + j) + Rc.ld<T>(hh, g0 + j);
          if (bhh != 0) p += Rc.ld<T>(bhh, j);
          Rc.st<T>(hOut, b * H + j, mode == RNN_TANH ? Math.tanh(p) : max<f64>(p, 0));
        }
      }
    }
  }
  if (mode == LSTM) memory.copy(out + <usize>(steps * BH) * size, steps > 0 ? cs + <usize>((steps - 1) * BH) * size : c0, <usize>BH * size);
}

function backward<T>(mode: i32, steps: i32, batch: i32, hidden: i32, reverse: i32, h0: usize, c0: usize, whh: usize, out: usize, saved: usize, dOut: usize,
  dGx: usize, dWhh: usize, dBhh: usize, dh0: usize, dc0: usize, scratch: usize): void {
  const size = <usize>sizeof<T>();
  const H = hidden;
  const G = Rc.gates(mode);
  const GH = G * H;
  const BH = batch * H;
  const dh = Rc.align16(scratch); // the gradient reaching h_{t} from step t+1
  const dz = Rc.align16(dh + <usize>BH * size); // GRU: the direct part z·dh of dh_{t−1}
  const dHid = Rc.align16(dz + <usize>BH * size); // [T, B, GH] gradients of the hidden gates, processing order
  const hPrevAll = Rc.align16(dHid + <usize>(steps * batch * GH) * size); // [T, B, H] h_{t−1}, processing order
  const mmScratch = Rc.align16(hPrevAll + <usize>(steps * BH) * size);
  const cs = saved + <usize>(steps * batch * 4 * H) * size;
  const hn = saved + <usize>(steps * batch * 3 * H) * size;
  memory.fill(dh, 0, <usize>BH * size);
  // dc0 carries the cell-state gradient backwards, starting from the final state's.
  if (mode == LSTM) memory.copy(dc0, dOut + <usize>(steps * BH) * size, <usize>BH * size);
  for (let k = steps - 1; k >= 0; k--) {
    const t = Rc.time(k, steps, reverse);
    const hPrev = k == 0 ? h0 : out + <usize>(Rc.time(k - 1, steps, reverse) * BH) * size;
    memory.copy(hPrevAll + <usize>(k * BH) * size, hPrev, <usize>BH * size);
    const dOutT = dOut + <usize>(t * BH) * size;
    const dGxT = dGx + <usize>(t * batch * GH) * size;
    const dHidK = dHid + <usize>(k * batch * GH) * size;
    for (let b = 0; b < batch; b++) {
      const g0 = b * GH;
      for (let j = 0; j < H; j++) {
        const e = b * H + j;
        const d = Rc.ld<T>(dOutT, e) + Rc.ld<T>(dh, e);
        if (mode == LSTM) {
          const acts = saved + <usize>(k * batch * GH) * size;
          const i = Rc.ld<T>(acts, g0 + j), f = Rc.ld<T>(acts, g0 + H + j), g = Rc.ld<T>(acts, g0 + 2 * H + j), o = Rc.ld<T>(acts, g0 + 3 * H + j);
          const cPrev = k == 0 ? Rc.ld<T>(c0, e) : Rc.ld<T>(cs + <usize>((k - 1) * BH) * size, e);
          const tc = Math.tanh(Rc.ld<T>(cs + <usize>(k * BH) * size, e));
          const dc = Rc.ld<T>(dc0, e) + d * o * (1 - tc * tc);
          const di = dc * g * i * (1 - i), df = dc * cPrev * f * (1 - f), dg = dc * i * (1 - g * g), dOg = d * tc * o * (1 - o);
          Rc.st<T>(dHidK, g0 + j, di); Rc.st<T>(dHidK, g0 + H + j, df); Rc.st<T>(dHidK, g0 + 2 * H + j, dg); Rc.st<T>(dHidK, g0 + 3 * H + j, dOg);
          Rc.st<T>(dGxT, g0 + j, di); Rc.st<T>(dGxT, g0 + H + j, df); Rc.st<T>(dGxT, g0 + 2 * H + j, dg); Rc.st<T>(dGxT, g0 + 3 * H + j, dOg);
          Rc.st<T>(dc0, e, dc * f);
        } else if (mode == GRU) {
          const rzn = saved + <usize>(k * batch * GH) * size;
          const r = Rc.ld<T>(rzn, g0 + j), z = Rc.ld<T>(rzn, g0 + H + j), n = Rc.ld<T>(rzn, g0 + 2 * H + j);
          const dn = d * (1 - z) * (1 - n * n);
          const dzPre = d * (Rc.ld<T>(hPrev, e) - n) * z * (1 - z);
          const dr = dn * Rc.ld<T>(hn + <usize>(k * BH) * size, e) * r * (1 - r);
          Rc.st<T>(dGxT, g0 + j, dr); Rc.st<T>(dGxT, g0 + H + j, dzPre); Rc.st<T>(dGxT, g0 + 2 * H + j, dn);
          Rc.st<T>(dHidK, g0 + j, dr); Rc.st<T>(dHidK, g0 + H + j, dzPre); Rc.st<T>(dHidK, g0 + 2 * H + j, dn * r);
          Rc.st<T>(dz, e, d * z);
        } else {
          const h = Rc.ld<T>(out + <usize>(t * BH) * size, e);
          const dp = mode == RNN_TANH ? d * (1 - h * h) : h > 0 ? d : 0;
          Rc.st<T>(dGxT, g0 + j, dp);
          Rc.st<T>(dHidK, g0 + j, dp);
        }
      }
    }
    // dh_{t−1} = dHid_t · W_hh (+ z·dh_t for GRU).
    matmul<T>(dHidK, GH, 1, whh, H, 1, dh, H, batch, H, GH, mmScratch);
    if (mode == GRU) for (let e = 0; e < BH; e++) Rc.st<T>(dh, e, Rc.ld<T>(dh, e) + Rc.ld<T>(dz, e));
  }
  memory.copy(dh0, dh, <usize>BH * size);
  // dW_hh = Σ_t dHid_tᵀ · h_{t−1}: one [GH, T·B] × [T·B, H] product; db_hh = Σ_t Σ_b dHid_t.
  matmul<T>(dHid, 1, GH, hPrevAll, H, 1, dWhh, H, GH, H, steps * batch, mmScratch);
  if (dBhh != 0) {
    for (let j = 0; j < GH; j++) {
      let s: f64 = 0;
      for (let row = 0; row < steps * batch; row++) s += Rc.ld<T>(dHid, row * GH + j);
      Rc.st<T>(dBhh, j, s);
    }
  }
}

export function recurrent_forward_f32(mode: i32, steps: i32, batch: i32, hidden: i32, reverse: i32, gx: usize, h0: usize, c0: usize, whh: usize, bhh: usize, out: usize, saved: usize, scratch: usize): void {
  forward<f32>(mode, steps, batch, hidden, reverse, gx, h0, c0, whh, bhh, out, saved, scratch);
}

export function recurrent_forward_f64(mode: i32, steps: i32, batch: i32, hidden: i32, reverse: i32, gx: usize, h0: usize, c0: usize, whh: usize, bhh: usize, out: usize, saved: usize, scratch: usize): void {
  forward<f64>(mode, steps, batch, hidden, reverse, gx, h0, c0, whh, bhh, out, saved, scratch);
}

export function recurrent_backward_f32(mode: i32, steps: i32, batch: i32, hidden: i32, reverse: i32, h0: usize, c0: usize, whh: usize, out: usize, saved: usize, dOut: usize,
  dGx: usize, dWhh: usize, dBhh: usize, dh0: usize, dc0: usize, scratch: usize): void {
  backward<f32>(mode, steps, batch, hidden, reverse, h0, c0, whh, out, saved, dOut, dGx, dWhh, dBhh, dh0, dc0, scratch);
}

export function recurrent_backward_f64(mode: i32, steps: i32, batch: i32, hidden: i32, reverse: i32, h0: usize, c0: usize, whh: usize, out: usize, saved: usize, dOut: usize,
  dGx: usize, dWhh: usize, dBhh: usize, dh0: usize, dc0: usize, scratch: usize): void {
  backward<f64>(mode, steps, batch, hidden, reverse, h0, c0, whh, out, saved, dOut, dGx, dWhh, dBhh, dh0, dc0, scratch);
}
