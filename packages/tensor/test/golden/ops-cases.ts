/**
 * The expression of each ops.json case in our API (the generator's Python line is the spec). The
 * table is shared by @descent/tensor's forward test and @descent/autograd's forward and backward
 * test: `lib` supplies the package's own free functions, so autograd's record gradients.
 */
import type { Tensor, cat, diag, einsum, slice, exp, linspace, matmul, max, maximum, meshgrid, pow, stdMean, sum, tensor, unbind } from '../../src/index';

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
  meshgrid: typeof meshgrid;
  diag: typeof diag;
  stdMean: typeof stdMean;
  einsum: typeof einsum;
  slice: typeof slice;
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

// ---------------------------------------------------------------- group 3: shape, cumulative, sorting, scatter, einsum
const pair = (r: { values: Tensor; indices: Tensor }): Tensor[] => [r.values, r.indices];
const ix = (lib: OpsLib, values: number[][]): Tensor => lib.tensor(values, { dtype: 'int32' });
cases.repeat = (v) => at(v, 'x').repeat(2, 1, 3);
cases.repeat_lead = (v) => at(v, 'x').repeat([2, 2, 1]);
cases.repeat_int32 = (v) => at(v, 'x').repeat(3);
cases.chunk_uneven = (v) => at(v, 'x').chunk(3, 1);
cases.roll_dims = (v) => at(v, 'x').roll([1, -2], [0, 1]);
cases.roll_flat = (v) => at(v, 'x').roll(5);
cases.meshgrid_ij = (v, lib) => lib.meshgrid(at(v, 'a'), at(v, 'b'), { indexing: 'ij' });
cases.meshgrid_xy = (v, lib) => lib.meshgrid([at(v, 'a'), at(v, 'b'), at(v, 'c')], { indexing: 'xy' });
cases.unfold = (v) => at(v, 'x').unfold(1, 3, 2);
cases.unfold_dim0 = (v) => at(v, 'x').unfold(0, 2, 1);
cases.repeat_interleave = (v) => at(v, 'x').repeatInterleave(2, 1);
cases.repeat_interleave_tensor = (v, lib) => at(v, 'x').repeatInterleave(lib.tensor([1, 0, 3], { dtype: 'int32' }), 0);
cases.repeat_interleave_flat = (v) => at(v, 'x').repeatInterleave(2);
cases.unflatten = (v) => at(v, 'x').unflatten(1, [2, -1]);
for (const k of [0, 1, -1]) {
  cases[`tril_${k}`] = (v) => at(v, 'x').tril(k);
  cases[`triu_${k}`] = (v) => at(v, 'x').triu(k);
}
cases.tril_nan = (v) => at(v, 'x').tril();
cases.triu_int32 = (v) => at(v, 'x').triu();
cases.diagonal = (v) => at(v, 'x').diagonal();
cases.diagonal_offset_dims = (v) => at(v, 'x').diagonal(1, 2, 0);
cases.diagonal_neg = (v) => at(v, 'x').diagonal(-1);
cases.diag_vec = (v, lib) => lib.diag(at(v, 'x'), 1);
cases.diag_vec_neg = (v, lib) => lib.diag(at(v, 'x'), -2);
cases.diag_mat = (v, lib) => lib.diag(at(v, 'x'), -1);
cases.cummax = (v) => pair(at(v, 'x').cummax(1));
cases.cummin = (v) => pair(at(v, 'x').cummin(0));
cases.cummax_nan = (v) => pair(at(v, 'x').cummax(0));
cases.cumprod = (v) => at(v, 'x').cumprod(1);
cases.cumprod_int32 = (v) => at(v, 'x').cumprod(0);
cases.logcumsumexp = (v) => at(v, 'x').logcumsumexp(1);
cases.logcumsumexp_large = (v) => at(v, 'x').logcumsumexp(0);
cases.std_mean = (v, lib) => lib.stdMean(at(v, 'x'), 1);
cases.std_mean_keepdim_c0 = (v) => at(v, 'x').stdMean(0, { correction: 0, keepdim: true });
cases.sort = (v) => pair(at(v, 'x').sort(1));
cases.sort_desc_dim0 = (v) => pair(at(v, 'x').sort(0, true));
cases.sort_nan = (v) => pair(at(v, 'x').sort());
cases.sort_stable_ties = (v) => pair(at(v, 'x').sort());
cases.argsort = (v) => at(v, 'x').argsort(1, true);
cases.topk = (v) => pair(at(v, 'x').topk(2));
cases.topk_smallest_dim0 = (v) => pair(at(v, 'x').topk(3, 0, false));
const scatterIndex = [
  [0, 1, 2, 0],
  [2, 0, 0, 1],
];
cases.scatter = (v, lib) => at(v, 'x').scatter(0, ix(lib, scatterIndex), at(v, 's'));
cases.scatter_value = (v, lib) => at(v, 'x').scatter(1, ix(lib, [[0], [2], [3]]), 1.5);
cases.scatter_reduce_sum = (v, lib) => at(v, 'x').scatterReduce(0, ix(lib, scatterIndex), at(v, 's'), 'sum');
cases.scatter_reduce_mean_exclude = (v, lib) =>
  at(v, 'x').scatterReduce(0, ix(lib, [[0, 1, 2, 0], [0, 1, 0, 0]]), at(v, 's'), 'mean', { includeSelf: false });
