"""Reference values for @descent/nn's convolution, pooling, normalization and embedding layers,
from PyTorch (Debian's python3-torch 1.13, CPU).

Run with /usr/bin/python3 from this folder; it rewrites layers.json byte for byte the same.

Each module case: the class, its positional arguments and options (camelCase, as Descent takes them),
the seed, the parameters and buffers right after construction (float32: checks the initialisation),
then, with those values in float64, one or more forward passes on `input` (train or eval): the output,
d(Σ output·gradOutput)/d(input) and d/d(each parameter), and the buffers after the pass.
Functional cases hold the same for one `torch.nn.functional` call, and error cases PyTorch's message.
"""
import json

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)
dt = torch.float64


def flat(t):
    return t.detach().flatten().tolist()


def state_of(m):
    return {k: {'shape': list(v.shape), 'values': flat(v.double() if v.is_floating_point() else v)} for k, v in m.state_dict().items()}


def module_case(name, cls, args, kwargs, ts_options, input_shape, passes=('train',), seed=0, int_input=None):
    torch.manual_seed(seed)
    m = getattr(nn, cls)(*args, **kwargs)
    init = state_of(m)
    m = m.double()
    gen = torch.Generator().manual_seed(1000 + seed)
    steps = []
    for mode in passes:
        m.train(mode == 'train')
        if int_input is not None:
            x = torch.tensor(int_input)
        else:
            x = torch.randn(*input_shape, dtype=dt, generator=gen).requires_grad_(True)
        for p in m.parameters():
            p.grad = None
        out = m(x)
        gy = torch.randn(*out.shape, dtype=dt, generator=gen)
        (out * gy).sum().backward()
        steps.append({
            'mode': mode,
            'input': flat(x) if int_input is None else int_input,
            'inputShape': list(x.shape),
            'output': flat(out),
            'outputShape': list(out.shape),
            'gradOutput': flat(gy),
            'inputGrad': flat(x.grad) if int_input is None else None,
            'paramGrads': {k: flat(p.grad) for k, p in m.named_parameters()},
            'stateAfter': state_of(m),
        })
    return {'name': name, 'cls': cls, 'args': list(args), 'options': ts_options, 'seed': seed, 'init': init, 'steps': steps}


