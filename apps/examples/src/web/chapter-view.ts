import type { ChapterOutput, Figure, Lang, Table } from '../chapters/chapter';
import { formatCell } from '../chapters/format-cell';
import { diagramStepper } from './diagram-stepper';
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
    h('thead', {}, h('tr', {}, ...t.columns.map((c) => h('th', { scope: 'col' }, c)))),
    h(
      'tbody',
      {},
      ...t.rows.map((r) =>
        h(
          'tr',
          {},
          ...r.map((c) =>
            h('td', NUMERIC.test(formatCell(c)) ? { class: 'num' } : {}, formatCell(c)),
          ),
        ),
      ),
    ),
  );
}

/**
 * A chart for a figure, rendered live, inside a `<figure>` whose id is the figure's id (a deep
 * link: `#ch4-race-bowl`) and whose caption links to it.
 */
export async function figureElement(f: Figure, into: HTMLElement): Promise<LiveChart> {
  const el = h('div', { class: 'chart', 'data-figure': f.id, role: 'img', 'aria-label': f.title });
  into.append(
    h(
      'figure',
      { class: 'figure', id: f.id },
      el,
      h('figcaption', {}, h('a', { href: `#${f.id}`, class: 'anchor' }, f.title)),
    ),
  );
  return renderChart(el, f.spec);
}

/**
 * Renders a chapter's printouts (verbatim; those a diagram presents are left to the diagram), its
 * diagrams as steppers, its tables and its figures; returns the live charts by id.
 */
export async function renderChapterOutput(
  out: ChapterOutput,
  into: HTMLElement,
  lang: Lang,
): Promise<Map<string, LiveChart>> {
  const drawn = new Set((out.diagrams ?? []).map((d) => d.presents));
  for (const p of out.printouts.filter((x) => !drawn.has(x.title)))
    into.append(h('h3', {}, p.title), h('pre', { 'data-printout': '', tabindex: '0' }, p.text));
  for (const d of out.diagrams ?? []) into.append(diagramStepper(d, lang));
  for (const t of out.tables) into.append(tableElement(t));
  const charts = new Map<string, LiveChart>();
  const box = out.figures.length > 2 ? h('div', { class: 'grid' }) : into;
  if (box !== into) into.append(box);
  for (const f of out.figures) {
    charts.set(f.id, await figureElement(f, box));
    // Let the browser paint (and handle input) between charts.
    await new Promise((r) => setTimeout(r, 0));
  }
  return charts;
}
