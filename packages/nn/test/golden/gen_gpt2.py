"""A tiny GPT-2 checkpoint and its reference logits, for @descent/nn's GPT2 loader.

Run with /usr/bin/python3 from this folder (PyTorch 1.13, no `transformers`, no `safetensors`
package): it rewrites gpt2-tiny.safetensors and gpt2-tiny.json.

The model below is Hugging Face's GPT-2 architecture (modeling_gpt2.py: GPT2Model + tied LM head)
written out in plain PyTorch with the same parameter names and layouts: `wte.weight`,
`wpe.weight`, `h.{i}.ln_1.*`, `h.{i}.attn.c_attn.weight` as a Conv1D (`[in, out]`, i.e. the
transpose of a Linear), `h.{i}.attn.c_proj.*`, `h.{i}.ln_2.*`, `h.{i}.mlp.c_fc.*`,
`h.{i}.mlp.c_proj.*`, `ln_f.*`, and the causal-mask buffer `h.{i}.attn.bias` (float32 [1, 1, n, n]) that the
published checkpoints carry. Activation gelu_new (tanh approximation), layer-norm eps 1e-5, attention
scaled by 1/√head_dim, masked scores set to finfo.min, as Hugging Face does.

The file is written in the safetensors format by hand (8-byte little-endian header length, JSON
header, raw little-endian bytes), exactly as `safetensors.torch.save_file` lays it out.
"""
import json
import math
import struct

import torch
from torch import nn

torch.set_num_threads(1)
CONFIG = dict(vocab_size=61, n_positions=24, n_embd=16, n_head=4, n_layer=2, layer_norm_epsilon=1e-5)


class Conv1D(nn.Module):
    def __init__(self, nf, nx):
        super().__init__()
        self.nf = nf
        self.weight = nn.Parameter(torch.randn(nx, nf) * 0.6)
        self.bias = nn.Parameter(torch.randn(nf) * 0.3)

    def forward(self, x):
        size_out = x.size()[:-1] + (self.nf,)
        return torch.addmm(self.bias, x.view(-1, x.size(-1)), self.weight).view(size_out)


def gelu_new(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


class Attention(nn.Module):
    def __init__(self, c):
        super().__init__()
        n = c['n_positions']
        self.register_buffer('bias', torch.tril(torch.ones((n, n))).view(1, 1, n, n))  # float, as in the published gpt2 files
        self.n_head = c['n_head']
        self.head_dim = c['n_embd'] // c['n_head']
        self.c_attn = Conv1D(3 * c['n_embd'], c['n_embd'])
        self.c_proj = Conv1D(c['n_embd'], c['n_embd'])

    def split(self, t):
        return t.view(t.size()[:-1] + (self.n_head, self.head_dim)).permute(0, 2, 1, 3)

    def forward(self, x):
        q, k, v = self.c_attn(x).split(x.size(-1), dim=2)
        q, k, v = self.split(q), self.split(k), self.split(v)
        w = torch.matmul(q, k.transpose(-1, -2)) / torch.full([], v.size(-1) ** 0.5, dtype=q.dtype)
        T = q.size(-2)
        mask = self.bias[:, :, :T, :T].bool()
        w = torch.where(mask, w, torch.full([], torch.finfo(w.dtype).min, dtype=w.dtype))
        w = nn.functional.softmax(w, dim=-1)
        out = torch.matmul(w, v).permute(0, 2, 1, 3).contiguous()
        return self.c_proj(out.view(out.size()[:-2] + (self.n_head * self.head_dim,)))


class MLP(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.c_fc = Conv1D(4 * c['n_embd'], c['n_embd'])
        self.c_proj = Conv1D(c['n_embd'], 4 * c['n_embd'])

    def forward(self, x):
        return self.c_proj(gelu_new(self.c_fc(x)))


class Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.ln_1 = nn.LayerNorm(c['n_embd'], eps=c['layer_norm_epsilon'])
        self.attn = Attention(c)
        self.ln_2 = nn.LayerNorm(c['n_embd'], eps=c['layer_norm_epsilon'])
        self.mlp = MLP(c)

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


class GPT2(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.wte = nn.Embedding(c['vocab_size'], c['n_embd'])
        self.wpe = nn.Embedding(c['n_positions'], c['n_embd'])
        self.h = nn.ModuleList([Block(c) for _ in range(c['n_layer'])])
        self.ln_f = nn.LayerNorm(c['n_embd'], eps=c['layer_norm_epsilon'])

    def forward(self, idx):
        pos = torch.arange(0, idx.size(-1)).unsqueeze(0)
        x = self.wte(idx) + self.wpe(pos)
        for block in self.h:
            x = block(x)
        return torch.matmul(self.ln_f(x), self.wte.weight.t())  # the LM head is tied to wte


torch.manual_seed(0)
model = GPT2(CONFIG).eval()
with torch.no_grad():  # non-trivial layer norms, so the test sees their parameters
    for name, p in model.named_parameters():
        if name.endswith(('ln_1.weight', 'ln_2.weight', 'ln_f.weight')):
            p.add_(torch.randn(p.shape) * 0.1)
        elif name.endswith(('ln_1.bias', 'ln_2.bias', 'ln_f.bias')):
            p.copy_(torch.randn(p.shape) * 0.1)

state = model.state_dict()
header = {'__metadata__': {'format': 'pt'}}
blobs = []
offset = 0
for name in sorted(state):
    t = state[name].contiguous()
    dtype = {torch.float32: 'F32', torch.bool: 'BOOL'}[t.dtype]
    raw = t.numpy().tobytes()
    header[name] = {'dtype': dtype, 'shape': list(t.shape), 'data_offsets': [offset, offset + len(raw)]}
    blobs.append(raw)
    offset += len(raw)
head = json.dumps(header, separators=(',', ':')).encode()
head += b' ' * ((8 - len(head) % 8) % 8)
with open('gpt2-tiny.safetensors', 'wb') as f:
    f.write(struct.pack('<Q', len(head)) + head + b''.join(blobs))

prompts = [[5, 17, 3, 42, 8], [60, 0, 11]]
with torch.no_grad():
    logits = [model(torch.tensor([p]))[0] for p in prompts]
    batch = torch.tensor([[1, 2, 3, 4], [9, 8, 7, 6]])
    batch_logits = model(batch)
    greedy = []
    for p in prompts:
        seq = list(p)
        for _ in range(12):
            seq.append(int(model(torch.tensor([seq]))[0, -1].argmax()))
        greedy.append(seq)

with open('gpt2-tiny.json', 'w') as f:
    json.dump({
        'config': CONFIG,
        'prompts': prompts,
        'logits': [{'shape': list(l.shape), 'values': [float(v) for v in l.reshape(-1).tolist()]} for l in logits],
        'batch': batch.tolist(),
        'batchLogits': {'shape': list(batch_logits.shape), 'values': [float(v) for v in batch_logits.reshape(-1).tolist()]},
        'greedy': greedy,
    }, f, separators=(',', ':'))
    f.write('\n')
print('wrote', offset, 'bytes of tensors;', greedy)
