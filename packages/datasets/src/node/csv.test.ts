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