modules = [
    module_case('conv2d basic', 'Conv2d', [3, 4, 3], {}, {}, [2, 3, 6, 5]),
    module_case('conv2d stride padding dilation', 'Conv2d', [2, 4, [3, 2]], dict(stride=[2, 1], padding=[1, 2], dilation=[1, 2]), dict(stride=[2, 1], padding=[1, 2], dilation=[1, 2]), [2, 2, 7, 6], seed=1),
    module_case('conv2d groups no bias', 'Conv2d', [4, 6, 3], dict(groups=2, bias=False, padding=1), dict(groups=2, bias=False, padding=1), [1, 4, 5, 5], seed=2),
    module_case('conv2d depthwise same', 'Conv2d', [3, 3, 4], dict(groups=3, padding='same'), dict(groups=3, padding='same'), [2, 3, 6, 6], seed=3),
    module_case('conv2d valid', 'Conv2d', [2, 3, 2], dict(padding='valid'), dict(padding='valid'), [1, 2, 4, 4], seed=4),
    module_case('conv2d reflect', 'Conv2d', [2, 3, 3], dict(padding=[1, 2], padding_mode='reflect'), dict(padding=[1, 2], paddingMode='reflect'), [1, 2, 5, 5], seed=5),
    module_case('conv2d replicate', 'Conv2d', [2, 3, 3], dict(padding=2, padding_mode='replicate', stride=2), dict(padding=2, paddingMode='replicate', stride=2), [1, 2, 5, 6], seed=6),
    module_case('conv2d circular', 'Conv2d', [2, 3, 3], dict(padding=1, padding_mode='circular'), dict(padding=1, paddingMode='circular'), [2, 2, 4, 5], seed=7),
    module_case('conv1d', 'Conv1d', [3, 5, 3], dict(stride=2, padding=1, dilation=2), dict(stride=2, padding=1, dilation=2), [2, 3, 11], seed=8),
    module_case('conv1d groups same circular', 'Conv1d', [4, 2, 3], dict(groups=2, padding='same', padding_mode='circular'), dict(groups=2, padding='same', paddingMode='circular'), [2, 4, 7], seed=9),
    module_case('convtranspose2d', 'ConvTranspose2d', [3, 2, 3], {}, {}, [2, 3, 4, 4], seed=10),
    module_case('convtranspose2d stride padding output_padding groups dilation', 'ConvTranspose2d', [4, 6, [3, 2]], dict(stride=2, padding=1, output_padding=1, groups=2, dilation=[1, 2]), dict(stride=2, padding=1, outputPadding=1, groups=2, dilation=[1, 2]), [1, 4, 3, 4], seed=11),
    module_case('maxpool2d', 'MaxPool2d', [2], {}, {}, [2, 3, 6, 7], seed=12),
    module_case('maxpool2d stride padding dilation ceil', 'MaxPool2d', [[3, 2]], dict(stride=2, padding=1, dilation=[1, 2], ceil_mode=True), dict(stride=2, padding=1, dilation=[1, 2], ceilMode=True), [1, 2, 8, 9], seed=13),
    module_case('maxpool1d', 'MaxPool1d', [3], dict(stride=2, padding=1, ceil_mode=True), dict(stride=2, padding=1, ceilMode=True), [2, 3, 10], seed=14),
    module_case('avgpool2d', 'AvgPool2d', [2], {}, {}, [2, 3, 6, 7], seed=15),
    module_case('avgpool2d padding ceil exclude pad', 'AvgPool2d', [3], dict(stride=2, padding=1, ceil_mode=True, count_include_pad=False), dict(stride=2, padding=1, ceilMode=True, countIncludePad=False), [1, 2, 8, 8], seed=16),
    module_case('avgpool2d divisor override', 'AvgPool2d', [[2, 3]], dict(stride=[1, 2], padding=[1, 1], divisor_override=5), dict(stride=[1, 2], padding=[1, 1], divisorOverride=5), [1, 2, 5, 6], seed=17),
    module_case('avgpool1d', 'AvgPool1d', [3], dict(stride=2, padding=1, ceil_mode=True, count_include_pad=True), dict(stride=2, padding=1, ceilMode=True, countIncludePad=True), [2, 2, 8], seed=18),
    module_case('adaptiveavgpool2d', 'AdaptiveAvgPool2d', [[3, 2]], {}, {}, [2, 3, 7, 5], seed=19),
    module_case('adaptiveavgpool2d global', 'AdaptiveAvgPool2d', [1], {}, {}, [2, 3, 4, 4], seed=20),
    module_case('adaptivemaxpool2d', 'AdaptiveMaxPool2d', [[2, 3]], {}, {}, [2, 3, 5, 7], seed=21),
    module_case('batchnorm2d', 'BatchNorm2d', [3], {}, {}, [4, 3, 3, 3], passes=('train', 'train', 'eval'), seed=22),
    module_case('batchnorm2d cumulative momentum', 'BatchNorm2d', [2], dict(momentum=None), dict(momentum=None), [3, 2, 2, 3], passes=('train', 'train', 'train', 'eval'), seed=23),
    module_case('batchnorm2d no affine no tracking', 'BatchNorm2d', [2], dict(affine=False, track_running_stats=False), dict(affine=False, trackRunningStats=False), [3, 2, 3, 3], passes=('train', 'eval'), seed=24),
    module_case('batchnorm1d 2d input', 'BatchNorm1d', [4], dict(momentum=0.3, eps=1e-3), dict(momentum=0.3, eps=1e-3), [6, 4], passes=('train', 'eval'), seed=25),
    module_case('batchnorm1d 3d input', 'BatchNorm1d', [3], {}, {}, [2, 3, 5], passes=('train', 'train', 'eval'), seed=26),
    module_case('layernorm', 'LayerNorm', [[3, 4]], {}, {}, [2, 5, 3, 4], seed=27),
    module_case('layernorm no affine', 'LayerNorm', [6], dict(eps=1e-3, elementwise_affine=False), dict(eps=1e-3, elementwiseAffine=False), [4, 6], seed=28),
    module_case('groupnorm', 'GroupNorm', [2, 6], {}, {}, [3, 6, 2, 3], seed=29),
    module_case('groupnorm no affine', 'GroupNorm', [3, 3], dict(eps=1e-3, affine=False), dict(eps=1e-3, affine=False), [2, 3, 4], seed=30),
    module_case('embedding', 'Embedding', [6, 3], {}, {}, None, seed=31, int_input=[[0, 2, 5], [2, 2, 1]]),
    module_case('embedding padding_idx', 'Embedding', [5, 4], dict(padding_idx=1), dict(paddingIdx=1), None, seed=32, int_input=[[1, 0, 1, 4]]),
]

