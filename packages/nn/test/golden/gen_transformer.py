"""Reference values for @descent/nn's TransformerEncoderLayer and TransformerEncoder, from PyTorch
1.13 (Debian's python3-torch, CPU). Run with /usr/bin/python3 from this folder; it rewrites
transformer.json.

Each case builds the layer (or a TransformerEncoder over it) after torch.manual_seed(seed), records
the parameters in named_parameters() order, draws the input and masks, re-seeds with 1000 + seed
(dropout masks), runs forward with grad enabled (PyTorch's regular path, not the inference fast
path) and back-propagates loss = Σ output·R.
"""
import json

import torch

torch.set_num_threads(1)


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def rec(t):
    if t is None:
        return None
    out = {'shape': list(t.shape), 'dtype': str(t.dtype).replace('torch.', '')}
    out['values'] = [bool(v) for v in t.reshape(-1).tolist()] if t.dtype == torch.bool else flat(t)
    return out


CASES = [
    # layer kwargs, encoder layers (0: the layer alone), final norm, input shape, masks, training
    (dict(d_model=8, nhead=2, dim_feedforward=16, dropout=0.0), 0, False, [5, 3, 8], {}, False),
    (dict(d_model=8, nhead=2, dim_feedforward=16, dropout=0.0, activation='gelu', batch_first=True, norm_first=True), 0, False, [3, 5, 8],
     {'src_key_padding_mask': 'bool'}, False),
    (dict(d_model=6, nhead=3, dim_feedforward=12, dropout=0.2, layer_norm_eps=1e-6), 0, False, [4, 2, 6], {'src_mask': 'causal'}, True),
    (dict(d_model=8, nhead=4, dim_feedforward=16, dropout=0.0, batch_first=True), 2, True, [2, 6, 8], {'mask': 'causal', 'src_key_padding_mask': 'bool'}, False),
    (dict(d_model=4, nhead=2, dim_feedforward=8, dropout=0.1, norm_first=True), 3, False, [5, 2, 4], {}, True),
]

cases = []
for seed, (kwargs, layers, final_norm, in_shape, masks, training) in enumerate(CASES):
    torch.manual_seed(seed)
    layer = torch.nn.TransformerEncoderLayer(**kwargs)
    model = layer
    if layers:
        norm = torch.nn.LayerNorm(kwargs['d_model']) if final_norm else None
        model = torch.nn.TransformerEncoder(layer, layers, norm=norm, enable_nested_tensor=False)
    params = [{'name': n, **rec(p)} for n, p in model.named_parameters()]
    model.train(training)
    x = torch.randn(in_shape, requires_grad=True)
    bf = kwargs.get('batch_first', False)
    L = in_shape[1] if bf else in_shape[0]
    N = in_shape[0] if bf else in_shape[1]
    call = {}
    recorded = {}
    for name, kind in masks.items():
        if kind == 'causal':
            m = torch.triu(torch.full((L, L), float('-inf')), diagonal=1)
        else:
            m = torch.rand(N, L) > 0.7
            m[:, 0] = False
        call[name] = m
        # −inf has no JSON spelling: a causal mask is recorded by its size and rebuilt by the test.
        recorded[name] = {'causal': L} if kind == 'causal' else rec(m)
    torch.manual_seed(1000 + seed)
    out = model(x, **call)
    r = torch.randn(out.shape, generator=torch.Generator().manual_seed(2000 + seed))
    (out * r).sum().backward()
    cases.append({
        'seed': seed, 'options': kwargs, 'layers': layers, 'finalNorm': final_norm, 'training': training,
        'params': params, 'input': rec(x), 'masks': recorded, 'output': rec(out), 'lossWeights': rec(r),
        'inputGrad': rec(x.grad), 'paramGrads': [{'name': n, **rec(p.grad)} for n, p in model.named_parameters()],
    })

with open('transformer.json', 'w') as f:
    json.dump({'cases': cases}, f, separators=(',', ':'))
    f.write('\n')
print(len(cases), 'cases')
