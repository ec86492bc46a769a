import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG } from './theme';

/** Options of {@link surfaceRaceChart}. */
export interface SurfaceRaceOptions {
  title: string;
  cells: { x: number; x2: number; y: number; y2: number; z: number }[];
  /** Every optimizer's iterates (named data source `paths`, so the page can animate them). */
  paths: { step: number; x: number; y: number; series: string }[];
  domain: { x: [number, number]; y: [number, number] };
  width?: number;
  height?: number;
  /** Mark every iterate (default true). */
  markers?: boolean;
}

/**
 * Optimizer trajectories over a heat map of the loss surface (log colour scale, so valleys show).
 *
 * @example
 * surfaceRaceChart({ title: 'Bowl', cells: sampleSurface(bowl), paths, domain: bowl.domain });
 */
export function surfaceRaceChart(o: SurfaceRaceOptions): TopLevelSpec {
  const zMin = Math.min(...o.cells.map((c) => c.z));
  const cells = o.cells.map((c) => ({ ...c, level: Math.log10(c.z - zMin + 1e-3) }));
  const x = { scale: { domain: o.domain.x, nice: false }, title: 'x' };
  const y = { scale: { domain: o.domain.y, nice: false }, title: 'y' };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: o.title,
    width: o.width ?? 300,
    height: o.height ?? 260,
    config: CHART_CONFIG,
    layer: [
      {
        data: { values: cells },
        mark: { type: 'rect', stroke: null },
        encoding: {
          x: { field: 'x', type: 'quantitative', ...x },
          x2: { field: 'x2' },
          y: { field: 'y', type: 'quantitative', ...y },
          y2: { field: 'y2' },
          color: {
            field: 'level',
            type: 'quantitative',
            scale: { scheme: 'greys', reverse: true },
            legend: null,
          },
        },
      },
      {
        data: { name: 'paths', values: o.paths },
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
          color: { field: 'series', type: 'nominal', title: null, sort: null },
          order: { field: 'step' },
        },
      },
    ],
  };
}
