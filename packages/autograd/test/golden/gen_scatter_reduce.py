# References for scatterReduce's backward with reduce 'prod', 'amax' and 'amin' (PyTorch 1.13
# `scatter_reduce_backward`): zeros in self and src (one and several at the same place) for
# 'prod', ties between self and src values for 'amax'/'amin', include_self true and false, dims
# 0 and 1. For each case the forward value and the gradients of sum(out * cot) for self and src.
# Writes scatter-reduce.json beside this file. Run: /usr/bin/python3 gen_scatter_reduce.py
import json
import os

import torch

torch.manual_seed(21)


def flat(t):
    return t.detach().reshape(-1).tolist()


def case(name, x, dim, index, s, reduce, include_self):
    x = x.clone().requires_grad_(True)
    s = s.clone().requires_grad_(True)
    out = x.scatter_reduce(dim, index, s, reduce, include_self=include_self)
    cot = torch.randn(out.shape, dtype=x.dtype)
    (out * cot).sum().backward()
    return {'name': name, 'dim': dim, 'reduce': reduce, 'includeSelf': include_self,
            'x': {'shape': list(x.shape), 'values': flat(x)}, 'src': {'shape': list(s.shape), 'values': flat(s)},
            'index': {'shape': list(index.shape), 'values': flat(index)},
            'cot': flat(cot), 'out': flat(out), 'gradX': flat(x.grad), 'gradSrc': flat(s.grad)}


def t(rows):
    return torch.tensor(rows, dtype=torch.float64)


def r(*shape):
    return torch.rand(*shape, dtype=torch.float64) + 0.5


idx0 = torch.tensor([[0, 1, 2, 0], [2, 0, 0, 1], [0, 0, 1, 1]])
idx1 = torch.tensor([[0, 0, 2], [1, 1, 1]])
cases = []
for inc in (True, False):
    tag = 'with self' if inc else 'without self'
    cases += [
        case(f'prod, no zero, dim 0, {tag}', r(3, 4), 0, idx0, r(3, 4), 'prod', inc),
        case(f'prod, no zero, dim 1, {tag}', r(2, 3), 1, idx1, r(2, 3), 'prod', inc),
        case(f'prod, zeros in self, {tag}', t([[0, 1.5, 0.7, 0], [1.2, 0, 0.9, 1.1], [0.8, 1.3, 0, 0.6]]), 0, idx0, r(3, 4), 'prod', inc),
        case(f'prod, one zero in src at a place, {tag}', r(3, 4), 0, idx0, t([[0, 1.2, 0.9, 1.4], [0.7, 0, 1.1, 0.8], [1.3, 0.6, 1.5, 0]]), 'prod', inc),
        case(f'prod, two zeros in src at one place, {tag}', r(3, 4), 0, idx0, t([[0, 1.2, 0.9, 1.4], [0.7, 0.5, 0, 0.8], [0, 0.6, 1.5, 1.0]]), 'prod', inc),
        case(f'prod, zeros in self and src at one place, {tag}', t([[0, 1.5, 0.7, 0.9], [1.2, 1.1, 0.9, 1.1], [0.8, 1.3, 0.4, 0.6]]), 0, idx0, t([[0, 1.2, 0.9, 1.4], [0.7, 1.1, 1.2, 0.8], [1.3, 0.6, 1.5, 1.0]]), 'prod', inc),
    ]
    for red in ('amax', 'amin'):
        cases += [
            case(f'{red}, distinct values, dim 0, {tag}', torch.randn(3, 4, dtype=torch.float64), 0, idx0, torch.randn(3, 4, dtype=torch.float64), red, inc),
            case(f'{red}, distinct values, dim 1, {tag}', torch.randn(2, 3, dtype=torch.float64), 1, idx1, torch.randn(2, 3, dtype=torch.float64), red, inc),
            # Small integers: ties among src values and between self and src.
            case(f'{red}, ties, dim 0, {tag}', t([[1, 2, 0, 1], [2, 1, 1, 0], [0, 2, 1, 2]]), 0, idx0, t([[1, 2, 1, 1], [1, 2, 2, 1], [1, 1, 2, 0]]), red, inc),
            case(f'{red}, ties, dim 1, {tag}', t([[3, 1, 2], [0, 2, 1]]), 1, idx1, t([[3, 3, 2], [2, 2, 0]]), red, inc),
        ]

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'scatter-reduce.json'), 'w') as f:
    json.dump({'torch': torch.__version__, 'cases': cases}, f)
