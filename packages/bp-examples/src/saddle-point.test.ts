import { describe, expect, it } from 'vitest';
import { examplesGolden } from '../test/golden/examples';
import { formatSaddlePoint, saddlePointExample, saddleValue } from './saddle-point';
import type { Point } from './saddle-point';

const torchRun = examplesGolden.saddle;
const expectPathsClose = (got: readonly Point[], want: readonly [number, number][]): void => {
  expect(got).toHaveLength(want.length);
  got.forEach(([x, y], i) => {
    const [wx, wy] = want[i] as [number, number];
    if (!(Math.abs(x - wx) <= 1e-12 && Math.abs(y - wy) <= 1e-12)) throw new Error(`step ${i}: got (${x}, ${y}), PyTorch (${wx}, ${wy})`);
  });
};

describe('saddlePointExample', () => {
  const trace = saddlePointExample();
  const distanceToSaddle = ([x, y]: Point): number => Math.hypot(x, y);

  it('has a saddle at the origin and minima f = −1/4 at (0, ±1) (worked by hand)', () => {
    expect(saddleValue(0, 0)).toBe(0);
    expect(saddleValue(0, 1)).toBe(-0.25);
    expect(saddleValue(0.1, 0) > 0 && saddleValue(0, 0.1) < 0).toBe(true);
  });

  it("follows PyTorch 1.13's SGD and SGD(momentum=0.9) paths to 1e-12 (float64, test/golden/examples.json)", () => {
    expect([trace.start, trace.lr, trace.steps]).toEqual([torchRun.start, torchRun.lr, torchRun.steps]);
    expectPathsClose(trace.sgd.path, torchRun.sgd);
    expectPathsClose(trace.momentum.path, torchRun.momentum.path);
  });

  it('plain SGD follows the closed form near the saddle and stalls there', () => {
    // Near the saddle x ← (1 − 2·lr)·x exactly and y ← y·(1 + lr·(1 − y²)) ≈ 1.01·y.
    const last = trace.sgd.path[trace.steps] as Point;
    expect(last[0]).toBeCloseTo(0.98 ** 200, 12);
    expect(last[1]).toBeGreaterThan(0.001 * 1.01 ** 200 * 0.99);
    expect(last[1]).toBeLessThan(0.001 * 1.01 ** 200 * 1.01);
    // Stalled: within 0.02 of the saddle, never below its value by more than 1e-4, the last step < 5e-4 long.
    expect(distanceToSaddle(last)).toBeLessThan(0.02);
    expect(Math.min(...trace.sgd.values)).toBeGreaterThan(-1e-4);
    const before = trace.sgd.path[trace.steps - 1] as Point;
    expect(Math.hypot(last[0] - before[0], last[1] - before[1])).toBeLessThan(5e-4);
  });

  it('momentum carries through the saddle to the minimum at (0, 1)', () => {
    const [x, y] = trace.momentum.path[trace.steps] as Point;
    expect(Math.abs(x)).toBeLessThan(0.01);
    expect(Math.abs(y - 1)).toBeLessThan(0.01);
    expect(Math.abs((trace.momentum.values.at(-1) as number) + 0.25)).toBeLessThan(1e-4);
    // It leaves the saddle region (y > 0.5) within the 200 steps; plain SGD never does.
    const crossing = trace.momentum.path.findIndex(([, py]) => py > 0.5);
    expect(crossing).toBeGreaterThan(0);
    expect(crossing).toBeLessThan(150);
    expect(trace.sgd.path.every(([, py]) => py < 0.01)).toBe(true);
  });

  it.each([
    [{ steps: -1 }, 'saddlePointExample: steps must be a non-negative integer, got -1'],
    [{ lr: -1 }, 'Invalid learning rate: -1'],
    [{ momentum: -0.5 }, 'Invalid momentum value: -0.5'],
    [{ start: [Number.NaN, 0] as Point }, 'saddlePointExample: start must be two finite numbers, got [NaN, 0]'],
  ])('rejects %j', (options, message) => {
    expect(() => saddlePointExample(options)).toThrow(new RangeError(message));
  });
});

describe('formatSaddlePoint', () => {
  it('prints both paths side by side at the chosen steps', () => {
    // Two plain steps from (1, 0) at lr 0.25 by hand: x ← 0.5·x, y stays 0; f = x².
    // With momentum 0.5: b = 2, x = 0.5; then b = 0.5·2 + 1 = 2, x = 0.5 − 0.25·2 = 0.
    const text = formatSaddlePoint(saddlePointExample({ start: [1, 0], lr: 0.25, momentum: 0.5, steps: 2 }), { every: 1 });
    expect(text.split('\n')).toEqual([
      'f(x, y) = x² + y⁴/4 − y²/2 from (1, 0), lr = 0.25',
      '  step | SGD(lr=0.25)                      | SGD(lr=0.25, momentum=0.5)',
      '       |           x          y          f |           x          y          f',
      '     0 |    1.000000   0.000000   1.000000 |    1.000000   0.000000   1.000000',
      '     1 |    0.500000   0.000000   0.250000 |    0.500000   0.000000   0.250000',
      '     2 |    0.250000   0.000000   0.062500 |    0.000000   0.000000   0.000000',
    ]);
  });
});
