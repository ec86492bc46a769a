# References for the ops of issue 20: PyTorch 1.13 forward values of every case and, where the
# inputs are float64 and require grad, the gradients of sum(out_i * cot_i) for the stored
# cotangents cot_i. Writes ops.json beside this file (forward and backward, read by autograd's
# tests) and ../../../tensor/test/golden/ops.json (the same cases without gradients).
# Run: /usr/bin/python3 gen_ops.py
import json
import math
import os

import torch
import torch.nn.functional as F

torch.manual_seed(20)
cases = []


def enc(v):
    if isinstance(v, float):
        if math.isnan(v):
            return 'nan'
        if math.isinf(v):
            return 'inf' if v > 0 else '-inf'
    if isinstance(v, bool):
        return 1 if v else 0
    return v


def flat(t):
    return [enc(v) for v in t.detach().reshape(-1).tolist()]


DT = {torch.float64: 'float64', torch.float32: 'float32', torch.int64: 'int32', torch.int32: 'int32', torch.bool: 'bool'}


def desc(t):
    return {'dtype': DT[t.dtype], 'shape': list(t.shape), 'values': flat(t)}


def case(name, fn, grad=True, **inputs):
    leaves = {}
    for k, v in inputs.items():
        t = v.clone()
        if grad and t.dtype == torch.float64:
            t.requires_grad_(True)
        leaves[k] = t
    out = fn(**leaves)
    outs = list(out) if isinstance(out, (tuple, list)) else [out]
    entry = {'name': name, 'inputs': {k: desc(v) for k, v in inputs.items()}, 'outputs': [desc(o) for o in outs]}
    if grad and any(o.requires_grad for o in outs):
        total = 0
        cots = []
        for i, o in enumerate(outs):
            if o.requires_grad:
                cot = torch.linspace(-1, 1, max(o.numel(), 1), dtype=o.dtype)[: o.numel()].reshape(o.shape) + 0.25 * (i + 1)
                cots.append(flat(cot))
                total = total + (o * cot).sum()
            else:
                cots.append(None)
        grads = torch.autograd.grad(total, [t for t in leaves.values() if t.requires_grad], allow_unused=True)
        names = [k for k, t in leaves.items() if t.requires_grad]
        entry['cotangents'] = cots
        entry['grads'] = {k: (flat(g) if g is not None else None) for k, g in zip(names, grads)}
    cases.append(entry)


def r(*shape, lo=-2.0, hi=2.0):
    return (torch.rand(*shape, dtype=torch.float64) * (hi - lo) + lo)


def ints(*shape, lo=-9, hi=10):
    return torch.randint(lo, hi, shape, dtype=torch.int32)


# ---------------------------------------------------------------- group 1: defects
a = torch.tensor([7.5, -7.5, 5.0, -5.0, 0.3, -0.3, 9.0, -1e-3], dtype=torch.float64)
b = torch.tensor([2.0, 2.0, -3.0, -3.0, 0.1, 0.1, 3.0, 7.0], dtype=torch.float64)
for mode in ['trunc', 'floor']:
    case(f'div_{mode}_float64', lambda a, b, mode=mode: a.div(b, rounding_mode=mode), a=a, b=b)
    case(f'div_{mode}_float32', lambda a, b, mode=mode: a.div(b, rounding_mode=mode), a=a.float(), b=b.float())
    case(f'div_{mode}_int32', lambda a, b, mode=mode: a.div(b, rounding_mode=mode), a=ints(12), b=torch.tensor([3, -3, 2, -2, 5, 7, -4, 1, 9, -9, 6, 4], dtype=torch.int32))
    case(f'div_{mode}_int32_scalar', lambda a, mode=mode: a.div(4, rounding_mode=mode), a=ints(9))
    case(f'div_{mode}_int32_by_float', lambda a, mode=mode: a.div(2.5, rounding_mode=mode), a=ints(9))
case('div_floor_grad_is_zero', lambda a, b: a.div(b, rounding_mode='floor'), a=r(2, 3), b=r(3, lo=0.5, hi=2))
m = torch.tensor([[1, 0, 1], [1, 1, 1]], dtype=torch.bool)
for fn in ['any', 'all']:
    case(f'{fn}_dim1', lambda m, fn=fn: getattr(m, fn)(1), m=m)
    case(f'{fn}_dim0_keepdim', lambda m, fn=fn: getattr(m, fn)(0, keepdim=True), m=m)
    case(f'{fn}_float_dim', lambda x, fn=fn: getattr(x, fn)(-1), x=torch.tensor([[0.0, 0.5], [0.0, 0.0], [float('nan'), 1.0]], dtype=torch.float64))
