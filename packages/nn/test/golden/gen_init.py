"""Reference values for @descent/nn's init functions, from PyTorch 1.13 (Debian's python3-torch, CPU).

Run with /usr/bin/python3 from this folder; it rewrites init.json byte for byte the same. Each case:
manual_seed(seed); t = torch.empty(shape, dtype); torch.nn.init.<fn>(t, **options); `values` is t
flattened (float32 values written as the exact doubles). `gains` lists calculate_gain results.
"""
import json
import math

import torch
from torch.nn import init

torch.set_num_threads(1)
CASES = [
    ('uniform_', [3, 4], 'float32', {'a': -2.0, 'b': 3.0}, {'a': -2.0, 'b': 3.0}),
    ('normal_', [20], 'float32', {'mean': 1.0, 'std': 0.5}, {'mean': 1.0, 'std': 0.5}),
    ('xavierUniform_', [5, 7], 'float32', {}, {}),
    ('xavierUniform_', [4, 3, 2], 'float64', {'gain': 5.0 / 3}, {'gain': 5.0 / 3}),
    ('xavierNormal_', [6, 10], 'float32', {}, {}),
    ('kaimingUniform_', [8, 4], 'float32', {'a': math.sqrt(5)}, {'a': math.sqrt(5)}),
    ('kaimingUniform_', [3, 9], 'float64', {'mode': 'fan_out', 'nonlinearity': 'relu'}, {'mode': 'fan_out', 'nonlinearity': 'relu'}),
    ('kaimingNormal_', [16, 5], 'float32', {}, {}),
    ('kaimingNormal_', [4, 2, 3], 'float32', {'a': 0.2, 'mode': 'fan_out'}, {'a': 0.2, 'mode': 'fan_out'}),
]
TORCH_NAMES = {'uniform_': 'uniform_', 'normal_': 'normal_', 'xavierUniform_': 'xavier_uniform_', 'xavierNormal_': 'xavier_normal_',
               'kaimingUniform_': 'kaiming_uniform_', 'kaimingNormal_': 'kaiming_normal_'}
cases = []
for seed, (fn, shape, dtype, options, kwargs) in enumerate(CASES):
    torch.manual_seed(seed)
    t = torch.empty(shape, dtype=getattr(torch, dtype))
    getattr(init, TORCH_NAMES[fn])(t, **kwargs)
    cases.append({'fn': fn, 'seed': seed, 'shape': shape, 'dtype': dtype, 'options': options, 'values': t.flatten().tolist()})
gains = [[name, param, init.calculate_gain(name, param)] for name, param in
         [('linear', None), ('sigmoid', None), ('tanh', None), ('relu', None), ('leaky_relu', None), ('leaky_relu', 0.2),
          ('leaky_relu', math.sqrt(5)), ('selu', None), ('conv2d', None)]]
with open('init.json', 'w') as f:
    f.write('{"torch": %s, "gains": %s, "cases": [\n' % (json.dumps(torch.__version__), json.dumps(gains)))
    f.write(',\n'.join(json.dumps(c) for c in cases))
    f.write('\n]}\n')
