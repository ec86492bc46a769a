import {
  formatLearningRateExperiment,
  learningRateExperiment,
  TUTORIAL_LEARNING_RATES,
} from '@descent/bp-examples';
import type { LearningRateRun } from '@descent/bp-examples';
import type { Chapter, ChapterContext, ChapterOutput, Figure, Lang } from './chapter';
import { descentPathChart } from '../charts/descent-path';
import { label } from './i18n';

/** Iterations drawn in the figures (the printout keeps the tutorial's 4). */
export const FIGURE_ITERATIONS = 8;

/** The behaviours of `learningRateExperiment`, as labels. */
const BEHAVIOUR: Record<LearningRateRun['behaviour'], Record<Lang, string>> = {
  slow: { en: 'slow', zh: '缓慢' },
  fast: { en: 'fast', zh: '快速' },
  'one step': { en: 'one step', zh: '一步到位' },
  oscillating: { en: 'oscillating', zh: '振荡收敛' },
  bouncing: { en: 'bouncing', zh: '来回跳动' },
  diverging: { en: 'diverging', zh: '发散' },
  stuck: { en: 'stuck', zh: '停滞' },
};

/** Steps of a run whose iterates the curve panel always shows (the tutorial's printout has 4). */
const SHOWN_ON_CURVE = 4;

/**
 * The figure of one run: loss against iteration, and the path on y = 4x². The curve spans ±2.5, or
 * wider when the first four iterates leave that range (a diverging lr), so the zigzag outwards
 * shows; later iterates off the curve are left out of that panel.
 */
export function learningRateFigure(lang: Lang, run: LearningRateRun): Figure {
  const early = run.iterations.slice(0, SHOWN_ON_CURVE + 1).map((it) => Math.abs(it.x));
  if (run.iterations.length <= SHOWN_ON_CURVE) early.push(Math.abs(run.xFinal));
  const span = Math.max(2.5, 1.05 * Math.max(...early));
  const curve = Array.from({ length: 101 }, (_, i) => {
    const x = -span + (2 * span * i) / 100;
    return { x, y: 4 * x * x };
  });
  const path = run.iterations.map((it) => ({ step: it.iter, x: it.x, y: it.loss }));
  path.push({ step: run.iterations.length, x: run.xFinal, y: 4 * run.xFinal * run.xFinal });
  return {
    id: `ch5-lr-${String(run.lr).replace('.', '_')}`,
    title: `lr = ${run.lr}`,
    spec: descentPathChart({
      title: `y = 4x², lr = ${run.lr} (${label(lang, 'factor')} ${run.factor.toFixed(2)}: ${BEHAVIOUR[run.behaviour][lang]})`,
      curve,
      path,
      lossTitle: label(lang, 'loss'),
      iterTitle: label(lang, 'iteration'),
      curveTitle: 'x',
    }),
  };
}

function run(ctx: ChapterContext): ChapterOutput {
  const { lang } = ctx;
  const printed = learningRateExperiment({
    lrs: TUTORIAL_LEARNING_RATES,
    x0: 2,
    iterations: 4,
    dtype: 'float32',
  });
  const drawn = learningRateExperiment({
    lrs: TUTORIAL_LEARNING_RATES,
    x0: 2,
    iterations: FIGURE_ITERATIONS,
  });
  return {
    number: 5,
    id: 'learning-rate',
    title: learningRateChapter.title[lang],
    printouts: [{ title: 'y = 4x², x0 = 2', text: formatLearningRateExperiment(printed) }],
    tables: [
      {
        title: lang === 'zh' ? '学习率的影响' : 'The effect of the learning rate',
        columns: [label(lang, 'lr'), label(lang, 'factor'), label(lang, 'behaviour'), 'x₄'],
        rows: printed.map((r) => [
          r.lr,
          r.factor.toFixed(3),
          BEHAVIOUR[r.behaviour][lang],
          r.xFinal.toFixed(6),
        ]),
      },
    ],
    figures: drawn.map((r) => learningRateFigure(lang, r)),
    results: {
      runs: printed.map((r) => ({
        lr: r.lr,
        factor: r.factor,
        behaviour: r.behaviour,
        xFinal: r.xFinal,
      })),
    },
  };
}

/** Chapter 5: the learning rate on y = 4x². */
export const learningRateChapter: Chapter = {
  number: 5,
  id: 'learning-rate',
  title: { en: 'Learning rate', zh: '学习率' },
  unavailable: null,
  run,
};