case('sum_dim_keepdim_dtype', lambda x: x.sum(1, True, dtype=torch.float64), x=r(2, 3).float())
case('sum_int_dtype_float64', lambda x: x.sum(0, dtype=torch.float64), x=ints(3, 2))
case('prod_dim_dtype', lambda x: x.prod(1, dtype=torch.float64), x=ints(2, 3, lo=1, hi=5))
for fn in ['sum', 'prod', 'logsumexp', 'mean', 'amax']:
    case(f'{fn}_0d_dim0', lambda x, fn=fn: getattr(x, fn)(0), x=torch.tensor(1.5, dtype=torch.float64))
    case(f'{fn}_0d_dim_neg1_keepdim', lambda x, fn=fn: getattr(x, fn)(-1, keepdim=True), x=torch.tensor(-0.5, dtype=torch.float64))
case('cumsum_0d', lambda x: x.cumsum(0), x=torch.tensor(2.0, dtype=torch.float64))
case('cat_empty_operand', lambda a, b, c: torch.cat([a, b, c], 1), a=r(4, 2, 3), b=r(4, 0, 3), c=r(4, 1, 3))
case('cat_legacy_empty', lambda a, b: torch.cat([a, b]), a=r(3), b=torch.zeros(0, dtype=torch.float64))
for start, end, steps in [(5, -5, 20), (-3, 7, 9), (0, 10, 7), (0.5, 10.7, 7), (-100, 100, 33), (3, 3, 5), (7, -2, 1), (-20, 19, 40), (1000, -7, 17)]:
    case(f'linspace_int32_{start}_{end}_{steps}', lambda start=start, end=end, steps=steps: torch.linspace(start, end, steps, dtype=torch.int32))

# ---------------------------------------------------------------- group 2: element-wise math
unit = r(2, 3, lo=-0.95, hi=0.95)
for fn, x in [('tan', r(2, 3, lo=-1.3, hi=1.3)), ('asin', unit), ('acos', unit), ('atan', r(2, 3, lo=-4, hi=4)), ('sinh', r(2, 3)), ('cosh', r(2, 3)),
              ('asinh', r(2, 3, lo=-5, hi=5)), ('acosh', r(2, 3, lo=1.05, hi=6)), ('atanh', unit), ('erf', torch.tensor([-7.0, -3.5, -2.0, -0.7, -1e-3, 0.0, 0.3, 1.0, 2.5, 3.2, 6.5], dtype=torch.float64)),
              ('exp2', r(2, 3, lo=-5, hi=5)), ('log2', r(2, 3, lo=0.01, hi=50)), ('log10', r(2, 3, lo=0.01, hi=500)), ('trunc', r(2, 3, lo=-5, hi=5))]:
    case(f'{fn}', lambda x, fn=fn: getattr(x, fn)(), x=x)
    case(f'{fn}_float32', lambda x, fn=fn: getattr(x, fn)(), x=x.float())
for fn in ['tan', 'erf', 'exp2', 'log2', 'trunc']:
    case(f'{fn}_int32', lambda x, fn=fn: getattr(x, fn)(), x=ints(5, lo=1, hi=9))
special = torch.tensor([float('nan'), float('inf'), -float('inf'), 0.0, -0.0, 1.5, -2.5], dtype=torch.float64)
for fn in ['isnan', 'isinf', 'isfinite']:
    case(fn, lambda x, fn=fn: getattr(x, fn)(), x=special)
case('isnan_int32', lambda x: x.isnan(), x=ints(3))
num = r(3, 4, lo=-6, hi=6)
den = torch.tensor([1.5, -2.5, 0.7, -0.3], dtype=torch.float64)
for fn in ['remainder', 'fmod']:
    case(f'{fn}_broadcast', lambda a, b, fn=fn: getattr(a, fn)(b), a=num, b=den)
    case(f'{fn}_scalar', lambda a, fn=fn: getattr(a, fn)(-1.25), a=num)
    case(f'{fn}_int32', lambda a, b, fn=fn: getattr(a, fn)(b), a=ints(3, 4), b=torch.tensor([3, -3, 4, -7], dtype=torch.int32))
    case(f'{fn}_float32', lambda a, b, fn=fn: getattr(a, fn)(b), a=num.float(), b=den.float())
