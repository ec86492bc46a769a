import { expectAllClose } from '@descent/fixtures';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChapterOutput } from './chapter';
import { convNetChapter, GUESS_LOSS } from './convnet-chapter';
import { CONVNET_OPTIMIZERS, DIGITS_PLAN } from './convnet';
import reference from './convnet-reference.json';

/** PyTorch 1.13 doing the chapter's runs again (scripts/convnet-reference.py). */
const ref = reference as {
  epochs: number;
  batchSize: number;
  trainSize: number;
  testSize: number;
  runs: Record<string, { firstLosses: number[]; epochLoss: number[]; testAccuracy: number[]; initialFilters: number[][]; finalFilters: number[][] }>;
};

interface Run {
  optimizer: string;
  firstLosses: number[];
  epochLoss: number[];
  testAccuracy: number[];
  plateauEpochs: number | null;
  initialFilters: number[][];
  finalFilters: number[][];
}

describe('chapter 9: optimizers on a real network', () => {
  let out: ChapterOutput;
  let runs: Run[];
  beforeAll(async () => {
    out = await convNetChapter.run({ lang: 'en', seed: 0 });
    runs = (out.results as { runs: Run[] }).runs;
  }, 120_000);

  it('runs the plan the reference ran: the same split, epochs and batch size', () => {
    expect([DIGITS_PLAN.epochs, DIGITS_PLAN.batchSize]).toEqual([ref.epochs, ref.batchSize]);
    expect(out.results).toMatchObject({ trainSize: ref.trainSize, testSize: ref.testSize });
    expect(runs.map((r) => r.optimizer)).toEqual(CONVNET_OPTIMIZERS.map((o) => o.name));
  });

  it.each(CONVNET_OPTIMIZERS.map((o) => [o.name]))('%s: starts from PyTorch’s initial filters and takes PyTorch’s first ten steps', (name) => {
    const r = runs.find((x) => x.optimizer === name)!;
    const g = ref.runs[name]!;
    expectAllClose(r.initialFilters.flat(), g.initialFilters.flat(), { rtol: 0, atol: 1e-7 });
    expectAllClose(r.firstLosses, g.firstLosses, { rtol: 1e-5, atol: 1e-6 });
  });

  it.each(CONVNET_OPTIMIZERS.map((o) => [o.name]))('%s: every epoch’s loss and test accuracy as PyTorch’s (float32 drift allowed)', (name) => {
    const r = runs.find((x) => x.optimizer === name)!;
    const g = ref.runs[name]!;
    expectAllClose(r.epochLoss, g.epochLoss, { rtol: 3e-3, atol: 0 });
    // Accuracy is counted in whole images: at most 3 of the 360 may flip after 270 float32 updates.
    expectAllClose(r.testAccuracy, g.testAccuracy, { rtol: 0, atol: 3 / ref.testSize + 1e-9 });
    expectAllClose(r.finalFilters.flat(), g.finalFilters.flat(), { rtol: 0, atol: 5e-3 });
  });

  it('prints what the learner should notice with the run’s own numbers', () => {
    const text = out.printouts[0]!.text;
    expect(text).toContain(`ln 10 = ${GUESS_LOSS.toFixed(3)}`);
    // The reference's story: SGD and Momentum sit on the plateau, the adaptive ones leave it in the first epoch.
    const plateau = Object.fromEntries(runs.map((r) => [r.optimizer, r.plateauEpochs]));
    const firstBelow2 = (xs: number[]): number => xs.findIndex((v) => v < 2) + 1;
    expect(plateau).toEqual(Object.fromEntries(Object.entries(ref.runs).map(([k, v]) => [k, firstBelow2(v.epochLoss)])));
    expect(text).toContain(`SGD's mean loss first drops below 2 after epoch ${firstBelow2(ref.runs.SGD!.epochLoss)}`);
    const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;
    expect(text).toContain(`they are at ${pct(ref.runs.RMSprop!.testAccuracy[0]!)} and ${pct(ref.runs.Adam!.testAccuracy[0]!)}`);
  });

  it('tabulates each run and draws the loss and accuracy curves and the filters', () => {
    const table = out.tables[0]!;
    expect(table.rows.map((row) => row[0])).toEqual(['SGD', 'Momentum', 'RMSprop', 'Adam']);
    expect(table.rows.map((row) => row[3])).toEqual(runs.map((r) => `${(100 * r.testAccuracy.at(-1)!).toFixed(1)}%`));
    expect(out.figures.map((f) => f.id)).toEqual(['ch9-loss', 'ch9-accuracy', 'ch9-filters']);
    const filters = (out.figures[2]!.spec as { layer: { data: { values: unknown[] } }[] }).layer[0]!.data.values;
    // Five rows (initial + four optimizers) of eight 3×3 filters.
    expect(filters).toHaveLength(5 * 8 * 9);
  });
});
