"""Reference values for @descent/nn's losses, from PyTorch (Debian's python3-torch 1.13, CPU).

Run with /usr/bin/python3 from this folder; it rewrites losses.json byte for byte the same.
Every case is float64: `input`, `target` (flattened) with their shapes, the options in camelCase,
and for each reduction the loss (`output`, flattened) and d(sum of output)/d(input) (`grad`).
"""
import json

import torch
import torch.nn.functional as F

torch.manual_seed(1234)
torch.set_num_threads(1)
dt = torch.float64
REDUCTIONS = ['none', 'mean', 'sum']


def run(fn, inp, tgt, kwargs):
    results = {}
    for reduction in REDUCTIONS:
        x = inp.clone().requires_grad_(True)
        out = fn(x, tgt, reduction=reduction, **kwargs)
        out.sum().backward()
        results[reduction] = {'output': out.detach().flatten().tolist(), 'grad': x.grad.flatten().tolist()}
    return results


def case(name, loss, fn, inp, tgt, options=None, kwargs=None):
    options = options or {}
    kwargs = kwargs or {}
    res = run(fn, inp, tgt, kwargs)
    return {
        'name': name,
        'loss': loss,
        'options': {k: (v.flatten().tolist() if torch.is_tensor(v) else v) for k, v in options.items()},
        'optionShapes': {k: list(v.shape) for k, v in options.items() if torch.is_tensor(v)},
        'input': inp.flatten().tolist(),
        'inputShape': list(inp.shape),
        'target': tgt.flatten().tolist(),
        'targetShape': list(tgt.shape),
        'targetDtype': 'float64' if tgt.is_floating_point() else 'int32',
        'results': res,
    }


cases = []
x = torch.randn(3, 4, dtype=dt)
y = torch.randn(3, 4, dtype=dt)
cases.append(case('mse', 'MSELoss', F.mse_loss, x, y))
cases.append(case('l1', 'L1Loss', F.l1_loss, x, y))
y_near = x + torch.tensor([[0.2, -0.4, 1.5, -3.0], [0.05, 0.9, -1.1, 2.0], [0.0, -0.6, 0.3, 4.0]], dtype=dt)
for beta in [1.0, 0.5, 0.0]:
    cases.append(case(f'smooth_l1_beta_{beta}', 'SmoothL1Loss', F.smooth_l1_loss, x, y_near, {'beta': beta}, {'beta': beta}))
for delta in [1.0, 2.0, 0.3]:
    cases.append(case(f'huber_delta_{delta}', 'HuberLoss', F.huber_loss, x, y_near, {'delta': delta}, {'delta': delta}))

p = torch.sigmoid(torch.randn(4, 3, dtype=dt))
t = torch.rand(4, 3, dtype=dt)
t_bin = (torch.rand(4, 3, dtype=dt) > 0.5).to(dt)
cases.append(case('bce', 'BCELoss', F.binary_cross_entropy, p, t))
cases.append(case('bce_binary_targets', 'BCELoss', F.binary_cross_entropy, p, t_bin))
w = torch.rand(3, dtype=dt) + 0.5
cases.append(case('bce_weight', 'BCELoss', F.binary_cross_entropy, p, t, {'weight': w}, {'weight': w}))
p_tiny = torch.tensor([1e-60, 1e-30, 0.5, 1 - 1e-15], dtype=dt)
cases.append(case('bce_log_clamp', 'BCELoss', F.binary_cross_entropy, p_tiny, torch.tensor([1.0, 1.0, 0.3, 0.0], dtype=dt)))

logits = torch.randn(4, 3, dtype=dt) * 3
logits[0, 0] = 60.0
logits[1, 1] = -60.0
cases.append(case('bce_logits', 'BCEWithLogitsLoss', F.binary_cross_entropy_with_logits, logits, t))
pw = torch.tensor([0.5, 2.0, 3.0], dtype=dt)
cases.append(case('bce_logits_pos_weight', 'BCEWithLogitsLoss', F.binary_cross_entropy_with_logits, logits, t_bin, {'posWeight': pw}, {'pos_weight': pw}))
cases.append(case('bce_logits_weight_pos_weight', 'BCEWithLogitsLoss', F.binary_cross_entropy_with_logits, logits, t, {'weight': w, 'posWeight': pw}, {'weight': w, 'pos_weight': pw}))

scores = torch.randn(5, 4, dtype=dt)
logp = F.log_softmax(torch.randn(5, 4, dtype=dt), dim=1)
cls = torch.tensor([0, 3, 1, 3, 2])
cls_ignore = torch.tensor([0, -100, 1, 3, -100])
cls_ignore2 = torch.tensor([0, 2, 1, 2, 3])
cw = torch.tensor([0.2, 1.0, 2.5, 0.7], dtype=dt)
cases.append(case('nll', 'NLLLoss', F.nll_loss, logp, cls))
cases.append(case('nll_weight', 'NLLLoss', F.nll_loss, logp, cls, {'weight': cw}, {'weight': cw}))
cases.append(case('nll_ignore_index', 'NLLLoss', F.nll_loss, logp, cls_ignore, {'weight': cw}, {'weight': cw}))
cases.append(case('nll_custom_ignore_index', 'NLLLoss', F.nll_loss, logp, cls_ignore2, {'ignoreIndex': 2}, {'ignore_index': 2}))
logp3 = F.log_softmax(torch.randn(2, 3, 4, dtype=dt), dim=1)
cases.append(case('nll_spatial', 'NLLLoss', F.nll_loss, logp3, torch.tensor([[0, 2, 1, 1], [2, 2, 0, 1]]), {'weight': cw[:3]}, {'weight': cw[:3]}))
cases.append(case('nll_unbatched', 'NLLLoss', F.nll_loss, logp[0], torch.tensor(3)))

