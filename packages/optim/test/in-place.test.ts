import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
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

describe('updates are in place', () => {
  it.each([
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
  ] as const)(
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
