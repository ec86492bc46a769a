import { expectAllClose, loadGolden } from '@descent/fixtures';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChapterOutput } from './chapter';
import { racePath, RACE_OPTIMIZERS } from './optimizer-race';
import { optimizersChapter } from './optimizers-chapter';
import { SURFACES } from './surfaces';

const golden = loadGolden('seed_examples').examples.two_steps;
const [bowl, saddle] = SURFACES;

describe('optimizersChapter', () => {
  let out: ChapterOutput;
  beforeAll(async () => {
    out = await optimizersChapter.run({ lang: 'en', seed: 0 });
  });

  it.each(Object.keys(golden).map((k) => [k]))(
    "prints the tutorial's two steps of %s verbatim",
    (name) => {
      const printout = out.printouts.find((p) => p.title === name);
      expect(printout?.text.split('\n')).toEqual(golden[name]?.map((row) => row.line));
    },
  );

  it('reports the saddle run: plain SGD stalls near the saddle, momentum reaches a minimum (f = −1/4)', () => {
    const { saddle } = out.results as { saddle: { sgdFinal: number; momentumFinal: number } };
    expect(Math.abs(saddle.sgdFinal)).toBeLessThan(0.01);
    expect(saddle.momentumFinal).toBeCloseTo(-0.25, 3);
  });

  it('trains the digits MLP with each optimizer past 90% test accuracy, the loss falling', () => {
    const { digits } = out.results as {
      digits: { optimizer: string; finalLoss: number; testAccuracy: number }[];
    };
    expect(digits.map((d) => d.optimizer)).toEqual([
      'SGD',
      'Momentum',
      'AdaGrad',
      'RMSprop',
      'Adam',
    ]);
    // ln 10 ≈ 2.30 is the loss of a uniform guess over 10 classes.
    for (const d of digits) {
      expect(d.testAccuracy).toBeGreaterThanOrEqual(0.9);
      expect(d.finalLoss).toBeLessThan(Math.log(10) / 4);
    }
  });

  it('draws the race on the bowl, the saddle and the Rosenbrock valley, and the digits curves', () => {
    expect(out.figures.map((f) => f.id)).toEqual([
      'ch4-race-bowl',
      'ch4-race-saddle',
      'ch4-race-rosenbrock',
      'ch4-digits-loss',
      'ch4-digits-accuracy',
    ]);
  });
});

describe('racePath', () => {
  it('takes the hand-worked first SGD step on the bowl', () => {
    // f = x²/10 + 2y² at (−4.5, 1.8): ∇f = (x/5, 4y) = (−0.9, 7.2); lr 0.1 → (−4.41, 1.08).
    const p = racePath(bowl!, 'SGD', { lr: 0.1, steps: 1 });
    expectAllClose([p.points[1]!.x, p.points[1]!.y], [-4.41, 1.08], { rtol: 1e-12, atol: 1e-12 });
  });

  it("moves every coordinate by about lr in Adam's first step (m̂/√v̂ = sign g)", () => {
    const p = racePath(bowl!, 'Adam', { lr: 0.2, steps: 1 });
    expectAllClose([p.points[1]!.x, p.points[1]!.y], [-4.3, 1.6], { rtol: 0, atol: 1e-6 });
  });

  it.each(RACE_OPTIMIZERS.map((n) => [n]))(
    '%s ends lower than it started on every surface',
    (name) => {
      for (const s of SURFACES) {
        const p = racePath(s, name);
        expect(p.points[p.points.length - 1]!.f).toBeLessThan(p.points[0]!.f);
      }
    },
  );

  it('makes the first SGD step on the saddle by hand: ∇f(1, 0.001) = (2, 0.001³ − 0.001)', () => {
    const p = racePath(saddle!, 'SGD', { lr: 0.01, steps: 1 });
    const want = [1 - 0.01 * 2, 0.001 - 0.01 * (0.001 ** 3 - 0.001)];
    expectAllClose([p.points[1]!.x, p.points[1]!.y], want, { rtol: 1e-12, atol: 1e-15 });
  });
});
