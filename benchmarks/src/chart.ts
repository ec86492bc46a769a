/**
 * The table as an SVG chart: for each workload, the speed of ours (WebAssembly, best thread
 * count), ours (TypeScript fallback) and tfjs-cpu relative to tfjs-wasm, on a log scale where 1×
 * is tfjs-wasm's speed.
 */
import type { Row } from './report';

const SERIES = [
  { label: 'Descent (wasm, best threads)', color: '#2563eb', value: (r: Row) => r.tfjsWasm / Math.min(r.wasm1T, r.wasm2T ?? Infinity) },
  { label: 'Descent (TypeScript fallback)', color: '#16a34a', value: (r: Row) => (r.typescript === undefined ? NaN : r.tfjsWasm / r.typescript) },
  { label: 'tfjs-cpu', color: '#9ca3af', value: (r: Row) => r.tfjsWasm / r.tfjsCpu },
] as const;

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** An SVG document (no external resources) of speed relative to tfjs-wasm per workload. */
export function chartSvg(rows: readonly Row[], title: string): string {
  const left = 210, right = 30, top = 56, barH = 10, groupH = SERIES.length * barH + 14, width = 820;
  const height = top + rows.length * groupH + 40;
  const values = rows.flatMap((r) => SERIES.map((s) => s.value(r))).filter((v) => Number.isFinite(v) && v > 0);
  const lo = Math.floor(Math.log10(Math.min(0.01, ...values))), hi = Math.ceil(Math.log10(Math.max(10, ...values)));
  const x = (v: number): number => left + ((Math.log10(v) - lo) / (hi - lo)) * (width - left - right);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${left}" y="18" font-size="14" font-weight="bold">${escape(title)}</text>`,
  ];
  SERIES.forEach((s, i) => {
    const lx = left + i * 200;
    parts.push(`<rect x="${lx}" y="28" width="10" height="10" fill="${s.color}"/><text x="${lx + 14}" y="37">${escape(s.label)}</text>`);
  });
  for (let e = lo; e <= hi; e++) {
    const gx = x(10 ** e);
    parts.push(`<line x1="${gx}" y1="${top - 4}" x2="${gx}" y2="${height - 34}" stroke="${e === 0 ? '#111' : '#ddd'}"/>`);
    parts.push(`<text x="${gx}" y="${height - 20}" text-anchor="middle">${10 ** e}×</text>`);
  }
  parts.push(`<text x="${(left + width - right) / 2}" y="${height - 6}" text-anchor="middle">speed relative to tfjs-wasm (log scale; right of the dark line is faster)</text>`);
  rows.forEach((r, g) => {
    const gy = top + g * groupH;
    parts.push(`<text x="${left - 8}" y="${gy + groupH / 2}" text-anchor="end">${escape(r.workload)}</text>`);
    SERIES.forEach((s, i) => {
      const v = s.value(r);
      if (!Number.isFinite(v) || v <= 0) return;
      const x0 = x(10 ** lo), x1 = x(v);
      parts.push(`<rect x="${x0}" y="${gy + i * barH}" width="${Math.max(1, x1 - x0)}" height="${barH - 2}" fill="${s.color}"><title>${escape(`${s.label}: ${v.toFixed(2)}×`)}</title></rect>`);
    });
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
