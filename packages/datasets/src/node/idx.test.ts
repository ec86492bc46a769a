import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
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
