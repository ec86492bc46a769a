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
}

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
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: o.title,
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
        mark: { type: 'point', shape: 'cross', size: 90, color: '#000', filled: true },
        encoding: {
          x: { field: 'x', type: 'quantitative' },
          y: { field: 'y', type: 'quantitative' },
        },
      },
      {
        // Markers on every iterate only while they stay apart (short races).
        mark: {
          type: 'line',
          strokeWidth: 2,
          point: (o.markers ?? true) ? { size: 12, filled: true } : false,
          clip: true,
        },
        encoding: {
          x: { field: 'x', type: 'quantitative', ...x },
          y: { field: 'y', type: 'quantitative', ...y },
          color: series,
          order: { field: 'step' },
        },
      },
      {
        transform: [
          { joinaggregate: [{ op: 'max', field: 'step', as: 'last' }], groupby: ['series'] },
          { filter: 'datum.step === datum.last' },
          // Shrinking sizes in series order: heads that meet (at a minimum) show as rings.
          {
            calculate: `[420, 260, 140, 60, 18][indexof(${JSON.stringify(names)}, datum.series)] || 18`,
            as: 'headSize',
          },
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
        },
      },
    ],
  };
}
