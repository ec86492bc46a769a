#!/usr/bin/python3
"""Reference for float32 parameters large enough for the fused WebAssembly steps of the optimizers
beyond torch.optim (LAMB, LARS, Schedule-Free AdamW and SGD, AdEMAMix), from the same reference
implementations, at the same commits and with the same load-time stubs, as
fixtures/generators/beyond_optim.py (whose docstring lists them); none of their code is in this
repository. Check them out outside the repo ($DESCENT_REFS, default /tmp/refs, laid out as
beyond_optim.py expects) and run with Debian's python3-torch 1.13:

    /usr/bin/python3 gen_fused_beyond.py > fused_beyond.json      (deterministic)

Inputs are the 32-bit LCG of gen_fused.py (values(7) for θ₀, values(100 + t) for the gradient of
step t), drawn identically by fused-beyond.test.ts; N = 1030 is above FUSED_THRESHOLD and not a
multiple of 4 (the SIMD tail runs too). Each case: the optimizer, its options (camelCase) and the
parameter after the last step, each value the shortest decimal that rounds back to its float32.
Schedule-Free cases call train() first and record the train point y.
"""
import json
import os
import sys
import types

import numpy as np
import torch

torch.set_num_threads(1)
N = 1030
STEPS = 4
REFS = os.environ.get('DESCENT_REFS', '/tmp/refs')


def load(name, relpath):
    path = os.path.join(REFS, relpath)
    with open(path) as f:
        source = f.read()
    module = types.ModuleType(name)
    module.__file__ = path
    exec(compile(source, path, 'exec'), module.__dict__)
    return module


# The stubs of beyond_optim.py: only logging / review decorators use these imports.
sys.modules['tensorboardX'] = types.SimpleNamespace(SummaryWriter=object)
_stability = types.ModuleType('pl_bolts.utils.stability')
_stability.under_review = lambda: (lambda cls: cls)
sys.modules['pl_bolts'] = types.ModuleType('pl_bolts')
sys.modules['pl_bolts.utils'] = types.ModuleType('pl_bolts.utils')
sys.modules['pl_bolts.utils.stability'] = _stability

lamb = load('lamb', 'cybertronai+pytorch-lamb/pytorch_lamb/lamb.py')
lars = load('lars', 'lightning-bolts/src/pl_bolts/optimizers/lars.py')
sf_adamw = load('sf_adamw', 'facebookresearch+schedule_free/schedulefree/adamw_schedulefree.py')
sf_sgd = load('sf_sgd', 'facebookresearch+schedule_free/schedulefree/sgd_schedulefree.py')
ademamix = load('ademamix', 'apple+ml-ademamix/pytorch/ademamix.py')


def values(seed):
    s = seed & 0xFFFFFFFF
    out = np.empty(N, dtype=np.float32)
    for i in range(N):
        s = (s * 1664525 + 1013904223) & 0xFFFFFFFF
        out[i] = np.float32((s / 2**32) * 2 - 1)
    return out


L, R, SA, SS, E = lamb.Lamb, lars.LARS, sf_adamw.AdamWScheduleFree, sf_sgd.SGDScheduleFree, ademamix.AdEMAMix
CASES = [
    ('LAMB', {'lr': 0.01}, lambda p: L([p], lr=0.01)),
    ('LAMB', {'lr': 0.01, 'betas': [0.8, 0.99], 'eps': 1e-8, 'weightDecay': 0.05},
     lambda p: L([p], lr=0.01, betas=(0.8, 0.99), eps=1e-8, weight_decay=0.05)),
    ('LARS', {'lr': 0.1, 'momentum': 0.9, 'weightDecay': 0.01}, lambda p: R([p], lr=0.1, momentum=0.9, weight_decay=0.01)),
    ('LARS', {'lr': 0.5, 'momentum': 0.8, 'nesterov': True, 'weightDecay': 0.05, 'trustCoefficient': 0.02, 'eps': 1e-6},
     lambda p: R([p], lr=0.5, momentum=0.8, nesterov=True, weight_decay=0.05, trust_coefficient=0.02, eps=1e-6)),
    ('LARS', {'lr': 0.05, 'momentum': 0.9, 'dampening': 0.1}, lambda p: R([p], lr=0.05, momentum=0.9, dampening=0.1)),
    ('ScheduleFreeAdamW', {'lr': 0.01}, lambda p: SA([p], lr=0.01, foreach=False)),
    ('ScheduleFreeAdamW', {'lr': 0.02, 'betas': [0.95, 0.99], 'weightDecay': 0.05, 'warmupSteps': 2, 'r': 1.0, 'weightLrPower': 1.5},
     lambda p: SA([p], lr=0.02, betas=(0.95, 0.99), weight_decay=0.05, warmup_steps=2, r=1.0, weight_lr_power=1.5, foreach=False)),
    ('ScheduleFreeSGD', {'lr': 0.1}, lambda p: SS([p], lr=0.1, foreach=False)),
    ('ScheduleFreeSGD', {'lr': 0.2, 'momentum': 0.8, 'weightDecay': 0.01, 'warmupSteps': 2},
     lambda p: SS([p], lr=0.2, momentum=0.8, weight_decay=0.01, warmup_steps=2, foreach=False)),
    ('AdEMAMix', {'lr': 0.01}, lambda p: E([p], lr=0.01)),
    ('AdEMAMix', {'lr': 0.01, 'betas': [0.9, 0.999, 0.999], 'alpha': 5.0, 'betaWarmup': 3, 'alphaWarmup': 3, 'weightDecay': 0.1},
     lambda p: E([p], lr=0.01, betas=(0.9, 0.999, 0.999), alpha=5.0, beta3_warmup=3, alpha_warmup=3, weight_decay=0.1)),
    ('AdEMAMix', {'lr': 0.01, 'betas': [0.0, 0.999, 0.99]}, lambda p: E([p], lr=0.01, betas=(0.0, 0.999, 0.99))),
]

lines = []
for name, options, make in CASES:
    p = torch.tensor(values(7), requires_grad=True)
    opt = make(p)
    if hasattr(opt, 'train'):
        opt.train()
    for t in range(STEPS):
        p.grad = torch.tensor(values(100 + t))
        opt.step()
    # numpy's repr of a float32 is the shortest string that rounds back to it.
    final = '[' + ','.join(repr(v) for v in p.detach().numpy()) + ']'
    head = json.dumps({'optimizer': name, 'options': options}, separators=(',', ':'))
    lines.append(head[:-1] + ',"params":' + final + '}')

print('{"torch":' + json.dumps(torch.__version__) + ',"n":' + str(N) + ',"steps":' + str(STEPS) + ',"cases":[')
print(',\n'.join(lines))
print(']}')
