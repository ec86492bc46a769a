# References for arange and linspace: PyTorch 1.13's CPU values (its vectorized kernels round a
# vector's base to the element type and compute float32 linspace in float32), float32 and float64.
# Run: /usr/bin/python3 gen_ranges.py  (writes ranges.json beside this file)
import json
import os
import random

import torch

random.seed(3)
cases = []
for dtype in ['float32', 'float64']:
    for _ in range(40):
        start = round(random.uniform(-10, 10), random.choice([0, 1, 3, 7]))
        end = round(random.uniform(-10, 10), random.choice([0, 1, 3, 7]))
        steps = random.choice([0, 1, 2, 3, 7, 15, 16, 17, 31, 32, 33, 100, 257])
        t = torch.linspace(start, end, steps, dtype=getattr(torch, dtype))
        cases.append({'fn': 'linspace', 'dtype': dtype, 'args': [start, end, steps], 'values': t.tolist()})
    for _ in range(40):
        start = round(random.uniform(-5, 5), random.choice([0, 1, 3]))
        step = random.choice([-1, 1]) * round(random.uniform(0.05, 1.5), random.choice([1, 2, 5]))
        n = random.choice([1, 5, 15, 16, 17, 33, 100, 300])
        end = start + step * n
        t = torch.arange(start, end, step, dtype=getattr(torch, dtype))
        cases.append({'fn': 'arange', 'dtype': dtype, 'args': [start, end, step], 'values': t.tolist()})

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, 'ranges.json'), 'w') as f:
    # One case per line, so grep and sed -n work.
    f.write('{"torch": %s, "cases": [\n' % json.dumps(torch.__version__))
    f.write(',\n'.join(json.dumps(c) for c in cases))
    f.write('\n]}\n')
