import { describe, expect, it } from 'vitest';
import { saddlePointExample, saddleValue } from './saddle-point';

describe('saddlePointExample', () => {
  const trace = saddlePointExample();

  it('has a saddle at the origin and minima f = −1/4 at (0, ±1) (worked by hand)', () => {
    expect(saddleValue(0, 0)).toBe(0);
    expect(saddleValue(0, 1)).toBe(-0.25);
    expect(saddleValue(0.1, 0) > 0 && saddleValue(0, 0.1) < 0).toBe(true);
  });

  it('plain SGD follows the closed form near the saddle and stalls there', () => {
    // Near the saddle y ← y·(1 + lr·(1 − y²)) ≈ y·(1 + lr); x ← x·(1 − 2·lr).
    const last = trace.sgd.path[trace.steps] as [number, number];
    expect(last[0]).toBeCloseTo(0.98 ** 200, 12);
    expect(last[1]).toBeGreaterThan(0.001 * 1.01 ** 200 * 0.99);
    expect(last[1]).toBeLessThan(0.001 * 1.01 ** 200 * 1.01);
    expect(trace.sgd.values.at(-1)).toBeGreaterThan(-1e-4);
  });

  it('momentum escapes to a minimum', () => {
    const [x, y] = trace.momentum.path[trace.steps] as [number, number];
    expect(Math.abs(x)).toBeLessThan(0.05);
    expect(Math.abs(y - 1)).toBeLessThan(0.05);
    expect(trace.momentum.values.at(-1)).toBeLessThan(-0.24);
  });
});
