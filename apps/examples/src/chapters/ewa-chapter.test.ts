import { expectAllClose, loadGolden } from '@descent/fixtures';
import { describe, expect, it } from 'vitest';
import type { ChapterOutput } from './chapter';
import { ewaChapter } from './ewa-chapter';

const golden = loadGolden('seed_examples').examples.ewa_temperature;

describe('ewaChapter', () => {
  const out = ewaChapter.run({ lang: 'en', seed: golden.seed }) as ChapterOutput;
  const results = out.results as { series: number[]; ewa: Record<string, number[]> };

  it("uses PyTorch's manual_seed(0) temperature series exactly", () => {
    expect(results.series).toEqual(golden.series);
  });

  it.each(golden.betas.map((b) => [b]))('reports the golden float32 EWA for β = %s', (beta) => {
    expectAllClose(results.ewa[String(beta)] ?? [], golden.ewa[String(beta)] ?? [], {
      rtol: 0,
      atol: 1e-5,
    });
  });

  it('draws the scatter with one line per β', () => {
    expect(out.figures.map((f) => f.id)).toEqual(['ch3-ewa']);
    expect(JSON.stringify(out.figures[0]?.spec)).toContain('β = 0.9');
  });
});
