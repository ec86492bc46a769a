import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gzipBomb } from '../../test/helpers/gzip-bomb';
import { idxBytes } from '../../test/helpers/idx-file';
import { serveFiles } from '../../test/helpers/local-server';
import { loadMnist } from './mnist';

// Three 2 × 2 "images" and their labels, as the published files: gzipped IDX.
const pixels = [0, 255, 51, 102, 1, 2, 3, 4, 255, 255, 0, 0];
const images = gzipSync(idxBytes(0x08, [3, 2, 2], pixels));
const labels = gzipSync(idxBytes(0x08, [3], [7, 0, 9]));
const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');
const checksums = {
  't10k-images-idx3-ubyte.gz': md5(images),
  't10k-labels-idx1-ubyte.gz': md5(labels),
};

let server: Awaited<ReturnType<typeof serveFiles>>;
beforeAll(async () => {
  server = await serveFiles({
    '/mirror/t10k-images-idx3-ubyte.gz': images,
    '/mirror/t10k-labels-idx1-ubyte.gz': labels,
    '/short/t10k-images-idx3-ubyte.gz': images.subarray(0, images.length - 8),
    '/short/t10k-labels-idx1-ubyte.gz': labels,
    '/wrong/t10k-images-idx3-ubyte.gz': images,
    '/wrong/t10k-labels-idx1-ubyte.gz': gzipSync(idxBytes(0x08, [3], [7, 12, 9])),
    '/bomb/t10k-images-idx3-ubyte.gz': images,
    // Three labels declared, 64 MiB of zeros behind them.
    '/bomb/t10k-labels-idx1-ubyte.gz': gzipBomb(idxBytes(0x08, [3], []), 64),
  });
});
afterAll(async () => {
  await server.close();
});

