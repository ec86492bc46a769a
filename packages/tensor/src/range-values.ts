/**
 * The values of `arange` and `linspace` as PyTorch 1.13's CPU kernels compute them, so they match
 * bit for bit (aten/src/ATen/native/cpu/RangeFactoriesKernel.cpp). Those kernels run through
 * `cpu_serial_kernel_vec`: while at least two AVX2 vectors remain (8 float32 or 4 float64 lanes
 * each) a vector starts at a base value and adds `lane · step`; the rest is scalar. The rounding
 * differs between the two paths, and in float32 the arithmetic itself is float32 for linspace, so
 * a direct `start + i · step` in float64 differs in the last bits.
 */

/**
 * a·b + c rounded once, as the fused multiply-add PyTorch's build compiles `c + a * b` into
 * (GCC contracts it with FMA enabled). Error-free transformations: a·b = p + e (Dekker's product
 * with Veltkamp's split), then p + c and the error terms with Knuth's two-sum; the exact value is
 * r + w + v, and v only matters when r + w sits exactly halfway to r's neighbour.
 */
export function fusedMultiplyAdd(a: number, b: number, c: number): number {
  const p = a * b;
  // With a zero term (or an infinite one) a single rounding is what plain arithmetic gives, signed zeros included.
  if (p === 0 || c === 0 || !Number.isFinite(p) || !Number.isFinite(c)) return p + c;
  const split = (x: number): [number, number] => {
    const t = 134217729 * x; // 2^27 + 1
    const hi = t - (t - x);
    return [hi, x - hi];
  };
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  const e = ah * bh - p + ah * bl + al * bh + al * bl;
  const twoSum = (x: number, y: number): [number, number] => {
    const sum = x + y;
    const yy = sum - x;
    return [sum, x - (sum - yy) + (y - yy)];
  };
  const [s, t] = twoSum(p, c);
  const [u, v] = twoSum(t, e);
  const [r, w] = twoSum(s, u);
  if (v !== 0 && w !== 0 && Math.sign(v) === Math.sign(w)) {
    // A tie rounded to r's side, but the exact value lies beyond it: take the neighbour.
    const next = r + 2 * w;
    if (next - r === 2 * w) return next;
  }
  return r;
}

/** Lanes of one AVX2 vector of the dtype (the capability PyTorch picks on current x86-64 CPUs). */
function lanes(dtype: 'float32' | 'float64'): number {
  return dtype === 'float32' ? 8 : 4;
}

/** Runs `vector(first)` over pairs of full vectors from the front, then `scalar(i)` for the rest. */
function serialKernelVec(n: number, width: number, vector: (first: number) => void, scalar: (i: number) => void): void {
  let i = 0;
  for (; i + 2 * width <= n; i += 2 * width) {
    vector(i);
    vector(i + width);
  }
  for (; i < n; i++) scalar(i);
}

/**
 * `torch.arange(start, end, step)` values for a floating dtype: the kernel accumulates in float64
 * (`acc_type`), but a vector's base is first stored as the element type.
 */
export function arangeValues(out: Float32Array | Float64Array, start: number, step: number, dtype: 'float32' | 'float64'): void {
  const round = dtype === 'float32' ? Math.fround : (x: number): number => x;
  const width = lanes(dtype);
  serialKernelVec(
    out.length,
    width,
    (first) => {
      const base = round(fusedMultiplyAdd(step, first, start));
      for (let j = 0; j < width; j++) out[first + j] = fusedMultiplyAdd(j, step, base);
    },
    (i) => {
      out[i] = fusedMultiplyAdd(step, i, start);
    },
  );
}

/**
 * `torch.linspace(start, end, steps)` values for a floating dtype: computed in the element type
 * (float32 arithmetic for float32), the first half counted up from `start` and the second half
 * down from `end`; a vector takes the side of its first element.
 */
export function linspaceValues(out: Float32Array | Float64Array, start: number, end: number, dtype: 'float32' | 'float64'): void {
  const steps = out.length;
  if (steps === 0) return;
  const f = dtype === 'float32' ? Math.fround : (x: number): number => x;
  const [lo, hi] = [f(start), f(end)];
  if (steps === 1) {
    out[0] = lo;
    return;
  }
  const step = f(f(hi - lo) / (steps - 1));
  const halfway = Math.floor(steps / 2);
  // `start + step * i` is one fused multiply-add (one rounding) in PyTorch's build.
  const at = (i: number): number => f(i < halfway ? fusedMultiplyAdd(step, i, lo) : fusedMultiplyAdd(-step, steps - i - 1, hi));
  const width = lanes(dtype);
  serialKernelVec(
    steps,
    width,
    (first) => {
      const base = at(first);
      // Lanes are `base + j * step` with two roundings (Vectorized::arange is not contracted).
      for (let j = 0; j < width; j++) out[first + j] = f(base + f(j * step));
    },
    (i) => {
      out[i] = at(i);
    },
  );
}

/**
 * `torch.linspace(start, end, steps)` values for int32: `start` and `end` are truncated to ints
 * first, the step is a float64, and every value is truncated toward zero when stored. Vectors
 * (8 int32 lanes) start from a truncated base and add `lane · step` in float64, so their values
 * differ from the scalar tail's `start + i · step` (PyTorch 1.13, RangeFactoriesKernel.cpp).
 */
export function linspaceIntValues(out: Int32Array, start: number, end: number): void {
  const steps = out.length;
  if (steps === 0) return;
  const [lo, hi] = [Math.trunc(start) | 0, Math.trunc(end) | 0];
  if (steps === 1) {
    out[0] = lo;
    return;
  }
  const step = (hi - lo) / (steps - 1);
  const halfway = Math.floor(steps / 2);
  const at = (i: number): number => (i < halfway ? fusedMultiplyAdd(step, i, lo) : fusedMultiplyAdd(-step, steps - i - 1, hi));
  const width = 8;
  serialKernelVec(
    steps,
    width,
    (first) => {
      const base = Math.trunc(at(first));
      for (let j = 0; j < width; j++) out[first + j] = Math.trunc(base + j * step);
    },
    (i) => {
      out[i] = Math.trunc(at(i));
    },
  );
}
