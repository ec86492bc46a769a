import { loadGolden } from '@descent/fixtures';
import { describe, expect, it } from 'vitest';
import { formatLearningRateExperiment, learningRateExperiment } from './learning-rate';

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

  it('names the edge cases lr 0 (x never moves) and lr 0.25 (x jumps between ±2)', () => {
    const [still, bounce] = learningRateExperiment({ lrs: [0, 0.25] });
    expect(still?.behaviour).toBe('stuck');
    expect(still?.iterations.map((r) => r.x)).toEqual([2, 2, 2, 2]);
    expect(bounce?.behaviour).toBe('bouncing');
    expect(bounce?.iterations.map((r) => r.x)).toEqual([2, -2, 2, -2]);
  });

  it('checks every rate before running any', () => {
    expect(() => learningRateExperiment({ lrs: [0.1, Number.NaN] })).toThrow(new RangeError('Invalid learning rate: NaN'));
  });

  it('prints x, grad and loss per iteration', () => {
    // By hand, lr 0.3: x ← −1.4·x gives 2, −2.8, 3.92, −5.488, then 7.6832; grad = 8x; loss = 4x².
    expect(formatLearningRateExperiment(learningRateExperiment({ lrs: [0.3] })).split('\n')).toEqual([
      'lr = 0.3 (x ← -1.400·x: diverging)',
      '  iter            x         grad         loss',
      '     0     2.000000    16.000000    16.000000',
      '     1    -2.800000   -22.400000    31.360000',
      '     2     3.920000    31.360000    61.465600',
      '     3    -5.488000   -43.904000   120.472576',
      '  final x = 7.683200',
    ]);
  });
});
