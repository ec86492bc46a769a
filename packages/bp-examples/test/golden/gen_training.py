"""Writes training.json: full-batch training of a small MLP in PyTorch 1.13, for the parity test.

Run with Debian's python3-torch: /usr/bin/python3 gen_training.py
Recipe (both cases): torch.manual_seed(0); X = randn(64, 4); y = (X @ [1, -2, 3, 0.5] + 0.1 * randn(64)).unsqueeze(1);
Sequential(Linear(4, 8), Tanh(), Linear(8, 1)) built right after; MSELoss; full batch; 50 steps.
"""
import json

import torch

torch.set_num_threads(1)


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def run(name):
    torch.manual_seed(0)
    X = torch.randn(64, 4)
    y = (X @ torch.tensor([1.0, -2.0, 3.0, 0.5]) + 0.1 * torch.randn(64)).unsqueeze(1)
    model = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.Tanh(), torch.nn.Linear(8, 1))
    initial = {k: flat(v) for k, v in model.state_dict().items()}
    loss_fn = torch.nn.MSELoss()
    if name == "adam":
        opt = torch.optim.Adam(model.parameters(), lr=0.01)
        sched = None
    else:
        opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
        sched = torch.optim.lr_scheduler.StepLR(opt, step_size=10, gamma=0.5)
    losses, lrs = [], []
    for _ in range(50):
        opt.zero_grad()
        loss = loss_fn(model(X), y)
        losses.append(float(loss.item()))
        lrs.append(opt.param_groups[0]["lr"])
        loss.backward()
        opt.step()
        if sched is not None:
            sched.step()
    return {
        "name": name,
        "X": flat(X),
        "y": flat(y),
        "initialStateDict": initial,
        "losses": losses,
        "lrs": lrs,
        "finalStateDict": {k: flat(v) for k, v in model.state_dict().items()},
    }


out = {
    "torch": torch.__version__,
    "tolerance": {"rtol": 1e-4, "atol": 1e-6},
    "recipe": __doc__.strip().splitlines()[-2] + " " + __doc__.strip().splitlines()[-1],
    "cases": [run("adam"), run("sgd_steplr")],
}
with open("training.json", "w") as f:
    json.dump(out, f)
    f.write("\n")