cases.append(case('cross_entropy', 'CrossEntropyLoss', F.cross_entropy, scores, cls))
cases.append(case('cross_entropy_weight', 'CrossEntropyLoss', F.cross_entropy, scores, cls, {'weight': cw}, {'weight': cw}))
cases.append(case('cross_entropy_ignore_index', 'CrossEntropyLoss', F.cross_entropy, scores, cls_ignore))
cases.append(case('cross_entropy_label_smoothing', 'CrossEntropyLoss', F.cross_entropy, scores, cls, {'labelSmoothing': 0.1}, {'label_smoothing': 0.1}))
cases.append(case('cross_entropy_smoothing_weight_ignore', 'CrossEntropyLoss', F.cross_entropy, scores, cls_ignore,
                  {'weight': cw, 'labelSmoothing': 0.25}, {'weight': cw, 'label_smoothing': 0.25}))
probs = F.softmax(torch.randn(5, 4, dtype=dt), dim=1)
cases.append(case('cross_entropy_probabilities', 'CrossEntropyLoss', F.cross_entropy, scores, probs))
cases.append(case('cross_entropy_probabilities_weight_smoothing', 'CrossEntropyLoss', F.cross_entropy, scores, probs,
                  {'weight': cw, 'labelSmoothing': 0.2}, {'weight': cw, 'label_smoothing': 0.2}))
scores3 = torch.randn(2, 3, 4, dtype=dt)
cases.append(case('cross_entropy_spatial', 'CrossEntropyLoss', F.cross_entropy, scores3, torch.tensor([[0, 2, 1, 1], [2, 2, 0, 1]]),
                  {'labelSmoothing': 0.1}, {'label_smoothing': 0.1}))
cases.append(case('cross_entropy_unbatched', 'CrossEntropyLoss', F.cross_entropy, scores[1], torch.tensor(2)))

# Later additions (drawn after everything above, so the earlier cases keep their numbers).
scores3b = torch.randn(2, 4, 3, dtype=dt)
probs3 = F.softmax(torch.randn(2, 4, 3, dtype=dt), dim=1)
cases.append(case('cross_entropy_probabilities_spatial', 'CrossEntropyLoss', F.cross_entropy, scores3b, probs3,
                  {'weight': cw, 'labelSmoothing': 0.15}, {'weight': cw, 'label_smoothing': 0.15}))
cases.append(case('cross_entropy_custom_ignore_smoothing', 'CrossEntropyLoss', F.cross_entropy, scores, cls,
                  {'ignoreIndex': 3, 'labelSmoothing': 0.3}, {'ignore_index': 3, 'label_smoothing': 0.3}))
cases.append(case('cross_entropy_spatial_weight_ignore', 'CrossEntropyLoss', F.cross_entropy, scores3b,
                  torch.tensor([[0, 3, -100], [2, -100, 1]]), {'weight': cw, 'labelSmoothing': 0.05}, {'weight': cw, 'label_smoothing': 0.05}))
cases.append(case('nll_spatial_ignore', 'NLLLoss', F.nll_loss, F.log_softmax(scores3b, dim=1),
                  torch.tensor([[0, 3, 1], [2, 1, 1]]), {'weight': cw, 'ignoreIndex': 1}, {'weight': cw, 'ignore_index': 1}))
x_row = torch.randn(3, 4, dtype=dt)
cases.append(case('mse_broadcast_target', 'MSELoss', F.mse_loss, x_row, torch.randn(1, 4, dtype=dt)))
cases.append(case('l1_broadcast_target', 'L1Loss', F.l1_loss, x_row, torch.randn(4, dtype=dt)))
cases.append(case('smooth_l1_beta_0.05', 'SmoothL1Loss', F.smooth_l1_loss, x, y_near, {'beta': 0.05}, {'beta': 0.05}))
w_col = w[0] + torch.arange(4, dtype=dt).reshape(4, 1)  # one weight per row, broadcast over the columns
cases.append(case('bce_weight_column', 'BCELoss', F.binary_cross_entropy, p, t, {'weight': w_col}, {'weight': w_col}))

with open('losses.json', 'w') as f:
    f.write('{"torch": %s, "tolerance": {"rtol": 1e-10, "atol": 1e-12}, "cases": [\n' % json.dumps(torch.__version__))
    f.write(',\n'.join(json.dumps(c) for c in cases))
    f.write('\n]}\n')
