import type { TopLevelSpec } from 'vega-lite';
import type { Chapter, ChapterContext, ChapterOutput, Figure, Lang, Printout, Table } from './chapter';
import { contourSegments, joinSegments, logLevels, sampleGrid } from '../charts/contour-lines';
import type { ContourPoint } from '../charts/contour-lines';
import { lineChart } from '../charts/line-chart';
import { surfaceRaceChart } from '../charts/surface-race';
import { label } from './i18n';
import { ZOO_FUNCTIONS } from './zoo-functions';
import type { ZooFunction } from './zoo-functions';
import { ZOO_OPTIMIZERS } from './zoo-optimizers';
import type { ZooPoint } from './zoo-optimizers';
import { CONVERGED_TOL, SEARCH_FACTORS, SEARCH_HORIZON, runSearched, searchLr } from './zoo-search';
import { ZOO_SEARCHED } from './zoo-searched';
import type { ZooResult } from './zoo-search';

/** 25 distinguishable colours (Tableau 20, then five darker ones), one per optimizer. */
const PALETTE = [
  '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf',
  '#aec7e8', '#ffbb78', '#98df8a', '#ff9896', '#c5b0d5', '#c49c94', '#f7b6d2', '#c7c7c7', '#dbdb8d', '#9edae5',
  '#393b79', '#637939', '#8c6d31', '#843c39', '#7b4173',
];

/** The same spec with the zoo's palette (the theme's eight colours cannot tell 25 series apart). */
function withPalette(spec: TopLevelSpec): TopLevelSpec {
  return { ...spec, config: { ...spec.config, range: { ...spec.config?.range, category: PALETTE } } };
}

/** At most this many points per path in a figure (the last one always kept): 25 paths stay light. */
const FIGURE_POINTS = 40;

/** Every k-th iterate up to a step, and the last, so a figure stays light. */
export function thin(points: readonly ZooPoint[], upTo = Infinity): ZooPoint[] {
  const shown = points.filter((p) => p.step <= upTo);
  const k = Math.max(1, Math.ceil(shown.length / FIGURE_POINTS));
  return shown.filter((p, i) => i % k === 0 || i === shown.length - 1);
}

const contours = new Map<ZooFunction['id'], ContourPoint[]>();

function contourOf(fn: ZooFunction): ContourPoint[] {
  let c = contours.get(fn.id);
  if (c === undefined) {
    const grid = sampleGrid((x, y) => fn.f(x, y), fn.domain, 49);
    c = joinSegments(contourSegments(grid, logLevels(grid, 10)));
    contours.set(fn.id, c);
  }
  return c;
}

/** What the figures need of a run. */
export type ZooTrace = Pick<ZooResult, 'optimizer' | 'points'>;

/** The paths of some runs as the race chart's `paths` data. */
export function zooPathPoints(runs: readonly ZooTrace[], upTo = Infinity): { step: number; x: number; y: number; series: string }[] {
  return runs.flatMap((r) => thin(r.points, upTo).map((p) => ({ step: p.step, x: p.x, y: p.y, series: r.optimizer })));
}

/** The losses of some runs as the loss chart's `points` data: f − f*, floored for the log axis. */
export function zooLossPoints(fn: ZooFunction, runs: readonly ZooTrace[], upTo = Infinity): { x: number; y: number; series: string }[] {
  return runs.flatMap((r) => thin(r.points, upTo).map((p) => ({ x: p.step, y: Math.max(p.f - fn.fStar, 1e-12), series: r.optimizer })));
}

/** The figure ids of a function's paths and loss curves. */
export const zooFigureIds = (fn: ZooFunction): { paths: string; loss: string } => ({
  paths: `ch7-${fn.id}-paths`,
  loss: `ch7-${fn.id}-loss`,
});

/** The two figures of one function. */
export function zooFigures(lang: Lang, fn: ZooFunction, runs: readonly ZooTrace[], upTo = Infinity): Figure[] {
  const ids = zooFigureIds(fn);
  const name = fn.name[lang];
  return [
    {
      id: ids.paths,
      title: name,
      spec: withPalette(
        surfaceRaceChart({
          title: name,
          contours: contourOf(fn),
          minima: fn.minima,
          domain: fn.domain,
          markers: false,
          width: 420,
          height: 340,
          paths: zooPathPoints(runs, upTo),
        }),
      ),
    },
    {
      id: ids.loss,
      title: `${name}: f − f*`,
      spec: withPalette(
        lineChart({
          title: `${name}: f − f*`,
          xTitle: label(lang, 'iteration'),
          yTitle: 'f − f*',
          yScale: 'log',
          width: 420,
          height: 300,
          points: zooLossPoints(fn, runs, upTo),
        }),
      ),
    },
  ];
}

/**
 * The race of every optimizer on every function, each with its searched learning rate: the
 * search's outcome is read from zoo-searched.ts (written by scripts/zoo-search.mjs, and checked to
 * be what the search gives by the chapter's test) so that the page and the CLI need not repeat it;
 * a pair missing there is searched now.
 */
