import type { TopLevelSpec } from 'vega-lite';
import type { ContourPoint } from './contour-lines';
import { CHART_CONFIG } from './theme';

/** Options of {@link surfaceRaceChart}. */
export interface SurfaceRaceOptions {
  title: string;
  /** Contour lines of the loss surface as polylines (see `contourSegments`, `joinSegments`). */
  contours: ContourPoint[];
  /** Every optimizer's iterates (named data source `paths`, so the page can animate them). */
  paths: { step: number; x: number; y: number; series: string }[];
  /** The surface's minima, drawn as crosses. */
  minima: { x: number; y: number }[];
  domain: { x: [number, number]; y: [number, number] };
  width?: number;
  height?: number;
  /** Mark every iterate (default true). */
  markers?: boolean;
  /** Legend entries of the two symbols (default English): the minimum's cross and the end-point dot. */
  symbols?: { minimum: string; endPoint: string };
  /** Lines under the title (e.g. how coinciding paths are drawn). */
  subtitle?: string | string[];
}

/**
 * Line widths in series order (SGD, Momentum, AdaGrad, RMSprop, Adam). Paths are drawn in that
 * order; AdaGrad's is the widest because RMSprop's runs right over it on the bowl and the saddle,
 * so it shows as a green band on both sides of the red line.
 */
const PATH_WIDTHS = [2.6, 2.6, 5, 2, 1.6];
/** End-point dot areas in series order, largest first, so that dots at one minimum show as rings. */
const HEAD_SIZES = [420, 260, 140, 60, 18];

/**
 * Optimizer trajectories over a contour plot of the loss surface (darker lines are lower), with
 * each optimizer's latest iterate as a dot (largest first, so dots at one minimum show as rings):
 * paths that overlap still show where each one got to.
 *
 * @example
 * surfaceRaceChart({ title: 'Bowl', contours, paths, minima: [{ x: 0, y: 0 }], domain: bowl.domain });
 */
export function surfaceRaceChart(o: SurfaceRaceOptions): TopLevelSpec {
  const x = { scale: { domain: o.domain.x, nice: false }, title: 'x' };
  const y = { scale: { domain: o.domain.y, nice: false }, title: 'y' };
  const series = { field: 'series', type: 'nominal', title: null, sort: null } as const;
  const names = [...new Set(o.paths.map((p) => p.series))];
  const levels = [...new Set(o.contours.map((c) => c.level))].sort((a, b) => a - b);
  const symbols = o.symbols ?? { minimum: 'minimum', endPoint: 'end point' };
  // The cross and the dot get a legend of their own (shape only, in black).
  const shape = (which: string) =>
    ({
      datum: which,
      type: 'nominal',
      scale: { domain: [symbols.minimum, symbols.endPoint], range: ['cross', 'circle'] },
      legend: { title: null, symbolFillColor: '#444', symbolStrokeColor: '#444' },
    }) as const;
  const byOrder = (values: readonly number[]): string =>
    `${JSON.stringify(values)}[indexof(${JSON.stringify(names)}, datum.series)] || ${values[values.length - 1] ?? 1}`;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: o.subtitle === undefined ? o.title : { text: o.title, subtitle: o.subtitle },
    width: o.width ?? 300,
    height: o.height ?? 260,
    config: CHART_CONFIG,
    data: { name: 'paths', values: o.paths },
    layer: [
      {
        data: {
          values: o.contours.map((c) => ({ ...c, rank: levels.indexOf(c.level) })),
        },
        mark: { type: 'line', strokeWidth: 0.8, clip: true },
        encoding: {
          x: { field: 'x', type: 'quantitative', ...x },
          y: { field: 'y', type: 'quantitative', ...y },
          detail: { field: 'line', type: 'nominal' },
          order: { field: 'order' },
          color: {
            field: 'rank',
            type: 'quantitative',
            scale: { range: ['#555', '#ddd'] },
            legend: null,
          },
        },
      },
      {
        data: { values: o.minima },
        mark: { type: 'point', size: 90, color: '#000', filled: true },
        encoding: {
          x: { field: 'x', type: 'quantitative' },
          y: { field: 'y', type: 'quantitative' },
          shape: shape(symbols.minimum),
        },
      },
      {
        // Markers on every iterate only while they stay apart (short races).
        transform: [{ calculate: byOrder(PATH_WIDTHS), as: 'pathWidth' }],
        mark: {
          type: 'line',
          point: (o.markers ?? true) ? { size: 12, filled: true } : false,
          clip: true,
        },
        encoding: {
          x: { field: 'x', type: 'quantitative', ...x },
          y: { field: 'y', type: 'quantitative', ...y },
          color: series,
          order: { field: 'step' },
          strokeWidth: { field: 'pathWidth', type: 'quantitative', scale: null, legend: null },
        },
      },
      {
        transform: [
          { joinaggregate: [{ op: 'max', field: 'step', as: 'last' }], groupby: ['series'] },
          { filter: 'datum.step === datum.last' },
          // Shrinking sizes in series order: heads that meet (at a minimum) show as rings.
          { calculate: byOrder(HEAD_SIZES), as: 'headSize' },
        ],
        mark: {
          type: 'point',
          filled: true,
          stroke: 'white',
          strokeWidth: 1,
          opacity: 1,
          clip: true,
        },
        encoding: {
          x: { field: 'x', type: 'quantitative' },
          y: { field: 'y', type: 'quantitative' },
          color: { ...series, legend: null },
          size: { field: 'headSize', type: 'quantitative', scale: null },
          shape: shape(symbols.endPoint),
        },
      },
    ],
  };
}
