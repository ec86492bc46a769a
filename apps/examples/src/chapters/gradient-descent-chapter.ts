import type { Chapter, ChapterContext, ChapterOutput, Figure, Lang } from './chapter';
import { formatCell } from './format-cell';
import { lineChart } from '../charts/line-chart';
import { gradientDescentTable, TUTORIAL_SETTING } from './gradient-descent';
import { makeRegressionData, runGradientDescent } from './gradient-descent-run';
import type { ModeRun } from './gradient-descent-run';
import { label } from './i18n';

/** Options of the real run (the page's sliders change them). */
export interface GradientDescentRunOptions {
  n: number;
  batchSize: number;
  epochs: number;
  lr: number;
}

/** The CLI's run: the tutorial's N = 50,000 and B = 256, 10 epochs, lr 0.05. */
export const DEFAULT_RUN: GradientDescentRunOptions = {
  n: 50_000,
  batchSize: 256,
  epochs: 10,
  lr: 0.05,
};

/** Runs the three modes on one data set. */
export function runThreeModes(
  ctx: ChapterContext,
  o: GradientDescentRunOptions = DEFAULT_RUN,
): ModeRun[] {
  const data = makeRegressionData(o.n, ctx.seed);
  return (['batch', 'stochastic', 'minibatch'] as const).map((mode) => {
    const plan = { batch: 1, stochastic: o.n, minibatch: Math.ceil(o.n / o.batchSize) }[mode];
    ctx.progress?.start(`ch1 ${mode}`, plan * o.epochs);
    const run = runGradientDescent(data, {
      mode,
      batchSize: o.batchSize,
      epochs: o.epochs,
      lr: o.lr,
      seed: ctx.seed,
      onIteration: (done, _total, loss) =>
        ctx.progress?.update(done, { loss, epoch: Math.ceil(done / plan), epochs: o.epochs }),
    });
    ctx.progress?.end();
    return run;
  });
}

/** Specs of the two loss figures. */
export function gradientDescentFigures(lang: Lang, runs: readonly ModeRun[]): Figure[] {
  const vsIter = runs.flatMap((r) =>
    r.points
      .filter((p) => p.iteration > 0)
      .map((p) => ({ x: p.iteration, y: p.loss, series: label(lang, r.mode) })),
  );
  const vsTime = runs.flatMap((r) =>
    r.points.map((p) => ({ x: p.ms, y: p.loss, series: label(lang, r.mode) })),
  );
  return [
    {
      id: 'ch1-loss-vs-iterations',
      title: lang === 'zh' ? '损失与迭代次数' : 'Loss against iterations',
      spec: lineChart({
        title:
          lang === 'zh'
            ? '三种梯度下降：损失与迭代次数'
            : 'Three modes of gradient descent: loss against iterations',
        xTitle: label(lang, 'iteration'),
        yTitle: `${label(lang, 'loss')} (MSE)`,
        xScale: 'log',
        yScale: 'log',
        // Batch GD's 10 steps lie under mini-batch's first 10 (nearly the same gradient): mark them.
        marks: [label(lang, 'batch')],
        points: vsIter,
      }),
    },
    {
      id: 'ch1-loss-vs-time',
      title: lang === 'zh' ? '损失与耗时' : 'Loss against wall time',
      spec: lineChart({
        title:
          lang === 'zh'
            ? '三种梯度下降：损失与耗时'
            : 'Three modes of gradient descent: loss against wall time',
        xTitle: label(lang, 'wallTime'),
        yTitle: `${label(lang, 'loss')} (MSE)`,
        yScale: 'log',
        marks: [label(lang, 'batch')],
        points: vsTime,
      }),
    },
  ];
}

function run(ctx: ChapterContext): ChapterOutput {
  const { lang } = ctx;
  const table = gradientDescentTable();
  const runs = runThreeModes(ctx);
  return {
    number: 1,
    id: 'gradient-descent',
    title: gradientDescentChapter.title[lang],
    printouts: [],
    tables: [
      {
        title:
          lang === 'zh'
            ? `N = ${formatCell(TUTORIAL_SETTING.n)}，B = ${TUTORIAL_SETTING.batchSize}，${TUTORIAL_SETTING.epochs} 轮`
            : `N = ${formatCell(TUTORIAL_SETTING.n)}, B = ${TUTORIAL_SETTING.batchSize}, ${TUTORIAL_SETTING.epochs} epochs`,
        columns: [
          label(lang, 'mode'),
          label(lang, 'batchSize'),
          label(lang, 'itersPerEpoch'),
          label(lang, 'itersPer10'),
        ],
        rows: table.map(({ mode, plan }) => [
          label(lang, mode),
          plan.batchSize,
          plan.batchesPerEpoch,
          plan.totalIterations,
        ]),
      },
      {
        title:
          lang === 'zh'
            ? '同一数据集上的三种方式（线性回归，lr 0.05）'
            : 'The three modes on one data set (linear regression, lr 0.05)',
        columns: [
          label(lang, 'mode'),
          label(lang, 'iteration'),
          `${label(lang, 'loss')} (MSE)`,
          label(lang, 'wallTime'),
        ],
        rows: runs.map((r) => [
          label(lang, r.mode),
          r.iterations,
          r.finalLoss.toPrecision(4),
          r.ms.toFixed(1),
        ]),
      },
    ],
    figures: gradientDescentFigures(lang, runs),
    results: {
      table: table.map(({ mode, plan }) => ({
        mode,
        batchSize: plan.batchSize,
        iterationsPerEpoch: plan.batchesPerEpoch,
        iterations10Epochs: plan.totalIterations,
      })),
      runs: runs.map((r) => ({
        mode: r.mode,
        batchSize: r.batchSize,
        iterations: r.iterations,
        finalLoss: r.finalLoss,
        ms: r.ms,
      })),
    },
  };
}

/** Chapter 1: batch, stochastic and mini-batch gradient descent. */
export const gradientDescentChapter: Chapter = {
  number: 1,
  id: 'gradient-descent',
  title: { en: 'Gradient descent', zh: '梯度下降' },
  unavailable: null,
  run,
};