export function runZoo(functions: readonly ZooFunction[] = ZOO_FUNCTIONS): Map<ZooFunction['id'], ZooResult[]> {
  return new Map(
    functions.map((fn) => [
      fn.id,
      ZOO_OPTIMIZERS.map((o) => runSearched(fn, o, ZOO_SEARCHED[fn.id]?.[o.name] ?? searchLr(fn, o))),
    ]),
  );
}

function explanation(lang: Lang): Printout {
  const factors = SEARCH_FACTORS.map((f) => `×${f.toPrecision(2)}`).join(', ');
  const text =
    lang === 'zh'
      ? [
          `每个优化器在每个函数上的学习率由同一个小搜索选出：以该优化器在单位尺度问题上的常用学习率为中心，取 5 个相隔半个数量级的候选（${factors}），`,
          `每个候选只跑前 ${SEARCH_HORIZON * 100}% 的步数，取此时损失最低者（发散的候选淘汰），再用它跑完全部步数。`,
          `损失最终落在已知最小值 f* 的 ${CONVERGED_TOL} 以内即算收敛。Rastrigin 和 Ackley 有大量局部极小，梯度法多半停在离起点最近的那个。`,
        ].join('\n')
      : [
          `Each optimizer's learning rate on each function comes from the same small search: five candidates half a decade apart`,
          `around the optimizer's usual value on problems of unit scale (${factors}), each run for the first ${SEARCH_HORIZON * 100}% of the steps;`,
          `the lowest loss there wins (diverging candidates are out), and the winner runs all the steps. A run has converged when`,
          `its loss ends within ${CONVERGED_TOL} of the known minimum f*. Rastrigin and Ackley are full of local minima: a gradient`,
          `method mostly stops in the one nearest its start.`,
        ].join('\n');
  return { title: lang === 'zh' ? '学习率如何选出' : 'How the learning rates were chosen', text };
}

/**
 * On the page (a DOM is present) only the first function is raced and drawn up front: 150 runs and
 * twelve charts of 25 paths each would hold up the whole page, and the chapter's section races and
 * redraws whichever function is picked. The CLI runs and draws all six.
 */
const onPage = (): boolean => typeof document !== 'undefined';

function run(ctx: ChapterContext): ChapterOutput {
  const { lang } = ctx;
  const functions = onPage() ? ZOO_FUNCTIONS.slice(0, 1) : ZOO_FUNCTIONS;
  const zoo = runZoo(functions);
  const runsOf = (fn: ZooFunction): ZooResult[] => zoo.get(fn.id) ?? [];
  const lrTable: Table = {
    title: lang === 'zh' ? '搜索选出的学习率' : 'Learning rates chosen by the search',
    columns: [label(lang, 'optimizer'), ...ZOO_FUNCTIONS.map((fn) => fn.name[lang])],
    rows: ZOO_OPTIMIZERS.map((o, i) => [
      o.name,
      ...ZOO_FUNCTIONS.map((fn) => String(runsOf(fn)[i]?.lr ?? ZOO_SEARCHED[fn.id]?.[o.name]?.lr ?? '')),
    ]),
  };
  const lossTable: Table = {
    title: lang === 'zh' ? '最终的 f − f*（* 表示收敛）' : 'Final f − f* (* converged)',
    columns: [label(lang, 'optimizer'), ...functions.map((fn) => fn.name[lang])],
    rows: ZOO_OPTIMIZERS.map((o, i) => [
      o.name,
      ...functions.map((fn) => {
        const r = runsOf(fn)[i];
        const last = r?.points[r.points.length - 1];
        if (r === undefined || last === undefined || r.diverged) return 'diverged';
        return `${Math.max(last.f - fn.fStar, 0).toExponential(1)}${r.converged ? '*' : ''}`;
      }),
    ]),
  };
  const results = {
    search: { factors: [...SEARCH_FACTORS], horizon: SEARCH_HORIZON, convergedTol: CONVERGED_TOL },
    optimizers: ZOO_OPTIMIZERS.map((o) => ({ name: o.name, family: o.family, centreLr: o.lr })),
    functions: Object.fromEntries(
      functions.map((fn) => [
        fn.id,
        {
          fStar: fn.fStar,
          minima: fn.minima,
          start: fn.start,
          steps: fn.steps,
          runs: Object.fromEntries(
            runsOf(fn).map((r) => [
              r.optimizer,
              {
                lr: r.lr,
                tried: r.tried,
                final: r.points[r.points.length - 1],
                diverged: r.diverged,
                converged: r.converged,
                stepsToTol: r.stepsToTol,
              },
            ]),
          ),
        },
      ]),
    ),
  };
  return {
    number: 7,
    id: 'optimizer-zoo',
    title: optimizerZooChapter.title[lang],
    printouts: [explanation(lang)],
    tables: [lrTable, lossTable],
    figures: functions.flatMap((fn) => zooFigures(lang, fn, runsOf(fn))),
    results,
  };
}

/** Chapter 7: every optimizer of @descent/optim on the classic test functions. */
export const optimizerZooChapter: Chapter = {
  number: 7,
  id: 'optimizer-zoo',
  title: { en: 'The optimizer zoo', zh: '优化器动物园' },
  unavailable: null,
  run,
};
