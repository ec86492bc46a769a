import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv, readCsv } from './csv';

const text =
  'sepal,petal,"name, quoted",label\n5.1,1.4,"a ""b""",0\n-4.9e0,.5,c,1\r\n7,1e-1,d,2\n\n';

describe('parseCsv', () => {
  it('reads a header, picks columns by name or position, parses numbers', () => {
    const { columns, data } = parseCsv(text, { columns: ['petal', 0, 'label'], dtype: 'float64' });
    expect(columns).toEqual(['petal', 'sepal', 'label']);
    expect(data.tolist()).toEqual([
      [1.4, 5.1, 0],
      [0.5, -4.9, 1],
      [0.1, 7, 2],
    ]);
  });

  it('numbers the columns without a header', () => {
    const { columns, data } = parseCsv('1;2\n3;4\n', {
      header: false,
      delimiter: ';',
      dtype: 'int32',
    });
    expect(columns).toEqual(['0', '1']);
    expect(data.tolist()).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('accepts nan and inf as Python writes them', () => {
    const values = parseCsv('a\nnan\ninf\n-inf\n', {
      dtype: 'float64',
    }).data.tolist() as number[][];
    expect(values.flat()).toEqual([NaN, Infinity, -Infinity]);
  });

  it.each([
    ['a,b\n1,2\n3,x\n', {}, 'parseCsv: t.csv row 3, column "b": "x" is not a number'],
    ['a,b\n1,2\n3,\n', {}, 'parseCsv: t.csv row 3, column "b": "" is not a number'],
    ['a,b\n1,2\n3,4,5\n', {}, 'parseCsv: t.csv row 3 has 3 fields, expected 2'],
    ['a,b\n1\n', {}, 'parseCsv: t.csv row 2 has 1 fields, expected 2'],
    ['', {}, 'parseCsv: t.csv is empty, expected a header line'],
  ])('rejects %j', (input, options, message) => {
    expect(() => parseCsv(input, options, 't.csv')).toThrow(new Error(message));
  });

  it.each([
    ['a\n1\n2.5\n', 'row 3, column "a": "2.5" is not an int32 integer'],
    ['a\n3000000000\n', 'row 2, column "a": "3000000000" is not an int32 integer'],
    ['a\nnan\n', 'row 2, column "a": "nan" is not an int32 integer'],
  ])('rejects %j for dtype int32 instead of truncating', (input, message) => {
    expect(() => parseCsv(input, { dtype: 'int32' }, 't.csv')).toThrow(
      new RangeError(`parseCsv: t.csv ${message} (dtype 'int32')`),
    );
  });

  it('rejects an unknown column', () => {
    expect(() => parseCsv('a,b\n1,2\n', { columns: ['c'] }, 't.csv')).toThrow(
      new RangeError('parseCsv: column "c" not found in t.csv (columns: a, b)'),
    );
  });
});

describe('readCsv', () => {
  it('names the file in errors', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'descent-csv-'));
    const path = join(dir, 'bad.csv');
    await writeFile(path, 'x,y\n1,2\n3,four\n');
    await expect(readCsv(path)).rejects.toThrow(
      new Error(`parseCsv: ${path} row 3, column "y": "four" is not a number`),
    );
    await writeFile(path, 'x,y\n1,2\n');
    expect((await readCsv(path)).data.tolist()).toEqual([[1, 2]]);
  });
});

describe('parseCsv on hostile input', () => {
  it('parses a 64k-digit cell and rejects one followed by x (the #25 repro), naming a cut-down cell', () => {
    // 0.111… with 65,536 ones is 1/9 to double precision (Number rounds the whole literal).
    const ones = `0.${'1'.repeat(65536)}`;
    expect(parseCsv(`a\n${ones}\n`, { dtype: 'float64' }).data.tolist()).toEqual([[1 / 9]]);
    const bad = `${'9'.repeat(65536)}x`;
    expect(() => parseCsv(`a\n${bad}\n`, {}, 't.csv')).toThrow(
      new Error(
        `parseCsv: t.csv row 2, column "a": "${'9'.repeat(32)}"… (65537 characters) is not a number`,
      ),
    );
  });

  it.each([
    [{ delimiter: 5 }, 'parseCsv: delimiter must be a non-empty string, got 5'],
    [{ delimiter: '' }, 'parseCsv: delimiter must be a non-empty string, got ""'],
    [{ header: 'yes' }, 'parseCsv: header must be a boolean, got "yes"'],
    [{ dtype: 'int64' }, `parseCsv: dtype must be 'float32', 'float64' or 'int32', got "int64"`],
    [{ columns: 'a' }, 'parseCsv: columns must be an array of names or positions, got "a"'],
    [{ columns: [null] }, 'parseCsv: columns[0] must be a name or a position, got null'],
    [null, 'parseCsv: options must be an object, got null'],
  ])('refuses options %j with a TypeError', (options, message) => {
    expect(() => parseCsv('a,b\n1,2\n', options as never)).toThrow(new TypeError(message));
  });

  it.each([null, 5, undefined])('refuses text %s', (text) => {
    expect(() => parseCsv(text as never)).toThrow(
      new TypeError(`parseCsv: text must be a string, got ${String(text)}`),
    );
  });

  it('refuses a path that is not a string (a number would be read as a file descriptor)', async () => {
    await expect(readCsv(0 as never)).rejects.toThrow(
      new TypeError('readCsv: path must be a string, got 0'),
    );
  });
});
