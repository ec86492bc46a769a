import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG, CHART_SIZE } from './theme';

/** One cell of a drawn filter: its row (a run), filter number, pixel and weight. */
export interface FilterCell {
  row: string;
  filter: number;
  /** Left, right, top and bottom edges in grid units (one unit a pixel, one unit between filters). */
  x: number;
  x2: number;
  y: number;
  y2: number;
  w: number;
}

/** Options of {@link filterGrid}. */
export interface FilterGridOptions {
  title: string;
  /** One row per run: its label and its filters, each `k × k` weights in row-major order. */
  rows: readonly { label: string; filters: readonly (readonly number[])[] }[];
  /** Side of a filter (3 for 3×3). */
  k: number;
  /** Title of the colour legend. */
  weightTitle: string;
  /** Data source name, so the page can stream new filters into it (default `filters`). */
  dataName?: string;
}

/** The cells of {@link filterGrid}'s rows (exported for the page's live updates). */
export function filterCells(rows: FilterGridOptions['rows'], k: number): FilterCell[] {
  const cells: FilterCell[] = [];
  rows.forEach((row, r) =>
    row.filters.forEach((f, n) =>
      f.forEach((w, i) => {
        const x = n * (k + 1) + (i % k);
        const y = r * (k + 1) + Math.floor(i / k);
        cells.push({ row: row.label, filter: n + 1, x, x2: x + 1, y, y2: y + 1, w });
      }),
    ),
  );
  return cells;
}

/**
 * Filters drawn as small images: one row per run (the initial weights, then each optimizer), one
 * `k × k` block per filter, each weight a square coloured on a diverging scale centred on zero
 * (the same scale for every block, so growing weights show as stronger colours).
 */
export function filterGrid(o: FilterGridOptions): TopLevelSpec {
  const cells = filterCells(o.rows, o.k);
  const filters = Math.max(...o.rows.map((r) => r.filters.length));
  const cols = filters * (o.k + 1) - 1;
  const rowsHigh = o.rows.length * (o.k + 1) - 1;
  const m = Math.max(1e-12, ...cells.map((c) => Math.abs(c.w)));
  const labels = o.rows.map((r, i) => ({ row: r.label, y: i * (o.k + 1) + o.k / 2 }));
  const width = CHART_SIZE.width;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: o.title,
    width,
    height: Math.round(((width - 90) * rowsHigh) / cols),
    config: CHART_CONFIG,
    layer: [
      {
        data: { name: o.dataName ?? 'filters', values: cells },
        mark: { type: 'rect' },
        encoding: {
          x: { field: 'x', type: 'quantitative', axis: null, scale: { domain: [-8, cols] } },
          x2: { field: 'x2' },
          y: { field: 'y', type: 'quantitative', axis: null, scale: { domain: [0, rowsHigh], reverse: true } },
          y2: { field: 'y2' },
          color: {
            field: 'w',
            type: 'quantitative',
            title: o.weightTitle,
            scale: { scheme: 'blueorange', domain: [-m, m] },
          },
          tooltip: [{ field: 'row' }, { field: 'filter' }, { field: 'w', format: '.3f' }],
        },
      },
      {
        data: { values: labels },
        mark: { type: 'text', align: 'right', baseline: 'middle', dx: -4, fontSize: 11 },
        encoding: {
          x: { datum: 0, type: 'quantitative' },
          y: { field: 'y', type: 'quantitative' },
          text: { field: 'row' },
        },
      },
    ],
    view: { stroke: null },
  };
}
