/**
 * Finite-difference check of backward rules (torch.autograd.gradcheck): every entry of the
 * analytical Jacobian (one backward pass per output element) must match the central difference
 * (f(x + eps) − f(x − eps)) / (2·eps) within atol + rtol·|numerical|.
 */
import { grad } from './backward';
import { filled } from './filled';
import type { Tensor } from './tensor';

/** Options of {@link gradcheck}. */
export interface GradcheckOptions {
  /** Finite-difference step. Default 1e-6. */
  eps?: number;
  /** Absolute tolerance. Default 1e-5. */
  atol?: number;
  /** Relative tolerance (of the numerical entry). Default 1e-3. */
  rtol?: number;
}

/** Storage offsets of every element of `t`, row-major. */
function elementOffsets(t: Tensor): number[] {
  const n = t.numel();
  const offsets = new Array<number>(n);
  const counter = new Array<number>(t.ndim).fill(0);
  for (let i = 0; i < n; i++) {
    let off = t.offset;
    for (let d = 0; d < t.ndim; d++) off += (counter[d] as number) * (t.strides[d] as number);
    offsets[i] = off;
    for (let d = t.ndim - 1; d >= 0; d--) {
      counter[d] = (counter[d] as number) + 1;
      if ((counter[d] as number) < (t.shape[d] as number)) break;
      counter[d] = 0;
    }
  }
  return offsets;
}

function outputsOf(result: Tensor | readonly Tensor[]): Tensor[] {
  return Array.isArray(result) ? [...(result as readonly Tensor[])] : [result as Tensor];
}

function flatValues(t: Tensor): number[] {
  return Array.from(t.contiguous().toTypedArray(), Number);
}

/**
 * Returns true when the gradients of `fn` at `inputs` match finite differences, otherwise throws
 * an Error naming the first mismatching Jacobian entry. Inputs that require grad must be float64.
 * Options: `eps` (1e-6), `atol` (1e-5), `rtol` (1e-3).
 *
 * @example
 * const x = randn([3], { dtype: 'float64', requiresGrad: true });
 * gradcheck((t) => t.tanh().sum(), [x]); // true
 */
export function gradcheck(
  fn: (...inputs: Tensor[]) => Tensor | readonly Tensor[],
  inputs: readonly Tensor[],
  options: GradcheckOptions = {},
): boolean {
  const { eps = 1e-6, atol = 1e-5, rtol = 1e-3 } = options;
  const diffInputs = inputs.map((t, k) => ({ t, k })).filter(({ t }) => t.requiresGrad);
  for (const { t, k } of diffInputs) {
    if (t.dtype !== 'float64')
      throw new TypeError(
        `gradcheck: input ${k} requires grad and must be float64, got ${t.dtype}`,
      );
  }
  const outputs = outputsOf(fn(...inputs));
  // Numerical Jacobians: numeric[o][k][j] = ∂ flat(output o) / ∂ element j of input k, per column.
  const numeric = outputs.map(() => new Map<number, number[][]>());
  for (const { t, k } of diffInputs) {
    const data = t.storage.data;
    const offsets = elementOffsets(t);
    const columns = outputs.map(() => [] as number[][]);
    for (const off of offsets) {
      const original = data[off] as number;
      // Written straight into storage (no version bump): the analytical graph stays valid.
      data[off] = original + eps;
      const plus = outputsOf(fn(...inputs)).map(flatValues);
      data[off] = original - eps;
      const minus = outputsOf(fn(...inputs)).map(flatValues);
      data[off] = original;
      plus.forEach((p, o) =>
        (columns[o] as number[][]).push(
          p.map((v, i) => (v - ((minus[o] as number[])[i] as number)) / (2 * eps)),
        ),
      );
    }
    columns.forEach((c, o) => (numeric[o] as Map<number, number[][]>).set(k, c));
  }
  // Analytical Jacobians, one row (output element) at a time.
  outputs.forEach((out, o) => {
    const n = out.numel();
    for (let i = 0; i < n; i++) {
      let row: Array<Tensor | null> = diffInputs.map(() => null);
      if (out.requiresGrad) {
        const seed = filled(out.shape, out.dtype, 0);
        seed.storage.data[i] = 1;
        row = grad(
          [out],
          diffInputs.map(({ t }) => t),
          { gradOutputs: [seed], retainGraph: true, allowUnused: true },
        );
      }
      diffInputs.forEach(({ k }, slot) => {
        const analytic = row[slot] ? flatValues(row[slot]) : null;
        const columns = (numeric[o] as Map<number, number[][]>).get(k) as number[][];
        columns.forEach((column, j) => {
          const want = column[i] as number;
          const got = analytic === null ? 0 : (analytic[j] as number);
          if (!(Math.abs(got - want) <= atol + rtol * Math.abs(want))) {
            throw new Error(
              `Jacobian mismatch for output ${o} with respect to input ${k}, entry (${i}, ${j}): numerical ${want}, analytical ${got}`,
            );
          }
        });
      });
    }
  });
  return true;
}
