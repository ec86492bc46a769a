/**
 * PyTorch-style printing: `tensor([[1.0000, 2.0000], [3.0000, 4.0000]])` with rows on their own
 * lines, a common width, 4 decimals (or `1.` when every value is an integer, or scientific notation
 * for a wide range), `dtype=` when not the default, and `...` past 1000 elements.
 */
import type { DType } from './dtype';

// PyTorch's print options: threshold 1000, edgeitems 3, linewidth 80.
const THRESHOLD = 1000;
const EDGE = 3;
const LINE_WIDTH = 80;

type Formatter = (v: number) => string;

function floatFormatter(values: number[]): Formatter {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return fmtSpecial((v) => String(v));
  const allInts = finite.every((v) => Number.isInteger(v));
  const abs = finite.map(Math.abs).filter((v) => v > 0);
  const max = abs.length ? Math.max(...abs) : 0;
  const min = abs.length ? Math.min(...abs) : 0;
  if (allInts) {
    if (max / (min || 1) > 1000 || max > 1e8) return fmtSpecial((v) => expo(v));
    return fmtSpecial((v) => `${v.toFixed(0)}.`);
  }
  if (max / (min || 1) > 1000 || max > 1e8 || (min !== 0 && min < 1e-4)) return fmtSpecial((v) => expo(v));
  return fmtSpecial((v) => v.toFixed(4));
}

function expo(v: number): string {
  const [mant, exp] = v.toExponential(4).split('e');
  const e = Number(exp);
  return `${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

function fmtSpecial(f: Formatter): Formatter {
  return (v) => (Number.isNaN(v) ? 'nan' : v === Infinity ? 'inf' : v === -Infinity ? '-inf' : f(v));
}

/** Formats nested values of a tensor as PyTorch's `repr`. */
export function formatTensor(values: readonly number[], shape: readonly number[], dtype: DType, suffix: string[] = []): string {
  const summarize = values.length > THRESHOLD;
  const shown = summarize ? visible(values, shape) : [...values];
  const format: Formatter =
    dtype === 'bool' ? (v) => (v ? 'True' : 'False') : dtype === 'int32' ? (v) => String(v) : floatFormatter(shown);
  const width = Math.max(0, ...shown.map((v) => format(v).length));
  const cell = (v: number): string => format(v).padStart(width);
  const extras = [...(dtype === 'float32' || dtype === 'bool' ? [] : [`dtype=torch.${dtype}`]), ...suffix];
  const tail = extras.length ? `, ${extras.join(', ')}` : '';
  if (shape.length === 0) return `tensor(${format(values[0] ?? 0)}${tail})`;
  if (values.length === 0) return `tensor([]${shape.length > 1 || shape[0] !== 0 ? `, size=(${shape.join(', ')})` : ''}${tail})`;
  const indent = 'tensor('.length;
  const body = render(values, shape, 0, 0, indent, cell, summarize, width);
  return `tensor(${body}${tail})`;
}

function strideOf(shape: readonly number[], dim: number): number {
  let s = 1;
  for (let d = dim + 1; d < shape.length; d++) s *= shape[d] as number;
  return s;
}

function indicesToShow(size: number, summarize: boolean): (number | null)[] {
  if (!summarize || size <= 2 * EDGE) return Array.from({ length: size }, (_, i) => i);
  return [...Array.from({ length: EDGE }, (_, i) => i), null, ...Array.from({ length: EDGE }, (_, i) => size - EDGE + i)];
}

function render(
  values: readonly number[],
  shape: readonly number[],
  dim: number,
  base: number,
  indent: number,
  cell: (v: number) => string,
  summarize: boolean,
  width: number,
): string {
  const size = shape[dim] as number;
  const stride = strideOf(shape, dim);
  const picks = indicesToShow(size, summarize);
  if (dim === shape.length - 1) {
    // As torch's _vector_str: as many cells per line as fit in the line width (each cell plus ", ").
    const perLine = Math.max(1, Math.floor((LINE_WIDTH - indent) / (width + 2)));
    const cells = picks.map((i) => (i === null ? ' ...' : cell(values[base + i] as number)));
    const lines: string[] = [];
    for (let i = 0; i < cells.length; i += perLine) lines.push(cells.slice(i, i + perLine).join(', '));
    return `[${lines.join(`,\n${' '.repeat(indent + 1)}`)}]`;
  }
  const sep = `,${'\n'.repeat(shape.length - dim - 1)}${' '.repeat(indent + 1)}`;
  const parts = picks.map((i) => (i === null ? '...' : render(values, shape, dim + 1, base + i * stride, indent + 1, cell, summarize, width)));
  return `[${parts.join(sep)}]`;
}

function visible(values: readonly number[], shape: readonly number[]): number[] {
  const out: number[] = [];
  const visit = (dim: number, base: number): void => {
    if (dim === shape.length) {
      out.push(values[base] as number);
      return;
    }
    for (const i of indicesToShow(shape[dim] as number, true)) if (i !== null) visit(dim + 1, base + i * strideOf(shape, dim));
  };
  visit(0, 0);
  return out;
}
