import { Generator, defaultGenerator, manualSeed } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { makeBlobs } from './make-blobs';
import { makeCircles } from './make-circles';
import { makeMoons } from './make-moons';
import { makeRegression } from './make-regression';
import { makeSpirals } from './make-spirals';

const rows = (t: { tolist(): unknown }) => t.tolist() as number[][];
const seeded = (s: number) => new Generator().manualSeed(s);

describe('every generator', () => {
  const generators = {
    makeRegression: (generator: Generator) =>
      makeRegression({ nSamples: 30, noise: 0.5, generator }).y,
    makeMoons: (generator: Generator) => makeMoons({ nSamples: 30, noise: 0.1, generator }).x,
    makeCircles: (generator: Generator) => makeCircles({ nSamples: 30, noise: 0.1, generator }).x,
    makeSpirals: (generator: Generator) => makeSpirals({ nSamples: 30, noise: 0.1, generator }).x,
    makeBlobs: (generator: Generator) => makeBlobs({ nSamples: 30, generator }).x,
  };
  it.each(Object.entries(generators))(
    '%s repeats itself for one seed, changes with another and leaves the global generator alone',
    (_, make) => {
      manualSeed(123);
      const a = make(seeded(7)).tolist();
      const b = make(seeded(7)).tolist();
      const c = make(seeded(8)).tolist();
      const globalNext = defaultGenerator.random();
      manualSeed(123);
      expect(globalNext).toBe(defaultGenerator.random());
      expect(b).toEqual(a);
      expect(c).not.toEqual(a);
    },
  );
});

describe('makeMoons', () => {
  it('puts noise-free points on the two half circles', () => {
    const { x, y } = makeMoons({ nSamples: 9, dtype: 'float64' });
    expect(x.shape).toEqual([9, 2]);
    expect(y.tolist()).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 1]);
    rows(x).forEach(([a, b], i) => {
      // Class 0 on the unit circle around (0, 0) with b ≥ 0; class 1 on the unit circle around (1, 0.5) with b ≤ 0.5.
      const [cx, cy] = i < 4 ? [0, 0] : [1, 0.5];
      expect(Math.hypot((a as number) - cx, (b as number) - cy)).toBeCloseTo(1, 12);
    });
    // t = 0 and t = π are included: (1, 0), (−1, 0) and (0, 0.5), (2, 0.5).
    expect(rows(x)[0]).toEqual([1, 0]);
    expect(rows(x)[4]).toEqual([0, 0.5]);
  });

  it('is reproducible with a seeded generator and moves points by about `noise`', () => {
    const a = makeMoons({ nSamples: 400, noise: 0.1, generator: seeded(0), dtype: 'float64' });
    const b = makeMoons({ nSamples: 400, noise: 0.1, generator: seeded(0), dtype: 'float64' });
    expect(a.x.tolist()).toEqual(b.x.tolist());
    const clean = rows(makeMoons({ nSamples: 400, dtype: 'float64' }).x);
    const diffs = rows(a.x).flatMap((r, i) => r.map((v, j) => v - (clean[i]?.[j] as number)));
    const std = Math.sqrt(diffs.reduce((s, d) => s + d * d, 0) / diffs.length);
    expect(std).toBeGreaterThan(0.09);
    expect(std).toBeLessThan(0.11);
  });
});

describe('makeCircles', () => {
  it('puts noise-free points on radius 1 and radius factor', () => {
    const { x, y } = makeCircles({ nSamples: 10, factor: 0.5, dtype: 'float64' });
    rows(x).forEach(([a, b], i) => {
      expect(Math.hypot(a as number, b as number)).toBeCloseTo(i < 5 ? 1 : 0.5, 12);
    });
    expect(y.tolist()).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
  });

  it('rejects a factor outside [0, 1)', () => {
    expect(() => makeCircles({ factor: 1 })).toThrow(
      new RangeError('makeCircles: factor has to be between 0 and 1, got 1'),
    );
  });
});

