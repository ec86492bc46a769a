/**
 * Fused recurrent cells: the gate nonlinearities and the state update of one LSTM or GRU step in
 * one pass forward and one pass backward, instead of about ten element-wise ops (and their nodes
 * and temporaries) per step. The matrix products stay outside (the caller's matmuls), so these
 * take the gate pre-activations. Backward rules are first order (no double backward).
 */
import { Storage } from '@descent/tensor';
import type { Tensor as BaseTensor } from '@descent/tensor';
import { rowMajorStrides } from '../filled';
import { needsGrad, record } from '../node';
import { Tensor } from '../tensor';

type Floats = Float32Array | Float64Array;

/** The elements of a 2-D float tensor as a dense row-major array (a copy only when strided). */
function dense(t: BaseTensor, rows: number, cols: number): Floats {
  const data = t.storage.data as Floats;
  const [s0, s1] = t.strides as [number, number];
  if (s1 === 1 && (s0 === cols || rows === 1) && t.offset === 0 && data.length === rows * cols) return data;
  const out = t.dtype === 'float64' ? new Float64Array(rows * cols) : new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[r * cols + c] = data[t.offset + r * s0 + c * s1]!;
  return out;
}

function alloc(dtype: string, n: number): Floats {
  return dtype === 'float64' ? new Float64Array(n) : new Float32Array(n);
}

function wrap(data: Floats, shape: number[], dtype: 'float32' | 'float64'): Tensor {
  return new Tensor(new Storage(data), shape, rowMajorStrides(shape), 0, dtype);
}

