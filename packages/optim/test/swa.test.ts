import { readFileSync } from 'node:fs';
import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { compareClose } from '@descent/fixtures';
import { describe, expect, it } from 'vitest';
import { AveragedModel, SGD, SWALR } from '../src/index';

// Written by reference/gen_swa.py with PyTorch 1.13 (torch.optim.swa_utils).
interface SwalrCase {
  annealStrategy: 'cos' | 'linear';
  annealEpochs: number;
  swaLr: number | number[];
  lrs0: number[];
  lrs: number[][];
}
interface AveragedCase {
  dtype: 'float32' | 'float64';
  useBuffers: boolean;
  snapshots: [number[][], number[], number[]][];
  params: number[][];
  buffers: number[][];
  nAveraged: number;
}
const reference = JSON.parse(
  readFileSync(new URL('./reference/swa.json', import.meta.url), 'utf8'),
) as { swalr: SwalrCase[]; averaged: AveragedCase[] };
const TOL = { rtol: 1e-12, atol: 1e-15 };

function expectClose(
  got: ArrayLike<number>,
  want: ArrayLike<number>,
  tol: { rtol: number; atol: number },
): void {
  expect(compareClose(got, want, tol)).toBeNull();
}

describe('SWALR against PyTorch 1.13', () => {
  it.each(
    reference.swalr.map(
      (c) =>
        [
          `${c.annealStrategy} over ${c.annealEpochs}, swaLr ${JSON.stringify(c.swaLr)}`,
          c,
        ] as const,
    ),
  )('%s', (_name, c) => {
    const groups = c.lrs0.map((lr) => ({ params: [tensor([0], { requiresGrad: true })], lr }));
    const opt = new SGD(groups, { lr: c.lrs0[0] as number });
    const s = new SWALR(opt, {
      swaLr: c.swaLr,
      annealEpochs: c.annealEpochs,
      annealStrategy: c.annealStrategy,
    });
    const got = [opt.paramGroups.map((g) => g.lr)];
    for (let e = 1; e < c.lrs.length; e++) {
      opt.step();
      s.step();
      got.push(s.getLastLr());
    }
    expectClose(got.flat(), c.lrs.flat(), TOL);
  });

  it('continues identically after a stateDict round trip', () => {
    const make = () => {
      const opt = new SGD([tensor([0], { requiresGrad: true })], { lr: 0.1 });
      return { opt, s: new SWALR(opt, { swaLr: 0.01, annealEpochs: 5, annealStrategy: 'linear' }) };
    };
    const a = make();
    const b = make();
    a.s.step();
    a.s.step();
    b.s.step();
    b.s.step();
    const saved = a.s.stateDict();
    const c = make();
    c.opt.paramGroups[0]!.lr = a.opt.paramGroups[0]!.lr;
    c.s.loadStateDict(saved);
    for (let k = 0; k < 4; k++) {
      b.s.step();
      c.s.step();
      expect(c.s.getLastLr()).toEqual(b.s.getLastLr());
    }
  });

  it.each([
    [
      { swaLr: [0.1, 0.2] },
      'swa_lr must have the same length as optimizer.param_groups: swa_lr has 2, optimizer.param_groups has 1',
    ],
    [{ swaLr: 0.1, annealEpochs: -1 }, 'anneal_epochs must be equal or greater than 0, got -1'],
    [
      { swaLr: 0.1, annealStrategy: 'step' as 'cos' },
      "anneal_strategy must by one of 'cos' or 'linear', instead got step",
    ],
  ])('rejects %j', (options, message) => {
    const opt = new SGD([tensor([0], { requiresGrad: true })], { lr: 0.1 });
    expect(() => new SWALR(opt, options)).toThrow(new RangeError(message));
    expect(opt.paramGroups[0]!.lr).toBe(0.1);
  });
});