def functional_case(name, fn, ts, inputs, seed):
    gen = torch.Generator().manual_seed(seed)
    xs = [torch.randn(*s, dtype=dt, generator=gen).requires_grad_(True) for s in inputs]
    out = fn(*xs)
    extra = None
    if isinstance(out, tuple):
        out, extra = out
    gy = torch.randn(*out.shape, dtype=dt, generator=gen)
    (out * gy).sum().backward()
    return {
        'name': name, 'fn': ts['fn'], 'options': ts.get('options', {}), 'args': ts.get('args', []),
        'inputs': [{'shape': list(x.shape), 'values': flat(x)} for x in xs],
        'output': flat(out), 'outputShape': list(out.shape), 'gradOutput': flat(gy),
        'inputGrads': [flat(x.grad) for x in xs],
        'indices': None if extra is None else flat(extra),
    }


functionals = [
    functional_case('pad constant', lambda x: F.pad(x, (2, 1, 1, 2), value=0.5), dict(fn='pad', args=[[2, 1, 1, 2]], options=dict(value=0.5)), [[1, 2, 3, 4]], 1),
    functional_case('pad constant negative', lambda x: F.pad(x, (-1, 2, 0, -1)), dict(fn='pad', args=[[-1, 2, 0, -1]]), [[2, 3, 4]], 2),
    functional_case('pad reflect', lambda x: F.pad(x, (2, 1, 1, 2), mode='reflect'), dict(fn='pad', args=[[2, 1, 1, 2]], options=dict(mode='reflect')), [[1, 2, 3, 4]], 3),
    functional_case('pad replicate', lambda x: F.pad(x, (2, 1, 1, 3), mode='replicate'), dict(fn='pad', args=[[2, 1, 1, 3]], options=dict(mode='replicate')), [[1, 2, 3, 4]], 4),
    functional_case('pad circular', lambda x: F.pad(x, (2, 1, 1, 3), mode='circular'), dict(fn='pad', args=[[2, 1, 1, 3]], options=dict(mode='circular')), [[1, 2, 3, 4]], 5),
    functional_case('pad reflect 1d', lambda x: F.pad(x, (3, 2), mode='reflect'), dict(fn='pad', args=[[3, 2]], options=dict(mode='reflect')), [[2, 2, 5]], 6),
    functional_case('unfold', lambda x: F.unfold(x, (2, 3), dilation=(2, 1), padding=1, stride=(1, 2)), dict(fn='unfold', args=[[2, 3]], options=dict(dilation=[2, 1], padding=1, stride=[1, 2])), [[2, 2, 5, 6]], 7),
    functional_case('fold', lambda x: F.fold(x, (4, 5), 2, stride=1, padding=(1, 0)), dict(fn='fold', args=[[4, 5], 2], options=dict(stride=1, padding=[1, 0])), [[2, 8, 20]], 8),
    functional_case('conv2d with bias', lambda x, w, b: F.conv2d(x, w, b, stride=2, padding=1, groups=2), dict(fn='conv2d', options=dict(stride=2, padding=1, groups=2)), [[2, 4, 7, 6], [6, 2, 3, 3], [6]], 9),
    functional_case('conv_transpose2d', lambda x, w: F.conv_transpose2d(x, w, stride=(2, 3), padding=(1, 0), output_padding=(1, 2)), dict(fn='convTranspose2d', options=dict(stride=[2, 3], padding=[1, 0], outputPadding=[1, 2])), [[2, 3, 3, 4], [3, 2, 3, 3]], 10),
    functional_case('max_pool2d indices', lambda x: F.max_pool2d(x, 3, stride=2, padding=1, return_indices=True), dict(fn='maxPool2d', args=[3], options=dict(stride=2, padding=1, returnIndices=True)), [[2, 2, 7, 6]], 11),
    functional_case('max_pool1d indices', lambda x: F.max_pool1d(x, 2, dilation=2, return_indices=True), dict(fn='maxPool1d', args=[2], options=dict(dilation=2, returnIndices=True)), [[2, 3, 9]], 12),
    functional_case('adaptive_max_pool2d indices', lambda x: F.adaptive_max_pool2d(x, (3, 2), return_indices=True), dict(fn='adaptiveMaxPool2d', args=[[3, 2]], options=dict(returnIndices=True)), [[2, 2, 7, 5]], 13),
    functional_case('batch_norm eval with affine', lambda x, w, b: F.batch_norm(x, torch.tensor([0.5, -1.0, 0.25], dtype=dt), torch.tensor([2.0, 0.5, 1.5], dtype=dt), w, b, training=False, eps=1e-3), dict(fn='batchNormEval', options=dict(eps=1e-3)), [[4, 3, 2], [3], [3]], 14),
    functional_case('batch_norm train with affine', lambda x, w, b: F.batch_norm(x, None, None, w, b, training=True), dict(fn='batchNormTrain'), [[4, 3, 2, 2], [3], [3]], 15),
    functional_case('layer_norm with affine', lambda x, w, b: F.layer_norm(x, (4,), w, b, eps=1e-4), dict(fn='layerNorm', args=[[4]], options=dict(eps=1e-4)), [[3, 2, 4], [4], [4]], 16),
    functional_case('group_norm with affine', lambda x, w, b: F.group_norm(x, 3, w, b), dict(fn='groupNorm', args=[3]), [[2, 6, 5], [6], [6]], 17),
    functional_case('embedding', lambda w: F.embedding(torch.tensor([[3, 0], [3, 1]]), w), dict(fn='embedding', args=[[[3, 0], [3, 1]]]), [[4, 2]], 18),
]


