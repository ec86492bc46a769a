import { beforeAll, describe, expect, it } from 'vitest';
import type { ChapterOutput } from './chapter';
import { optimizerZooChapter } from './optimizer-zoo-chapter';
import { ZOO_FUNCTIONS } from './zoo-functions';
import { ZOO_OPTIMIZERS } from './zoo-optimizers';
import { searchLr } from './zoo-search';
import { ZOO_SEARCHED } from './zoo-searched';

/** Global minimisers and minimum values from the literature (Jamil & Yang 2013; the tutorial). */
const KNOWN: Record<string, { fStar: number; minima: [number, number][] }> = {
  rosenbrock: { fStar: 0, minima: [[1, 1]] },
  beale: { fStar: 0, minima: [[3, 0.5]] },
  himmelblau: {
    fStar: 0,
    minima: [
      [3, 2],
      [-2.805118, 3.131312],
      [-3.77931, -3.283186],
      [3.584428, -1.848126],
    ],
  },
  rastrigin: { fStar: 0, minima: [[0, 0]] },
  ackley: { fStar: 0, minima: [[0, 0]] },
  saddle: { fStar: -0.25, minima: [[0, 1], [0, -1]] },
};

describe('the zoo’s test functions', () => {
  it.each(ZOO_FUNCTIONS.map((fn) => [fn.id, fn] as const))('%s has its known minimum value at its known minimisers', (id, fn) => {
    const known = KNOWN[id];
    expect(fn.fStar).toBe(known?.fStar);
    for (const [x, y] of known?.minima ?? []) expect(fn.f(x, y)).toBeCloseTo(known?.fStar ?? NaN, 9);
  });

  it.each(ZOO_FUNCTIONS.map((fn) => [fn.id, fn] as const))('%s: the analytic gradient matches central differences', (_id, fn) => {
    const h = 1e-6;
    for (const [x, y] of [[0.3, -0.7], [1.7, 1.1], [-2.2, 0.4]] as const) {
      const [gx, gy] = fn.grad(x, y);
      const dx = (fn.f(x + h, y) - fn.f(x - h, y)) / (2 * h);
      const dy = (fn.f(x, y + h) - fn.f(x, y - h)) / (2 * h);
      expect(Math.abs(gx - dx)).toBeLessThan(1e-5 * Math.max(1, Math.abs(dx)));
      expect(Math.abs(gy - dy)).toBeLessThan(1e-5 * Math.max(1, Math.abs(dy)));
    }
  });
});

interface RunResult {
  lr: number;
  tried: { lr: number; loss: number | null }[];
  final: { x: number; y: number; f: number };
  converged: boolean;
  diverged: boolean;
}
type Results = { functions: Record<string, { runs: Record<string, RunResult> }> };

describe('optimizerZooChapter', () => {
  let out: ChapterOutput;
  let results: Results;
  beforeAll(async () => {
    out = await optimizerZooChapter.run({ lang: 'en', seed: 0 });
    results = out.results as unknown as Results;
  }, 120_000);

  it('runs every optimizer of the package, the tutorial’s five first, on all six functions', () => {
    expect(ZOO_OPTIMIZERS.slice(0, 5).map((o) => o.name)).toEqual(['SGD', 'Momentum', 'AdaGrad', 'RMSprop', 'Adam']);
    for (const fn of ZOO_FUNCTIONS) expect(Object.keys(results.functions[fn.id]?.runs ?? {})).toEqual(ZOO_OPTIMIZERS.map((o) => o.name));
  });

  it('reads the search’s outcome from zoo-searched.ts, which is what the search gives (else re-run scripts/zoo-search.mjs)', () => {
    for (const fn of ZOO_FUNCTIONS) {
      for (const o of ZOO_OPTIMIZERS) expect([fn.id, o.name, ZOO_SEARCHED[fn.id]?.[o.name]]).toEqual([fn.id, o.name, searchLr(fn, o)]);
    }
  });

  it('picks, for every run, the candidate learning rate with the lowest loss of the search', () => {
    for (const fn of ZOO_FUNCTIONS) {
      for (const r of Object.values(results.functions[fn.id]?.runs ?? {})) {
        const finite = r.tried.filter((t) => t.loss !== null) as { lr: number; loss: number }[];
        const best = Math.min(...finite.map((t) => t.loss));
        expect(r.tried.find((t) => t.lr === r.lr)?.loss).toBe(best);
      }
    }
  });

  it('ends every converged run within 0.05 of a known minimiser, at f within 1e-3 of f*', () => {
    for (const fn of ZOO_FUNCTIONS) {
      const known = KNOWN[fn.id] as { fStar: number; minima: [number, number][] };
      for (const [name, r] of Object.entries(results.functions[fn.id]?.runs ?? {})) {
        if (!r.converged) continue;
        const distance = Math.min(...known.minima.map(([x, y]) => Math.hypot(r.final.x - x, r.final.y - y)));
        expect(`${fn.id} ${name} ${distance < 0.05 ? 'near' : `at distance ${distance}`}`).toBe(`${fn.id} ${name} near`);
        expect(r.final.f - known.fStar).toBeLessThanOrEqual(1e-3);
      }
    }
  });

  it('converges on the smooth functions with most optimizers, and LBFGS on Rosenbrock', () => {
    const converged = (id: string): string[] =>
      Object.entries(results.functions[id]?.runs ?? {}).filter(([, r]) => r.converged).map(([n]) => n);
    expect(converged('himmelblau').length).toBeGreaterThanOrEqual(15);
    expect(converged('beale').length).toBeGreaterThanOrEqual(10);
    expect(converged('saddle')).toContain('Adam');
    expect(converged('rosenbrock')).toContain('LBFGS');
  });

  it('shows the tutorial’s saddle lesson: plain SGD is still far from the minima f* = −1/4', () => {
    const sgd = results.functions.saddle?.runs.SGD as RunResult;
    expect(sgd.converged).toBe(false);
    expect(sgd.final.f).toBeGreaterThan(-0.2);
  });

  it('draws each function’s paths on its contours and its loss curves', () => {
    expect(out.figures.map((f) => f.id)).toEqual(ZOO_FUNCTIONS.flatMap((fn) => [`ch7-${fn.id}-paths`, `ch7-${fn.id}-loss`]));
  });
});
