# References for random fills of non-contiguous views (PyTorch 1.13 CPU): each case zero-fills a
# base tensor, fills one view of it in place after manual_seed, and records the whole base.
# Run: /usr/bin/python3 gen_view_random.py  (writes view-random.json beside this file)
import json
import os

import torch

cases = []
views = {
    'transposed 4 x 5': ((5, 4), lambda b: b.t()),
    'transposed 6 x 5': ((5, 6), lambda b: b.t()),
    'rows 0, 2, 4 and columns 1: of 6 x 4': ((6, 4), lambda b: b[::2, 1:]),
    'permuted 2 x 3 x 4 to (2, 0, 1)': ((2, 3, 4), lambda b: b.permute(2, 0, 1)),
}
for dtype in ['float32', 'float64']:
    for label, (shape, view) in views.items():
        for fn, args in [('uniform_', (-1.0, 2.0)), ('normal_', (0.7, 0.3))]:
            base = torch.zeros(*shape, dtype=getattr(torch, dtype))
            torch.manual_seed(11)
            getattr(view(base), fn)(*args)
            cases.append({'view': label, 'fn': fn, 'dtype': dtype, 'args': list(args), 'seed': 11,
                          'values': base.flatten().tolist()})

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, 'view-random.json'), 'w') as f:
    json.dump({'torch': torch.__version__, 'cases': cases}, f)
    f.write('\n')
