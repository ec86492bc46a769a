/**
 * The expression of each ops.json case in our API (the generator's Python line is the spec). The
 * table is shared by @descent/tensor's forward test and @descent/autograd's forward and backward
 * test: `lib` supplies the package's own free functions, so autograd's record gradients.
 */
import type { Tensor, cat, exp, linspace, matmul, max, maximum, pow, sum, tensor, unbind } from '../../src/index';

/** The free functions the cases call, from the package under test. */
export interface OpsLib {
  cat: typeof cat;
  linspace: typeof linspace;
  tensor: typeof tensor;
  pow: typeof pow;
  exp: typeof exp;
  sum: typeof sum;
  matmul: typeof matmul;
  maximum: typeof maximum;
  max: typeof max;
  unbind: typeof unbind;
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

// ---------------------------------------------------------------- group 2: element-wise math
const unaryMath = ['tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'asinh', 'acosh', 'atanh', 'erf', 'exp2', 'log2', 'log10', 'trunc'] as const;
for (const fn of unaryMath) {
  cases[fn] = (v) => at(v, 'x')[fn]();
  cases[`${fn}_float32`] = (v) => at(v, 'x')[fn]();
}
for (const fn of ['tan', 'erf', 'exp2', 'log2', 'trunc'] as const) cases[`${fn}_int32`] = (v) => at(v, 'x')[fn]();
for (const fn of ['isnan', 'isinf', 'isfinite'] as const) cases[fn] = (v) => at(v, 'x')[fn]();
cases.isnan_int32 = (v) => at(v, 'x').isnan();
for (const fn of ['remainder', 'fmod'] as const) {
  cases[`${fn}_broadcast`] = (v) => at(v, 'a')[fn](at(v, 'b'));
  cases[`${fn}_scalar`] = (v) => at(v, 'a')[fn](-1.25);
  cases[`${fn}_int32`] = (v) => at(v, 'a')[fn](at(v, 'b'));
  cases[`${fn}_float32`] = (v) => at(v, 'a')[fn](at(v, 'b'));
}
cases.copysign = (v) => at(v, 'a').copysign(at(v, 'b'));
cases.copysign_scalar = (v) => at(v, 'a').copysign(-1);
cases.copysign_int32 = (v) => at(v, 'a').copysign(at(v, 'b'));
cases.logaddexp = (v) => at(v, 'a').logaddexp(at(v, 'b'));
cases.logaddexp_large = (v) => at(v, 'a').logaddexp(at(v, 'b'));
cases.floor_divide = (v) => at(v, 'a').floorDivide(at(v, 'b'));
cases.floor_divide_float = (v) => at(v, 'a').floorDivide(at(v, 'b'));
cases.lerp_scalar = (v) => at(v, 'a').lerp(at(v, 'b'), 0.3);
cases.lerp_tensor_weight = (v) => at(v, 'a').lerp(at(v, 'b'), at(v, 'w'));
cases.isclose = (v) => at(v, 'a').isclose(at(v, 'b'));
cases.isclose_opts = (v) => at(v, 'a').isclose(at(v, 'b'), { rtol: 1e-3, atol: 0, equalNan: true });
cases.clip = (v) => at(v, 'a').clip(-0.5, 0.7);
const bitwise = { bitwise_and: 'bitwiseAnd', bitwise_or: 'bitwiseOr', bitwise_xor: 'bitwiseXor' } as const;
for (const [py, fn] of Object.entries(bitwise)) {
  cases[py] = (v) => at(v, 'a')[fn](at(v, 'b'));
  cases[`${py}_bool`] = (v) => at(v, 'a')[fn](at(v, 'b'));
}
cases.bitwise_not = (v) => at(v, 'a').bitwiseNot();
cases.bitwise_not_bool = (v) => at(v, 'a').bitwiseNot();
cases.bitwise_left_shift = (v) => at(v, 'a').bitwiseLeftShift(at(v, 'b'));
cases.bitwise_right_shift = (v) => at(v, 'a').bitwiseRightShift(at(v, 'b'));
cases.bitwise_shift_scalar = (v) => at(v, 'a').bitwiseLeftShift(3).bitwiseRightShift(1);
// free-function forms
cases.free_pow_exp_sum = (v, lib) => lib.sum(lib.exp(lib.pow(at(v, 'x'), 2)), 1);
cases.free_matmul_maximum = (v, lib) => lib.maximum(lib.matmul(at(v, 'a'), at(v, 'b')), lib.tensor(0.1, { dtype: 'float64' }));
cases.free_max_dim = (v, lib) => {
  const { values, indices } = lib.max(at(v, 'x'), 1);
  return [values, indices];
};
cases.unbind_dim1 = (v, lib) => lib.unbind(at(v, 'x'), 1);

/** The expressions by case name. */
export const OP_CASES: Readonly<Record<string, OpCase>> = cases;
