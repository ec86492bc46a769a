"""Reference data for SWALR and AveragedModel (PyTorch 1.13's torch.optim.swa_utils).

Run with Debian's python3-torch: `/usr/bin/python3 gen_swa.py > swa.json` (deterministic).
"""
import json
import torch
from torch.optim.swa_utils import SWALR, AveragedModel

torch.set_default_dtype(torch.float64)
out = {"torch": torch.__version__, "swalr": [], "averaged": []}

for strategy in ["cos", "linear"]:
    for anneal_epochs in [3, 0, 1]:
        for swa_lr in [0.02, [0.01, 0.03]]:
            p1, p2 = torch.zeros(1, requires_grad=True), torch.zeros(1, requires_grad=True)
            opt = torch.optim.SGD([{"params": [p1], "lr": 0.1}, {"params": [p2], "lr": 0.05}], lr=0.1)
            s = SWALR(opt, swa_lr=swa_lr, anneal_epochs=anneal_epochs, anneal_strategy=strategy)
            lrs = [[g["lr"] for g in opt.param_groups]]
            for _ in range(6):
                opt.step()
                s.step()
                lrs.append([g["lr"] for g in opt.param_groups])
            out["swalr"].append({"annealStrategy": strategy, "annealEpochs": anneal_epochs, "swaLr": swa_lr,
                                 "lrs0": [0.1, 0.05], "lrs": lrs})


class M(torch.nn.Module):
    def __init__(self, w, b, buf):
        super().__init__()
        self.w = torch.nn.Parameter(torch.tensor(w))
        self.b = torch.nn.Parameter(torch.tensor(b))
        self.register_buffer("running", torch.tensor(buf))


snapshots = [
    ([[0.5, -1.0], [2.0, 0.25]], [0.1], [1.0, 2.0]),
    ([[1.5, -0.5], [1.0, 0.75]], [-0.3], [3.0, 1.0]),
    ([[0.25, 0.0], [3.0, -1.0]], [0.7], [2.5, -4.0]),
    ([[-2.0, 1.0], [0.5, 0.5]], [1.1], [0.0, 6.0]),
]
for dtype in ["float64", "float32"]:
    for use_buffers in [False, True]:
        torch.set_default_dtype(getattr(torch, dtype))
        m = M(*snapshots[0])
        avg = AveragedModel(m, use_buffers=use_buffers)
        for w, b, buf in snapshots:
            with torch.no_grad():
                m.w.copy_(torch.tensor(w)); m.b.copy_(torch.tensor(b)); m.running.copy_(torch.tensor(buf))
            avg.update_parameters(m)
        out["averaged"].append({
            "dtype": dtype, "useBuffers": use_buffers, "snapshots": snapshots,
            "params": [p.detach().flatten().tolist() for p in avg.module.parameters()],
            "buffers": [b.flatten().tolist() for b in avg.module.buffers()],
            "nAveraged": int(avg.n_averaged),
        })
torch.set_default_dtype(torch.float64)

print("{")
print(f'  "torch": {json.dumps(out["torch"])},')
print('  "swalr": [')
print(",\n".join("    " + json.dumps(c) for c in out["swalr"]))
print("  ],")
print('  "averaged": [')
print(",\n".join("    " + json.dumps(c) for c in out["averaged"]))
print("  ]")
print("}")
