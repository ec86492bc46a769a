"""Extra PyTorch 1.13 reference orders for @descent/datasets (beyond fixtures/golden/dataloader.json).

Run with Debian's torch:  /usr/bin/python3 packages/datasets/test/reference/gen_extra.py
Writes extra.json beside this script, then format it with `pnpm prettier --write` (the repo's
Prettier settings); the two steps together reproduce it byte for byte.
"""
import json
import os

import torch
from torch.utils.data import (BatchSampler, DataLoader, RandomSampler, SubsetRandomSampler,
                              TensorDataset, WeightedRandomSampler, random_split)

out = {'torch': torch.__version__}

# The seed RandomSampler draws from the global generator.
torch.manual_seed(123)
out['seedDraw'] = {'seed': 123, 'values': [str(int(torch.empty((), dtype=torch.int64).random_().item())) for _ in range(3)]}  # strings: beyond 2**53

# Replacement sampling across several chunks of 32.
samplers = []
for seed, n, num, repl, gseed in [(11, 7, 70, True, None), (12, 5, 64, True, None), (13, 9, 40, False, 77), (14, 6, 33, True, 78)]:
    torch.manual_seed(seed)
    g = None if gseed is None else torch.Generator().manual_seed(gseed)
    s = RandomSampler(range(n), replacement=repl, num_samples=num, generator=g)
    samplers.append({'seed': seed, 'n': n, 'numSamples': num, 'replacement': repl, 'generatorSeed': gseed,
                     'epochs': [list(s), list(s)]})
out['randomSampler'] = samplers

torch.manual_seed(21)
subset = SubsetRandomSampler([10, 20, 30, 40, 50, 60, 70])
out['subsetRandomSampler'] = {'seed': 21, 'indices': [10, 20, 30, 40, 50, 60, 70], 'epochs': [list(subset), list(subset)]}

# Fractions: PyTorch 1.13's floor then round-robin remainder.
splits = []
for gseed, n, fracs in [(31, 10, [0.3, 0.3, 0.4]), (32, 11, [0.5, 0.5]), (33, 7, [0.2, 0.2, 0.2, 0.2, 0.2]), (34, 100, [0.8, 0.1, 0.1]),
                        # 100·0.57 = 56.99…, 100·0.29 = 28.99… in double: floors 56, 14, 28, then +1, +1 → 57, 15, 28
                        (35, 100, [0.57, 0.14, 0.29])]:
    parts = random_split(range(n), fracs, generator=torch.Generator().manual_seed(gseed))
    splits.append({'generatorSeed': gseed, 'n': n, 'fractions': fracs, 'indices': [list(p.indices) for p in parts]})
out['randomSplitFractions'] = splits

# A loader with a user sampler and a batch sampler: the base seed still comes from the global generator.
torch.manual_seed(41)
ds = TensorDataset(torch.arange(12))
loader = DataLoader(ds, batch_sampler=BatchSampler(RandomSampler(ds), batch_size=5, drop_last=False))
out['batchSamplerLoader'] = {'seed': 41, 'n': 12, 'batchSize': 5,
                             'epochs': [[b[0].tolist() for b in loader] for _ in range(2)]}

# A loader with a `sampler=`: base seed first, then the sampler's own draws from the global generator.
sampler_loaders = []
for seed, kind, batch, drop in [(61, 'subset', 3, False), (62, 'weighted', 4, True)]:
    torch.manual_seed(seed)
    ds = TensorDataset(torch.arange(10))
    if kind == 'subset':
        arg = {'indices': [9, 7, 5, 3, 1, 0, 2]}
        sampler = SubsetRandomSampler(arg['indices'])
    else:
        arg = {'weights': [1, 2, 3, 4, 0, 0, 1, 1, 5, 2], 'numSamples': 11}
        sampler = WeightedRandomSampler(arg['weights'], arg['numSamples'])
    loader = DataLoader(ds, sampler=sampler, batch_size=batch, drop_last=drop)
    sampler_loaders.append({'seed': seed, 'sampler': kind, **arg, 'batchSize': batch, 'dropLast': drop,
                            'length': len(loader), 'epochs': [[b[0].tolist() for b in loader] for _ in range(2)]})
out['samplerLoader'] = sampler_loaders

# WeightedRandomSampler (torch.multinomial on float64 weights).
weighted = []
for seed, weights, num, repl in [(51, [0.1, 0.2, 0.3, 0.4], 20, True), (52, [5, 0, 1, 0, 3, 1e-3, 2], 100, True),
                                 (53, [1.0] * 37, 64, True), (54, [0.1, 0.2, 0.3, 0.4], 3, False),
                                 (55, [3, 1, 0, 2, 5, 8], 5, False), (56, [1, 2, 3], 1, True)]:
    torch.manual_seed(seed)
    w = WeightedRandomSampler(weights, num, replacement=repl)
    weighted.append({'seed': seed, 'weights': weights, 'numSamples': num, 'replacement': repl, 'indices': list(w)})
out['weightedRandomSampler'] = weighted

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'extra.json'), 'w') as f:
    json.dump(out, f, indent=1)
    f.write('\n')
