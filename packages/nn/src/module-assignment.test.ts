/**
 * Attribute assignment on modules, as torch 1.13's `Module.__setattr__` answers it (messages from
 * torch with its type names in ours: `int` → `number`, `torch.FloatTensor` → `Tensor`):
 *   lin.weight = 5               TypeError cannot assign 'int' as parameter 'weight' (torch.nn.Parameter or None expected)
 *   lin.weight = torch.zeros(…)  TypeError cannot assign 'torch.FloatTensor' as parameter 'weight' (…)
 *   lin.bias = None              ok, state_dict keys ['weight']
 *   n.fc = 5                     TypeError cannot assign 'int' as child module 'fc' (torch.nn.Module or None expected)
 *   n.rm = 5                     TypeError cannot assign 'int' as buffer 'rm' (torch.Tensor or None expected)
 *   n.w = Parameter(…)           ok, state_dict keys ['w', 'rm']
 */
import { ones, tensor, zeros } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
import { Linear, Module, Parameter, Tanh } from './index';

class Net extends Module {
  fc = new Linear(2, 2);
  constructor() {
    super();
    this.registerBuffer('rm', zeros([2]));
  }
}

const assign = (target: object, name: string, value: unknown): void => {
  (target as Record<string, unknown>)[name] = value;
};

describe('assigning to a registered name', () => {
  it('refuses a number for a Linear weight (issue #25) and keeps the parameter', () => {
    const lin = new Linear(2, 3);
    const weight = lin.weight;
    expect(() => assign(lin, 'weight', 5)).toThrow(new TypeError("cannot assign 'number' as parameter 'weight' (Parameter or null expected)"));
    expect(lin.weight).toBe(weight);
    expect(Object.keys(lin.stateDict())).toEqual(['weight', 'bias']);
  });

  it.each<[string, unknown, string]>([
    ['a plain tensor', zeros([3, 2]), "cannot assign 'Tensor' as parameter 'weight' (Parameter or null expected)"],
    ['a string', 'w', "cannot assign 'string' as parameter 'weight' (Parameter or null expected)"],
    ['undefined', undefined, "cannot assign 'undefined' as parameter 'weight' (Parameter or null expected)"],
    ['an array', [1, 2], "cannot assign 'Array' as parameter 'weight' (Parameter or null expected)"],
  ])('refuses %s for a parameter', (_label, value, message) => {
    const lin = new Linear(2, 3);
    expect(() => assign(lin, 'weight', value)).toThrow(new TypeError(message));
  });

  it('accepts null (the parameter leaves the state dict) and then refuses a number', () => {
    const lin = new Linear(2, 3);
    lin.bias = null;
    expect(Object.keys(lin.stateDict())).toEqual(['weight']);
    expect(() => assign(lin, 'bias', 5)).toThrow(new TypeError("cannot assign 'number' as parameter 'bias' (Parameter or null expected)"));
  });

  it('guards an absent bias too (registered as null, as PyTorch registers None)', () => {
    expect(() => assign(new Linear(2, 3, { bias: false }), 'bias', 1)).toThrow(TypeError);
  });

  it('a new Parameter replaces and registers', () => {
    const lin = new Linear(2, 3);
    const p = new Parameter(ones([3, 2]));
    lin.weight = p;
    expect(lin.parameters()[0]).toBe(p);
    expect(lin.stateDict().weight?.tolist()).toEqual([[1, 1], [1, 1], [1, 1]]);
  });

  it('refuses a number for a submodule and a buffer; null is fine for a submodule', () => {
    const n = new Net();
    n.parameters(); // class fields are registered by the first traversal
    expect(() => assign(n, 'fc', 5)).toThrow(new TypeError("cannot assign 'number' as child module 'fc' (Module or null expected)"));
    expect(() => assign(n, 'rm', 5)).toThrow(new TypeError("cannot assign 'number' as buffer 'rm' (Tensor or null expected)"));
    expect(() => assign(n, 'rm', [1])).toThrow(new TypeError("cannot assign 'Array' as buffer 'rm' (Tensor or null expected)"));
    expect(Object.keys(n.stateDict())).toEqual(['rm', 'fc.weight', 'fc.bias']);
    assign(n, 'fc', null);
    expect(Object.keys(n.stateDict())).toEqual(['rm']);
    n.fc = new Linear(2, 2);
    expect(Object.keys(n.stateDict())).toEqual(['rm', 'fc.weight', 'fc.bias']);
  });

  it('a Parameter assigned to a new name registers it (own parameters, own buffers, then children, as torch)', () => {
    const n = new Net();
    assign(n, 'w', new Parameter(zeros([1])));
    expect(Object.keys(n.stateDict())).toEqual(['w', 'rm', 'fc.weight', 'fc.bias']);
    expect(() => assign(n, 'w', tensor([1]))).toThrow(new TypeError("cannot assign 'Tensor' as parameter 'w' (Parameter or null expected)"));
  });

  it('a module may take a Parameter where it had a submodule, as in PyTorch', () => {
    const n = new Net();
    n.parameters();
    assign(n, 'fc', new Parameter(zeros([1])));
    expect(Object.keys(n.stateDict())).toEqual(['fc', 'rm']);
  });

  it('other attributes stay plain', () => {
    const m = new Module();
    assign(m, 'note', 'anything');
    assign(m, 'note', 5);
    assign(m, 'act', new Tanh());
    expect((m as unknown as { note: number }).note).toBe(5);
  });
});
