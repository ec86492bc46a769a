# References for dtypes, values and errors of element-wise ops and reductions over every operand
# kind: tensors of each dtype with and without dims, and Python numbers (int 2, float 2.5).
# torch's int64 results are recorded as int32 (Descent's only integer dtype), and 'Long' in error
# messages as 'Int'. Values are written as numbers, except 'nan', 'inf', '-inf' (strings).
# Run: /usr/bin/python3 gen_dtype_matrix.py  (writes dtype-matrix.json beside this file)
import json
import math
import os

import torch

VALUES = {'float32': [1.5, -2.0, 0.0], 'float64': [0.25, 3.0, -1.0], 'int32': [3, -2, 0], 'bool': [True, False, True]}
SCALAR = {'float32': 2.5, 'float64': -0.5, 'int32': 2, 'bool': True}


def operand(kind):
    if kind == 'int':
        return 2
    if kind == 'float':
        return 2.5
    dtype, rank = kind.split(':')
    values = VALUES[dtype] if rank == '1' else SCALAR[dtype]
    return torch.tensor(values, dtype=getattr(torch, dtype))


def encode(v):
    if isinstance(v, bool):
        return 1 if v else 0
    if isinstance(v, float):
        if math.isnan(v):
            return 'nan'
        if math.isinf(v):
            return 'inf' if v > 0 else '-inf'
    return v


def record(op, kinds, fn):
    try:
        out = fn()
        dtype = str(out.dtype).replace('torch.', '').replace('int64', 'int32')
        values = out.flatten().tolist()
        result = {'dtype': dtype, 'shape': list(out.shape), 'values': [encode(v) for v in values]}
    except Exception as e:  # noqa: BLE001 - the message is the reference
        result = {'error': str(e).split('\n')[0].replace('Long', 'Int')}
    cases.append({'op': op, 'operands': kinds, **result})


cases = []
tensor_kinds = [f'{d}:{r}' for r in ['1', '0'] for d in ['float32', 'float64', 'int32', 'bool']]
binary = {
    'add': torch.add, 'sub': torch.sub, 'mul': torch.mul, 'div': torch.div, 'pow': torch.pow,
    'eq': torch.eq, 'lt': torch.lt, 'logicalAnd': torch.logical_and,
}
tensor_only = {'maximum': torch.maximum, 'minimum': torch.minimum}
for name, fn in {**binary, **tensor_only}.items():
    for a in tensor_kinds:
        for b in tensor_kinds + ([] if name in tensor_only or name == 'logicalAnd' else ['int', 'float']):
            record(name, [a, b], lambda: fn(operand(a), operand(b)))

unary = {
    'abs': torch.abs, 'neg': torch.neg, 'sign': torch.sign, 'exp': torch.exp, 'log': torch.log,
    'sqrt': torch.sqrt, 'sigmoid': torch.sigmoid, 'tanh': torch.tanh, 'relu': torch.relu,
    'floor': torch.floor, 'round': torch.round, 'logicalNot': torch.logical_not,
    'sum': torch.sum, 'mean': torch.mean, 'prod': torch.prod, 'max': torch.max, 'min': torch.min,
    'argmax': torch.argmax, 'var': torch.var, 'norm': torch.norm,
    'cumsum': lambda t: torch.cumsum(t, 0), 'softmax': lambda t: torch.softmax(t, 0),
    'logsumexp': lambda t: torch.logsumexp(t, 0), 'clamp': lambda t: torch.clamp(t, 0, 1),
    'clampHalf': lambda t: torch.clamp(t, 0.5),
}
for name, fn in unary.items():
    for a in tensor_kinds:
        record(name, [a], lambda: fn(operand(a)))

# In-place ops: the destination (a 1-D tensor of each dtype) after the op, or the error.
def record_inplace(op, kinds, fn):
    dest = operand(kinds[0])
    record(op, kinds, lambda: (fn(dest, *[operand(k) for k in kinds[1:]]), dest)[1])


inplace_binary = {
    'add_': lambda d, o: d.add_(o), 'sub_': lambda d, o: d.sub_(o), 'mul_': lambda d, o: d.mul_(o),
    'div_': lambda d, o: d.div_(o), 'pow_': lambda d, o: d.pow_(o), 'copy_': lambda d, o: d.copy_(o),
    'lerp_': lambda d, o: d.lerp_(o, 0.25), 'addcmul_': lambda d, o: d.addcmul_(o, o, value=0.5),
    'addcdiv_': lambda d, o: d.addcdiv_(o, o, value=0.5),
}
dests = [k for k in tensor_kinds if k.endswith(':1')]
for name, fn in inplace_binary.items():
    for a in dests:
        numbers = ['int', 'float'] if name in ('add_', 'sub_', 'mul_', 'div_', 'pow_') else []
        for b in tensor_kinds + numbers:
            record_inplace(name, [a, b], fn)
inplace_unary = {
    'sqrt_': lambda d: d.sqrt_(), 'exp_': lambda d: d.exp_(), 'neg_': lambda d: d.neg_(),
    'abs_': lambda d: d.abs_(), 'relu_': lambda d: d.relu_(), 'clamp_': lambda d: d.clamp_(0, 1),
    'clampHalf_': lambda d: d.clamp_(0.5), 'fill_': lambda d: d.fill_(2.5), 'zero_': lambda d: d.zero_(),
}
for name, fn in inplace_unary.items():
    for a in dests:
        record_inplace(name, [a], fn)

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, 'dtype-matrix.json'), 'w') as f:
    # One case per line, so grep and sed -n work.
    f.write('{"torch": %s, "cases": [\n' % json.dumps(torch.__version__))
    f.write(',\n'.join(json.dumps(c) for c in cases))
    f.write('\n]}\n')
