import * as vega from 'vega';
import { compile } from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';

/** A live chart: the Vega view and its container. */
export interface LiveChart {
  view: vega.View;
  element: HTMLElement;
}

/** Room a plot needs beside it for the y axis and a legend on the right (px). */
const SIDE_ROOM = 150;

/**
 * The spec as drawn in a container `available` px wide: the whole chart (axes and legend included)
 * takes the container's width (Vega's `fit-x` autosize), so a chart fills the column on a desktop.
 * Where the plot and a legend beside it would not fit (a phone, a grid cell), the legend moves
 * below the plot, so labels keep a readable size instead of the whole SVG being scaled down.
 * Concatenated and faceted specs are left as they are.
 */
export function fitSpec(spec: TopLevelSpec, available: number): TopLevelSpec {
  const width = 'width' in spec ? spec.width : undefined;
  if (typeof width !== 'number' || available <= 0) return spec;
  const fitted: TopLevelSpec = {
    ...spec,
    width: Math.max(160, Math.floor(available)),
    // `resize`: lay out again when streamed data changes the axis labels or the legend.
    autosize: { type: 'fit-x', contains: 'padding', resize: true },
  };
  if (width + SIDE_ROOM <= available) return fitted;
  type LegendConfig = NonNullable<NonNullable<TopLevelSpec['config']>['legend']>;
  return {
    ...fitted,
    config: {
      ...spec.config,
      // Vega-Lite passes `layout` on to Vega's legend config, but its types leave it out.
      legend: {
        ...spec.config?.legend,
        orient: 'bottom',
        direction: 'horizontal',
        // Three columns of legend entries need about 330 px.
        columns: available < 360 ? 2 : 3,
        // Several legends (the race's symbols and its optimizers) stack instead of sitting side
        // by side, which would need the width the plot just gave up.
        layout: { bottom: { anchor: 'start', direction: 'vertical', margin: 4 } },
      } as unknown as LegendConfig,
    },
  };
}

/** Renders a chapter's Vega-Lite spec into an element as SVG (the same spec the CLI draws). */
export async function renderChart(
  element: HTMLElement,
  spec: TopLevelSpec,
  previous?: LiveChart,
): Promise<LiveChart> {
  previous?.view.finalize();
  element.replaceChildren();
  const view = new vega.View(vega.parse(compile(fitSpec(spec, element.clientWidth)).spec), {
    renderer: 'svg',
    container: element,
    hover: true,
  });
  await view.runAsync();
  element.dataset.rendered = String(Number(element.dataset.rendered ?? '0') + 1);
  return { view, element };
}

/** Replaces the values of a named data source of a live chart (for streaming and animation). */
export async function replaceData(chart: LiveChart, name: string, values: object[]): Promise<void> {
  chart.view.change(
    name,
    vega
      .changeset()
      .remove(() => true)
      .insert(values),
  );
  await chart.view.runAsync();
}
