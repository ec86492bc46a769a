import { expectAllClose, loadGolden } from '@descent/fixtures';
import { describe, expect, it } from 'vitest';
import { learningRateChapter } from './learning-rate-chapter';
import type { ChapterOutput } from './chapter';

const demo = loadGolden('seed_examples').examples.learning_rate_demo;

describe('learningRateChapter', () => {
  const out = learningRateChapter.run({ lang: 'en', seed: 0 }) as ChapterOutput;
  const runs = (out.results as { runs: { lr: number; xFinal: number }[] }).runs;

  it.each(demo.runs.map((r) => [r.lr, r.xFinal]))(
    'reports float32 x after 4 steps for lr %s as PyTorch',
    (lr, xFinal) => {
      const run = runs.find((r) => r.lr === lr);
      expectAllClose(run?.xFinal ?? Number.NaN, xFinal, { rtol: 1e-5, atol: 1e-6 });
    },
  );

  it("prints PyTorch's losses with 6 decimals", () => {
    const text = out.printouts[0]?.text ?? '';
    for (const run of demo.runs)
      for (const it of run.iterations) expect(text).toContain(it.loss.toFixed(6));
  });

  it('draws one figure per learning rate', () => {
    expect(out.figures.map((f) => f.title)).toEqual(demo.runs.map((r) => `lr = ${r.lr}`));
  });

  it('labels the behaviours in Chinese with lang zh (factor 1 − 8·lr: 0.92 slow … −1.4 diverging)', () => {
    const zh = learningRateChapter.run({ lang: 'zh', seed: 0 }) as ChapterOutput;
    expect(zh.tables[0]?.rows.map((r) => r[2])).toEqual([
      '缓慢',
      '快速',
      '一步到位',
      '振荡收敛',
      '发散',
    ]);
    // The tutorial's printout stays verbatim.
    expect(zh.printouts[0]?.text).toBe(out.printouts[0]?.text);
  });
});
