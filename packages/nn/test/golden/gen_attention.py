"""Reference values for @descent/nn's attention, from PyTorch 1.13 (Debian's python3-torch, CPU).

Run with /usr/bin/python3 from this folder; it rewrites attention.json.

- `sdpa`: scaled dot-product attention as PyTorch 2.x documents it (1.13 has no public
  scaled_dot_product_attention; this is the documentation's reference formula, with boolean masks
  where True means "may attend"), forward and gradients of q, k, v (and a float mask).
- `mha`: torch.nn.MultiheadAttention 1.13 built after manual_seed(seed): its initial parameters
  (named_parameters order), output, weights and the gradients of the inputs and every parameter
  for loss = Σ output·R (+ Σ weights·S when weights are returned).
"""
import json
import math

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


def sdpa(q, k, v, attn_mask=None, dropout_p=0.0, is_causal=False, scale=None):
    L, S = q.size(-2), k.size(-2)
    scale = 1 / math.sqrt(q.size(-1)) if scale is None else scale
    bias = torch.zeros(L, S, dtype=q.dtype)
    if is_causal:
        assert attn_mask is None  # PyTorch 2.x refuses both
        bias = bias.masked_fill(torch.ones(L, S, dtype=torch.bool).tril().logical_not(), float('-inf'))
    if attn_mask is not None:
        if attn_mask.dtype == torch.bool:
            bias = bias.masked_fill(attn_mask.logical_not(), float('-inf'))
        else:
            bias = bias + attn_mask
    w = q @ k.transpose(-2, -1) * scale + bias
    w = torch.softmax(w, dim=-1)
    if dropout_p > 0:
        w = torch.nn.functional.dropout(w, dropout_p, training=True)
    return w @ v


SDPA = [
    # q shape, k shape, v shape, mask kind, causal, scale
    ([2, 3, 4], [2, 5, 4], [2, 5, 6], None, False, None),
    ([2, 2, 4, 3], [2, 2, 4, 3], [2, 2, 4, 5], None, True, None),
    ([1, 4, 3], [1, 6, 3], [1, 6, 2], 'bool', False, None),
    ([2, 4, 3], [2, 4, 3], [2, 4, 3], 'float', False, 0.5),
    ([3, 4], [5, 4], [5, 2], 'float', False, None),
    ([5, 3], [5, 3], [5, 4], None, True, 0.25),
]
sdpa_cases = []
for seed, (qs, ks, vs, mask, causal, scale) in enumerate(SDPA):
    torch.manual_seed(seed)
    q = torch.randn(qs, requires_grad=True)
    k = torch.randn(ks, requires_grad=True)
    v = torch.randn(vs, requires_grad=True)
    m = None
    L, S = qs[-2], ks[-2]
    if mask == 'bool':
        m = torch.rand(L, S) > 0.3
        m[:, 0] = True  # every query may attend somewhere
    elif mask == 'float':
        m = torch.randn(L, S, requires_grad=True)
    out = sdpa(q, k, v, m, 0.0, causal, scale)
    r = torch.randn(out.shape)
    (out * r).sum().backward()
    sdpa_cases.append({
        'seed': seed, 'isCausal': causal, 'scale': scale,
        'q': rec(q), 'k': rec(k), 'v': rec(v), 'mask': rec(m), 'output': rec(out), 'lossWeights': rec(r),
        'qGrad': rec(q.grad), 'kGrad': rec(k.grad), 'vGrad': rec(v.grad),
        'maskGrad': rec(m.grad) if m is not None and m.dtype != torch.bool else None,
    })

