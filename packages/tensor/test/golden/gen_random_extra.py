"""Extra PyTorch 1.13 random references not in the shared goldens: float64 uniform_ (fused
multiply-add rounding) and bernoulli_ with a number p (the 53-bit path). Run: /usr/bin/python3 gen_random_extra.py"""
import json

import torch

cases = []
for seed, lo, hi, n in [(2, -0.7, 0.9, 40), (7, -3.0, 5.5, 40), (11, 0.0, 1e-3, 17)]:
    torch.manual_seed(seed)
    t = torch.empty(n, dtype=torch.float64).uniform_(lo, hi)
    cases.append({"fn": "uniform_", "seed": seed, "from": lo, "to": hi, "n": n, "dtype": "float64", "values": [float(x) for x in t]})
for seed, p, n, dtype in [(3, 0.3, 30, torch.float32), (5, 0.75, 25, torch.float64)]:
    torch.manual_seed(seed)
    t = torch.empty(n, dtype=dtype).bernoulli_(p)
    cases.append({"fn": "bernoulli_", "seed": seed, "p": p, "n": n, "dtype": str(dtype).split(".")[1], "values": [float(x) for x in t]})
with open("random-extra.json", "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f)
    f.write("\n")
