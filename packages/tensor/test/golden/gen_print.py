# References for toString(): PyTorch 1.13's repr() of tensors of every dtype, shape and value
# range (integers, fixed, scientific, exact rounding ties, -0, nan/inf, summarized, empty, 0-d).
# Values are written as numbers, except 'nan', 'inf', '-inf' and '-0' (strings).
# Run: /usr/bin/python3 gen_print.py  (writes print.json beside this file)
import json
import math
import os

import torch

torch.manual_seed(0)
cases = []


def encode(v):
    if math.isnan(v):
        return 'nan'
    if math.isinf(v):
        return 'inf' if v > 0 else '-inf'
    if v == 0 and math.copysign(1, v) < 0:
        return '-0'
    return v


def add(t, note):
    values = [encode(float(v)) if t.dtype.is_floating_point else int(v) for v in t.flatten().tolist()]
    cases.append({'note': note, 'dtype': str(t.dtype).replace('torch.', ''), 'shape': list(t.shape),
                  'values': values, 'repr': repr(t)})


def shapes():
    for nd in range(1, 4):
        size = [int(torch.randint(1, 6, ())) for _ in range(nd)]
        yield size


for dtype in [torch.float32, torch.float64]:
    for scale in [1e-6, 1e-3, 0.1, 1.0, 100.0, 1e5, 1e9]:
        for shape in shapes():
            add((torch.randn(*shape, dtype=dtype) * scale), f'randn * {scale}')
    for shape in shapes():
        add(torch.randint(-50, 50, shape).to(dtype), 'integers')
        add(torch.randint(-3, 3, shape).to(dtype) * 1e6, 'large integers')
        add(torch.randint(-2000, 2000, shape).to(dtype), 'integers spanning more than 1000x')
    # Exact rounding ties at the 4th decimal (k/32) and in scientific mantissas.
    add(torch.tensor([0.03125, 0.15625, 1.5, -0.09375, 2.46875], dtype=dtype), 'fixed-point ties')
    add(torch.tensor([12344.5, 0.5, 12345.5, -99999.5], dtype=dtype), 'scientific ties')
    add(torch.tensor([1.03125e-3, 5.0, 2.5e-5], dtype=dtype), 'scientific small values')
    add(torch.tensor([-0.0, 1.5, 0.0], dtype=dtype), 'negative zero, fixed')
    add(torch.tensor([-0.0, 2.0], dtype=dtype), 'negative zero, integers')
    add(torch.tensor([1.0, float('nan'), float('inf')], dtype=dtype), 'nan and inf with integers')
    add(torch.tensor([0.0, float('-inf')], dtype=dtype), 'zero and -inf')
    add(torch.tensor([float('nan')], dtype=dtype), 'only nan')
    add(torch.tensor([1e-5, float('nan'), -3.0], dtype=dtype), 'nan in scientific')
    add(torch.tensor([123456789.0, 1.0], dtype=dtype), 'above 1e8')
    add(torch.tensor(3.25, dtype=dtype), '0-d')
    add(torch.tensor(float('nan'), dtype=dtype), '0-d nan')
    add(torch.tensor(-0.0, dtype=dtype), '0-d -0')
    add(torch.zeros(0, dtype=dtype), 'empty 1-d')
    add(torch.zeros(2, 0, 3, dtype=dtype), 'empty 3-d')

add(torch.randn(1001), 'summarized vector')
add(torch.randn(34, 31), 'summarized matrix')
add(torch.randn(3, 340) * 1e-5, 'summarized rows, scientific')
add(torch.randn(5, 2, 101, dtype=torch.float64), 'summarized 3-d')

for shape in shapes():
    add(torch.randint(-1000, 1000, shape, dtype=torch.int32), 'int32')
    add(torch.randint(0, 2, shape).bool(), 'bool')
add(torch.randint(-5, 5, (1200,), dtype=torch.int32), 'summarized int32')
add(torch.randint(0, 2, (1001,)).bool(), 'summarized bool')
add(torch.tensor(7, dtype=torch.int32), '0-d int32')
add(torch.tensor(True), '0-d bool')
add(torch.zeros(0, dtype=torch.int32), 'empty int32')
add(torch.zeros(0, dtype=torch.bool), 'empty bool')
add(torch.zeros(3, 0, dtype=torch.bool), 'empty 2-d bool')

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, 'print.json'), 'w') as f:
    # One case per line, so grep and sed -n work.
    f.write('{"torch": %s, "cases": [\n' % json.dumps(torch.__version__))
    f.write(',\n'.join(json.dumps(c) for c in cases))
    f.write('\n]}\n')
