/**
 * The expression of each ops.json case in our API (the generator's Python line is the spec). The
 * table is shared by @descent/tensor's forward test and @descent/autograd's forward and backward
 * test: `lib` supplies the package's own free functions, so autograd's record gradients.
 */
import type { Tensor, cat, linspace } from '../../src/index';

/** The free functions the cases call, from the package under test. */
export interface OpsLib {
  cat: typeof cat;
  linspace: typeof linspace;
}

/** A case's result: one tensor or several (values then indices, …). */
export type OpResult = Tensor | readonly Tensor[];

type Inputs = Record<string, Tensor>;
type OpCase = (v: Inputs, lib: OpsLib) => OpResult;

const at = (v: Inputs, k: string): Tensor => {
  const t = v[k];
  if (t === undefined) throw new Error(`missing input ${k}`);
  return t;
};

const cases: Record<string, OpCase> = {};

// ---------------------------------------------------------------- group 1: defects
for (const mode of ['trunc', 'floor'] as const) {
  for (const suffix of ['float64', 'float32', 'int32']) cases[`div_${mode}_${suffix}`] = (v) => at(v, 'a').div(at(v, 'b'), { roundingMode: mode });
  cases[`div_${mode}_int32_scalar`] = (v) => at(v, 'a').div(4, { roundingMode: mode });
  cases[`div_${mode}_int32_by_float`] = (v) => at(v, 'a').div(2.5, { roundingMode: mode });
}
cases.div_floor_grad_is_zero = (v) => at(v, 'a').div(at(v, 'b'), { roundingMode: 'floor' });
for (const fn of ['any', 'all'] as const) {
  cases[`${fn}_dim1`] = (v) => at(v, 'm')[fn](1);
  cases[`${fn}_dim0_keepdim`] = (v) => at(v, 'm')[fn](0, true);
  cases[`${fn}_float_dim`] = (v) => at(v, 'x')[fn](-1);
}
cases.sum_dim_keepdim_dtype = (v) => at(v, 'x').sum(1, true, { dtype: 'float64' });
cases.sum_int_dtype_float64 = (v) => at(v, 'x').sum(0, false, { dtype: 'float64' });
cases.prod_dim_dtype = (v) => at(v, 'x').prod(1, false, { dtype: 'float64' });
const zeroD: Record<string, (x: Tensor, dim: number, keepdim: boolean) => Tensor> = {
  sum: (x, d, k) => x.sum(d, k),
  prod: (x, d, k) => x.prod(d, k),
  logsumexp: (x, d, k) => x.logsumexp(d, k),
  mean: (x, d, k) => x.mean(d, k),
  amax: (x, d, k) => x.amax(d, k),
};
for (const [fn, call] of Object.entries(zeroD)) {
  cases[`${fn}_0d_dim0`] = (v) => call(at(v, 'x'), 0, false);
  cases[`${fn}_0d_dim_neg1_keepdim`] = (v) => call(at(v, 'x'), -1, true);
}
cases.cumsum_0d = (v) => at(v, 'x').cumsum(0);
cases.cat_empty_operand = (v, lib) => lib.cat([at(v, 'a'), at(v, 'b'), at(v, 'c')], 1);
cases.cat_legacy_empty = (v, lib) => lib.cat([at(v, 'a'), at(v, 'b')]);
for (const [start, end, steps] of [
  [5, -5, 20],
  [-3, 7, 9],
  [0, 10, 7],
  [0.5, 10.7, 7],
  [-100, 100, 33],
  [3, 3, 5],
  [7, -2, 1],
  [-20, 19, 40],
  [1000, -7, 17],
] as const) {
  cases[`linspace_int32_${start}_${end}_${steps}`] = (_v, lib) => lib.linspace(start, end, steps, { dtype: 'int32' });
}

/** The expressions by case name. */
export const OP_CASES: Readonly<Record<string, OpCase>> = cases;
