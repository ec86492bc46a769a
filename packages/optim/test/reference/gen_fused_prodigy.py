#!/usr/bin/python3
"""Reference for float32 Prodigy parameters on its fused float32 path (the WebAssembly kernels for
parameters of FUSED_THRESHOLD = 1024 elements or more, the TypeScript twin below), from the authors'
implementation konstmish/prodigy@3efb213ee8af5a6bf76f28726398433a847b38e9 prodigyopt/prodigy.py,
unchanged, as fixtures/generators/beyond_optim.py uses it; none of its code is in this repository.
Check it out outside the repo ($DESCENT_REFS, default /tmp/refs, as
konstmish+prodigy/prodigyopt/prodigy.py) and run with Debian's python3-torch 1.13:

    /usr/bin/python3 gen_fused_prodigy.py > fused_prodigy.json      (deterministic)

Inputs are the 32-bit LCG of gen_fused.py, drawn identically by prodigy-fused.test.ts: parameter j
of a case starts at values(7 + j, n_j); its gradient at step t is θ/2 + values(100 + t + 50·j, n_j)/8
(a noisy quadratic, so that d grows; both products are exact in float32, the sum rounds once). Sizes
1030 and 2051 are above the threshold and not multiples of 4 (the SIMD tail runs), 500 is below it
(the twin). Each case: its options (camelCase), its groups (the group's own options and the sizes of
its parameters) and every parameter after the last step, each value the shortest decimal that
rounds back to its float32; also d after the last step. β₁ = 0 is covered with coupled decay only:
with decoupled decay its sign-like steps of about dlr/√(1 − β₂) amplify the float32 rounding of the
reference's sums (torch.dot and s.abs().sum() accumulate in float32; ours in float64) past the
float32 tolerance within 10 steps (its kernel and twin agree bit for bit, as prodigy-fused.test.ts checks).
"""
import contextlib
import io
import json
import os
import types

import numpy as np
import torch

torch.set_num_threads(1)
STEPS = 10
REFS = os.environ.get('DESCENT_REFS', '/tmp/refs')

path = os.path.join(REFS, 'konstmish+prodigy/prodigyopt/prodigy.py')
prodigy = types.ModuleType('prodigy')
prodigy.__file__ = path
with open(path) as f:
    exec(compile(f.read(), path, 'exec'), prodigy.__dict__)


def values(seed, n):
    s = seed & 0xFFFFFFFF
    out = np.empty(n, dtype=np.float32)
    for i in range(n):
        s = (s * 1664525 + 1013904223) & 0xFFFFFFFF
        out[i] = np.float32((s / 2**32) * 2 - 1)
    return out


SNAKE = {'weightDecay': 'weight_decay', 'biasCorrection': 'use_bias_correction', 'safeguardWarmup': 'safeguard_warmup',
         'dCoef': 'd_coef', 'growthRate': 'growth_rate'}


def py(options):
    return {SNAKE.get(k, k): (tuple(v) if isinstance(v, list) else v) for k, v in options.items()}


# (options, groups: [(group options, [sizes])])
CASES = [
    ({}, [({}, [1030])]),
    ({'lr': 0.5, 'betas': [0.9, 0.99], 'weightDecay': 0.1, 'biasCorrection': True, 'safeguardWarmup': True, 'd0': 1e-4,
      'dCoef': 2.0, 'growthRate': 1.5}, [({}, [1030])]),
    ({'weightDecay': 0.01, 'decouple': False, 'beta3': 0.9}, [({}, [1030])]),
    ({'betas': [0.0, 0.999], 'weightDecay': 0.05, 'decouple': False, 'd0': 1e-3}, [({}, [1030])]),
    ({'weightDecay': 0.1, 'd0': 1e-4}, [({}, [1030, 500]), ({'weightDecay': 0.0}, [2051])]),
]

lines = []
for options, groups in CASES:
    params = []
    torch_groups = []
    for group_options, sizes in groups:
        ps = []
        for n in sizes:
            p = torch.tensor(values(7 + len(params), n), requires_grad=True)
            params.append(p)
            ps.append(p)
        torch_groups.append({'params': ps, **py(group_options)})
    with contextlib.redirect_stdout(io.StringIO()):  # the reference prints its weight-decay mode
        opt = prodigy.Prodigy(torch_groups, **py(options))
    for t in range(STEPS):
        for j, p in enumerate(params):
            p.grad = p.detach() * 0.5 + torch.tensor(values(100 + t + 50 * j, p.numel())) * 0.125
        opt.step()
    # numpy's repr of a float32 is the shortest string that rounds back to it.
    finals = ['[' + ','.join(repr(v) for v in p.detach().numpy()) + ']' for p in params]
    head = json.dumps({'options': options, 'groups': [{'options': o, 'sizes': s} for o, s in groups],
                       'd': opt.param_groups[0]['d']}, separators=(',', ':'))
    lines.append(head[:-1] + ',"params":[' + ','.join(finals) + ']}')

print('{"torch":' + json.dumps(torch.__version__) + ',"steps":' + str(STEPS) + ',"cases":[')
print(',\n'.join(lines))
print(']}')
