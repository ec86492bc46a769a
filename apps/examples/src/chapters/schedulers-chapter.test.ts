import { expectAllClose, loadGolden } from '@descent/fixtures';
import { describe, expect, it } from 'vitest';
import type { ChapterOutput } from './chapter';
import { SCHEDULERS, simulateSchedule } from './scheduler-catalogue';
import { schedulersChapter } from './schedulers-chapter';

const cases = loadGolden('schedulers').cases;

describe('schedulersChapter', () => {
  const out = schedulersChapter.run({ lang: 'en', seed: 0 }) as ChapterOutput;
  const tutorial = (out.results as { tutorial: Record<string, number[]> }).tutorial;

  it.each([
    ['StepLR', 'seed_steplr'],
    ['MultiStepLR', 'seed_multisteplr'],
    ['ExponentialLR', 'seed_exponentiallr'],
  ])("draws %s over 200 epochs as PyTorch's %s", (name, golden) => {
    const c = cases.find((x) => x.name === golden);
    const want = (c?.lrs ?? []).map((row) => row[0] as number);
    expect(want).toHaveLength(201);
    expectAllClose(tutorial[name] ?? [], want, { rtol: 1e-10, atol: 1e-12 });
  });

  it.each(SCHEDULERS.map((e) => [e.name]))('%s yields 201 finite, positive lrs', (name) => {
    const entry = SCHEDULERS.find((e) => e.name === name);
    const { lrs } = simulateSchedule(entry!);
    expect(lrs).toHaveLength(201);
    expect(lrs.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
  });

  // Closed forms from lr₀ = 0.1 with the catalogue's defaults, written independently here.
  it.each([
    ['CosineAnnealingLR', 50, 0.001], // η_min at t = tMax = 50
    ['CosineAnnealingLR', 25, 0.001 + ((0.1 - 0.001) * (1 + Math.cos(Math.PI / 2))) / 2],
    ['InverseTimeLR (1/t)', 100, 0.1 / (1 + 0.05 * 100)],
    ['LambdaLR (base^epoch)', 100, 0.1 * 0.98 ** 100],
    ['PolynomialLR', 75, 0.1 * (1 - 75 / 150) ** 2],
    ['PolynomialLR', 150, 0],
    ['MultiplicativeLR', 10, 0.1 * 0.98 ** 10],
    ['ConstantLR', 49, 0.1 / 3],
    ['ConstantLR', 50, 0.1],
  ] as const)('%s at epoch %i gives the closed form', (name, epoch, want) => {
    const { lrs } = simulateSchedule(SCHEDULERS.find((e) => e.name === name)!);
    expectAllClose(lrs[epoch] ?? NaN, want, { rtol: 1e-10, atol: 1e-12 });
  });

  it('draws the tutorial figure and the grid of the others', () => {
    expect(out.figures.map((f) => f.id)).toEqual(['ch6-tutorial-schedules', 'ch6-scheduler-grid']);
  });
});