describe('loadMnist', () => {
  it('downloads into <root>/<variant>, verifies and decodes the test split', async () => {
    const root = await mkdtemp(join(tmpdir(), 'descent-mnist-'));
    const { data, target } = await loadMnist({
      root,
      train: false,
      download: true,
      baseUrl: `${server.url}/mirror`,
      md5: checksums,
    });
    expect(data.shape).toEqual([3, 2, 2]);
    expect(data.dtype).toBe('float32');
    expect(Array.from(data.toTypedArray())).toEqual(pixels.map((v) => Math.fround(v / 255)));
    expect(target.tolist()).toEqual([7, 0, 9]);
    expect((await readdir(join(root, 'mnist'))).sort()).toEqual([
      't10k-images-idx3-ubyte.gz',
      't10k-labels-idx1-ubyte.gz',
    ]);
    // A second load reads the cache.
    const before = server.requests.length;
    await loadMnist({
      root,
      train: false,
      download: true,
      baseUrl: `${server.url}/mirror`,
      md5: checksums,
      variant: 'mnist',
    });
    expect(server.requests.length).toBe(before);
  });

  it('rejects files that do not match the official checksums and keeps the cache empty', async () => {
    const root = await mkdtemp(join(tmpdir(), 'descent-mnist-'));
    const url = `${server.url}/mirror/t10k-images-idx3-ubyte.gz`;
    await expect(
      loadMnist({
        root,
        train: false,
        download: true,
        baseUrl: `${server.url}/mirror/`,
        variant: 'fashion-mnist',
      }),
    ).rejects.toThrow(
      new Error(
        `download: md5 checksum mismatch for ${url}: expected bef4ecab320f06d8554ea6380940ec79, got ${md5(images)}`,
      ),
    );
    // Verification happens before anything touches the disk: not even the folder exists.
    expect(await readdir(root)).toEqual([]);
  });

  it('says how to download missing files', async () => {
    const root = await mkdtemp(join(tmpdir(), 'descent-mnist-'));
    const path = join(root, 'mnist', 'train-images-idx3-ubyte.gz');
    await expect(loadMnist({ root })).rejects.toThrow(
      new Error(
        `loadMnist: ${path} not found; pass download: true to fetch it from https://ossci-datasets.s3.amazonaws.com/mnist/`,
      ),
    );
  });

  const cases: [string, Uint8Array, Uint8Array, (dir: string) => string][] = [
    [
      'labels for images',
      images,
      images,
      (d) =>
        `loadMnist: ${d}/t10k-labels-idx1-ubyte.gz should hold uint8 labels [n], got uint8 of shape [3, 2, 2]`,
    ],
    [
      'images for labels',
      labels,
      labels,
      (d) =>
        `loadMnist: ${d}/t10k-images-idx3-ubyte.gz should hold uint8 images [n, rows, cols], got uint8 of shape [3]`,
    ],
    [
      'fewer labels',
      images,
      idxBytes(0x08, [2], [1, 2]),
      (d) =>
        `loadMnist: ${d}/t10k-labels-idx1-ubyte.gz has 2 labels but ${d}/t10k-images-idx3-ubyte.gz has 3 images`,
    ],
    [
      'label 12',
      images,
      idxBytes(0x08, [3], [1, 12, 2]),
      (d) => `loadMnist: ${d}/t10k-labels-idx1-ubyte.gz has label 12 at index 1, expected 0 … 9`,
    ],
  ];
  it.each(cases)('rejects mislabelled files: %s', async (_, imageFile, labelFile, message) => {
    const root = await mkdtemp(join(tmpdir(), 'descent-mnist-'));
    const dir = join(root, 'mnist');
    await mkdir(dir);
    await writeFile(join(dir, 't10k-images-idx3-ubyte.gz'), imageFile);
    await writeFile(join(dir, 't10k-labels-idx1-ubyte.gz'), labelFile);
    await expect(loadMnist({ root, train: false })).rejects.toThrow(new Error(message(dir)));
  });

  it('leaves no truncated download in the cache, even with md5: null', async () => {
    const root = await mkdtemp(join(tmpdir(), 'descent-mnist-'));
    const url = `${server.url}/short/t10k-images-idx3-ubyte.gz`;
    // The server sends a gzip stream without its last 8 bytes (the CRC and length trailer).
    await expect(
      loadMnist({ root, train: false, download: true, baseUrl: `${server.url}/short`, md5: null }),
    ).rejects.toThrow(
      new Error(
        `parseIdx: ${url} is gzipped but cannot be inflated (truncated or damaged): unexpected end of file`,
      ),
    );
    expect(await readdir(root)).toEqual([]);
  });

  it('checks a download through the bounded IDX reader: a gzip bomb stops at its declared size and is not cached', async () => {
    const root = await mkdtemp(join(tmpdir(), 'descent-mnist-'));
    const url = `${server.url}/bomb/t10k-labels-idx1-ubyte.gz`;
    await expect(
      loadMnist({ root, train: false, download: true, baseUrl: `${server.url}/bomb`, md5: null }),
    ).rejects.toThrow(
      new Error(
        `parseIdx: ${url} inflates to more than the 11 bytes its header declares (shape [3] of uint8): unexpected bytes after the data`,
      ),
    );
    expect(await readdir(join(root, 'mnist'))).toEqual(['t10k-images-idx3-ubyte.gz']);
  });

  it('does not cache a downloaded label file with a label outside 0 … 9', async () => {
    const root = await mkdtemp(join(tmpdir(), 'descent-mnist-'));
    const url = `${server.url}/wrong/t10k-labels-idx1-ubyte.gz`;
    await expect(
      loadMnist({ root, train: false, download: true, baseUrl: `${server.url}/wrong`, md5: null }),
    ).rejects.toThrow(new Error(`loadMnist: ${url} has label 12 at index 1, expected 0 … 9`));
    // The (valid) image file was kept; the bad label file never reached the cache.
    expect(await readdir(join(root, 'mnist'))).toEqual(['t10k-images-idx3-ubyte.gz']);
  });

  it('replaces a truncated cached file when downloading without checksums', async () => {
    const root = await mkdtemp(join(tmpdir(), 'descent-mnist-'));
    const dir = join(root, 'mnist');
    await mkdir(dir);
    await writeFile(join(dir, 't10k-images-idx3-ubyte.gz'), images.subarray(0, 20));
    const { data } = await loadMnist({
      root,
      train: false,
      download: true,
      baseUrl: `${server.url}/mirror`,
      md5: null,
    });
    expect(data.shape).toEqual([3, 2, 2]);
    expect(md5(await readFile(join(dir, 't10k-images-idx3-ubyte.gz')))).toBe(md5(images));
  });
});
