import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG } from './theme';

/** Options of {@link descentPathChart}. */
export interface DescentPathOptions {
  title: string;
  /** The loss curve y = f(x), sampled. */
  curve: { x: number; y: number }[];
  /** The iterates, in order. */
  path: { step: number; x: number; y: number }[];
  lossTitle: string;
  iterTitle: string;
  curveTitle: string;
}

/**
 * Two panels side by side: the loss against the iteration, and the descent path drawn on the loss
 * curve (points numbered by step).
 *
 * @example
 * descentPathChart({ title: 'lr = 0.1', curve, path, lossTitle: 'loss', iterTitle: 'iteration', curveTitle: 'x' });
 */
export function descentPathChart(o: DescentPathOptions): TopLevelSpec {
  const xs = o.curve.map((p) => p.x);
  const domain = [Math.min(...xs), Math.max(...xs)];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: o.title,
    config: CHART_CONFIG,
    hconcat: [
      {
        width: 220,
        height: 200,
        data: { values: o.path },
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'step', type: 'quantitative', title: o.iterTitle, axis: { tickMinStep: 1 } },
          y: { field: 'y', type: 'quantitative', title: o.lossTitle, scale: { type: 'symlog' } },
        },
      },
      {
        width: 220,
        height: 200,
        layer: [
          {
            data: { values: o.curve },
            mark: { type: 'line', color: '#999' },
            encoding: {
              x: { field: 'x', type: 'quantitative', title: o.curveTitle, scale: { domain } },
              y: { field: 'y', type: 'quantitative', title: o.lossTitle },
            },
          },
          {
            data: {
              values: o.path.filter(
                (p) => p.x >= (domain[0] as number) && p.x <= (domain[1] as number),
              ),
            },
            mark: {
              type: 'line',
              point: { filled: true, size: 50, color: '#d62728' },
              color: '#d62728',
              strokeDash: [4, 3],
            },
            encoding: {
              x: { field: 'x', type: 'quantitative' },
              y: { field: 'y', type: 'quantitative' },
              order: { field: 'step' },
            },
          },
        ],
      },
    ],
  };
}
