# float32 references for the fused activation kernels (issue 20): PyTorch 1.13's float32 values of
# each torch.nn.functional activation and the gradient of sum(out * cot). The input is 64 values
# tiled 40 times (2560 elements, so PyTorch runs its vectorised kernels and ours its WebAssembly
# ones); every tile gives the same numbers (checked here), so only the first 64 are stored.
# Run: /usr/bin/python3 gen_activations_f32.py (writes activations-f32.json here).
import json
import os

import torch
import torch.nn.functional as F

TILES = 40
base = torch.cat([torch.linspace(-9, 9, 52, dtype=torch.float64),
                  torch.tensor([-30.0, -3.0, -1e-3, 0.0, 1e-3, 0.3, 2.9, 3.1, 6.0, 18.0, 25.0, 90.0], dtype=torch.float64)]).float()
cot = (torch.linspace(-1, 1, base.numel(), dtype=torch.float64) + 0.25).float()

specs = [
    ('elu', lambda t: F.elu(t)),
    ('elu_alpha', lambda t: F.elu(t, alpha=0.5)),
    ('celu_alpha', lambda t: F.celu(t, alpha=2.0)),
    ('selu', lambda t: F.selu(t)),
    ('silu', lambda t: F.silu(t)),
    ('mish', lambda t: F.mish(t)),
    ('softplus', lambda t: F.softplus(t)),
    ('softplus_beta_threshold', lambda t: F.softplus(t, beta=2, threshold=5)),
    ('softsign', lambda t: F.softsign(t)),
    ('hardtanh_range', lambda t: F.hardtanh(t, -2.5, 4.0)),
    ('relu6', lambda t: F.relu6(t)),
    ('hardsigmoid', lambda t: F.hardsigmoid(t)),
    ('hardswish', lambda t: F.hardswish(t)),
    ('logsigmoid', lambda t: F.logsigmoid(t)),
    ('gelu', lambda t: F.gelu(t)),
    ('gelu_tanh', lambda t: F.gelu(t, approximate='tanh')),
]
cases = []
n = base.numel()
for name, fn in specs:
    t = base.repeat(TILES).requires_grad_(True)
    out = fn(t)
    (out * cot.repeat(TILES)).sum().backward()
    o, g = out.detach().reshape(TILES, n), t.grad.reshape(TILES, n)
    assert torch.equal(o, o[:1].expand_as(o)) and torch.equal(g, g[:1].expand_as(g)), name
    cases.append({'name': name, 'output': o[0].tolist(), 'grad': g[0].tolist()})
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, 'activations-f32.json'), 'w') as f:
    f.write('{"torch": %s, "tiles": %d, "input": %s, "cotangent": %s, "cases": [\n' % (json.dumps(torch.__version__), TILES, json.dumps(base.tolist()), json.dumps(cot.tolist())))
    f.write(',\n'.join(json.dumps(c) for c in cases))
    f.write('\n]}\n')
print(len(cases), 'cases')
