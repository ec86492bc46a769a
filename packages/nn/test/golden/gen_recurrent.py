"""Reference values for @descent/nn's recurrent layers, from PyTorch 1.13 (Debian's python3-torch, CPU).

Run with /usr/bin/python3 from this folder; it rewrites recurrent.json. Each case builds the layer
after torch.manual_seed(seed) (so `params` are PyTorch's default initial values, in
named_parameters() order), draws the input (and the initial state when `withState`), runs forward in
train or eval mode, and back-propagates loss = Σ output·R + Σ hN·S (+ Σ cN·U for LSTM) with fixed
random weights R, S, U. It records the output, the final states and the gradients of the input, the
initial state and every parameter. float32 values are written as the exact doubles.
"""
import json

import torch

torch.set_num_threads(1)


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def record(t):
    return {'shape': list(t.shape), 'values': flat(t)}


CASES = [
    # kind, ctor kwargs, input shape, with initial state, training
    ('RNN', dict(input_size=3, hidden_size=4), [5, 2, 3], False, False),
    ('RNN', dict(input_size=3, hidden_size=4, num_layers=2, bidirectional=True), [5, 2, 3], True, False),
    ('RNN', dict(input_size=3, hidden_size=5, nonlinearity='relu', bias=False, batch_first=True), [2, 6, 3], True, False),
    ('RNN', dict(input_size=2, hidden_size=3), [4, 2], True, False),
    ('LSTM', dict(input_size=3, hidden_size=4), [5, 2, 3], False, False),
    ('LSTM', dict(input_size=3, hidden_size=4, num_layers=2, bidirectional=True, batch_first=True), [2, 5, 3], True, False),
    ('LSTM', dict(input_size=4, hidden_size=3, bias=False), [3, 4], True, False),
    ('LSTM', dict(input_size=3, hidden_size=4, num_layers=3, dropout=0.5), [4, 2, 3], False, True),
    ('GRU', dict(input_size=3, hidden_size=4), [5, 2, 3], False, False),
    ('GRU', dict(input_size=3, hidden_size=4, num_layers=2, bidirectional=True), [5, 3, 3], True, False),
    ('GRU', dict(input_size=3, hidden_size=2, batch_first=True, bias=False), [2, 4, 3], True, False),
    ('GRU', dict(input_size=3, hidden_size=4, num_layers=2, dropout=0.3, bidirectional=True), [4, 2, 3], True, True),
    ('RNNCell', dict(input_size=3, hidden_size=4), [2, 3], True, False),
    ('RNNCell', dict(input_size=3, hidden_size=4, nonlinearity='relu', bias=False), [3], False, False),
    ('LSTMCell', dict(input_size=3, hidden_size=4), [2, 3], True, False),
    ('LSTMCell', dict(input_size=3, hidden_size=4, bias=False), [3], False, False),
    ('GRUCell', dict(input_size=3, hidden_size=4), [2, 3], True, False),
    ('GRUCell', dict(input_size=3, hidden_size=4), [3], False, False),
]

cases = []
for seed, (kind, kwargs, in_shape, with_state, training) in enumerate(CASES):
    torch.manual_seed(seed)
    layer = getattr(torch.nn, kind)(**kwargs)
    params = [(name, record(p)) for name, p in layer.named_parameters()]
    layer.train(training)
    x = torch.randn(in_shape, requires_grad=True)
    lstm = kind in ('LSTM', 'LSTMCell')
    cell = kind.endswith('Cell')
    state = None
    if with_state:
        if cell:
            hshape = [in_shape[0], kwargs['hidden_size']] if len(in_shape) == 2 else [kwargs['hidden_size']]
        else:
            dirs = 2 if kwargs.get('bidirectional') else 1
            layers = kwargs.get('num_layers', 1)
            batched = len(in_shape) == 3
            batch = (in_shape[0] if kwargs.get('batch_first') else in_shape[1]) if batched else None
            hshape = [layers * dirs] + ([batch] if batched else []) + [kwargs['hidden_size']]
        h0 = torch.randn(hshape, requires_grad=True)
        state = (h0, torch.randn(hshape, requires_grad=True)) if lstm else h0
    # Fixed seed for the dropout masks and the loss weights, after the input draws.
    torch.manual_seed(1000 + seed)
    out = layer(x, state) if state is not None else layer(x)
    if cell:
        output, finals = (out[0], [out[0], out[1]]) if lstm else (out, [out])
    else:
        output, hidden = out
        finals = [hidden[0], hidden[1]] if lstm else [hidden]
    gen = torch.Generator().manual_seed(2000 + seed)
    weights = [torch.randn(output.shape, generator=gen)] + [torch.randn(f.shape, generator=gen) for f in finals]
    loss = (output * weights[0]).sum() + sum((f * w).sum() for f, w in zip(finals, weights[1:]))
    loss.backward()
    entry = {
        'kind': kind,
        'seed': seed,
        'options': kwargs,
        'training': training,
        'params': [{'name': n, **r} for n, r in params],
        'input': record(x),
        'output': record(output),
        'finals': [record(f) for f in finals],
        'lossWeights': [record(w) for w in weights],
        'inputGrad': record(x.grad),
        'paramGrads': [{'name': n, **record(p.grad)} for n, p in layer.named_parameters()],
    }
    if state is not None:
        states = list(state) if lstm else [state]
        entry['state'] = [record(s) for s in states]
        entry['stateGrads'] = [record(s.grad) for s in states]
    cases.append(entry)

# Error messages for bad input, as PyTorch 1.13 words them.
errors = []


def err(label, fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        errors.append({'label': label, 'type': type(e).__name__, 'message': str(e)})
        return
    raise SystemExit('expected an error: ' + label)


err('rnn input size', lambda: torch.nn.RNN(3, 4)(torch.randn(5, 2, 2)))
err('rnn input rank', lambda: torch.nn.RNN(3, 4)(torch.randn(5, 2, 3, 1)))
err('rnn hidden shape', lambda: torch.nn.RNN(3, 4)(torch.randn(5, 2, 3), torch.randn(1, 3, 4)))
err('rnn hidden rank', lambda: torch.nn.RNN(3, 4)(torch.randn(5, 2, 3), torch.randn(2, 4)))
err('lstm hidden shape', lambda: torch.nn.LSTM(3, 4)(torch.randn(5, 2, 3), (torch.randn(1, 2, 5), torch.randn(1, 2, 4))))
err('lstm cell shape', lambda: torch.nn.LSTM(3, 4)(torch.randn(5, 2, 3), (torch.randn(1, 2, 4), torch.randn(1, 3, 4))))
err('gru dropout', lambda: torch.nn.GRU(3, 4, dropout=1.5))
err('rnn nonlinearity', lambda: torch.nn.RNN(3, 4, nonlinearity='sigmoid'))
err('rnncell input size', lambda: torch.nn.RNNCell(3, 4)(torch.randn(2, 5)))
err('grucell hidden shape', lambda: torch.nn.GRUCell(3, 4)(torch.randn(2, 3), torch.randn(3, 4)))

with open('recurrent.json', 'w') as f:
    json.dump({'cases': cases, 'errors': errors}, f, separators=(',', ':'))
    f.write('\n')
print(len(cases), 'cases', len(errors), 'errors')
for e in errors:
    print(e)
