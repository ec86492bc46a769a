"""Writes examples.json: PyTorch 1.13 references for bp-examples beyond fixtures/golden/seed_examples.json.

Run with Debian's python3-torch: /usr/bin/python3 gen_examples.py (re-running gives the same file).
- two_steps: the tutorial's single-weight runs (loss (w**2/2).sum(), w = tensor([1.0]), float32),
  two steps each, printed with the tutorial's '第%d次: 梯度w.grad: %f, 更新后的权重:%f' line;
  includes SGD(lr=0.1), which seed_examples.json only has for one step.
- saddle: f(x, y) = x**2 + y**4/4 - y**2/2 from (1, 0.001), float64, 200 steps of SGD(lr=0.01)
  and SGD(lr=0.01, momentum=0.9); the point after every step.
- printf: C's %f (six decimals, round half to even on the exact binary value) of a few values,
  several of them exact ties (odd multiples of 2**-7).
"""
import json

import torch

torch.set_num_threads(1)

LINE = "第%d次: 梯度w.grad: %f, 更新后的权重:%f"

RUNS = {
    "SGD(lr=0.1)": lambda p: torch.optim.SGD(p, lr=0.1),
    "SGD(lr=0.01, momentum=0.9)": lambda p: torch.optim.SGD(p, lr=0.01, momentum=0.9),
    "Adagrad(lr=0.01)": lambda p: torch.optim.Adagrad(p, lr=0.01),
    "RMSprop(lr=0.01, alpha=0.9)": lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.9),
    "Adam(lr=0.01, betas=(0.9, 0.99))": lambda p: torch.optim.Adam(p, lr=0.01, betas=(0.9, 0.99)),
}


def two_steps():
    out = {}
    for label, make in RUNS.items():
        w = torch.tensor([1.0], requires_grad=True)
        opt = make([w])
        rows = []
        for i in range(1, 3):
            opt.zero_grad()
            (w ** 2 / 2).sum().backward()
            grad = float(w.grad.item())
            opt.step()
            weight = float(w.item())
            rows.append({"step": i, "grad": grad, "weight": weight, "line": LINE % (i, grad, weight)})
        out[label] = rows
    return out


def saddle_path(momentum):
    p = torch.tensor([1.0, 0.001], dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([p], lr=0.01, momentum=momentum)
    path = [p.tolist()]
    for _ in range(200):
        opt.zero_grad()
        x, y = p[0:1], p[1:2]
        (x ** 2 + y ** 4 / 4 - y ** 2 / 2).sum().backward()
        opt.step()
        path.append(p.tolist())
    return path


PRINTF_VALUES = [0.0078125, -0.0078125, 0.0234375, 0.9921875, 1.5078125, 2.5, 0.5, 0.9711000323295593,
                 0.9829645752906799, 1e-7, 5e-7, -0.0, -1e-9, 123456.75]

data = {
    "torch": torch.__version__,
    "two_steps": two_steps(),
    "saddle": {
        "start": [1.0, 0.001], "lr": 0.01, "steps": 200, "dtype": "float64",
        "sgd": saddle_path(0.0),
        "momentum": {"momentum": 0.9, "path": saddle_path(0.9)},
    },
    "printf": [{"value": v, "f": "%f" % v, "f0": "%.0f" % v} for v in PRINTF_VALUES],
}

with open("examples.json", "w", encoding="utf-8") as fh:
    json.dump(data, fh, ensure_ascii=False)
    fh.write("\n")
