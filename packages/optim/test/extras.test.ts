import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { compareClose, loadGolden } from '@descent/fixtures';
import { describe, expect, it } from 'vitest';
import { AveragedModel, ExponentialMovingAverage, Lion, SGD, SWALR } from '../src/index';

describe('Lion', () => {
  it('follows a hand-written float64 reference of the paper’s update', () => {
    const lr = 0.01;
    const [b1, b2] = [0.9, 0.99];
    const wd = 0.1;
    const grads = [
      [0.5, -2],
      [-0.1, -0.3],
      [0.2, 0.4],
      [0, 1],
    ];
    const w = tensor([1, -1], { dtype: 'float64', requiresGrad: true });
    const opt = new Lion([w], { lr, betas: [b1, b2], weightDecay: wd });
    let theta = [1, -1];
    let m = [0, 0];
    for (const g of grads) {
      theta = theta.map(
        (t, i) =>
          t * (1 - lr * wd) - lr * Math.sign(b1 * (m[i] as number) + (1 - b1) * (g[i] as number)),
      );
      m = m.map((v, i) => b2 * v + (1 - b2) * (g[i] as number));
      w.grad = tensor(g, { dtype: 'float64' });
      opt.step();
      (w.tolist() as number[]).forEach((v, i) => expect(v).toBeCloseTo(theta[i] as number, 15));
    }
  });
});

describe('ExponentialMovingAverage', () => {
  it('starts from the first value (the tutorial) or from zero with bias correction (Adam)', () => {
    expect(ExponentialMovingAverage.of([10, 20, 30], 0.9)).toEqual(
      [10, 11, 12.9].map((v) => expect.closeTo(v, 12) as number),
    );
    // Zero start: S1 = 0.1·10 = 1, corrected 1/0.1 = 10; S2 = 0.9 + 2 = 2.9, corrected 2.9/0.19.
    const z = ExponentialMovingAverage.of([10, 20], 0.9, { start: 'zero' });
    expect(z[0]).toBeCloseTo(10, 12);
    expect(z[1]).toBeCloseTo(2.9 / 0.19, 12);
  });
});

describe('ExponentialMovingAverage on the tutorial temperature series', () => {
  const ewa = loadGolden('seed_examples').examples.ewa_temperature;
  it.each(ewa.betas)('matches PyTorch’s float64 average for β = %s', (beta) => {
    const want = ewa.ewaFloat64[String(beta)] as number[];
    const got = ExponentialMovingAverage.of(ewa.series, beta);
    expect(compareClose(got, want, { rtol: 1e-12, atol: 1e-12 })).toBeNull();
  });
});

describe('AveragedModel and SWALR', () => {
  const modelOf = (p: Tensor) => ({ parameters: () => [p] });

  it('averages parameters equally (SWA) or exponentially (EMA)', () => {
    const p = tensor([0, 0], { dtype: 'float64', requiresGrad: true });
    const swa = new AveragedModel(modelOf(p));
    const ema = new AveragedModel(modelOf(p), { mode: 'ema', decay: 0.5 });
    const seen = [
      [1, 2],
      [3, 4],
      [5, 9],
    ];
    for (const v of seen) {
      p.data.copy_(tensor(v, { dtype: 'float64' }));
      swa.updateParameters(modelOf(p));
      ema.updateParameters(modelOf(p));
    }
    expect(swa.averaged[0]?.tolist()).toEqual([3, 5]); // plain means
    // EMA: copy [1,2]; then 0.5·[1,2] + 0.5·[3,4] = [2,3]; then 0.5·[2,3] + 0.5·[5,9] = [3.5, 6]
    expect(ema.averaged[0]?.tolist()).toEqual([3.5, 6]);
  });

  it('anneals the learning rate to swaLr with a cosine', () => {
    const opt = new SGD([tensor([1], { requiresGrad: true })], { lr: 0.1 });
    const s = new SWALR(opt, { swaLr: 0.02, annealEpochs: 4 });
    const lrs = [1, 2, 3, 4, 5].map(() => (s.step(), s.getLastLr()[0] as number));
    const want = [1, 2, 3, 4, 4].map((t) => {
      const a = (1 - Math.cos((Math.PI * t) / 4)) / 2;
      return 0.02 * a + 0.1 * (1 - a);
    });
    lrs.forEach((v, i) => expect(v).toBeCloseTo(want[i] as number, 14));
  });
});
