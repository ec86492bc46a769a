# References for einsum with an ellipsis (torch.einsum, PyTorch 1.13): forward values and the
# gradients of sum(out * cot) for every float64 operand, and the error messages of malformed
# ellipses. Writes einsum-ellipsis.json beside this file. Run: /usr/bin/python3 gen_einsum_ellipsis.py
import json
import os

import torch

torch.manual_seed(3)


def flat(t):
    return t.detach().reshape(-1).tolist()


def case(equation, *shapes):
    ops = [torch.randn(*s, dtype=torch.float64, requires_grad=True) for s in shapes]
    out = torch.einsum(equation, *ops)
    cot = torch.randn(out.shape, dtype=torch.float64)
    (out * cot).sum().backward()
    return {'equation': equation, 'operands': [{'shape': list(o.shape), 'values': flat(o)} for o in ops],
            'out': {'shape': list(out.shape), 'values': flat(out)}, 'cot': flat(cot), 'grads': [flat(o.grad) for o in ops]}


def error(equation, *shapes):
    try:
        torch.einsum(equation, *[torch.zeros(*s) for s in shapes])
    except RuntimeError as e:
        return {'equation': equation, 'shapes': [list(s) for s in shapes], 'message': str(e)}
    raise AssertionError(equation + ' did not raise')


cases = [
    case('...ij,...jk->...ik', (2, 1, 3, 4), (5, 4, 2)),
    case('...ij,...jk', (2, 1, 3, 4), (5, 4, 2)),
    case('i...->i', (3, 2, 4)),
    case('...ij->j', (2, 3, 4)),
    case('...ij->...', (2, 3, 4)),
    case('...ii->...i', (2, 3, 3)),
    case('b...,b...->b', (2, 3, 4), (2, 1, 4)),
    case('...i,i->...', (2, 3, 4), (4,)),
    case('i...j,j->...i', (2, 3, 4, 5), (5,)),
    case('...ij->ji', (2, 3)),
    case('...,...->...', (3, 1), (4,)),
    case('a...b,...->...ba', (2, 3, 4), (1, 3)),
    case('...', (2, 3)),
]
errors = [
    error('i.j,jk', (2, 3), (3, 4)),
    error('...i...,jk', (2, 3, 4), (4, 5)),
    error('i...->......', (2, 3, 4)),
    error('ijkl...->i', (2, 3, 4)),
    error('...i,...i->...', (3, 4), (2, 4)),
]

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'einsum-ellipsis.json'), 'w') as f:
    json.dump({'torch': torch.__version__, 'cases': cases, 'errors': errors}, f)
