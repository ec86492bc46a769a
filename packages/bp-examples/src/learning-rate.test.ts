import { loadGolden } from '@descent/fixtures';
import { describe, expect, it } from 'vitest';
import { learningRateExperiment } from './learning-rate';

const demo = loadGolden('seed_examples').examples.learning_rate_demo;

describe('learningRateExperiment', () => {
  it('classifies the five tutorial rates', () => {
    expect(learningRateExperiment().map((r) => r.behaviour)).toEqual(['slow', 'fast', 'one step', 'oscillating', 'diverging']);
  });

  it.each(demo.runsFloat64)('matches the float64 reference for lr $lr', (want) => {
    const [run] = learningRateExperiment({ lrs: [want.lr], x0: demo.x0, iterations: demo.iterations });
    want.iterations.forEach((row, i) => {
      const got = run?.iterations[i];
      expect(got?.x).toBeCloseTo(row.x, 12);
      expect(got?.grad).toBeCloseTo(row.grad, 12);
      expect(got?.loss).toBeCloseTo(row.loss, 12);
    });
    expect(run?.xFinal).toBeCloseTo(want.xFinal, 12);
  });

  it.each(demo.runs)('reproduces PyTorch float32 bit for bit for lr $lr', (want) => {
    const [run] = learningRateExperiment({ lrs: [want.lr], x0: demo.x0, iterations: demo.iterations, dtype: 'float32' });
    expect(run?.iterations).toEqual(want.iterations);
    expect(run?.xFinal).toBe(want.xFinal);
  });

  it('rejects a negative learning rate', () => {
    expect(() => learningRateExperiment({ lrs: [-1] })).toThrow(new RangeError('Invalid learning rate: -1'));
  });
});
