"""PyTorch 1.13 reference for float32 parameters large enough for the fused WebAssembly step.

Run with Debian's python3-torch: `/usr/bin/python3 gen_fused.py > fused.json` (deterministic).
Initial values and gradients are not stored: both sides draw them from the same 32-bit LCG
(Numerical Recipes constants), rounded to float32, exactly as `values()` in fused-cases.ts.
Each case: the optimizer and its options (camelCase), and the parameter after the last step as
the shortest decimal that rounds back to the same float32 (read it with Math.fround).
"""
import json
import numpy as np
import torch

torch.set_num_threads(1)
N = 1030  # above FUSED_THRESHOLD (1024) and not a multiple of 4: the SIMD tail runs too
STEPS = 3


def values(seed):
    s = seed & 0xFFFFFFFF
    out = np.empty(N, dtype=np.float32)
    for i in range(N):
        s = (s * 1664525 + 1013904223) & 0xFFFFFFFF
        out[i] = np.float32((s / 2**32) * 2 - 1)
    return out


CASES = [
    ("Adam", {"lr": 0.01, "weightDecay": 0.1, "amsgrad": True, "maximize": True},
     lambda p: torch.optim.Adam([p], lr=0.01, weight_decay=0.1, amsgrad=True, maximize=True)),
    ("Adam", {"lr": 0.001}, lambda p: torch.optim.Adam([p], lr=0.001)),
    ("AdamW", {"lr": 0.01, "weightDecay": 0.1}, lambda p: torch.optim.AdamW([p], lr=0.01, weight_decay=0.1)),
    ("SGD", {"lr": 0.05, "momentum": 0.8, "nesterov": True, "weightDecay": 0.01, "maximize": True},
     lambda p: torch.optim.SGD([p], lr=0.05, momentum=0.8, nesterov=True, weight_decay=0.01, maximize=True)),
    ("SGD", {"lr": 0.1, "momentum": 0.9, "dampening": 0.2},
     lambda p: torch.optim.SGD([p], lr=0.1, momentum=0.9, dampening=0.2)),
    ("RMSprop", {"lr": 0.01, "centered": True, "momentum": 0.9, "weightDecay": 0.1},
     lambda p: torch.optim.RMSprop([p], lr=0.01, centered=True, momentum=0.9, weight_decay=0.1)),
    ("Adagrad", {"lr": 0.1, "lrDecay": 0.5, "weightDecay": 0.1, "maximize": True},
     lambda p: torch.optim.Adagrad([p], lr=0.1, lr_decay=0.5, weight_decay=0.1, maximize=True)),
]


lines = []
for name, options, make in CASES:
    p = torch.tensor(values(7), requires_grad=True)
    opt = make(p)
    for t in range(STEPS):
        p.grad = torch.tensor(values(100 + t))
        opt.step()
    # numpy's repr of a float32 is the shortest string that rounds back to it.
    final = "[" + ",".join(repr(v) for v in p.detach().numpy()) + "]"
    head = json.dumps({"optimizer": name, "options": options}, separators=(",", ":"))
    lines.append(head[:-1] + ',"params":' + final + "}")

print('{"torch":' + json.dumps(torch.__version__) + ',"n":' + str(N) + ',"steps":' + str(STEPS) + ',"cases":[')
print(",\n".join(lines))
print("]}")