case('copysign', lambda a, b: a.copysign(b), a=r(3, 4), b=torch.tensor([1.0, -2.0, 0.0, -0.0], dtype=torch.float64))
case('copysign_scalar', lambda a: a.copysign(-1), a=r(4))
case('copysign_int32', lambda a, b: a.copysign(b), a=ints(4), b=ints(4))
case('logaddexp', lambda a, b: a.logaddexp(b), a=r(3, 4, lo=-30, hi=30), b=r(4, lo=-30, hi=30))
case('logaddexp_large', lambda a, b: a.logaddexp(b), a=torch.tensor([800.0, -800.0, 1e-3, float('inf')], dtype=torch.float64), b=torch.tensor([799.0, -801.0, 2e-3, float('inf')], dtype=torch.float64))
case('floor_divide', lambda a, b: a.floor_divide(b), a=ints(3, 4), b=torch.tensor([3, -3, 4, -7], dtype=torch.int32))
case('floor_divide_float', lambda a, b: a.floor_divide(b), grad=False, a=num, b=den)
case('lerp_scalar', lambda a, b: torch.lerp(a, b, 0.3), a=r(2, 3), b=r(3))
case('lerp_tensor_weight', lambda a, b, w: torch.lerp(a, b, w), a=r(2, 3), b=r(2, 3), w=r(2, 1, lo=0, hi=1))
case('isclose', lambda a, b: a.isclose(b), a=torch.tensor([1.0, 1.0, float('nan'), float('inf'), 1e-9, 100.0], dtype=torch.float64), b=torch.tensor([1.00001, 1.0001, float('nan'), float('inf'), 0.0, 100.001], dtype=torch.float64))
case('isclose_opts', lambda a, b: a.isclose(b, rtol=1e-3, atol=0.0, equal_nan=True), a=torch.tensor([1.0, 1.0, float('nan'), float('inf'), 1e-9, 100.0], dtype=torch.float64), b=torch.tensor([1.00001, 1.0001, float('nan'), -float('inf'), 0.0, 100.001], dtype=torch.float64))
case('clip', lambda a: torch.clip(a, -0.5, 0.7), a=r(2, 3))
ia, ib = ints(2, 4, lo=-100, hi=100), ints(4, lo=-100, hi=100)
for fn in ['bitwise_and', 'bitwise_or', 'bitwise_xor']:
    case(fn, lambda a, b, fn=fn: getattr(a, fn)(b), a=ia, b=ib)
    case(f'{fn}_bool', lambda a, b, fn=fn: getattr(a, fn)(b), a=torch.tensor([True, True, False, False]), b=torch.tensor([True, False, True, False]))
case('bitwise_not', lambda a: a.bitwise_not(), a=ia)
case('bitwise_not_bool', lambda a: a.bitwise_not(), a=torch.tensor([True, False]))
case('bitwise_left_shift', lambda a, b: a.bitwise_left_shift(b), a=ia, b=torch.tensor([0, 1, 5, 30], dtype=torch.int32))
case('bitwise_right_shift', lambda a, b: a.bitwise_right_shift(b), a=ia, b=torch.tensor([0, 1, 3, 31], dtype=torch.int32))
case('bitwise_shift_scalar', lambda a: a.bitwise_left_shift(3).bitwise_right_shift(1), a=ia)
# free-function forms
case('free_pow_exp_sum', lambda x: torch.sum(torch.exp(torch.pow(x, 2)), 1), x=r(2, 3))
case('free_matmul_maximum', lambda a, b: torch.maximum(torch.matmul(a, b), torch.tensor(0.1, dtype=torch.float64)), a=r(2, 3), b=r(3, 2))
case('free_max_dim', lambda x: torch.max(x, 1), x=r(3, 4))
case('unbind_dim1', lambda x: torch.unbind(x, 1), x=r(2, 3))

# ---------------------------------------------------------------- group 3: shape, cumulative, sorting, scatter, einsum
case('repeat', lambda x: x.repeat(2, 1, 3), x=r(2, 3))
case('repeat_lead', lambda x: x.repeat(2, 2, 1), x=r(3))
case('repeat_int32', lambda x: x.repeat(3), x=ints(2))
case('chunk_uneven', lambda x: x.chunk(3, 1), x=r(2, 7))
case('roll_dims', lambda x: x.roll((1, -2), (0, 1)), x=r(3, 4))
case('roll_flat', lambda x: x.roll(5), x=r(2, 3))
case('meshgrid_ij', lambda a, b: torch.meshgrid(a, b, indexing='ij'), a=r(3), b=r(2))
case('meshgrid_xy', lambda a, b, c: torch.meshgrid(a, b, c, indexing='xy'), a=r(3), b=r(2), c=r(4))
case('unfold', lambda x: x.unfold(1, 3, 2), x=r(2, 8))
case('unfold_dim0', lambda x: x.unfold(0, 2, 1), x=r(4, 3))
case('repeat_interleave', lambda x: x.repeat_interleave(2, dim=1), x=r(2, 3))
case('repeat_interleave_tensor', lambda x: x.repeat_interleave(torch.tensor([1, 0, 3]), dim=0), x=r(3, 2))
case('repeat_interleave_flat', lambda x: x.repeat_interleave(2), x=r(2, 2))
case('unflatten', lambda x: x.unflatten(1, (2, -1)), x=r(3, 8))
for k in [0, 1, -1]:
    case(f'tril_{k}', lambda x, k=k: x.tril(k), x=r(2, 3, 4))
    case(f'triu_{k}', lambda x, k=k: x.triu(k), x=r(3, 4))
