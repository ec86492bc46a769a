import { Tensor, tensor } from '@descent/autograd';
import { wasmKernels } from '@descent/tensor';
import { describe, expect, it, vi } from 'vitest';
import { FUSED_THRESHOLD } from '../src/fused';
import {
  ASGD,
  Adadelta,
  Adagrad,
  Adam,
  AdamW,
  Adamax,
  Lion,
  NAdam,
  RAdam,
  RMSprop,
  Rprop,
  SGD,
} from '../src/index';
import type { OptimizerLike } from '../src/index';

const OPTIMIZERS = [
  ['SGD', (p: Tensor) => new SGD([p], { lr: 0.1, momentum: 0.9, nesterov: true })],
  ['Adagrad', (p: Tensor) => new Adagrad([p])],
  ['RMSprop', (p: Tensor) => new RMSprop([p], { centered: true, momentum: 0.5 })],
  ['Adam', (p: Tensor) => new Adam([p], { amsgrad: true })],
  ['AdamW', (p: Tensor) => new AdamW([p])],
  ['Adamax', (p: Tensor) => new Adamax([p])],
  ['NAdam', (p: Tensor) => new NAdam([p])],
  ['RAdam', (p: Tensor) => new RAdam([p])],
  ['Adadelta', (p: Tensor) => new Adadelta([p])],
  ['Rprop', (p: Tensor) => new Rprop([p])],
  ['ASGD', (p: Tensor) => new ASGD([p], { t0: 1 })],
  ['Lion', (p: Tensor) => new Lion([p])],
] as const;

describe('updates are in place', () => {
  it.each(OPTIMIZERS)(
    '%s keeps the parameter storage and reuses its state tensors after the first step',
    (_n, make) => {
      const p = tensor([0.5, -1, 2, 0.25], { requiresGrad: true });
      const storage = p.storage.data;
      const opt: OptimizerLike = make(p);
      const stateTensors = (): Tensor[] =>
        Object.values(opt.state.get(p) ?? {}).filter(
          (v): v is Tensor => typeof v === 'object' && v !== null,
        );
      p.grad = tensor([0.1, -0.2, 0.3, 0.4]);
      opt.step();
      const first = stateTensors();
      const buffers = first.map((t) => t.storage.data);
      const before = [...(p.toTypedArray() as Float32Array)];
      for (const g of [
        [-0.3, 0.2, 0.1, 0.5],
        [0.7, 0.1, -0.4, 0.2],
      ]) {
        p.grad = tensor(g);
        opt.step();
      }
      expect(p.storage.data).toBe(storage);
      expect([...(p.toTypedArray() as Float32Array)]).not.toEqual(before); // it did move
      const later = stateTensors();
      expect(later).toHaveLength(first.length);
      later.forEach((t, i) => {
        expect(t).toBe(first[i]);
        expect(t.storage.data).toBe(buffers[i]);
      });
    },
  );
});

describe('a step allocates nothing after the first', () => {
  // Counted: every tensor an op builds (`_make`, and the `.data` getter), typed-array copies and
  // views made through the prototype (`slice`, `subarray`, `map`, `filter`), zero tensors from the
  // factory, and WebAssembly state buffers. Small JS objects (closures, option records) are not.
  const typedArrayProto = Object.getPrototypeOf(Float32Array.prototype) as Record<string, unknown>;
  function countAllocations(fn: () => void): number {
    const spies: { mock: { calls: unknown[] }; mockRestore(): void }[] = [
      vi.spyOn(Tensor.prototype, '_make'),
      vi.spyOn(Tensor.prototype, 'data', 'get'),
      ...(['slice', 'subarray', 'map', 'filter'] as const).map((m) =>
        vi.spyOn(typedArrayProto as unknown as Float32Array, m),
      ),
    ];
    const k = wasmKernels();
    if (k) spies.push(vi.spyOn(k, 'alloc'));
    try {
      fn();
      return spies.reduce((n, s) => n + s.mock.calls.length, 0);
    } finally {
      spies.forEach((s) => s.mockRestore());
    }
  }

  it('counts what it is meant to count', () => {
    const t = tensor([1, 2, 3, 4], { requiresGrad: true });
    const data = t.storage.data;
    expect(countAllocations(() => t.add(1))).toBeGreaterThan(0);
    expect(countAllocations(() => t.data)).toBe(1);
    expect(countAllocations(() => data.subarray(1, 3))).toBe(1);
    expect(countAllocations(() => data.slice())).toBe(1);
  });

  it.each(
    OPTIMIZERS.flatMap(([name, make]) =>
      (
        [
          ['float64', 4],
          ['float32', 4],
          ['float32', FUSED_THRESHOLD + 3],
        ] as const
      ).map(([dtype, n]) => [name, dtype, n, make] as const),
    ),
  )('%s on %s × %i', (_n, dtype, n, make) => {
    const p = tensor(
      Array.from({ length: n }, (_, i) => Math.sin(i + 1)),
      { dtype, requiresGrad: true },
    );
    // A strided view of one storage for the gradient would need a copy; a plain one must not.
    const grads = [0.1, -0.3, 0.7].map((s) =>
      tensor(
        Array.from({ length: n }, (_, i) => s * Math.cos(i)),
        { dtype },
      ),
    );
    const opt: OptimizerLike = make(p);
    p.grad = grads[0] as Tensor;
    opt.step(); // creates the state
    const before = Array.from(p.toTypedArray());
    const calls = countAllocations(() => {
      for (const g of grads) {
        p.grad = g;
        opt.step();
      }
    });
    expect(calls).toBe(0);
    expect(Array.from(p.toTypedArray())).not.toEqual(before);
  });
});
