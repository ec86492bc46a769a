"""Writes random-reference.json from PyTorch 1.13 (CPU): long float32 normal_ runs (as a SHA-256 of
the little-endian float32 bytes plus their first values) and bernoulli with float32 / float64
probabilities. Run with Debian's python3-torch:  /usr/bin/python3 gen_random_reference.py
"""
import hashlib
import json
import os

import torch

cases = []
for seed, n, mean, std in [(9, 160000, 0.5, 2.0), (9, 160000, 0.0, 1.0), (123, 100003, -1.0, 0.25)]:
    torch.manual_seed(seed)
    t = torch.empty(n, dtype=torch.float32).normal_(mean, std)
    cases.append({'fn': 'normal_', 'dtype': 'float32', 'seed': seed, 'n': n, 'mean': mean, 'std': std,
                  'sha256': hashlib.sha256(t.numpy().astype('<f4').tobytes()).hexdigest(),
                  'head': t[:32].tolist()})
# normal_ with a std that makes value*std inexact (the kernels fuse *std + mean). float64 draws go
# through the C library's log/sin/cos, which misround about 0.1 % of inputs; these short runs
# happen to hit none of them (n = 17 with these seeds hits one and is left out; see
# distributions.ts), longer float64 runs would.
for dtype in ['float32', 'float64']:
    for n in [1, 3, 5, 15, 16, 48]:
        for seed in range(6):
            torch.manual_seed(seed)
            t = torch.empty(n, dtype=getattr(torch, dtype)).normal_(0.7, 0.3)
            cases.append({'fn': 'normal_', 'dtype': dtype, 'seed': seed, 'n': n, 'mean': 0.7, 'std': 0.3,
                          'values': t.tolist()})
for dtype in ['float32', 'float64']:
    for p in [0.0, 0.3, 0.5, 0.9, 1.0]:
        torch.manual_seed(5)
        t = torch.bernoulli(torch.full((40,), p, dtype=getattr(torch, dtype)))
        cases.append({'fn': 'bernoulli', 'dtype': dtype, 'seed': 5, 'n': 40, 'p': p, 'values': t.tolist()})

# uniform_ with bounds that are not exact in float32 (float32 range, one fused multiply-add).
for dtype in ['float32', 'float64']:
    for lo, hi in [(-0.3, 0.7), (0.1, 0.2), (-1e-3, 5.5), (3.3, 3.30001), (-7.1, -2.9)]:
        torch.manual_seed(2)
        t = torch.empty(64, dtype=getattr(torch, dtype)).uniform_(lo, hi)
        cases.append({'fn': 'uniform_', 'dtype': dtype, 'seed': 2, 'n': 64, 'from': lo, 'to': hi, 'values': t.tolist()})
# 64-bit seeds given as decimal strings (negative ones wrap to uint64 as in torch.manual_seed).
for seed in [2**64 - 1, -1, 2**63, -12345, 2**53 + 1]:
    torch.manual_seed(seed)
    t = torch.rand(8)
    cases.append({'fn': 'seed', 'seed': str(seed), 'initialSeed': str(torch.initial_seed()), 'values': t.tolist()})

# normal_ on a non-contiguous view: the element-by-element sampler, values in memory order.
for dtype in ['float32', 'float64']:
    base = torch.empty(4, 5, dtype=getattr(torch, dtype))
    torch.manual_seed(6)
    base.t().normal_(0.7, 0.3)
    cases.append({'fn': 'normal_serial', 'dtype': dtype, 'seed': 6, 'n': 20, 'mean': 0.7, 'std': 0.3,
                  'values': base.flatten().tolist()})

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, 'random-reference.json'), 'w') as f:
    json.dump({'torch': torch.__version__, 'cases': cases}, f, indent=1)
    f.write('\n')