for (const red of ['prod', 'amax', 'amin'] as const) {
  cases[`scatter_reduce_${red}`] = (v, lib) => at(v, 'x').scatterReduce(1, ix(lib, [[0, 0, 2], [1, 1, 1]]), at(v, 's'), red);
}
cases.nonzero = (v) => at(v, 'x').nonzero();
cases.masked_select = (v, lib) => at(v, 'x').maskedSelect(lib.tensor([[true, false, true], [false, false, true]]));
cases.masked_select_broadcast = (v, lib) => at(v, 'x').maskedSelect(lib.tensor([true, false, true]));
cases.einsum_matmul = (v, lib) => lib.einsum('ij,jk->ik', at(v, 'a'), at(v, 'b'));
cases.einsum_batch = (v, lib) => lib.einsum('bij,bjk->bik', at(v, 'a'), at(v, 'b'));
cases.einsum_trace = (v, lib) => lib.einsum('ii', at(v, 'a'));
cases.einsum_diag = (v, lib) => lib.einsum('ii->i', at(v, 'a'));
cases.einsum_outer_implicit = (v, lib) => lib.einsum('i,j', at(v, 'a'), at(v, 'b'));
cases.einsum_transpose = (v, lib) => lib.einsum('ijk->kji', at(v, 'a'));
cases.einsum_three = (v, lib) => lib.einsum('ij,jk,k->i', [at(v, 'a'), at(v, 'b'), at(v, 'c')]);
cases.einsum_sum_all = (v, lib) => lib.einsum('ij->', at(v, 'a'));

// ---------------------------------------------------------------- group 5: indexing x[...]
const I = (lib: OpsLib, ...v: (number | number[])[]): Tensor => lib.tensor(v, { dtype: 'int32' });
cases.index_int_neg = (v) => at(v, 'x').at(-1);
cases.index_basic_mix = (v, lib) => at(v, 'x').at(0, lib.slice(1, null, 2), null, '...');
cases.index_ellipsis_step = (v, lib) => at(v, 'x').index(['...', lib.slice(null, null, 3)]);
cases.index_slice_neg = (v, lib) => at(v, 'x').at(lib.slice(), lib.slice(-3, -1), 1);
cases.index_list = (v) => at(v, 'x').at([0, 2]);
cases.index_tensor_2d = (v, lib) => at(v, 'x').at(lib.slice(), I(lib, [0, 3], [1, 1]));
cases.index_adjacent = (v, lib) => at(v, 'x').at(lib.slice(), I(lib, 0, 2, 3), I(lib, 1, 1, 4));
cases.index_non_adjacent = (v, lib) => at(v, 'x').at(I(lib, 0, 2), lib.slice(), I(lib, 1, 4));
cases.index_int_and_tensor_non_adjacent = (v, lib) => at(v, 'x').at(0, lib.slice(), I(lib, 0, 1));
cases.index_negative_tensor = (v, lib) => at(v, 'x').at(I(lib, -1, 0), lib.slice(1, 3));
cases.index_broadcast = (v, lib) => at(v, 'x').at(I(lib, [0], [2]), lib.slice(), I(lib, 0, 1, 4));
cases.index_bool_mask = (v, lib) => at(v, 'x').at(at(v, 'x').index([lib.slice(), lib.slice(), 0]).gt(0));
cases.index_bool_row_mask = (v, lib) => at(v, 'x').at(lib.slice(), lib.tensor([true, false, true, true]));
cases.index_new_axis_and_tensor = (v, lib) => at(v, 'x').at(null, I(lib, 1, 2), '...', 0);
cases.index_int32 = (v, lib) => at(v, 'x').at(lib.slice(1), I(lib, 2, 0));
cases.index_put = (v, lib) => at(v, 'x').indexPut([I(lib, 0, 2), I(lib, 1, 3)], at(v, 'v'));
cases.index_put_broadcast = (v, lib) => at(v, 'x').indexPut([I(lib, 0, 2)], at(v, 'v'));
cases.index_put_accumulate_repeats = (v, lib) => at(v, 'x').indexPut([I(lib, 0, 0, 2)], at(v, 'v'), true);
cases.setitem_slice_and_tensor = (v, lib) => at(v, 'x').clone().indexPut_([lib.slice(1), I(lib, 0, 2)], at(v, 'v'));
cases.setitem_mask_scalar = (v) => {
  const y = at(v, 'x').clone();
  return y.indexPut_([y.lt(0)], 0.5);
};

/** The expressions by case name. */
export const OP_CASES: Readonly<Record<string, OpCase>> = cases;
