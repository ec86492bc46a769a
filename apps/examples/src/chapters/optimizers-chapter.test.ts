import { expectAllClose, loadGolden } from '@descent/fixtures';
import { describe, expect, it } from 'vitest';
import type { ChapterOutput } from './chapter';
import { racePath, RACE_OPTIMIZERS, TWO_STEP_RUNS, twoSteps } from './optimizer-race';
import { optimizersChapter } from './optimizers-chapter';
import { SURFACES } from './surfaces';

const golden = loadGolden('seed_examples').examples.two_steps;
const [bowl, saddle] = SURFACES;

describe('optimizersChapter', () => {
  const out = optimizersChapter.run({ lang: 'en', seed: 0 }) as ChapterOutput;

  it.each(TWO_STEP_RUNS.map((r) => [r.label]))(
    "prints the tutorial's two steps of %s verbatim",
    (name) => {
      const printout = out.printouts.find((p) => p.title === name);
      expect(printout?.text.split('\n')).toEqual(golden[name]?.map((row) => row.line));
    },
  );

  it.each(TWO_STEP_RUNS.map((r) => [r.label, r.make]))(
    '%s: grad and weight after each step match PyTorch (float32)',
    (name, make) => {
      const rows = twoSteps(make);
      const want = golden[name] ?? [];
      expectAllClose(
        rows.map((r) => r.grad),
        want.map((r) => r.grad),
        { rtol: 1e-6, atol: 0 },
      );
      expectAllClose(
        rows.map((r) => r.weight),
        want.map((r) => r.weight),
        { rtol: 1e-6, atol: 0 },
      );
    },
  );

  it('draws the race on the bowl, the saddle and the Rosenbrock valley', () => {
    expect(out.figures.map((f) => f.id)).toEqual([
      'ch4-race-bowl',
      'ch4-race-saddle',
      'ch4-race-rosenbrock',
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
    '%s escapes the saddle towards a minimum (f → −1 at y = ±√2)',
    (name) => {
      const p = racePath(saddle!, name);
      const last = p.points[p.points.length - 1]!;
      expect(last.f).toBeLessThan(-0.99);
      expect(Math.abs(Math.abs(last.y) - Math.SQRT2)).toBeLessThan(0.05);
    },
  );
});
