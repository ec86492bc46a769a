# References for cumprod's backward (PyTorch 1.13 `cumprod_backward`), above all where the input
# has zeros: for each case the forward value, the gradient of sum(out * cot) and, for float64
# inputs, the second derivative: the gradient of sum(grad * v) taken with create_graph=True.
# Writes cumprod.json beside this file. Run: /usr/bin/python3 gen_cumprod.py
import json
import os

import torch

torch.manual_seed(13)


def flat(t):
    return t.detach().reshape(-1).tolist()


def case(name, x, dim, second=True):
    x = x.clone().requires_grad_(True)
    out = torch.cumprod(x, dim)
    cot = torch.randn(out.shape, dtype=x.dtype)
    (grad,) = torch.autograd.grad((out * cot).sum(), x, create_graph=second)
    entry = {'name': name, 'dim': dim, 'dtype': 'float64' if x.dtype == torch.float64 else 'float32',
             'shape': list(x.shape), 'x': flat(x), 'cot': flat(cot), 'out': flat(out), 'grad': flat(grad)}
    if second:
        v = torch.randn(x.shape, dtype=x.dtype)
        (gg,) = torch.autograd.grad((grad * v).sum(), x)
        entry['v'] = flat(v)
        entry['gradgrad'] = flat(gg)
    return entry


def r(*shape):
    return torch.rand(*shape, dtype=torch.float64) + 0.5


def with_zeros(t, positions):
    t = t.clone()
    for p in positions:
        t[p] = 0
    return t


cases = [
    case('no zero', r(2, 5), 1),
    case('one zero in the middle', with_zeros(r(6), [(2,)]), 0),
    case('zero at the start', with_zeros(r(5), [(0,)]), 0),
    case('zero at the end', with_zeros(r(5), [(4,)]), 0),
    case('two zeros', with_zeros(r(7), [(1,), (4,)]), 0),
    case('several zeros, adjacent', with_zeros(r(7), [(2,), (3,), (5,)]), 0),
    case('all zeros', torch.zeros(4, dtype=torch.float64), 0),
    case('negative values and a zero', with_zeros(torch.randn(6, dtype=torch.float64), [(3,)]), -1),
    case('rows with and without zeros, dim 1', with_zeros(r(3, 5), [(0, 1), (2, 0), (2, 3)]), 1),
    case('3-d, dim 0', with_zeros(r(4, 2, 3), [(1, 0, 0), (0, 1, 2), (3, 1, 2)]), 0),
    case('3-d, dim 1', with_zeros(r(2, 4, 3), [(0, 2, 1), (1, 0, 0), (1, 3, 0)]), 1),
    case('3-d, dim -1', with_zeros(r(2, 3, 4), [(0, 0, 3), (1, 2, 0), (1, 2, 2)]), -1),
    case('size-1 dim with a zero', with_zeros(r(3, 1), [(1, 0)]), 1, second=False),
    case('0-d zero', torch.tensor(0.0, dtype=torch.float64), 0, second=False),
    case('float32 with zeros', with_zeros(torch.rand(3, 4) + 0.5, [(0, 2), (1, 0), (1, 1)]), 1, second=False),
]

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'cumprod.json'), 'w') as f:
    json.dump({'torch': torch.__version__, 'cases': cases}, f)
