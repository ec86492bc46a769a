"""PyTorch 1.13 LBFGS over several parameters (one flat vector, a parameter without a gradient).

Run with Debian's python3-torch: `/usr/bin/python3 gen_lbfgs.py > lbfgs.json` (deterministic).
Objective: the extended Rosenbrock function of the four values of `a` (shape [2]) and `b` (shape
[2]), in that order, x = [a0, a1, b0, b1]:
  f = (1 - x0)^2 + 100 (x1 - x0^2)^2 + (1 - x2)^2 + 100 (x3 - x2^2)^2   (summed left to right)
  grad = [-2(1 - x0) - 400 x0 (x1 - x0^2), 200 (x1 - x0^2), -2(1 - x2) - 400 x2 (x3 - x2^2), 200 (x3 - x2^2)]
computed in doubles from Python floats, exactly in this order. A third parameter `c` (shape [3])
is in the group but never gets a gradient (PyTorch counts it as zeros; it must not move).
Each step records the loss `step` returned, every parameter after it, and the closure calls so far.
"""
import json
import torch

torch.set_num_threads(1)


def objective(x):
    x0, x1, x2, x3 = x
    f = 0.0
    f = f + (1 - x0) ** 2
    f = f + 100 * (x1 - x0 * x0) ** 2
    f = f + (1 - x2) ** 2
    f = f + 100 * (x3 - x2 * x2) ** 2
    g = [-2 * (1 - x0) - 400 * x0 * (x1 - x0 * x0), 200 * (x1 - x0 * x0),
         -2 * (1 - x2) - 400 * x2 * (x3 - x2 * x2), 200 * (x3 - x2 * x2)]
    return f, g


CASES = [
    ("no line search", {"lr": 0.05, "maxIter": 6, "historySize": 3}, {"lr": 0.05, "max_iter": 6, "history_size": 3}, 6),
    ("strong wolfe", {"lr": 1, "maxIter": 5, "historySize": 4, "lineSearchFn": "strong_wolfe"},
     {"lr": 1, "max_iter": 5, "history_size": 4, "line_search_fn": "strong_wolfe"}, 6),
    ("maxEval below maxIter", {"lr": 1, "maxIter": 10, "maxEval": 4, "lineSearchFn": "strong_wolfe"},
     {"lr": 1, "max_iter": 10, "max_eval": 4, "line_search_fn": "strong_wolfe"}, 4),
]

lines = []
for name, options, torch_options, steps in CASES:
    a = torch.tensor([-1.2, 1.0], dtype=torch.float64, requires_grad=True)
    b = torch.tensor([0.5, -0.3], dtype=torch.float64, requires_grad=True)
    c = torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([a, b, c], **torch_options)
    calls = [0]

    def closure():
        opt.zero_grad(set_to_none=True)
        calls[0] += 1
        f, g = objective(a.tolist() + b.tolist())
        a.grad = torch.tensor(g[:2], dtype=torch.float64)
        b.grad = torch.tensor(g[2:], dtype=torch.float64)
        return torch.tensor(f, dtype=torch.float64)

    rows = []
    for _ in range(steps):
        loss = opt.step(closure)
        rows.append({"loss": loss.item(), "params": [a.tolist(), b.tolist(), c.tolist()], "evaluations": calls[0]})
    state = opt.state[opt._params[0]]
    lines.append(json.dumps({"name": name, "options": options, "steps": rows,
                             "lbfgsState": {"funcEvals": state["func_evals"], "nIter": state["n_iter"]}}))

print('{"torch": ' + json.dumps(torch.__version__) + ', "cases": [')
print(",\n".join(lines))
print("]}")