case('tril_nan', lambda x: x.tril(), x=torch.tensor([[1.0, float('nan')], [2.0, 3.0]], dtype=torch.float64))
case('triu_int32', lambda x: x.triu(), x=ints(3, 3))
case('diagonal', lambda x: x.diagonal(), x=r(3, 4))
case('diagonal_offset_dims', lambda x: x.diagonal(1, 2, 0), x=r(3, 2, 4))
case('diagonal_neg', lambda x: x.diagonal(-1), x=r(4, 3))
case('diag_vec', lambda x: torch.diag(x, 1), x=r(3))
case('diag_vec_neg', lambda x: torch.diag(x, -2), x=r(2))
case('diag_mat', lambda x: torch.diag(x, -1), x=r(3, 3))
case('cummax', lambda x: x.cummax(1), x=torch.tensor([[1.0, 3.0, 2.0, 3.0, 5.0], [4.0, -1.0, 4.0, 0.5, 6.0]], dtype=torch.float64))
case('cummin', lambda x: x.cummin(0), x=r(4, 3))
case('cummax_nan', lambda x: x.cummax(0), x=torch.tensor([1.0, float('nan'), 3.0, 0.5], dtype=torch.float64), grad=False)
case('cumprod', lambda x: x.cumprod(1), x=r(2, 5, lo=0.5, hi=1.5))
case('cumprod_int32', lambda x: x.cumprod(0), x=ints(5, lo=1, hi=4))
case('logcumsumexp', lambda x: x.logcumsumexp(1), x=r(3, 4, lo=-10, hi=10))
case('logcumsumexp_large', lambda x: x.logcumsumexp(0), x=torch.tensor([700.0, 710.0, -700.0, 705.0], dtype=torch.float64))
case('std_mean', lambda x: torch.std_mean(x, 1), x=r(3, 4))
case('std_mean_keepdim_c0', lambda x: torch.std_mean(x, 0, correction=0, keepdim=True), x=r(3, 4))
case('sort', lambda x: x.sort(1), x=r(3, 5))
case('sort_desc_dim0', lambda x: x.sort(0, descending=True), x=r(4, 3))
case('sort_nan', lambda x: x.sort(), x=torch.tensor([3.0, float('nan'), -1.0, 2.0, -float('inf')], dtype=torch.float64), grad=False)
case('sort_stable_ties', lambda x: x.sort(stable=True), x=torch.tensor([2, 1, 2, 1, 3, 1], dtype=torch.int32))
case('argsort', lambda x: x.argsort(1, descending=True), x=r(3, 4))
case('topk', lambda x: x.topk(2), x=r(3, 5))
case('topk_smallest_dim0', lambda x: x.topk(3, 0, largest=False), x=r(5, 2))
idx = torch.tensor([[0, 1, 2, 0], [2, 0, 0, 1]])
case('scatter', lambda x, s: x.scatter(0, idx, s), x=r(3, 4), s=r(2, 4))
case('scatter_value', lambda x: x.scatter(1, torch.tensor([[0], [2], [3]]), 1.5), x=r(3, 4))
case('scatter_reduce_sum', lambda x, s: x.scatter_reduce(0, idx, s, 'sum'), x=r(3, 4), s=r(2, 4))
case('scatter_reduce_mean_exclude', lambda x, s: x.scatter_reduce(0, torch.tensor([[0, 1, 2, 0], [0, 1, 0, 0]]), s, 'mean', include_self=False), x=r(3, 4), s=r(2, 4))
for red in ['prod', 'amax', 'amin']:
    case(f'scatter_reduce_{red}', lambda x, s, red=red: x.scatter_reduce(1, torch.tensor([[0, 0, 2], [1, 1, 1]]), s, red), grad=False, x=r(2, 3), s=r(2, 3))
