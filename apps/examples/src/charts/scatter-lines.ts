import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG, CHART_SIZE } from './theme';

/** Options of {@link scatterLinesChart}. */
export interface ScatterLinesOptions {
  title: string;
  xTitle: string;
  yTitle: string;
  /** The observations, drawn as points. */
  points: { x: number; y: number }[];
  pointsLabel: string;
  /** Smoothed series, drawn as lines (named data source `lines`, so the page can replace them). */
  lines: { x: number; y: number; series: string }[];
}

/**
 * Observations as a scatter with one or more smoothing lines over them (the EWA figure).
 *
 * @example
 * scatterLinesChart({ title: 'EWA', xTitle: 'day', yTitle: '°C', points, pointsLabel: 'observed', lines });
 */
export function scatterLinesChart(o: ScatterLinesOptions): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: o.title,
    width: CHART_SIZE.width,
    height: CHART_SIZE.height,
    config: CHART_CONFIG,
    layer: [
      {
        data: { values: o.points.map((p) => ({ ...p, kind: o.pointsLabel })) },
        mark: { type: 'point', filled: true, size: 40, color: '#555' },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: o.xTitle },
          y: { field: 'y', type: 'quantitative', title: o.yTitle },
          shape: { field: 'kind', type: 'nominal', title: null },
        },
      },
      {
        data: { name: 'lines', values: o.lines },
        mark: { type: 'line', strokeWidth: 2 },
        encoding: {
          x: { field: 'x', type: 'quantitative' },
          y: { field: 'y', type: 'quantitative' },
          color: { field: 'series', type: 'nominal', title: null, sort: null },
        },
      },
    ],
  };
}
