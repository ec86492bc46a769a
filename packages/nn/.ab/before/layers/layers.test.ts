import { Generator, gradcheck, manualSeed, ones, randn, tensor, zeros } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { compareClose } from '@descent/fixtures';
import { describe, expect, it } from 'vitest';
import { Dropout, Flatten, Identity, Linear, ModuleDict, ModuleList, ReLU, Sequential, Tanh } from '../index';

const values = (t: Tensor) => Array.from(t.toTypedArray(), Number);

describe('Linear', () => {
  it('computes x·Wᵀ + b (hand-worked)', () => {
    const layer = new Linear(2, 2, { dtype: 'float64' });
    layer.loadStateDict({ weight: tensor([[1, 2], [3, 4]], { dtype: 'float64' }), bias: tensor([0.5, -1], { dtype: 'float64' }) });
    // [1, 1]·Wᵀ = [1 + 2, 3 + 4] = [3, 7]; + b = [3.5, 6]
    expect(values(layer.forward(tensor([[1, 1]], { dtype: 'float64' })))).toEqual([3.5, 6]);
  });

  it('passes gradcheck for input, weight and bias', () => {
    const layer = new Linear(3, 2, { dtype: 'float64' });
    const x = randn([4, 3], { dtype: 'float64', requiresGrad: true });
    expect(gradcheck((input, w, b) => input.matmul(w.t()).add(b), [x, layer.weight, layer.bias!])).toBe(true);
    expect(gradcheck((input) => layer.forward(input), [x])).toBe(true);
  });

  it('maps the last dim of 1-d and batched 3-d inputs', () => {
    const layer = new Linear(3, 2);
    expect(layer.forward(randn([3])).shape).toEqual([2]);
    expect(layer.forward(randn([4, 5, 3])).shape).toEqual([4, 5, 2]);
    expect(new Linear(3, 2, { bias: false }).forward(randn([6, 3])).shape).toEqual([6, 2]);
  });

  it('rejects negative sizes', () => {
    expect(() => new Linear(-1, 2)).toThrow(new RangeError('Linear: in_features must be a non-negative integer, got -1'));
  });
});

describe('Dropout', () => {
  // PyTorch 1.13: torch.manual_seed(0); F.dropout(torch.ones(20), 0.3) and, after a fresh seed,
  // F.dropout(torch.ones(20, dtype=torch.float64), 0.5).
  const keep03 = [0, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0];
  const keep05 = [0, 0, 1, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 0];

  it('zeroes the same elements as PyTorch after the same seed, scaling the rest by 1/(1 − p)', () => {
    manualSeed(0);
    expect(values(new Dropout(0.3).forward(ones([20])))).toEqual(keep03.map((k) => (k === 1 ? Math.fround(1 / Math.fround(0.7)) : 0)));
    manualSeed(0);
    expect(values(new Dropout().forward(ones([20], { dtype: 'float64' })))).toEqual(keep05.map((k) => 2 * k));
  });

  it('draws the mask in row-major order for a transposed input, as PyTorch (F.dropout(torch.ones(4, 5).t(), 0.5))', () => {
    manualSeed(0);
    const out = new Dropout(0.5).forward(ones([4, 5]).t());
    expect(values(out)).toEqual(keep05.map((k) => 2 * k));
  });

  it('draws from an explicit generator', () => {
    manualSeed(123);
    const out = new Dropout(0.5, { generator: new Generator().manualSeed(0) }).forward(ones([20], { dtype: 'float64' }));
    expect(values(out)).toEqual(keep05.map((k) => 2 * k));
  });

  it('is the identity in eval mode and with p = 0, and zeroes everything with p = 1', () => {
    const x = randn([3, 4]);
    expect(new Dropout(0.5).eval().forward(x)).toBe(x);
    expect(new Dropout(0).forward(x)).toBe(x);
    expect(values(new Dropout(1).forward(x)).every((v) => v === 0)).toBe(true);
  });

  it('passes the gradient through the kept elements only', () => {
    manualSeed(0);
    const x = ones([20], { dtype: 'float64', requiresGrad: true });
    new Dropout(0.5).forward(x).sum().backward();
    expect(values(x.grad!)).toEqual(keep05.map((k) => 2 * k));
  });

  it.each([-0.1, 1.5, NaN])('rejects p = %s', (p) => {
    expect(() => new Dropout(p)).toThrow(new RangeError(`dropout probability has to be between 0 and 1, but got ${p}`));
  });
});