case('nonzero', lambda x: x.nonzero(), x=torch.tensor([[0.0, 1.5, 0.0], [2.0, 0.0, -1.0]], dtype=torch.float64))
case('masked_select', lambda x: x.masked_select(torch.tensor([[True, False, True], [False, False, True]])), x=r(2, 3))
case('masked_select_broadcast', lambda x: x.masked_select(torch.tensor([True, False, True])), x=r(2, 3))
case('einsum_matmul', lambda a, b: torch.einsum('ij,jk->ik', a, b), a=r(2, 3), b=r(3, 4))
case('einsum_batch', lambda a, b: torch.einsum('bij,bjk->bik', a, b), a=r(2, 2, 3), b=r(2, 3, 2))
case('einsum_trace', lambda a: torch.einsum('ii', a), a=r(3, 3))
case('einsum_diag', lambda a: torch.einsum('ii->i', a), a=r(3, 3))
case('einsum_outer_implicit', lambda a, b: torch.einsum('i,j', a, b), a=r(3), b=r(2))
case('einsum_transpose', lambda a: torch.einsum('ijk->kji', a), a=r(2, 3, 4))
case('einsum_three', lambda a, b, c: torch.einsum('ij,jk,k->i', a, b, c), a=r(2, 3), b=r(3, 4), c=r(4))
case('einsum_sum_all', lambda a: torch.einsum('ij->', a), a=r(2, 3))

# ---------------------------------------------------------------- group 5: indexing x[...]
X = r(3, 4, 5)
I = lambda *v: torch.tensor(v)
case('index_int_neg', lambda x: x[-1], x=X)
case('index_basic_mix', lambda x: x[0, 1::2, None, ...], x=X)
case('index_ellipsis_step', lambda x: x[..., ::3], x=X)
case('index_slice_neg', lambda x: x[:, -3:-1, 1], x=X)
case('index_list', lambda x: x[[0, 2]], x=X)
case('index_tensor_2d', lambda x: x[:, torch.tensor([[0, 3], [1, 1]])], x=X)
case('index_adjacent', lambda x: x[:, I(0, 2, 3), I(1, 1, 4)], x=X)
case('index_non_adjacent', lambda x: x[I(0, 2), :, I(1, 4)], x=X)
case('index_int_and_tensor_non_adjacent', lambda x: x[0, :, I(0, 1)], x=X)
case('index_negative_tensor', lambda x: x[I(-1, 0), 1:3], x=X)
case('index_broadcast', lambda x: x[I([0], [2]), :, I(0, 1, 4)], x=X)
case('index_bool_mask', lambda x: x[x[:, :, 0] > 0], x=X)
case('index_bool_row_mask', lambda x: x[:, torch.tensor([True, False, True, True])], x=X)
case('index_new_axis_and_tensor', lambda x: x[None, I(1, 2), ..., 0], x=X)
case('index_int32', lambda x: x[1:, I(2, 0)], x=ints(3, 4))
def put(x, v, idx, acc):
    return x.index_put(idx, v, accumulate=acc)
case('index_put', lambda x, v: put(x, v, (I(0, 2), I(1, 3)), False), x=r(3, 4), v=r(2))
case('index_put_broadcast', lambda x, v: put(x, v, (I(0, 2),), False), x=r(3, 4), v=r(4))
case('index_put_accumulate_repeats', lambda x, v: put(x, v, (I(0, 0, 2),), True), x=r(3, 4), v=r(3, 4))
def setitem(x, v):
    y = x.clone()
    y[1:, I(0, 2)] = v
    return y
case('setitem_slice_and_tensor', setitem, x=r(3, 4), v=r(2, 2))
def setitem_mask(x):
    y = x.clone()
    y[y < 0] = 0.5
    return y
case('setitem_mask_scalar', setitem_mask, x=r(3, 4))

here = os.path.dirname(os.path.abspath(__file__))


def write(path, items):
    with open(path, 'w') as f:
        # One case per line, so grep and sed -n work.
        f.write('{"torch": %s, "cases": [\n' % json.dumps(torch.__version__))
        f.write(',\n'.join(json.dumps(c) for c in items))
        f.write('\n]}\n')


write(os.path.join(here, 'ops.json'), cases)
forward = [{k: v for k, v in c.items() if k not in ('cotangents', 'grads')} for c in cases]
write(os.path.join(here, '..', '..', '..', 'tensor', 'test', 'golden', 'ops.json'), forward)
print(len(cases), 'cases')
