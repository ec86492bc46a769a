import { describe, expect, it } from 'vitest';
import { tensor } from '../src/index';

/** Float64 reference of Σ_r a[r][i]·b[r][j] (aᵀ·b). */
function transposedProduct(a: number[][], b: number[][]): number[][] {
  const rows = (a[0] as number[]).length;
  const cols = (b[0] as number[]).length;
  const out = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  for (let r = 0; r < a.length; r++)
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++) (out[i] as number[])[j] = ((out[i] as number[])[j] as number) + ((a[r] as number[])[i] as number) * ((b[r] as number[])[j] as number);
  return out;
}

function transpose(a: number[][]): number[][] {
  return (a[0] as number[]).map((_, j) => a.map((row) => row[j] as number));
}

describe('2-D product gradients follow the operand layout (PyTorch mm_mat1/mat2_backward)', () => {
  const m = 6;
  const k = 5;
  const n = 7;
  const x = Array.from({ length: m }, (_, i) => Array.from({ length: k }, (_, j) => Math.sin(i * k + j)));
  const w = Array.from({ length: n }, (_, i) => Array.from({ length: k }, (_, j) => Math.cos(i * k + j)));
  const up = Array.from({ length: m }, (_, i) => Array.from({ length: n }, (_, j) => ((i + 2 * j) % 5) - 2));

  for (const op of ['mm', 'matmul'] as const) {
    it(`${op} through weight.t(): the weight's grad is row-major, equals gᵀ·x, and is bit for bit the row-major operand's grad transposed`, () => {
      const xt = tensor(x, { requiresGrad: true });
      const wt = tensor(w, { requiresGrad: true });
      const y = op === 'mm' ? xt.mm(wt.t()) : xt.matmul(wt.t());
      y.mul(tensor(up)).sum().backward();
      const gw = wt.grad!;
      expect(gw.shape).toEqual([n, k]);
      expect(gw.isContiguous()).toBe(true);
      const want = transposedProduct(up, x); // [n, k]
      const got = gw.tolist() as number[][];
      for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) expect((got[i] as number[])[j]).toBeCloseTo((want[i] as number[])[j] as number, 5);

      // The same product with a row-major [k, n] right operand: its grad xᵀ·g, transposed, is the same bits.
      const xr = tensor(x, { requiresGrad: true });
      const wr = tensor(transpose(w), { requiresGrad: true });
      (op === 'mm' ? xr.mm(wr) : xr.matmul(wr)).mul(tensor(up)).sum().backward();
      expect(Array.from(wr.grad!.t().contiguous().toTypedArray())).toEqual(Array.from(gw.toTypedArray()));
      expect(Array.from(xr.grad!.toTypedArray())).toEqual(Array.from(xt.grad!.toTypedArray()));
    });
  }

  it('a column-major left operand gets (B·gᵀ)ᵀ: the same bits as g·Bᵀ for a row-major one', () => {
    const a = tensor(transpose(x), { requiresGrad: true }); // [k, m]
    const b = tensor(transpose(w)); // [k, n]
    a.t().mm(b).sum().backward(); // a.t() is [m, k] column-major
    const plain = tensor(x, { requiresGrad: true }); // [m, k] row-major
    plain.mm(b).sum().backward();
    expect(a.grad!.shape).toEqual([k, m]);
    expect(Array.from(a.grad!.t().contiguous().toTypedArray())).toEqual(Array.from(plain.grad!.toTypedArray()));
  });
});
