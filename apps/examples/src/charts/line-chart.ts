import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG, CHART_SIZE } from './theme';

/** One point of a line series. */
export interface LinePoint {
  x: number;
  y: number;
  series: string;
}

/** Options of {@link lineChart}. */
export interface LineChartOptions {
  title: string;
  xTitle: string;
  yTitle: string;
  points: LinePoint[];
  /** Scale of the y axis (default `linear`). */
  yScale?: 'linear' | 'log' | 'symlog';
  xScale?: 'linear' | 'log';
  seriesTitle?: string;
  width?: number;
  height?: number;
  /**
   * Draw points as well as lines: `true` for every series, or the names of the series to mark
   * (drawn on top, so a short series hidden under a long one still shows). Default false.
   */
  marks?: boolean | readonly string[];
  /** x counts whole steps (epochs, updates): integer ticks only. Default false. */
  integerX?: boolean;
  /** Data source name, so the page can stream new values into it (default `points`). */
  dataName?: string;
}

function scaleOf(type: 'linear' | 'log' | 'symlog'): {
  type: 'linear' | 'log' | 'symlog';
  zero?: boolean;
} {
  return type === 'log' ? { type } : { type, zero: false };
}

/**
 * A multi-series line chart (one color per series).
 *
 * @example
 * lineChart({ title: 'Loss', xTitle: 'iteration', yTitle: 'loss', points: [{ x: 0, y: 1, series: 'SGD' }] });
 */
export function lineChart(o: LineChartOptions): TopLevelSpec {
  const dataName = o.dataName ?? 'points';
  const encoding = {
    x: {
      field: 'x',
      type: 'quantitative',
      title: o.xTitle,
      scale: scaleOf(o.xScale ?? 'linear'),
      ...(o.integerX ? { axis: { tickMinStep: 1, format: 'd' } } : {}),
    },
    y: {
      field: 'y',
      type: 'quantitative',
      title: o.yTitle,
      scale: scaleOf(o.yScale ?? 'linear'),
    },
    color: { field: 'series', type: 'nominal', title: o.seriesTitle ?? null, sort: null },
  } as const;
  const base = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: o.title,
    width: o.width ?? CHART_SIZE.width,
    height: o.height ?? CHART_SIZE.height,
    config: CHART_CONFIG,
    data: { name: dataName, values: o.points },
  } as const;
  if (typeof o.marks !== 'object')
    return { ...base, mark: { type: 'line', point: o.marks ?? false, clip: true }, encoding };
  return {
    ...base,
    layer: [
      { mark: { type: 'line', clip: true }, encoding },
      {
        transform: [{ filter: { field: 'series', oneOf: [...o.marks] } }],
        mark: { type: 'point', filled: true, size: 36, opacity: 1, clip: true },
        encoding,
      },
    ],
  };
}
