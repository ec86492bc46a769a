import type { ChapterOutput, Figure, Table } from '../chapters/chapter';
import { formatCell } from '../chapters/format-cell';
import { h } from './dom';
import { renderChart } from './render-chart';
import type { LiveChart } from './render-chart';

/** Cells that read as numbers (right-aligned). */
const NUMERIC = /^[-+]?[\d.,]+(e[-+]?\d+)?%?$/i;

/** A table element for a chapter table. */
export function tableElement(t: Table): HTMLTableElement {
  return h(
    'table',
    {},
    h('caption', {}, t.title),
    h('thead', {}, h('tr', {}, ...t.columns.map((c) => h('th', {}, c)))),
    h(
      'tbody',
      {},
      ...t.rows.map((r) =>
        h(
          'tr',
          {},
          ...r.map((c) => h('td', NUMERIC.test(formatCell(c)) ? { class: 'num' } : {}, formatCell(c))),
        ),
      ),
    ),
  );
}

/** A chart container for a figure, rendered live. */
export async function figureElement(f: Figure, into: HTMLElement): Promise<LiveChart> {
  const el = h('div', { class: 'chart', 'data-figure': f.id, role: 'img', 'aria-label': f.title });
  into.append(el);
  return renderChart(el, f.spec);
}

/** Renders a chapter's printouts (verbatim), tables and figures; returns the live charts by id. */
export async function renderChapterOutput(
  out: ChapterOutput,
  into: HTMLElement,
): Promise<Map<string, LiveChart>> {
  for (const p of out.printouts)
    into.append(h('h3', {}, p.title), h('pre', { 'data-printout': '' }, p.text));
  for (const t of out.tables) into.append(tableElement(t));
  const charts = new Map<string, LiveChart>();
  const box = out.figures.length > 2 ? h('div', { class: 'grid' }) : into;
  if (box !== into) into.append(box);
  for (const f of out.figures) charts.set(f.id, await figureElement(f, box));
  return charts;
}
