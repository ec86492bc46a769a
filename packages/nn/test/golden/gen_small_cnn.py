"""A small CNN checkpoint written by PyTorch (Debian's python3-torch 1.13), for @descent/nn's
checkpoint test: small_cnn.safetensors (its state dict, in PyTorch's names) and small_cnn.json
(a fixed input batch and the logits PyTorch computes from it in eval mode).

The safetensors Python package is not installed here, so the file is written by hand following
the format (https://github.com/huggingface/safetensors#format): an 8-byte little-endian header
length, a JSON header {name: {dtype, shape, data_offsets}}, then the raw little-endian bytes.
Run with /usr/bin/python3 from this folder; the outputs are byte for byte the same on every run.
"""
import json
import struct

import torch
import torch.nn as nn

torch.manual_seed(0)
torch.set_num_threads(1)

model = nn.Sequential(
    nn.Conv2d(1, 4, 3, padding=1),
    nn.BatchNorm2d(4),
    nn.ReLU(),
    nn.MaxPool2d(2),
    nn.Conv2d(4, 6, 3, groups=2, padding='same', padding_mode='reflect'),
    nn.GroupNorm(2, 6),
    nn.ReLU(),
    nn.AvgPool2d(2),
    nn.Flatten(),
    nn.Linear(6 * 2 * 2, 10),
)

# A few SGD steps so the running statistics and weights are not their initial values.
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for _ in range(3):
    x = torch.randn(8, 1, 8, 8)
    y = torch.randint(0, 10, (8,))
    opt.zero_grad()
    nn.functional.cross_entropy(model(x), y).backward()
    opt.step()

model.eval()
inputs = torch.randn(3, 1, 8, 8)
with torch.no_grad():
    logits = model(inputs)

DTYPES = {torch.float32: 'F32', torch.int64: 'I64'}
header = {}
blobs = []
offset = 0
for name, t in model.state_dict().items():
    raw = t.contiguous().numpy().tobytes()  # little-endian on every platform torch 1.13 runs on here
    header[name] = {'dtype': DTYPES[t.dtype], 'shape': list(t.shape), 'data_offsets': [offset, offset + len(raw)]}
    blobs.append(raw)
    offset += len(raw)
text = json.dumps(header, separators=(',', ':')).encode()
text += b' ' * ((8 - len(text) % 8) % 8)  # the header is padded with spaces to 8 bytes, as the reference writer does
with open('small_cnn.safetensors', 'wb') as f:
    f.write(struct.pack('<Q', len(text)))
    f.write(text)
    for raw in blobs:
        f.write(raw)

with open('small_cnn.json', 'w') as f:
    json.dump({'inputShape': list(inputs.shape), 'input': inputs.flatten().tolist(), 'logits': logits.flatten().tolist(), 'keys': list(model.state_dict().keys())}, f)
    f.write('\n')
