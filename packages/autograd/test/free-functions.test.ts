import { freeFunctionNames } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index';
import { Tensor, tensor } from '../src/index';

// @descent/autograd re-exports every free function of @descent/tensor's one list, bound to the
// autograd Tensor's methods (so they record gradients).
const exported = api as unknown as Record<string, unknown>;

describe('autograd free functions', () => {
  it('exports every name of the list, each a method of the autograd Tensor', () => {
    expect(freeFunctionNames.filter((name) => typeof exported[name] !== 'function')).toEqual([]);
    const proto = Tensor.prototype as unknown as Record<string, unknown>;
    expect(freeFunctionNames.filter((name) => typeof proto[name] !== 'function')).toEqual([]);
  });

  it.each([...freeFunctionNames, 'max', 'min'])('%s(x, ...args) calls x.%s(...args) and returns its result', (name) => {
    const fn = exported[name] as (input: unknown, ...args: unknown[]) => unknown;
    const calls: [string, unknown[]][] = [];
    const result = {};
    const input = new Proxy({}, { get: (_target, key) => (...args: unknown[]) => (calls.push([String(key), args]), result) });
    const args = name === 'max' || name === 'min' ? [0, false] : [2, { d: 1 }];
    expect(fn(input, ...args)).toBe(result);
    expect(calls).toEqual([[name, args]]);
  });

  it('records the gradient: d/dx sum(exp(x²)) = 2x·exp(x²) (torch.sum(torch.exp(torch.pow(x, 2))))', () => {
    const x = tensor([0.5, -1, 1.5], { dtype: 'float64', requiresGrad: true });
    api.sum(api.exp(api.pow(x, 2))).backward();
    const want = [0.5, -1, 1.5].map((v) => 2 * v * Math.exp(v * v));
    Array.from(x.grad!.toTypedArray()).forEach((g, i) => expect(g).toBeCloseTo(want[i]!, 12));
    expect(api.exp(x)).toBeInstanceOf(Tensor);
  });
});
