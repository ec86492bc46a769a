import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gzipBomb, gzipWithLongName } from '../../test/helpers/gzip-bomb';
import { idxBytes } from '../../test/helpers/idx-file';
import { parseIdx, readIdx } from './idx';

describe('parseIdx', () => {
  it.each([
    [0x08, 'uint8', [2, 3], [0, 1, 2, 253, 254, 255], 1],
    [0x09, 'int8', [3], [-128, 0, 127], 1],
    [0x0b, 'int16', [2], [-300, 300], 2],
    [0x0c, 'int32', [1, 2], [-70000, 2 ** 30], 4],
    [0x0d, 'float32', [2], [0.5, -2.25], 4],
    [0x0e, 'float64', [2], [0.1, -1e300], 8],
  ])('decodes type 0x%s (%s)', (code, type, shape, values, width) => {
    const out = parseIdx(idxBytes(code, shape, values, width));
    expect(out.type).toBe(type);
    expect(out.shape).toEqual(shape);
    expect(Array.from(out.data)).toEqual(values);
  });

  it('inflates gzipped bytes first', () => {
    const out = parseIdx(gzipSync(idxBytes(0x08, [4], [9, 8, 7, 6])));
    expect(Array.from(out.data)).toEqual([9, 8, 7, 6]);
  });

  it('names the file when a gzipped file is cut off', () => {
    const zipped = gzipSync(
      idxBytes(
        0x08,
        [64],
        Array.from({ length: 64 }, (_, i) => i),
      ),
    );
    // Node's zlib reports a stream that stops early as "unexpected end of file".
    expect(() => parseIdx(zipped.subarray(0, zipped.length - 12), 'f.idx.gz')).toThrow(
      new Error(
        'parseIdx: f.idx.gz is gzipped but cannot be inflated (truncated or damaged): unexpected end of file',
      ),
    );
  });

  it.each([
    [
      idxBytes(0x08, [2, 2], [1, 2, 3, 4]).subarray(0, 10),
      'parseIdx: f.idx is truncated: its header needs 12 bytes, the file has 10',
    ],
    [
      idxBytes(0x08, [2, 2], [1, 2, 3, 4]).subarray(0, 14),
      'parseIdx: f.idx is truncated: shape [2, 2] of uint8 needs 4 bytes of data, got 2',
    ],
    [
      new Uint8Array([...idxBytes(0x08, [1], [1]), 0]),
      'parseIdx: f.idx has 1 unexpected bytes after the data of shape [1]',
    ],
    [
      new Uint8Array([0x50, 0x4b, 3, 4]),
      'parseIdx: f.idx is not an IDX file: it starts with 0x50 0x4b 0x03 0x04, expected 0x00 0x00 <type> <ndim>',
    ],
    [
      new Uint8Array([0, 0, 0x07, 1, 0, 0, 0, 0]),
      'parseIdx: f.idx has unknown data type code 0x07, expected one of 0x08, 0x09, 0x0b, 0x0c, 0x0d, 0x0e',
    ],
  ])('rejects bad bytes %#', (bytes, message) => {
    expect(() => parseIdx(bytes, 'f.idx')).toThrow(new Error(message));
  });
});

describe('readIdx', () => {
  it('reads a gzipped file from disk and names it in errors', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'descent-idx-'));
    const good = join(dir, 'labels.gz');
    await writeFile(good, gzipSync(idxBytes(0x08, [3], [1, 2, 3])));
    expect(Array.from((await readIdx(good)).data)).toEqual([1, 2, 3]);
    const bad = join(dir, 'cut.idx');
    await writeFile(bad, idxBytes(0x08, [5], [1, 2, 3, 4, 5]).subarray(0, 10));
    await expect(readIdx(bad)).rejects.toThrow(
      new Error(`parseIdx: ${bad} is truncated: shape [5] of uint8 needs 5 bytes of data, got 2`),
    );
  });
});

