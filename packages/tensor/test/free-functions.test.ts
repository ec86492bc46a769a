import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index';
import { Tensor, freeFunctionNames, tensor } from '../src/index';

// The free functions are generated from one list (src/free-function-names.ts) by
// scripts/gen-free-functions.mjs; each must exist, be the method of the same name, and the files
// must be what the generator writes now.
const exported = api as unknown as Record<string, unknown>;

describe('free functions generated from one list', () => {
  it('the generated files of tensor and autograd are up to date', () => {
    const script = fileURLToPath(new URL('../scripts/gen-free-functions.mjs', import.meta.url));
    expect(() => execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it('lists each name once, and each is a Tensor method', () => {
    expect(new Set(freeFunctionNames).size).toBe(freeFunctionNames.length);
    const proto = Tensor.prototype as unknown as Record<string, unknown>;
    expect(freeFunctionNames.filter((name) => typeof proto[name] !== 'function')).toEqual([]);
  });

  it.each([...freeFunctionNames, 'max', 'min'])('%s(x, ...args) calls x.%s(...args) and returns its result', (name) => {
    const fn = exported[name] as (input: unknown, ...args: unknown[]) => unknown;
    expect(typeof fn).toBe('function');
    const calls: [string, unknown[], boolean][] = [];
    const result = {};
    // A stand-in that records which method the free function calls, with which receiver and arguments.
    const input: object = new Proxy({}, {
      get: (_target, key) => function (this: unknown, ...args: unknown[]) {
        calls.push([String(key), args, this === input]);
        return result;
      },
    });
    const args = name === 'max' || name === 'min' ? [1, true] : [1, 'b', { c: 2 }];
    expect(fn(input, ...args)).toBe(result);
    expect(calls).toEqual([[name, args, true]]);
  });

  it('gives PyTorch 1.13 values (torch.exp, torch.pow, torch.sum, torch.matmul)', () => {
    const x = tensor([[1, 2], [3, 4]]);
    expect(Array.from(api.exp(tensor([0, 1])).toTypedArray())).toEqual([1, 2.7182817459106445]);
    expect(Array.from(api.pow(tensor([1.5, -2]), 2).toTypedArray())).toEqual([2.25, 4]);
    expect(Array.from(api.sum(x, 1).toTypedArray())).toEqual([3, 7]);
    expect(Array.from(api.matmul(x, x).toTypedArray())).toEqual([7, 10, 15, 22]);
    expect(api.numel(x)).toBe(4);
  });

  it('refuses a first argument that is not a tensor, as torch', () => {
    expect(() => api.exp(2 as unknown as Tensor)).toThrow(new TypeError("exp(): argument 'input' (position 1) must be Tensor, not number"));
  });
});
