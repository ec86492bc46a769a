import { formatCell } from '../chapters/format-cell';
import type { Table } from '../chapters/chapter';

/** Display width of a string (CJK characters take two columns). */
function width(s: string): number {
  let w = 0;
  for (const ch of s)
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        ch,
      )
        ? 2
        : 1;
  return w;
}

function pad(s: string, w: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, w - width(s)));
  return right ? fill + s : s + fill;
}

/** A table as aligned plain text: numbers right-aligned, text left-aligned. */
export function formatTable(t: Table): string {
  const cells = t.rows.map((r) =>
    r.map(formatCell),
  );
  const widths = t.columns.map((c, j) =>
    Math.max(width(c), ...cells.map((r) => width(r[j] ?? ''))),
  );
  const numeric = t.columns.map((_, j) =>
    t.rows.every((r) => typeof r[j] === 'number' || /^-?[\d.,e+-]+$/.test(String(r[j]))),
  );
  const line = (r: string[]): string =>
    r
      .map((c, j) => pad(c, widths[j] ?? 0, numeric[j] ?? false))
      .join('   ')
      .trimEnd();
  return [
    t.title,
    line(t.columns),
    line(widths.map((w) => '-'.repeat(w))),
    ...cells.map(line),
  ].join('\n');
}
