import type {
  Chapter,
  ChapterContext,
  ChapterOutput,
  Figure,
  Lang,
  Printout,
  Table,
} from './chapter';
import { surfaceRaceChart } from '../charts/surface-race';
import { label } from './i18n';
import { RACE_OPTIMIZERS, racePath } from './optimizer-race';
import { digitsFigures, trainDigits } from './digits-training';
import type { DigitsRun } from './digits-training';
import { optimizerTwoSteps, saddlePointExample } from '@descent/bp-examples';
import type { RacePath } from './optimizer-race';
import { contourSegments, joinSegments, logLevels, sampleGrid } from '../charts/contour-lines';
import type { ContourPoint } from '../charts/contour-lines';
import { SURFACES } from './surfaces';
import type { Surface } from './surfaces';

const contourCache = new Map<Surface['id'], ContourPoint[]>();

/** The contour lines of a surface (computed once: the page redraws the race often). */
export function surfaceContours(surface: Surface): ContourPoint[] {
  let c = contourCache.get(surface.id);
  if (c === undefined) {
    const grid = sampleGrid((x, y) => surface.f(x, y), surface.domain);
    c = joinSegments(contourSegments(grid, logLevels(grid)));
    contourCache.set(surface.id, c);
  }
  return c;
}

/** The race on one surface as a figure (paths up to `upTo` steps, all by default). */
export function raceFigure(
  lang: Lang,
  surface: Surface,
  paths: readonly RacePath[],
  upTo = Infinity,
): Figure {
  return {
    id: `ch4-race-${surface.id}`,
    title: surface.name[lang],
    spec: surfaceRaceChart({
      title: surface.name[lang],
      contours: surfaceContours(surface),
      minima: surface.minima,
      domain: surface.domain,
      markers: surface.steps <= 100,
      paths: racePoints(paths, upTo),
      symbols:
        lang === 'zh'
          ? { minimum: '最小值', endPoint: '终点' }
          : { minimum: 'minimum', endPoint: 'end point' },
      subtitle:
        lang === 'zh'
          ? ['AdaGrad 的路径画得更宽：', '与 RMSprop 重合处从其两侧露出']
          : ["AdaGrad's path is drawn wider: where", "RMSprop's runs over it, it shows on both sides"],
    }),
  };
}

/** The paths flattened for the chart's `paths` data, truncated at a step (for the animation). */
export function racePoints(
  paths: readonly RacePath[],
  upTo = Infinity,
): { step: number; x: number; y: number; series: string }[] {
  return paths.flatMap((p) =>
    p.points
      .filter((q) => q.step <= upTo)
      .map((q) => ({ step: q.step, x: q.x, y: q.y, series: p.optimizer })),
  );
}

/** The five optimizers on every surface. */
export function runRace(momentum = 0.9): Map<Surface['id'], RacePath[]> {
  return new Map(
    SURFACES.map((s) => [s.id, RACE_OPTIMIZERS.map((name) => racePath(s, name, { momentum }))]),
  );
}

function figures(
  lang: Lang,
  race: Map<Surface['id'], RacePath[]>,
  digits: readonly DigitsRun[],
): Figure[] {
  return [
    ...SURFACES.map((s) => raceFigure(lang, s, race.get(s.id) ?? [])),
    ...digitsFigures(lang, digits),
  ];
}

async function run(ctx: ChapterContext): Promise<ChapterOutput> {
  const { lang } = ctx;
  const printouts: Printout[] = Object.entries(optimizerTwoSteps()).map(([title, rows]) => ({
    title,
    text: rows.map((r) => r.line).join('\n'),
  }));
  const race = runRace();
  const digits = await trainDigits({ seed: ctx.seed, progress: ctx.progress });
  const digitsTable: Table = {
    title:
      lang === 'zh'
        ? 'UCI 手写数字上的 MLP（64-32-10，10 轮，批大小 32）'
        : 'The MLP on UCI digits (64-32-10, 10 epochs, batch 32)',
    columns: [
      label(lang, 'optimizer'),
      label(lang, 'loss'),
      label(lang, 'accuracy'),
      label(lang, 'time'),
    ],
    rows: digits.map((d) => [
      d.optimizer,
      d.finalLoss.toFixed(4),
      `${(100 * d.testAccuracy).toFixed(1)}%`,
      d.seconds.toFixed(2),
    ]),
  };
  const saddle = saddlePointExample();
  const saddleTable: Table = {
    title:
      lang === 'zh'
        ? `鞍点 (${saddle.start.join(', ')})，lr = ${saddle.lr}，${saddle.steps} 步`
        : `Saddle point from (${saddle.start.join(', ')}), lr = ${saddle.lr}, ${saddle.steps} steps`,
    columns: [label(lang, 'optimizer'), 'x', 'y', 'f'],
    rows: [saddle.sgd, saddle.momentum].map((t) => {
      const [x, y] = t.path[t.path.length - 1] ?? [NaN, NaN];
      return [
        t.label,
        x.toFixed(6),
        y.toFixed(6),
        (t.values[t.values.length - 1] ?? NaN).toFixed(6),
      ];
    }),
  };
  const raceTable: Table = {
    title: lang === 'zh' ? '各曲面上的最终损失' : 'Final loss on each surface',
    columns: [label(lang, 'optimizer'), ...SURFACES.map((s) => s.name[lang])],
    rows: RACE_OPTIMIZERS.map((name, i) => [
      name,
      ...SURFACES.map((s) => {
        const p = race.get(s.id)?.[i]?.points;
        const last = p?.[p.length - 1];
        return last ? last.f.toPrecision(4) : 'diverged';
      }),
    ]),
  };
  return {
    number: 4,
    id: 'optimizers',
    title: optimizersChapter.title[lang],
    printouts,
    tables: [saddleTable, raceTable, digitsTable],
    figures: figures(lang, race, digits),
    results: {
      twoSteps: Object.fromEntries(printouts.map((p) => [p.title, p.text.split('\n')])),
      saddle: { sgdFinal: saddle.sgd.values.at(-1), momentumFinal: saddle.momentum.values.at(-1) },
      digits: digits.map((d) => ({
        optimizer: d.optimizer,
        finalLoss: d.finalLoss,
        testAccuracy: d.testAccuracy,
        seconds: d.seconds,
      })),
      race: Object.fromEntries(
        [...race].map(([id, paths]) => [
          id,
          Object.fromEntries(paths.map((p) => [p.optimizer, p.points[p.points.length - 1]])),
        ]),
      ),
    },
  };
}

/** Chapter 4: optimizers, from two hand-checked steps to a race and an MLP on digits. */
export const optimizersChapter: Chapter = {
  number: 4,
  id: 'optimizers',
  title: { en: 'Optimizers', zh: '优化器' },
  unavailable: null,
  run,
};
