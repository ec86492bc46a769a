"""Writes src/chapters/convnet-reference.json: chapter 9's runs ("Optimizers on a real network")
done again in PyTorch 1.13, for src/chapters/convnet.test.ts to compare against.

The same UCI digits (read from packages/datasets/src/data/digits.ts, the data the chapter embeds),
the same 80/20 split (torch.randperm under torch.Generator().manual_seed(seed), which Descent's
randperm reproduces), the same convnet built right after torch.manual_seed(seed) (Descent's
initialisation draws the same numbers), the same batch order (a fresh randperm of the training
rows every epoch, from a second generator seeded seed + 1) and the same optimizers and learning
rates as CONVNET_OPTIMIZERS in src/chapters/convnet.ts. Run it from apps/examples:

    /usr/bin/python3 scripts/convnet-reference.py
"""
import json
import os
import re

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = os.path.join(HERE, '..', '..', '..', 'packages', 'datasets', 'src', 'data', 'digits.ts')
OUT = os.path.join(HERE, '..', 'src', 'chapters', 'convnet-reference.json')

SEED = 0
EPOCHS = 6
BATCH = 32
OPTIMIZERS = {
    'SGD': lambda p: torch.optim.SGD(p, lr=0.1),
    'Momentum': lambda p: torch.optim.SGD(p, lr=0.01, momentum=0.9),
    'RMSprop': lambda p: torch.optim.RMSprop(p, lr=0.003),
    'Adam': lambda p: torch.optim.Adam(p, lr=0.003),
}


def load_digits():
    text = open(DIGITS, encoding='utf8').read()
    pixels = re.findall(r"^  '([A-Q]{64})',$", text, re.M)
    target = re.search(r"DIGITS_TARGET =\s*'([0-9]+)'", text).group(1)
    assert len(pixels) == len(target) == 1797
    x = torch.tensor([[ord(c) - 65 for c in row] for row in pixels], dtype=torch.float32)
    return (x / 16).reshape(-1, 1, 8, 8), torch.tensor([int(c) for c in target])


def convnet():
    return nn.Sequential(
        nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(64, 10),
    )


def main():
    x, y = load_digits()
    order = torch.randperm(len(y), generator=torch.Generator().manual_seed(SEED))
    n_test = 360  # ceil(0.2 * 1797)
    train, test = order[: len(y) - n_test], order[len(y) - n_test:]
    xtr, ytr, xte, yte = x[train], y[train], x[test], y[test]
    runs = {}
    for name, make in OPTIMIZERS.items():
        torch.manual_seed(SEED)
        model = convnet()
        initial = model[0].weight.detach().reshape(8, 9).tolist()
        opt = make(model.parameters())
        loss_fn = nn.CrossEntropyLoss()
        batches = torch.Generator().manual_seed(SEED + 1)
        steps, epoch_loss, accuracy = [], [], []
        for _ in range(EPOCHS):
            perm = torch.randperm(len(ytr), generator=batches)
            losses = []
            for at in range(0, len(ytr), BATCH):
                pick = perm[at:at + BATCH]
                opt.zero_grad()
                loss = loss_fn(model(xtr[pick]), ytr[pick])
                loss.backward()
                opt.step()
                losses.append(loss.item())
            steps.extend(losses)
            epoch_loss.append(sum(losses) / len(losses))
            with torch.no_grad():
                accuracy.append((model(xte).argmax(1) == yte).float().mean().item())
        runs[name] = {
            'firstLosses': steps[:10],
            'epochLoss': epoch_loss,
            'testAccuracy': accuracy,
            'initialFilters': initial,
            'finalFilters': model[0].weight.detach().reshape(8, 9).tolist(),
        }
        print(name, [round(v, 4) for v in epoch_loss], [round(a, 4) for a in accuracy])
    doc = {'torch': torch.__version__, 'seed': SEED, 'epochs': EPOCHS, 'batchSize': BATCH,
           'trainSize': len(ytr), 'testSize': n_test, 'runs': runs}
    with open(OUT + '.tmp', 'w', encoding='utf8') as f:
        json.dump(doc, f, indent=1)
        f.write('\n')
    os.replace(OUT + '.tmp', OUT)
    print('wrote', os.path.relpath(OUT))


if __name__ == '__main__':
    main()
