import * as vega from 'vega';
import { compile } from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';

/** A live chart: the Vega view and its container. */
export interface LiveChart {
  view: vega.View;
  element: HTMLElement;
}

/** Renders a chapter's Vega-Lite spec into an element as SVG (the same spec the CLI draws). */
export async function renderChart(
  element: HTMLElement,
  spec: TopLevelSpec,
  previous?: LiveChart,
): Promise<LiveChart> {
  previous?.view.finalize();
  element.replaceChildren();
  const view = new vega.View(vega.parse(compile(spec).spec), {
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
