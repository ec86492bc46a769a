/**
 * PyTorch-style printing (torch/_tensor_str.py of 1.13): `tensor([[1.0000, 2.0000], [3.0000,
 * 4.0000]])` with rows on their own lines, a common width, 4 decimals (or `1.` when every value is
 * an integer, or scientific notation for a wide range), Python's round-half-even, `dtype=` when not
 * the default, and `...` past 1000 elements.
 */
import type { DType } from './dtype';

// PyTorch's print options: threshold 1000, edgeitems 3, linewidth 80.
const THRESHOLD = 1000;
const EDGE = 3;
const LINE_WIDTH = 80;
const PRECISION = 4;

/** Formats one value, unpadded. */
type Formatter = (v: number) => string;

/**
 * PyTorch's tie rule for printing: Python rounds an exact tie to even, JavaScript's `toFixed` and
 * `toExponential` round it up in magnitude. `text` is JavaScript's rounding of |x|; when |x| was
 * an exact tie and the kept last digit came out odd, take the even neighbour below (the odd digit
 * never needs a borrow).
 */
function halfEven(text: string, tie: boolean): string {
  const mantissaEnd = text.indexOf('e') === -1 ? text.length : text.indexOf('e');
  const last = Number(text[mantissaEnd - 1]);
  if (!tie || last % 2 === 0) return text;
  return `${text.slice(0, mantissaEnd - 1)}${last - 1}${text.slice(mantissaEnd)}`;
}

/** Whether x·10^d lies exactly halfway between two integers (x ≥ 0 a double). */
function isTie(x: number, d: number): boolean {
  if (d >= 0) {
    // x·10^d = n + ½ exactly ⇔ x = j / 2^(d+1) with j odd (5^d must divide out), and scaling by a
    // power of two is exact.
    const j = x * 2 ** (d + 1);
    return Number.isInteger(j) && j % 2 === 1;
  }
  const p = 10 ** -d;
  return Number.isInteger(x) && x % p === p / 2;
}

/** Python's `'{:.{digits}f}'.format(v)`. */
function fixed(v: number, digits: number): string {
  if (!Number.isFinite(v)) return special(v);
  const sign = v < 0 || Object.is(v, -0) ? '-' : '';
  const x = Math.abs(v);
  return sign + halfEven(x.toFixed(digits), isTie(x, digits));
}

/** Python's `'{:.4e}'.format(v)`: a two-digit exponent at least. */
function scientific(v: number): string {
  if (!Number.isFinite(v)) return special(v);
  const sign = v < 0 || Object.is(v, -0) ? '-' : '';
  const x = Math.abs(v);
  const exponent = x === 0 ? 0 : Number(x.toExponential(PRECISION).split('e')[1]);
  const [mant, exp] = halfEven(x.toExponential(PRECISION), isTie(x, PRECISION - exponent)).split('e') as [string, string];
  const e = Number(exp);
  return `${sign}${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

function special(v: number): string {
  return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
}

/**
 * torch's `_Formatter` for a floating tensor: the mode (integers as `1.`, fixed with 4 decimals,
 * or scientific) and the width are chosen from the non-zero finite values only.
 */
function floatFormatter(values: readonly number[]): { format: Formatter; width: number } {
  const nonzero = values.filter((v) => Number.isFinite(v) && v !== 0);
  const intMode = nonzero.every((v) => v === Math.ceil(v));
  const intFormat: Formatter = (v) => (Number.isFinite(v) ? `${fixed(v, 0)}.` : special(v));
  if (nonzero.length === 0) return { format: intFormat, width: 1 };
  const abs = nonzero.map(Math.abs);
  const max = Math.max(...abs);
  const min = Math.min(...abs);
  const sci = max / min > 1000 || max > 1e8 || (!intMode && min < 1e-4);
  const format: Formatter = sci ? scientific : intMode ? intFormat : (v) => fixed(v, PRECISION);
  return { format, width: Math.max(1, ...nonzero.map((v) => format(v).length)) };
}

/** Formats nested values of a tensor as PyTorch's `repr`. */
export function formatTensor(values: readonly number[], shape: readonly number[], dtype: DType, suffix: string[] = []): string {
  const summarize = values.length > THRESHOLD;
  const shown = summarize ? visible(values, shape) : [...values];
  let format: Formatter;
  let width: number;
  if (dtype === 'float32' || dtype === 'float64') {
    ({ format, width } = floatFormatter(shown));
  } else {
    format = dtype === 'bool' ? (v) => (v ? 'True' : 'False') : (v) => String(v);
    width = Math.max(1, ...shown.map((v) => format(v).length));
  }
  const cell = (v: number): string => format(v).padStart(width);
  // The dtype is shown unless it is a default one (float32, or bool for non-empty tensors, whose
  // values show it); an empty tensor always shows a non-float32 dtype, and its size unless 1-D.
  const empty = values.length === 0 && shape.length > 0;
  const showDType = dtype !== 'float32' && (dtype !== 'bool' || empty);
  const suffixes = [
    ...(empty && shape.length !== 1 ? [`size=(${shape.join(', ')})`] : []),
    ...(showDType ? [`dtype=torch.${dtype}`] : []),
    ...suffix,
  ];
  const indent = 'tensor('.length;
  const body = shape.length === 0 ? cell(values[0] ?? 0) : empty ? '[]' : render(values, shape, 0, 0, indent, cell, summarize, width);
  return addSuffixes(`tensor(${body}`, suffixes, indent);
}

/** torch's `_add_suffixes`: `, key=value` parts, each on a new line when it would pass the line width. */
function addSuffixes(text: string, suffixes: readonly string[], indent: number): string {
  const parts = [text];
  // torch's count: the characters after the last newline, plus 2 (or the whole length plus 2).
  let lastLine = text.length - text.lastIndexOf('\n') + 1;
  for (const suffix of suffixes) {
    if (lastLine + suffix.length + 2 > LINE_WIDTH) {
      parts.push(`,\n${' '.repeat(indent)}${suffix}`);
      lastLine = indent + suffix.length;
    } else {
      parts.push(`, ${suffix}`);
      lastLine += suffix.length + 2;
    }
  }
  return `${parts.join('')})`;
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

/**
 * The printout of a tensor whose values are on another device: its size, dtype and device, without
 * reading it back (`tensor(<on webgpu, size [2, 3]>, device='webgpu')`).
 */
export function formatDeviceTensor(shape: readonly number[], dtype: DType, device: string, suffix: string[] = []): string {
  const parts = [`<${shape.length === 0 ? 'scalar' : `size [${shape.join(', ')}]`}, not read back: await t.dataAsync()>`, `device='${device}'`];
  if (dtype !== 'float32') parts.push(`dtype=${dtype}`);
  return `tensor(${[...parts, ...suffix].join(', ')})`;
}