def dropout2d_case(seed, p, shape):
    torch.manual_seed(seed)
    x = torch.ones(*shape)
    y = F.dropout2d(x, p=p, training=True)
    return {'seed': seed, 'p': p, 'shape': list(shape), 'output': flat(y)}


dropouts = [dropout2d_case(3, 0.5, (4, 5, 2, 2)), dropout2d_case(11, 0.2, (2, 7, 3, 1))]


def error(name, fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - we record whatever PyTorch raises
        return {'name': name, 'kind': type(e).__name__, 'message': str(e).split('\n')[0]}
    raise AssertionError(f'{name} did not fail')


errors = [
    error('conv2d channels', lambda: F.conv2d(torch.randn(2, 3, 8, 8), torch.randn(4, 2, 3, 3))),
    error('conv1d channels', lambda: F.conv1d(torch.randn(2, 3, 8), torch.randn(4, 2, 3))),
    error('conv2d kernel larger than padded input', lambda: F.conv2d(torch.randn(2, 3, 2, 2), torch.randn(4, 3, 3, 3))),
    error('conv2d kernel larger than padded input, padded', lambda: F.conv2d(torch.randn(1, 1, 2, 3), torch.randn(1, 1, 5, 5), padding=1)),
    error('conv2d groups do not divide weight', lambda: F.conv2d(torch.randn(2, 4, 8, 8), torch.randn(4, 2, 3, 3), groups=3)),
    error('Conv2d in_channels not divisible by groups', lambda: nn.Conv2d(4, 6, 3, groups=3)),
    error('Conv2d out_channels not divisible by groups', lambda: nn.Conv2d(3, 4, 3, groups=3)),
    error('conv2d rank', lambda: F.conv2d(torch.randn(2, 3, 8, 8, 1), torch.randn(4, 3, 3, 3))),
    error('conv2d same strided', lambda: F.conv2d(torch.randn(2, 3, 8, 8), torch.randn(4, 3, 3, 3), stride=2, padding='same')),
    error('conv2d bad padding string', lambda: F.conv2d(torch.randn(2, 3, 8, 8), torch.randn(4, 3, 3, 3), padding='foo')),
    # nn.Conv2d's bad padding_mode message prints a Python set, whose order changes between runs: tested in layers-golden.test.ts with a fixed order.
    error('conv2d non-positive stride', lambda: F.conv2d(torch.randn(2, 3, 8, 8), torch.randn(4, 3, 3, 3), stride=0)),
    error('conv_transpose2d channels', lambda: F.conv_transpose2d(torch.randn(2, 3, 8, 8), torch.randn(4, 2, 3, 3))),
    error('max_pool2d pad too large', lambda: F.max_pool2d(torch.randn(1, 1, 4, 4), 3, padding=2)),
    error('max_pool2d output too small', lambda: F.max_pool2d(torch.randn(1, 1, 2, 2), 3)),
    error('avg_pool2d output too small', lambda: F.avg_pool2d(torch.randn(1, 1, 2, 2), 3)),
    error('batch_norm running_mean size', lambda: F.batch_norm(torch.randn(2, 3, 4), torch.zeros(4), torch.ones(4))),
    error('batch_norm one value per channel', lambda: F.batch_norm(torch.randn(1, 3), torch.zeros(3), torch.ones(3), training=True)),
    error('BatchNorm2d rank', lambda: nn.BatchNorm2d(3)(torch.randn(2, 3, 4))),
    error('BatchNorm1d rank', lambda: nn.BatchNorm1d(3)(torch.randn(2, 3, 4, 4))),
    error('group_norm groups do not divide channels', lambda: F.group_norm(torch.randn(2, 6, 4), 4)),
    error('GroupNorm groups do not divide channels', lambda: nn.GroupNorm(4, 6)),
    error('layer_norm shape', lambda: F.layer_norm(torch.randn(2, 6, 4), [5])),
    error('embedding index out of range', lambda: F.embedding(torch.tensor([5]), torch.randn(4, 3))),
    error('Embedding padding_idx out of range', lambda: nn.Embedding(4, 3, padding_idx=4)),
    error('pad reflect too large', lambda: F.pad(torch.randn(1, 1, 3), (3, 0), mode='reflect')),
    error('pad odd length', lambda: F.pad(torch.randn(1, 1, 3), (1,))),
    error('unfold no blocks', lambda: F.unfold(torch.randn(1, 2, 3, 3), 4)),
    error('fold block count', lambda: F.fold(torch.randn(1, 4, 5), (3, 3), 2)),
    error('dropout2d p', lambda: F.dropout2d(torch.randn(2, 3, 4, 4), p=1.5)),
]

out = {
    'tolerance': {'rtol': 1e-10, 'atol': 1e-12},
    'initTolerance': {'rtol': 0, 'atol': 0},
    'modules': modules,
    'functionals': functionals,
    'dropout2d': dropouts,
    'errors': errors,
}
with open('layers.json', 'w') as f:
    json.dump(out, f, separators=(',', ':'))
    f.write('\n')
