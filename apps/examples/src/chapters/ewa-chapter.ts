import { exponentialMovingAverage, temperatureSeries } from '@descent/bp-examples';
import type { Chapter, ChapterContext, ChapterOutput, Figure, Lang } from './chapter';
import { scatterLinesChart } from '../charts/scatter-lines';
import { label } from './i18n';

/** The tutorial's two betas. */
export const EWA_BETAS = [0.5, 0.9] as const;

/** The EWA lines of a series for the given betas (float32, as the tutorial's torch code). */
export function ewaLines(
  series: readonly number[],
  betas: readonly number[],
): { x: number; y: number; series: string }[] {
  return betas.flatMap((beta) =>
    exponentialMovingAverage(series, beta, { dtype: 'float32' }).map((y, i) => ({
      x: i + 1,
      y,
      series: `β = ${beta}`,
    })),
  );
}

/** The scatter of the series with the EWA lines. */
export function ewaFigure(
  lang: Lang,
  series: readonly number[],
  betas: readonly number[] = EWA_BETAS,
): Figure {
  return {
    id: 'ch3-ewa',
    title:
      lang === 'zh'
        ? '温度与指数加权平均'
        : 'Temperatures and their exponentially weighted averages',
    spec: scatterLinesChart({
      title:
        lang === 'zh'
          ? '30 天温度（manual_seed(0)）与 EWA'
          : '30 days of temperatures (manual_seed(0)) and their EWA',
      xTitle: label(lang, 'day'),
      yTitle: label(lang, 'temperature'),
      points: series.map((y, i) => ({ x: i + 1, y })),
      pointsLabel: label(lang, 'observed'),
      lines: ewaLines(series, betas),
    }),
  };
}

function run(ctx: ChapterContext): ChapterOutput {
  const { lang, seed } = ctx;
  const series = temperatureSeries({ seed, days: 30 });
  const ewa = Object.fromEntries(
    EWA_BETAS.map((b) => [String(b), exponentialMovingAverage(series, b, { dtype: 'float32' })]),
  );
  return {
    number: 3,
    id: 'ewa',
    title: ewaChapter.title[lang],
    printouts: [],
    tables: [
      {
        title: 'S₁ = Y₁, S_t = β·S_{t−1} + (1 − β)·Y_t',
        columns: [label(lang, 'day'), label(lang, 'temperature'), 'β = 0.5', 'β = 0.9'],
        rows: series.map((y, i) => [
          i + 1,
          y.toFixed(4),
          (ewa['0.5']?.[i] ?? NaN).toFixed(4),
          (ewa['0.9']?.[i] ?? NaN).toFixed(4),
        ]),
      },
    ],
    figures: [ewaFigure(lang, series)],
    results: { seed, series, ewa },
  };
}

/** Chapter 3: exponentially weighted averages of the 30-day temperature series. */
export const ewaChapter: Chapter = {
  number: 3,
  id: 'ewa',
  title: { en: 'Exponentially weighted averages', zh: '指数加权平均' },
  unavailable: null,
  run,
};