describe('parseIdx on hostile gzip files', () => {
  const header = (shape: number[]): Uint8Array => idxBytes(0x08, shape, []);

  it('stops inflating at the size the header declares: a 256 MiB bomb behind a [10] header', () => {
    const bomb = gzipBomb(header([10]), 256);
    expect(bomb.length).toBeLessThan(300_000);
    let error: unknown;
    try {
      parseIdx(bomb, 'bomb.idx.gz');
    } catch (e) {
      error = e;
    }
    expect(error).toEqual(
      new Error(
        'parseIdx: bomb.idx.gz inflates to more than the 18 bytes its header declares (shape [10] of uint8): unexpected bytes after the data',
      ),
    );
    // zlib itself stopped at the bound (Node's maxOutputLength), not after inflating everything.
    expect(((error as Error).cause as Error).message).toBe(
      'Cannot create a Buffer larger than 18 bytes',
    );
  });

  it('refuses a declared size above maxBytes before inflating the data', () => {
    const bomb = gzipBomb(header([2 ** 28]), 256);
    expect(() => parseIdx(bomb, 'bomb.idx.gz', { maxBytes: 2 ** 20 })).toThrow(
      new RangeError(
        'parseIdx: bomb.idx.gz declares shape [268435456] of uint8, 268435464 bytes, more than maxBytes=1048576',
      ),
    );
  });

  it('refuses a declared size the input cannot hold (deflate expands at most 1032-fold) before allocating', () => {
    const tiny = gzipSync(idxBytes(0x08, [65535, 65535], [1, 2, 3]));
    expect(() => parseIdx(tiny, 'tiny.idx.gz')).toThrow(
      new Error(
        `parseIdx: tiny.idx.gz is truncated: shape [65535, 65535] of uint8 needs 4294836225 bytes of data, more than ${tiny.length} gzipped bytes can hold`,
      ),
    );
  });

  it('decodes a declared 4 MiB of zeros into one buffer, without a second copy', () => {
    const out = parseIdx(gzipBomb(header([2 ** 22]), 4));
    expect(out.shape).toEqual([2 ** 22]);
    expect(out.data.length).toBe(2 ** 22);
    expect(out.data.every((v) => v === 0)).toBe(true);
    // A view of zlib's single output buffer (header + data + one spare byte).
    expect(out.data.byteOffset).toBe(8);
    expect(out.data.buffer.byteLength).toBe(8 + 2 ** 22 + 1);
  });

  it('finds the header behind a 100 kB gzip file name', () => {
    const body = idxBytes(0x0c, [3], [-1, 7, 2 ** 31 - 1], 4);
    const out = parseIdx(gzipWithLongName(body, 100_000));
    expect(Array.from(out.data)).toEqual([-1, 7, 2 ** 31 - 1]);
  });

  it.each([
    [null, 'x', {}, new TypeError('parseIdx: input must be a Uint8Array, got null')],
    ['abc', 'x', {}, new TypeError('parseIdx: input must be a Uint8Array, got "abc"')],
    [new Uint8Array(8), 5, {}, new TypeError('parseIdx: source must be a string, got 5')],
    [new Uint8Array(8), 'x', null, new TypeError('parseIdx: options must be an object, got null')],
    [
      new Uint8Array(8),
      'x',
      { maxBytes: '1' },
      new TypeError('parseIdx: maxBytes must be a number, got "1"'),
    ],
    [
      new Uint8Array(8),
      'x',
      { maxBytes: -1 },
      new RangeError('parseIdx: maxBytes must be a positive integer, got -1'),
    ],
    [
      new Uint8Array(8),
      'x',
      { maxBytes: NaN },
      new RangeError('parseIdx: maxBytes must be a positive integer, got NaN'),
    ],
  ])('refuses input %s, source %s, options %j', (input, source, options, error) => {
    expect(() => parseIdx(input as never, source as never, options as never)).toThrow(error);
  });

  it('readIdx refuses a path that is not a string', async () => {
    await expect(readIdx(3 as never)).rejects.toThrow(
      new TypeError('readIdx: path must be a string, got 3'),
    );
  });
});