describe('makeSpirals', () => {
  it('splits points between the arms with radii from 0 to 1', () => {
    const { x, y } = makeSpirals({ nSamples: 10, nClasses: 3, dtype: 'float64' });
    expect(y.tolist()).toEqual([0, 0, 0, 0, 1, 1, 1, 2, 2, 2]);
    const radii = rows(x).map(([a, b]) => Math.hypot(a as number, b as number));
    [0, 1 / 3, 2 / 3, 1, 0, 0.5, 1].forEach((r, i) => expect(radii[i]).toBeCloseTo(r, 12));
  });

  it('rejects fewer than two classes', () => {
    expect(() => makeSpirals({ nClasses: 1 })).toThrow(
      new RangeError('makeSpirals: nClasses must be an integer ≥ 2, got 1'),
    );
  });
});

describe('makeBlobs', () => {
  it('scatters each cluster around its centre with the cluster std', () => {
    const centers = [
      [0, 0],
      [10, -5],
    ];
    const { x, y } = makeBlobs({
      nSamples: 2000,
      centers,
      clusterStd: 0.5,
      generator: seeded(1),
      dtype: 'float64',
    });
    const labels = y.tolist() as number[];
    centers.forEach((c, k) => {
      const pts = rows(x).filter((_, i) => labels[i] === k);
      expect(pts).toHaveLength(1000);
      for (let j = 0; j < 2; j++) {
        const mean = pts.reduce((s, p) => s + (p[j] as number), 0) / pts.length;
        const std = Math.sqrt(
          pts.reduce((s, p) => s + ((p[j] as number) - mean) ** 2, 0) / pts.length,
        );
        // Standard error of the mean: 0.5/√1000 ≈ 0.016.
        expect(Math.abs(mean - (c[j] as number))).toBeLessThan(0.08);
        expect(Math.abs(std - 0.5)).toBeLessThan(0.05);
      }
    });
  });

  it('draws centres inside centerBox', () => {
    const { centers } = makeBlobs({
      centers: 4,
      nFeatures: 3,
      centerBox: [-2, 2],
      generator: seeded(2),
    });
    expect(centers).toHaveLength(4);
    expect(centers.flat().every((v) => v >= -2 && v < 2)).toBe(true);
  });
});

describe('makeRegression', () => {
  it('gives targets x·w + b exactly without noise', () => {
    const { x, y } = makeRegression({
      nSamples: 5,
      weights: [2, -1],
      bias: 0.5,
      generator: seeded(3),
      dtype: 'float64',
    });
    const xs = rows(x);
    (y.tolist() as number[]).forEach((v, i) =>
      expect(v).toBeCloseTo(2 * (xs[i]?.[0] as number) - (xs[i]?.[1] as number) + 0.5, 12),
    );
  });

  it('lets least squares recover the weights under noise', () => {
    const { x, y } = makeRegression({
      nSamples: 2000,
      weights: [3],
      bias: -1,
      noise: 0.1,
      generator: seeded(4),
      dtype: 'float64',
    });
    const xs = rows(x).map((r) => r[0] as number);
    const ys = y.tolist() as number[];
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
    const my = ys.reduce((a, b) => a + b, 0) / ys.length;
    const slope =
      xs.reduce((s, v, i) => s + (v - mx) * ((ys[i] as number) - my), 0) /
      xs.reduce((s, v) => s + (v - mx) ** 2, 0);
    expect(slope).toBeCloseTo(3, 1);
    expect(my - slope * mx).toBeCloseTo(-1, 1);
  });

  it.each([
    [{ nSamples: 0 }, 'makeRegression: nSamples must be a positive integer, got 0'],
    [{ noise: -1 }, 'makeRegression: noise must be non-negative, got -1'],
    [{ weights: [1, 2], nFeatures: 3 }, 'makeRegression: weights has 2 entries but nFeatures is 3'],
  ])('rejects %j', (options, message) => {
    expect(() => makeRegression(options)).toThrow(new RangeError(message));
  });
});
