"""Which graphs PyTorch 1.13 refuses to backward through a second time (saved tensors freed).

For each case: x (float64, requires grad) → y = expr(x).sum(); y.backward(); y.backward().
Writes second-backward.json: { name: { raises, grad } } where grad is x.grad after the first
backward (and after the second when it does not raise: then gradients accumulate).
Run with /usr/bin/python3 (torch 1.13).
"""
import json
import torch

torch.manual_seed(0)
CASES = {
    'mul by a number': lambda x: x.mul(2),
    'div by a number': lambda x: x.div(2),
    'mul by a tensor': lambda x: x.mul(torch.tensor([1.5, -2.0, 3.0], dtype=torch.float64)),
    'add a number': lambda x: x.add(1),
    'sub a number': lambda x: x.sub(1),
    'add a tensor': lambda x: x.add(torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64)),
    'neg': lambda x: x.neg(),
    'sum only': lambda x: x,
    'mean': lambda x: x.mean().reshape(1),
    'reshape and permute': lambda x: x.reshape(1, 3).permute(1, 0),
    'expand': lambda x: x.expand(2, 3),
    'transpose': lambda x: x.reshape(3, 1).transpose(0, 1),
    'unsqueeze and squeeze': lambda x: x.unsqueeze(0).squeeze(0),
    'narrow': lambda x: x.narrow(0, 1, 2),
    'select': lambda x: x.select(0, 1).reshape(1),
    'flip': lambda x: x.flip(0),
    'clone': lambda x: x.clone(),
    'to float32': lambda x: x.to(torch.float32),
    'cat': lambda x: torch.cat([x, x]),
    'stack': lambda x: torch.stack([x, x]),
    'cumsum': lambda x: x.cumsum(0),
    'exp': lambda x: x.exp(),
    'log': lambda x: x.abs().add(1).log(),
    'tanh': lambda x: x.tanh(),
    'sigmoid': lambda x: x.sigmoid(),
    'relu': lambda x: x.relu(),
    'pow 2': lambda x: x.pow(2),
    'sqrt': lambda x: x.abs().add(1).sqrt(),
    'abs': lambda x: x.abs(),
    'sign (zero gradient)': lambda x: x.sign(),
    'clamp': lambda x: x.clamp(-0.5, 0.5),
    'softmax': lambda x: x.softmax(0),
    'logsumexp': lambda x: x.logsumexp(0).reshape(1),
    'max': lambda x: x.max().reshape(1),
    'matmul': lambda x: x.reshape(1, 3).matmul(torch.ones(3, 2, dtype=torch.float64)),
    'mul by itself': lambda x: x.mul(x),
    'var': lambda x: x.var().reshape(1),
    'where': lambda x: torch.where(x > 0, x, torch.zeros(3, dtype=torch.float64)),
    'maskedFill': lambda x: x.masked_fill(torch.tensor([True, False, False]), 0.0),
    'gather': lambda x: x.gather(0, torch.tensor([2, 0])),
    'indexSelect': lambda x: x.index_select(0, torch.tensor([2, 0])),
}

out = {}
for name, f in CASES.items():
    x = torch.tensor([0.5, -1.25, 2.0], dtype=torch.float64, requires_grad=True)
    y = f(x).sum()
    y.backward()
    first = x.grad.tolist()
    try:
        y.backward()
        out[name] = {'raises': False, 'grad': first, 'gradAfterSecond': x.grad.tolist()}
    except RuntimeError as e:
        assert 'Trying to backward through the graph a second time' in str(e), str(e)
        out[name] = {'raises': True, 'grad': first}

with open('second-backward.json', 'w') as fh:
    json.dump({'torch': torch.__version__, 'cases': out}, fh, indent=1)
print({k: v['raises'] for k, v in out.items()})
