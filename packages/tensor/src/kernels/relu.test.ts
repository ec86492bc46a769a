import { describe, expect, it } from 'vitest';
import { tensor } from '../creation';
import { reluBackward, reluForward } from './relu';
import { setWasmDispatch } from './wasm-dispatch';

// Expected values are written out from the definition (PyTorch's relu keeps NaN; its
// threshold_backward passes the gradient where the output is > 0), independently of the loops.
describe('reluForward / reluBackward', () => {
  const input = [-2, -0, 0, 0.5, 3, NaN, -Infinity, Infinity];
  const expectedOut = [0, 0, 0, 0.5, 3, NaN, 0, Infinity];

  it.each(['float32', 'float64'] as const)('forward keeps positives and NaN, zeroes the rest (%s)', (dtype) => {
    const out = reluForward(tensor(input, { dtype }));
    expect(out?.dtype).toBe(dtype);
    expect(Array.from(out?.storage.data ?? [])).toEqual(expectedOut);
    // -0 becomes +0 (as torch.relu(-0.) prints 0.).
    expect(Object.is(out?.storage.data[1], 0)).toBe(true);
  });

  it('forward reads non-contiguous and offset views in logical order', () => {
    const x = tensor([1, -1, 2, -2, 3, -3], { dtype: 'float32' }).reshape([2, 3]).t().narrow(0, 1, 2);
    // x = [[-1, 3], [2, -3]]
    const out = reluForward(x);
    expect(out?.shape).toEqual([2, 2]);
    expect(Array.from(out?.storage.data ?? [])).toEqual([0, 3, 2, 0]);
  });

  it('forward leaves int32 and bool to the generic op', () => {
    expect(reluForward(tensor([1, -1], { dtype: 'int32' }))).toBeNull();
    expect(reluForward(tensor([true, false]))).toBeNull();
  });

  it.each(['float32', 'float64'] as const)('backward passes the gradient only where the output is positive (%s)', (dtype) => {
    const out = tensor(expectedOut, { dtype });
    const g = tensor([1, 2, 3, 4, 5, 6, 7, 8], { dtype });
    const gx = reluBackward(g, out);
    expect(Array.from(gx?.storage.data ?? [])).toEqual([0, 0, 0, 4, 5, 0, 0, 8]);
    expect(gx?.shape).toEqual([8]);
  });

  it('backward reads a transposed gradient in logical order', () => {
    const out = tensor([[1, 0], [0, 2]], { dtype: 'float64' });
    const g = tensor([[10, 20], [30, 40]], { dtype: 'float64' }).t(); // [[10, 30], [20, 40]]
    expect(Array.from(reluBackward(g, out)?.storage.data ?? [])).toEqual([10, 0, 0, 40]);
  });

  it('backward declines mixed dtypes and shapes', () => {
    const out = tensor([1, 2], { dtype: 'float32' });
    expect(reluBackward(tensor([1, 2], { dtype: 'float64' }), out)).toBeNull();
    expect(reluBackward(tensor([[1, 2]], { dtype: 'float32' }), out)).toBeNull();
  });
});

// Above the wasm threshold the SIMD kernels (assembly/relu.ts) run; they must select exactly as
// the TypeScript loops do, special values included, in the vector body and the scalar tail.
describe('reluForward / reluBackward on the wasm kernels', () => {
  const n = 4096 + 3;
  const special = [-2, -0, 0, 0.5, 3, NaN, -Infinity, Infinity, 1e-45, -1e-45];
  const input = Array.from({ length: n }, (_, i) => (i % 7 === 0 ? (special[(i / 7) % special.length] as number) : Math.sin(i * 0.9) * 3));

  it.each(['float32', 'float64'] as const)('forward and backward match the TypeScript loops (%s)', (dtype) => {
    const x = tensor(input, { dtype });
    const g = tensor(input.map((_, i) => Math.cos(i * 0.3)), { dtype });
    setWasmDispatch(false);
    const outTs = reluForward(x);
    const gxTs = reluBackward(g, x);
    setWasmDispatch(true);
    const out = reluForward(x);
    const gx = reluBackward(g, x);
    expect(Array.from(out?.storage.data ?? []).map((v) => Object.is(v, -0) ? 'neg0' : v)).toEqual(Array.from(outTs?.storage.data ?? []).map((v) => Object.is(v, -0) ? 'neg0' : v));
    expect(Array.from(gx?.storage.data ?? [])).toEqual(Array.from(gxTs?.storage.data ?? []));
    // Spot checks from the definition: NaN kept, -0 and negatives zeroed, gradient where x > 0.
    expect(out?.storage.data[35]).toBeNaN();
    expect(out?.storage.data[7]).toBe(0);
    expect(gx?.storage.data[28]).toBe(g.storage.data[28]);
    expect(gx?.storage.data[7]).toBe(0);
  });
});
