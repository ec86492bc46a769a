import type { ChapterOutput, Lang } from '../chapters/chapter';
import { formatCell } from '../chapters/format-cell';

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Cells that read as numbers (right-aligned; text is left-aligned). */
const NUMERIC = /^[-+]?[\d.,]+(e[-+]?\d+)?%?$/i;

/** A chapter that was skipped, and why. */
export interface SkippedChapter {
  number: number;
  title: string;
  reason: string;
}

/** One rendered figure: its SVG text and the file names written. */
export interface RenderedFigure {
  id: string;
  title: string;
  svg: string;
}

/**
 * The offline report: every chapter's printouts, tables and figures (SVG inlined, so the page makes
 * no request at all).
 */
export function htmlReport(
  lang: Lang,
  chapters: readonly { output: ChapterOutput; figures: RenderedFigure[] }[],
  skipped: readonly SkippedChapter[],
  resultsJson?: string,
): string {
  const parts: string[] = [];
  for (const { output, figures } of chapters) {
    parts.push(
      `<section id="ch${output.number}"><h2>${output.number}. ${escapeHtml(output.title)}</h2>`,
    );
    // A printout that a diagram presents is drawn, not repeated as text.
    const drawn = new Set((output.diagrams ?? []).map((d) => d.presents));
    for (const p of output.printouts.filter((x) => !drawn.has(x.title)))
      parts.push(`<h3>${escapeHtml(p.title)}</h3><pre>${escapeHtml(p.text)}</pre>`);
    for (const t of output.tables) {
      parts.push(`<table><caption>${escapeHtml(t.title)}</caption><thead><tr>`);
      parts.push(t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join(''));
      parts.push('</tr></thead><tbody>');
      for (const r of t.rows)
        parts.push(
          `<tr>${r.map((c) => `<td${NUMERIC.test(formatCell(c)) ? ' class="num"' : ''}>${escapeHtml(formatCell(c))}</td>`).join('')}</tr>`,
        );
      parts.push('</tbody></table>');
    }
    for (const f of figures) {
      parts.push(
        `<figure id="${f.id}">${f.svg}<figcaption><a href="#${f.id}">${escapeHtml(f.title)}</a> — <a href="${f.id}.svg">SVG</a> · <a href="${f.id}.png">PNG</a></figcaption></figure>`,
      );
    }
    parts.push('</section>');
  }
  for (const s of skipped) {
    parts.push(
      `<section id="ch${s.number}"><h2>${s.number}. ${escapeHtml(s.title)}</h2><p class="skipped">${escapeHtml(s.reason)}</p></section>`,
    );
  }
  if (resultsJson !== undefined) {
    parts.push(
      `<details><summary>results.json</summary><pre>${escapeHtml(resultsJson)}</pre></details>`,
    );
  }
  const title = lang === 'zh' ? 'Descent 教程：结果' : 'The Descent tutorial: results';
  // Contents: every chapter of the report, in order, as deep links.
  const sections = [
    ...chapters.map(({ output }) => ({ number: output.number, title: output.title })),
    ...skipped,
  ].sort((a, b) => a.number - b.number);
  const toc = `<nav aria-label="${lang === 'zh' ? '目录' : 'Contents'}"><ol>${sections
    .map((c) => `<li><a href="#ch${c.number}">${c.number}. ${escapeHtml(c.title)}</a></li>`)
    .join('')}</ol></nav>`;
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 0 auto; padding: 1rem; line-height: 1.4; }
pre { background: #f6f6f6; padding: .75rem; overflow-x: auto; font-size: .85rem; }
table { border-collapse: collapse; margin: 1rem 0; font-size: .9rem; display: block; overflow-x: auto; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid #ddd; padding: .2rem .5rem; text-align: left; white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; }
.skipped { color: #a33; }
nav { position: sticky; top: 0; background: white; border-bottom: 1px solid #ddd; }
nav ol { display: flex; flex-wrap: wrap; gap: .2rem 1rem; list-style: none; margin: 0; padding: .4rem 0; }
section, figure { scroll-margin-top: 3rem; }
</style>
</head>
<body>
<h1>${title}</h1>
${toc}
${parts.join('\n')}
</body>
</html>
`;
}
