import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG } from './theme';

/** Options of {@link smallMultiplesChart}. */
export interface SmallMultiplesOptions {
  title: string;
  xTitle: string;
  yTitle: string;
  points: { x: number; y: number; panel: string }[];
  columns?: number;
}

/**
 * One small line chart per panel, each with its own y scale (the grid of schedulers).
 *
 * @example
 * smallMultiplesChart({ title: 'Schedulers', xTitle: 'epoch', yTitle: 'lr', points });
 */
export function smallMultiplesChart(o: SmallMultiplesOptions): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: o.title,
    config: CHART_CONFIG,
    data: { values: o.points },
    facet: {
      field: 'panel',
      type: 'nominal',
      title: null,
      // The panels in the order they come (null still sorts facets by name).
      sort: [...new Set(o.points.map((p) => p.panel))],
      header: { labelFontSize: 11 },
    },
    columns: o.columns ?? 3,
    spec: {
      width: 180,
      height: 110,
      mark: { type: 'line', strokeWidth: 1.5 },
      encoding: {
        x: { field: 'x', type: 'quantitative', title: o.xTitle },
        y: { field: 'y', type: 'quantitative', title: o.yTitle, axis: { format: '.2~g' } },
      },
    },
    resolve: { scale: { y: 'independent', x: 'independent' } },
  };
}
