"""Reference values for @descent/nn's gradient clipping, from PyTorch 1.13 (Debian's python3-torch, CPU).

Run with /usr/bin/python3 from this folder; it rewrites clip.json byte for byte the same. Each
`clipGradNorm_` case: params with the given `grads` (flattened, with `shapes` and `dtypes`), then
torch.nn.utils.clip_grad_norm_(params, maxNorm, normType); `total` is what it returns and
`clipped` the gradients afterwards. `exact` cases hold values whose norm float32 computes exactly,
so the clipped gradients must match bit for bit (PyTorch's coefficient is
(total + 1e-6).reciprocal() * maxNorm, two roundings). `clipGradValue_` cases likewise.
"""
import json
import math

import torch
from torch.nn.utils import clip_grad_norm_, clip_grad_value_

torch.set_num_threads(1)
torch.manual_seed(7)


def params_with(grads):
    out = []
    for g in grads:
        p = torch.nn.Parameter(torch.zeros_like(g))
        p.grad = g.clone()
        out.append(p)
    return out


def norm_case(name, grads, max_norm, norm_type, exact=False):
    params = params_with(grads)
    total = clip_grad_norm_(params, max_norm, norm_type)
    return {
        'name': name,
        'exact': exact,
        'maxNorm': max_norm,
        'normType': 'Infinity' if norm_type == math.inf else norm_type,
        'shapes': [list(g.shape) for g in grads],
        'dtypes': [str(g.dtype).replace('torch.', '') for g in grads],
        'grads': [g.flatten().tolist() for g in grads],
        'total': total.item(),
        'totalDtype': str(total.dtype).replace('torch.', ''),
        'clipped': [p.grad.flatten().tolist() for p in params],
    }


f32 = [torch.randn(3, 4), torch.randn(5), torch.randn(2, 2, 2)]
f64 = [torch.randn(4, 3, dtype=torch.float64), torch.randn(6, dtype=torch.float64)]
cases = [
    # ‖[3, 4]‖ = 5 exactly; 0.1411 / (5 + 1e-6) rounds differently as one division.
    norm_case('exact_3_4', [torch.tensor([3.0, 4.0])], 0.1411, 2.0, exact=True),
    norm_case('exact_inf', [torch.tensor([3.0, -4.0]), torch.tensor([[0.5, -6.0]])], 0.7, math.inf, exact=True),
    norm_case('l2_float32', f32, 0.5, 2.0),
    norm_case('l1_float32', f32, 1.25, 1.0),
    norm_case('inf_float32', f32, 0.3, math.inf),
    norm_case('l3_float32', f32, 0.8, 3.0),
    norm_case('no_clip_needed', f32, 1000.0, 2.0),
    norm_case('l2_float64', f64, 0.5, 2.0),
    norm_case('mixed_dtypes', [f32[0], f64[1]], 0.5, 2.0),
]
value_grads = [torch.randn(3, 3) * 2, torch.randn(4, dtype=torch.float64)]
value_params = params_with(value_grads)
clip_grad_value_(value_params, 0.75)
value_case = {
    'clipValue': 0.75,
    'shapes': [list(g.shape) for g in value_grads],
    'dtypes': [str(g.dtype).replace('torch.', '') for g in value_grads],
    'grads': [g.flatten().tolist() for g in value_grads],
    'clipped': [p.grad.flatten().tolist() for p in value_params],
}
with open('clip.json', 'w') as f:
    f.write('{"torch": %s, "clipGradNorm_": [\n' % json.dumps(torch.__version__))
    f.write(',\n'.join(json.dumps(c) for c in cases))
    f.write('\n], "clipGradValue_": %s}\n' % json.dumps(value_case))