describe('Flatten and Identity', () => {
  it('flattens from dim 1 by default, or a chosen range', () => {
    expect(new Flatten().forward(zeros([2, 3, 4])).shape).toEqual([2, 12]);
    expect(new Flatten(0, 1).forward(zeros([2, 3, 4])).shape).toEqual([6, 4]);
  });

  it('returns the input itself', () => {
    const x = randn([2]);
    expect(new Identity().forward(x)).toBe(x);
  });
});

describe('containers', () => {
  it('Sequential applies its modules in order (hand-worked)', () => {
    const first = new Linear(1, 1, { dtype: 'float64' });
    first.loadStateDict({ weight: tensor([[-2]], { dtype: 'float64' }), bias: tensor([1], { dtype: 'float64' }) });
    // relu(−2·3 + 1) = relu(−5) = 0; relu(−2·(−1) + 1) = 3
    expect(values(new Sequential(first, new ReLU()).forward(tensor([[3], [-1]], { dtype: 'float64' })))).toEqual([0, 3]);
  });

  it('Sequential and ModuleList index, append, insert and pop like Python lists', () => {
    const list = new ModuleList([new ReLU(), new Tanh()]);
    list.append(new Identity()).insert(0, new Linear(1, 1));
    expect(list.children().map((m) => m.constructor.name)).toEqual(['Linear', 'ReLU', 'Tanh', 'Identity']);
    expect(list.at(-1)).toBeInstanceOf(Identity);
    expect(list.pop(1)).toBeInstanceOf(ReLU);
    expect(list.length).toBe(3);
    expect(list.namedChildren().map(([name]) => name)).toEqual(['0', '1', '2']);
    expect(() => list.at(3)).toThrow(new RangeError('index 3 is out of range'));
    expect(() => list.append({} as ReLU)).toThrow(new TypeError('Object is not a Module subclass'));
    const seq = new Sequential(new Linear(2, 2));
    seq.set(0, new Tanh());
    expect(seq.at(0)).toBeInstanceOf(Tanh);
  });

  it('ModuleDict keeps insertion order, numeric-looking keys included', () => {
    const dict = new ModuleDict({ b: new ReLU() });
    dict.set('10', new Linear(1, 1));
    dict.set('a', new Tanh());
    expect(dict.keys()).toEqual(['b', '10', 'a']);
    expect(dict.namedParameters().map(([name]) => name)).toEqual(['10.weight', '10.bias']);
    expect(dict.pop('b')).toBeInstanceOf(ReLU);
    expect(dict.has('b')).toBe(false);
    expect(() => dict.get('b')).toThrow(new Error("ModuleDict: no module named 'b'"));
    expect(() => dict.set('x.y', new ReLU())).toThrow(new Error('module name can\'t contain "." or be empty, got "x.y"'));
  });
});

describe('the tutorial network', () => {
  it('Sequential(Linear(4, 8), Tanh(), Linear(8, 1)) matches its float64 formula', () => {
    const model = new Sequential(new Linear(4, 8), new Tanh(), new Linear(8, 1)).to('float64');
    const x = randn([5, 4], { dtype: 'float64' });
    const sd = model.stateDict();
    const w1 = sd['0.weight']!.tolist() as number[][];
    const b1 = sd['0.bias']!.tolist() as number[];
    const w2 = sd['2.weight']!.tolist() as number[][];
    const b2 = sd['2.bias']!.tolist() as number[];
    const want = (x.tolist() as number[][]).map((row) => {
      const hidden = w1.map((w, j) => Math.tanh(w.reduce((s, wk, k) => s + wk * row[k]!, b1[j]!)));
      return hidden.reduce((s, h, j) => s + h * w2[0]![j]!, b2[0]!);
    });
    expect(compareClose(values(model.forward(x)), want, { rtol: 1e-12, atol: 1e-14 })).toBeNull();
  });
});