MHA = [
    # ctor kwargs, query shape, key shape (None: self-attention), value shape, forward kwargs (mask kinds), training
    (dict(embed_dim=8, num_heads=2), [4, 3, 8], None, None, dict(), False),
    (dict(embed_dim=8, num_heads=4, batch_first=True, kdim=5, vdim=6), [3, 4, 8], [3, 5, 5], [3, 5, 6],
     dict(key_padding_mask='bool', attn_mask='float', average_attn_weights=False), False),
    (dict(embed_dim=6, num_heads=3, bias=False), [5, 2, 6], [3, 2, 6], [3, 2, 6], dict(attn_mask='bool3d', need_weights=False), False),
    (dict(embed_dim=4, num_heads=2), [3, 4], None, None, dict(attn_mask='bool', key_padding_mask='bool'), False),
    (dict(embed_dim=4, num_heads=1), [2, 5, 4], [3, 5, 4], None, dict(attn_mask='float', key_padding_mask='bool'), False),
    (dict(embed_dim=8, num_heads=2, dropout=0.5), [4, 3, 8], None, None, dict(), True),
]
mha_cases = []
for seed, (kwargs, qs, ks, vs, fkw, training) in enumerate(MHA):
    torch.manual_seed(100 + seed)
    mha = torch.nn.MultiheadAttention(**kwargs)
    params = [{'name': n, **rec(p)} for n, p in mha.named_parameters()]
    mha.train(training)
    query = torch.randn(qs, requires_grad=True)
    key = query if ks is None else torch.randn(ks, requires_grad=True)
    value = (query if ks is None else key) if vs is None else torch.randn(vs, requires_grad=True)
    batched = len(qs) == 3
    bf = kwargs.get('batch_first', False)
    L = (qs[1] if bf else qs[0]) if batched else qs[0]
    S = ((key.shape[1] if bf else key.shape[0]) if batched else key.shape[0])
    N = (qs[0] if bf else qs[1]) if batched else None
    H = kwargs['num_heads']
    call = {}
    masks = {}
    for name in ('key_padding_mask', 'attn_mask'):
        kind = fkw.get(name)
        if kind is None:
            continue
        if name == 'key_padding_mask':
            shape = [N, S] if batched else [S]
        else:
            shape = [N * H, L, S] if kind == 'bool3d' else [L, S]
        if kind.startswith('bool'):
            m = torch.rand(shape) > 0.6
            m[..., 0] = False  # keep one key visible
        else:
            m = torch.randn(shape)
        masks[name] = m
        call[name] = m
    for name in ('need_weights', 'average_attn_weights'):
        if name in fkw:
            call[name] = fkw[name]
    torch.manual_seed(200 + seed)  # dropout masks
    out, weights = mha(query, key, value, **call)
    gen = torch.Generator().manual_seed(300 + seed)
    r = torch.randn(out.shape, generator=gen)
    loss = (out * r).sum()
    s = None
    if weights is not None:
        s = torch.randn(weights.shape, generator=gen)
        loss = loss + (weights * s).sum()
    loss.backward()
    entry = {
        'seed': 100 + seed, 'options': kwargs, 'training': training,
        'forward': {k: v for k, v in fkw.items() if k in ('need_weights', 'average_attn_weights')},
        'selfAttention': ks is None,
        'params': params,
        'query': rec(query), 'key': rec(key) if ks is not None else None, 'value': rec(value) if vs is not None else None,
        'keyPaddingMask': rec(masks.get('key_padding_mask')), 'attnMask': rec(masks.get('attn_mask')),
        'output': rec(out), 'weights': rec(weights), 'lossWeights': [rec(r)] + ([rec(s)] if s is not None else []),
        'queryGrad': rec(query.grad),
        'keyGrad': rec(key.grad) if ks is not None else None,
        'valueGrad': rec(value.grad) if vs is not None else None,
        'valueIsKey': ks is not None and vs is None,
        'paramGrads': [{'name': n, **rec(p.grad)} for n, p in mha.named_parameters()],
    }
    mha_cases.append(entry)

errors = []


def err(label, fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        errors.append({'label': label, 'type': type(e).__name__, 'message': str(e)})
        return
    raise SystemExit('expected an error: ' + label)


err('mha 2d mask shape', lambda: torch.nn.MultiheadAttention(4, 2)(torch.randn(3, 1, 4), torch.randn(3, 1, 4), torch.randn(3, 1, 4), attn_mask=torch.zeros(2, 3)))
err('mha 3d mask shape', lambda: torch.nn.MultiheadAttention(4, 2)(torch.randn(3, 1, 4), torch.randn(3, 1, 4), torch.randn(3, 1, 4), attn_mask=torch.zeros(1, 3, 3)))
err('mha embed dim', lambda: torch.nn.MultiheadAttention(4, 2)(torch.randn(3, 1, 5), torch.randn(3, 1, 5), torch.randn(3, 1, 5)))

with open('attention.json', 'w') as f:
    json.dump({'sdpa': sdpa_cases, 'mha': mha_cases, 'errors': errors}, f, separators=(',', ':'))
    f.write('\n')
print(len(sdpa_cases), 'sdpa', len(mha_cases), 'mha')
for e in errors:
    print(e)
