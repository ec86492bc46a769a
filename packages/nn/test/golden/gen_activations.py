# References for the activation zoo of issue 20: PyTorch 1.13 float64 values of each
# torch.nn.functional activation and the gradient of sum(out * cot) for the stored cotangent cot,
# plus the module reprs. Run: /usr/bin/python3 gen_activations.py (writes activations.json here).
import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

x = torch.tensor([-30.0, -6.0, -3.5, -3.0, -1.2, -0.4, -1e-3, 0.0, 0.3, 1.0, 2.9, 3.0, 4.5, 6.0, 7.5, 25.0], dtype=torch.float64)
cot = torch.linspace(-1, 1, x.numel(), dtype=torch.float64) + 0.25
m = torch.tensor([[0.5, -1.5, 2.0, 0.1], [3.0, 0.2, -0.7, 1.1], [-2.2, 0.0, 0.9, -0.3]], dtype=torch.float64)
mcot = torch.linspace(-1, 1, m.numel(), dtype=torch.float64).reshape(m.shape) + 0.25

specs = [
    ('elu', lambda t: F.elu(t), x, cot),
    ('elu_alpha', lambda t: F.elu(t, alpha=0.5), x, cot),
    ('celu', lambda t: F.celu(t), x, cot),
    ('celu_alpha', lambda t: F.celu(t, 2.0), x, cot),
    ('selu', lambda t: F.selu(t), x, cot),
    ('silu', lambda t: F.silu(t), x, cot),
    ('mish', lambda t: F.mish(t), x, cot),
    ('softplus', lambda t: F.softplus(t), x, cot),
    ('softplus_beta_threshold', lambda t: F.softplus(t, beta=2, threshold=5), x, cot),
    ('softsign', lambda t: F.softsign(t), x, cot),
    ('hardtanh', lambda t: F.hardtanh(t), x, cot),
    ('hardtanh_range', lambda t: F.hardtanh(t, -2.5, 4.0), x, cot),
    ('relu6', lambda t: F.relu6(t), x, cot),
    ('hardsigmoid', lambda t: F.hardsigmoid(t), x, cot),
    ('hardswish', lambda t: F.hardswish(t), x, cot),
    ('logsigmoid', lambda t: F.logsigmoid(t), x, cot),
    ('softmin_dim1', lambda t: F.softmin(t, dim=1), m, mcot),
    ('softmin_dim0', lambda t: F.softmin(t, 0), m, mcot),
    ('normalize', lambda t: F.normalize(t), m, mcot),
    ('normalize_p1_dim0', lambda t: F.normalize(t, p=1, dim=0), m, mcot),
]
cases = []
for name, fn, inp, c in specs:
    t = inp.clone().requires_grad_(True)
    out = fn(t)
    (out * c).sum().backward()
    cases.append({'name': name, 'shape': list(inp.shape), 'input': inp.reshape(-1).tolist(), 'cotangent': c.reshape(-1).tolist(),
                  'output': out.detach().reshape(-1).tolist(), 'grad': t.grad.reshape(-1).tolist()})
modules = [nn.ELU(), nn.ELU(alpha=0.5), nn.CELU(2.0), nn.SELU(), nn.SiLU(), nn.Mish(), nn.Softplus(beta=2, threshold=5), nn.Softsign(),
           nn.Hardtanh(-2.0, 3.0), nn.ReLU6(), nn.Hardsigmoid(), nn.Hardswish(), nn.LogSigmoid(), nn.Softmin(dim=1), nn.Softmin()]
reprs = [repr(mod) for mod in modules]
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, 'activations.json'), 'w') as f:
    f.write('{"torch": %s, "reprs": %s, "cases": [\n' % (json.dumps(torch.__version__), json.dumps(reprs)))
    f.write(',\n'.join(json.dumps(c) for c in cases))
    f.write('\n]}\n')
print(len(cases), 'cases', reprs)