function check(name: string, t: BaseTensor, rows: number, cols: number, dtype: string, what: string): void {
  if (t.ndim !== 2 || t.shape[0] !== rows || t.shape[1] !== cols) throw new RangeError(`${name}: ${what} must be [${rows}, ${cols}], got [${t.shape.join(', ')}]`);
  if (t.dtype !== dtype) throw new TypeError(`${name}: ${what} must be ${dtype}, got ${t.dtype}`);
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * One LSTM step from the gate pre-activations `gates` `[B, 4H]` (blocks i, f, g, o: x·W_ihᵀ +
 * b_ih + h·W_hhᵀ + b_hh) and the cell state `c` `[B, H]`:
 *
 *   c' = σ(f)·c + σ(i)·tanh(g),   h' = σ(o)·tanh(c')
 *
 * Returns `[B, 2H]`: h' in the first H columns, c' in the last H (narrow them apart).
 */
export function lstmCell(gates: Tensor, c: Tensor): Tensor {
  if (gates.ndim !== 2 || gates.shape[1]! % 4 !== 0) throw new RangeError(`lstmCell: gates must be [batch, 4·hidden], got [${gates.shape.join(', ')}]`);
  if (gates.dtype !== 'float32' && gates.dtype !== 'float64') throw new TypeError(`lstmCell: gates must be float32 or float64, got ${gates.dtype}`);
  const B = gates.shape[0]!;
  const H = gates.shape[1]! / 4;
  check('lstmCell', c, B, H, gates.dtype, 'c');
  const dtype = gates.dtype;
  const pre = dense(gates, B, 4 * H);
  const cPrev = dense(c, B, H);
  const acts = alloc(dtype, B * 4 * H); // σ(i), σ(f), tanh(g), σ(o)
  const tanhC = alloc(dtype, B * H);
  const out = alloc(dtype, B * 2 * H);
  for (let b = 0; b < B; b++) {
    const g0 = b * 4 * H;
    for (let j = 0; j < H; j++) {
      const i = sigmoid(pre[g0 + j]!);
      const f = sigmoid(pre[g0 + H + j]!);
      const g = Math.tanh(pre[g0 + 2 * H + j]!);
      const o = sigmoid(pre[g0 + 3 * H + j]!);
      acts[g0 + j] = i;
      acts[g0 + H + j] = f;
      acts[g0 + 2 * H + j] = g;
      acts[g0 + 3 * H + j] = o;
      const cNext = f * cPrev[b * H + j]! + i * g;
      out[b * 2 * H + H + j] = cNext;
      const tc = Math.tanh(out[b * 2 * H + H + j]!); // of the stored (rounded) c', as the unfused ops
      tanhC[b * H + j] = tc;
      out[b * 2 * H + j] = o * tc;
    }
  }
  const result = wrap(out, [B, 2 * H], dtype);
  if (!needsGrad(gates, c)) return result;
  return record(
    result,
    'LstmCellBackward',
    [gates, c],
    (grad) => {
      const g2 = dense(grad, B, 2 * H);
      const dGates = alloc(dtype, B * 4 * H);
      const dC = alloc(dtype, B * H);
      for (let b = 0; b < B; b++) {
        const g0 = b * 4 * H;
        for (let j = 0; j < H; j++) {
          const i = acts[g0 + j]!, f = acts[g0 + H + j]!, g = acts[g0 + 2 * H + j]!, o = acts[g0 + 3 * H + j]!;
          const tc = tanhC[b * H + j]!;
          const dh = g2[b * 2 * H + j]!;
          const dc = g2[b * 2 * H + H + j]! + dh * o * (1 - tc * tc);
          dGates[g0 + j] = dc * g * i * (1 - i);
          dGates[g0 + H + j] = dc * cPrev[b * H + j]! * f * (1 - f);
          dGates[g0 + 2 * H + j] = dc * i * (1 - g * g);
          dGates[g0 + 3 * H + j] = dh * tc * o * (1 - o);
          dC[b * H + j] = dc * f;
        }
      }
      return [wrap(dGates, [B, 4 * H], dtype), wrap(dC, [B, H], dtype)];
    },
    [c],
  );
}

/**
 * One GRU step from the input gates `[B, 3H]` (x·W_ihᵀ + b_ih, blocks r, z, n), the hidden gates
 * `[B, 3H]` (h·W_hhᵀ + b_hh) and the state `h` `[B, H]`:
 *
 *   r = σ(i_r + h_r),  z = σ(i_z + h_z),  n = tanh(i_n + r·h_n),  h' = (h − n)·z + n
 */
export function gruCell(inputGates: Tensor, hiddenGates: Tensor, h: Tensor): Tensor {
  if (inputGates.ndim !== 2 || inputGates.shape[1]! % 3 !== 0) throw new RangeError(`gruCell: inputGates must be [batch, 3·hidden], got [${inputGates.shape.join(', ')}]`);
  if (inputGates.dtype !== 'float32' && inputGates.dtype !== 'float64') throw new TypeError(`gruCell: gates must be float32 or float64, got ${inputGates.dtype}`);
  const B = inputGates.shape[0]!;
  const H = inputGates.shape[1]! / 3;
  const dtype = inputGates.dtype;
  check('gruCell', hiddenGates, B, 3 * H, dtype, 'hiddenGates');
  check('gruCell', h, B, H, dtype, 'h');
  const gi = dense(inputGates, B, 3 * H);
  const gh = dense(hiddenGates, B, 3 * H);
  const hPrev = dense(h, B, H);
  const saved = alloc(dtype, B * 3 * H); // r, z, n
  const out = alloc(dtype, B * H);
  for (let b = 0; b < B; b++) {
    const g0 = b * 3 * H;
    for (let j = 0; j < H; j++) {
      const r = sigmoid(gi[g0 + j]! + gh[g0 + j]!);
      const z = sigmoid(gi[g0 + H + j]! + gh[g0 + H + j]!);
      const n = Math.tanh(gi[g0 + 2 * H + j]! + r * gh[g0 + 2 * H + j]!);
      saved[g0 + j] = r;
      saved[g0 + H + j] = z;
      saved[g0 + 2 * H + j] = n;
      out[b * H + j] = (hPrev[b * H + j]! - n) * z + n;
    }
  }
  const result = wrap(out, [B, H], dtype);
  if (!needsGrad(inputGates, hiddenGates) && !needsGrad(h)) return result;
  return record(
    result,
    'GruCellBackward',
    [inputGates, hiddenGates, h],
    (grad) => {
      const dOut = dense(grad, B, H);
      const dIn = alloc(dtype, B * 3 * H);
      const dHid = alloc(dtype, B * 3 * H);
      const dH = alloc(dtype, B * H);
      for (let b = 0; b < B; b++) {
        const g0 = b * 3 * H;
        for (let j = 0; j < H; j++) {
          const r = saved[g0 + j]!, z = saved[g0 + H + j]!, n = saved[g0 + 2 * H + j]!;
          const d = dOut[b * H + j]!;
          const dnPre = d * (1 - z) * (1 - n * n);
          const dzPre = d * (hPrev[b * H + j]! - n) * z * (1 - z);
          const drPre = dnPre * gh[g0 + 2 * H + j]! * r * (1 - r);
          dIn[g0 + j] = drPre;
          dIn[g0 + H + j] = dzPre;
          dIn[g0 + 2 * H + j] = dnPre;
          dHid[g0 + j] = drPre;
          dHid[g0 + H + j] = dzPre;
          dHid[g0 + 2 * H + j] = dnPre * r;
          dH[b * H + j] = d * z;
        }
      }
      return [wrap(dIn, [B, 3 * H], dtype), wrap(dHid, [B, 3 * H], dtype), wrap(dH, [B, H], dtype)];
    },
    [hiddenGates, h],
  );
}
