"""Training-parity reference for @descent/nn (+ optim, lr-scheduler), from PyTorch 1.13 (Debian's
python3-torch, CPU, one thread). Run with /usr/bin/python3 from this folder; it rewrites
training.json byte for byte the same.

Recipe (each case starts again from the seed):
  manual_seed(0); X = randn(64, 4); y = (X @ [1, -2, 3, 0.5] + 0.1 * randn(64)).unsqueeze(1)
  model = Sequential(Linear(4, 8), Tanh(), Linear(8, 1)) built right after; MSELoss; full batch;
  50 steps of: zero_grad, loss = mse(model(X), y), backward, step (and scheduler.step()).
  `losses[s]` is the loss computed before step s, `lrs[s]` the lr used by step s.
The test that replays this needs @descent/optim and @descent/lr-scheduler; it lives elsewhere.
"""
import json

import torch

torch.set_num_threads(1)


def flat(sd):
    return {k: v.detach().flatten().tolist() for k, v in sd.items()}


def run(name, make_opt, make_sched):
    torch.manual_seed(0)
    X = torch.randn(64, 4)
    y = (X @ torch.tensor([1.0, -2.0, 3.0, 0.5]) + 0.1 * torch.randn(64)).unsqueeze(1)
    model = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.Tanh(), torch.nn.Linear(8, 1))
    initial = flat(model.state_dict())
    opt = make_opt(model.parameters())
    sched = make_sched(opt)
    loss_fn = torch.nn.MSELoss()
    losses, lrs = [], []
    for _ in range(50):
        opt.zero_grad()
        loss = loss_fn(model(X), y)
        loss.backward()
        lrs.append(opt.param_groups[0]['lr'])
        opt.step()
        if sched is not None:
            sched.step()
        losses.append(loss.item())
    return {
        'name': name,
        'X': X.flatten().tolist(),
        'y': y.flatten().tolist(),
        'initialStateDict': initial,
        'losses': losses,
        'lrs': lrs,
        'finalStateDict': flat(model.state_dict()),
    }


cases = [
    run('adam', lambda p: torch.optim.Adam(p, lr=0.01), lambda o: None),
    run('sgd_steplr', lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9), lambda o: torch.optim.lr_scheduler.StepLR(o, 10, 0.5)),
]
recipe = ('manualSeed(0); X = randn([64, 4]); y = (X·[1, −2, 3, 0.5] + 0.1·randn([64])).unsqueeze(1); '
          'Sequential(Linear(4, 8), Tanh(), Linear(8, 1)) built right after; MSELoss; full batch; 50 steps of '
          'Adam(lr 0.01) (adam) or SGD(lr 0.05, momentum 0.9) + StepLR(10, 0.5) (sgd_steplr); '
          'losses[s] before step s, lrs[s] used by step s')
with open('training.json', 'w') as f:
    f.write('{"torch": %s, "tolerance": {"rtol": 1e-4, "atol": 1e-6}, "recipe": %s, "cases": [\n'
            % (json.dumps(torch.__version__), json.dumps(recipe)))
    f.write(',\n'.join(json.dumps(c) for c in cases))
    f.write('\n]}\n')
