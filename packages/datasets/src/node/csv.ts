import { readFile } from 'node:fs/promises';
import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { formatValue } from '../format-value';
import { isDecimal } from './decimal';

/** Options of {@link parseCsv} and {@link readCsv}. */
export interface CsvOptions {
  /** The first line names the columns (default true). */
  header?: boolean;
  /** Columns to keep, by header name or 0-based position, in this order (default all). */
  columns?: readonly (string | number)[];
  /** Field separator (default ','). */
  delimiter?: string;
  /** dtype of the tensor (default 'float32'); with 'int32' every cell must be an integer in int32 range. */
  dtype?: 'float32' | 'float64' | 'int32';
}

/** A numeric table. */
export interface CsvTable {
  /** Names of the kept columns (from the header, else their positions as strings). */
  columns: string[];
  /** Values, [rows, columns]. */
  data: Tensor;
}

/** Splits one line into fields; a field in double quotes may hold the delimiter and "" for a quote. */
function splitLine(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const quote = line.indexOf('"', i);
        if (quote < 0) return [...fields, value + line.slice(i)];
        value += line.slice(i, quote);
        if (line[quote + 1] === '"') {
          value += '"';
          i = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
      const next = line.indexOf(delimiter, i);
      fields.push(value + (next < 0 ? line.slice(i) : line.slice(i, next)));
      if (next < 0) return fields;
      i = next + delimiter.length;
    } else {
      const next = line.indexOf(delimiter, i);
      if (next < 0) return [...fields, line.slice(i)];
      fields.push(line.slice(i, next));
      i = next + delimiter.length;
    }
  }
}

const DTYPES = ['float32', 'float64', 'int32'] as const;

/** Throws a TypeError naming the first argument or option of the wrong kind. */
function checkCsvArguments(text: unknown, options: unknown, source: unknown): void {
  if (typeof text !== 'string')
    throw new TypeError(`parseCsv: text must be a string, got ${formatValue(text)}`);
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new TypeError(`parseCsv: options must be an object, got ${formatValue(options)}`);
  if (typeof source !== 'string')
    throw new TypeError(`parseCsv: source must be a string, got ${formatValue(source)}`);
  const { header, columns, delimiter, dtype } = options as Record<string, unknown>;
  if (header !== undefined && typeof header !== 'boolean')
    throw new TypeError(`parseCsv: header must be a boolean, got ${formatValue(header)}`);
  if (delimiter !== undefined && (typeof delimiter !== 'string' || delimiter.length === 0))
    throw new TypeError(
      `parseCsv: delimiter must be a non-empty string, got ${formatValue(delimiter)}`,
    );
  if (dtype !== undefined && !DTYPES.includes(dtype as (typeof DTYPES)[number]))
    throw new TypeError(
      `parseCsv: dtype must be 'float32', 'float64' or 'int32', got ${formatValue(dtype)}`,
    );
  if (columns !== undefined) {
    if (!Array.isArray(columns))
      throw new TypeError(
        `parseCsv: columns must be an array of names or positions, got ${formatValue(columns)}`,
      );
    (columns as unknown[]).forEach((c, k) => {
      if (typeof c !== 'string' && typeof c !== 'number')
        throw new TypeError(
          `parseCsv: columns[${k}] must be a name or a position, got ${formatValue(c)}`,
        );
    });
  }
}

/**
 * Parses numeric CSV text into a tensor. Errors name the source, the 1-based line and the value:
 * a non-numeric cell, a row with a different number of fields than the header (or the first row),
 * an unknown column, a non-integer cell for dtype 'int32'.
 *
 * @example
 * const { columns, data } = parseCsv('x,y\n1,2\n3,4\n', { columns: ['y'] }); // data [[2], [4]]
 */
export function parseCsv(text: string, options: CsvOptions = {}, source = '<text>'): CsvTable {
  checkCsvArguments(text, options, source);
  const { header = true, delimiter = ',', dtype = 'float32' } = options;
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1]?.trim() === '') lines.pop();
  let names: string[] = [];
  let start = 0;
  if (header) {
    if (lines.length === 0) throw new Error(`parseCsv: ${source} is empty, expected a header line`);
    names = splitLine(lines[0] as string, delimiter).map((n) => n.trim());
    start = 1;
  }
  const width = header ? names.length : splitLine(lines[0] ?? '', delimiter).length;
  if (!header) names = Array.from({ length: width }, (_, i) => String(i));
  const picked = (options.columns ?? names.map((_, i) => i)).map((c) => {
    const position = typeof c === 'number' ? c : names.indexOf(c);
    if (!Number.isInteger(position) || position < 0 || position >= width) {
      throw new RangeError(
        `parseCsv: column ${typeof c === 'number' ? c : `"${c}"`} not found in ${source} (columns: ${names.join(', ')})`,
      );
    }
    return position;
  });
  const rows = lines.length - start;
  const values = new Float64Array(rows * picked.length);
  for (let r = 0; r < rows; r++) {
    const lineNumber = start + r + 1;
    const fields = splitLine(lines[start + r] as string, delimiter);
    if (fields.length !== width)
      throw new Error(
        `parseCsv: ${source} row ${lineNumber} has ${fields.length} fields, expected ${width}`,
      );
    picked.forEach((position, k) => {
      const cell = fields[position] as string;
      const value = parseCell(cell);
      if (value === undefined) {
        throw new Error(
          `parseCsv: ${source} row ${lineNumber}, column "${names[position]}": ${formatValue(cell)} is not a number`,
        );
      }
      if (
        dtype === 'int32' &&
        !(Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31)
      ) {
        throw new RangeError(
          `parseCsv: ${source} row ${lineNumber}, column "${names[position]}": ${formatValue(cell)} is not an int32 integer (dtype 'int32')`,
        );
      }
      values[r * picked.length + k] = value;
    });
  }
  const data = tensor(values, { dtype: 'float64' }).reshape([rows, picked.length]);
  return {
    columns: picked.map((p) => names[p] as string),
    data: dtype === 'float64' ? data : data.to(dtype),
  };
}

/** A decimal number (also nan, inf, -inf as Python writes them), or undefined. */
function parseCell(cell: string): number | undefined {
  const t = cell.trim();
  if (isDecimal(t)) return Number(t);
  const lower = t.toLowerCase();
  if (lower === 'nan') return NaN;
  if (lower === 'inf' || lower === '+inf' || lower === 'infinity') return Infinity;
  if (lower === '-inf' || lower === '-infinity') return -Infinity;
  return undefined;
}

/**
 * Reads a numeric CSV file into a tensor (Node only); see {@link parseCsv}.
 *
 * @example
 * const { columns, data } = await readCsv('housing.csv', { columns: ['rooms', 'price'] });
 */
export async function readCsv(path: string, options: CsvOptions = {}): Promise<CsvTable> {
  if (typeof path !== 'string')
    throw new TypeError(`readCsv: path must be a string, got ${formatValue(path)}`);
  return parseCsv(await readFile(path, 'utf8'), options, path);
}