describe('AveragedModel against PyTorch 1.13', () => {
  it.each(reference.averaged.map((c) => [`${c.dtype}, useBuffers ${c.useBuffers}`, c] as const))(
    '%s',
    (_name, c) => {
      const [w0, b0, r0] = c.snapshots[0]!;
      const w = tensor(w0, { dtype: c.dtype, requiresGrad: true });
      const b = tensor(b0, { dtype: c.dtype, requiresGrad: true });
      const running = tensor(r0, { dtype: c.dtype });
      const model = { parameters: (): Tensor[] => [w, b], buffers: (): Tensor[] => [running] };
      const avg = new AveragedModel(model, { useBuffers: c.useBuffers });
      for (const [ws, bs, rs] of c.snapshots) {
        w.data.copy_(tensor(ws, { dtype: c.dtype }));
        b.data.copy_(tensor(bs, { dtype: c.dtype }));
        running.copy_(tensor(rs, { dtype: c.dtype }));
        avg.updateParameters(model);
      }
      const tol = c.dtype === 'float64' ? TOL : { rtol: 1e-6, atol: 1e-7 };
      expectClose(
        avg.averaged.flatMap((t) => [...t.toTypedArray()]),
        c.params.flat(),
        tol,
      );
      expectClose(
        avg.buffers.flatMap((t) => [...t.toTypedArray()]),
        c.buffers.flat(),
        tol,
      );
      expect(avg.numAveraged).toBe(c.nAveraged);
    },
  );

  it('copies the averaged weights into a model', () => {
    const w = tensor([1, 2], { dtype: 'float64', requiresGrad: true });
    const model = { parameters: () => [w] };
    const avg = new AveragedModel(model);
    avg.updateParameters(model);
    w.data.copy_(tensor([3, 6], { dtype: 'float64' }));
    avg.updateParameters(model);
    avg.copyTo(model);
    expect(w.tolist()).toEqual([2, 4]); // means of [1, 2] and [3, 6]
  });

  it.each(['swa', 'ema'] as const)(
    '%s resumes from a stateDict exactly as an uninterrupted average',
    (mode) => {
      const snapshots = [[1, 2], [3, 6], [-1, 0.5], [4, 4], [0.25, -2]];
      const w = tensor([0, 0], { dtype: 'float64', requiresGrad: true });
      const model = { parameters: () => [w] };
      const feed = (avg: AveragedModel, from: number, to: number): void => {
        for (const v of snapshots.slice(from, to)) {
          w.data.copy_(tensor(v, { dtype: 'float64' }));
          avg.updateParameters(model);
        }
      };
      const whole = new AveragedModel(model, { mode, decay: 0.7 });
      feed(whole, 0, 5);
      const first = new AveragedModel(model, { mode, decay: 0.7 });
      feed(first, 0, 2);
      const saved = first.stateDict();
      feed(first, 2, 3); // must not change `saved`
      const resumed = new AveragedModel(model, { mode, decay: 0.7 });
      resumed.loadStateDict(saved);
      feed(resumed, 2, 5);
      expect(resumed.numAveraged).toBe(5);
      expect(resumed.averaged[0]?.tolist()).toEqual(whole.averaged[0]?.tolist());
      // SWA: the mean of the five snapshots, worked out by hand.
      if (mode === 'swa') expect(whole.averaged[0]?.tolist()).toEqual([7.25 / 5, 10.5 / 5]);
    },
  );

  it('refuses a stateDict of another shape and keeps its average', () => {
    const w = tensor([1, 2], { dtype: 'float64', requiresGrad: true });
    const avg = new AveragedModel({ parameters: () => [w] });
    avg.updateParameters({ parameters: () => [w] });
    const other = new AveragedModel({ parameters: () => [tensor([1, 2, 3], { requiresGrad: true })] });
    expect(() => avg.loadStateDict(other.stateDict())).toThrow(
      new RangeError('AveragedModel.loadStateDict: parameters 0 has shape [3], expected [2]'),
    );
    expect(avg.numAveraged).toBe(1);
    expect(avg.averaged[0]?.tolist()).toEqual([1, 2]);
  });

  it('rejects a decay outside [0, 1]', () => {
    const model = { parameters: () => [tensor([1], { requiresGrad: true })] };
    expect(() => new AveragedModel(model, { mode: 'ema', decay: 1.5 })).toThrow(
      new RangeError('AveragedModel: decay must be in [0, 1], got 1.5'),
    );
  });
});
