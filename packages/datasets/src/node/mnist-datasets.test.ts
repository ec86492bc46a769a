import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idxBytes } from '../../test/helpers/idx-file';
import { serveFiles } from '../../test/helpers/local-server';
import { FashionMNIST, MNIST } from './mnist-datasets';

// Two 2 × 2 "images" and their labels, as the published files: gzipped IDX.
const pixels = [0, 255, 51, 102, 1, 2, 3, 255];
const images = gzipSync(idxBytes(0x08, [2, 2, 2], pixels));
const labels = gzipSync(idxBytes(0x08, [2], [9, 4]));
const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');
const checksums = {
  't10k-images-idx3-ubyte.gz': md5(images),
  't10k-labels-idx1-ubyte.gz': md5(labels),
};

let server: Awaited<ReturnType<typeof serveFiles>>;
beforeAll(async () => {
  server = await serveFiles({
    '/m/t10k-images-idx3-ubyte.gz': images,
    '/m/t10k-labels-idx1-ubyte.gz': labels,
  });
});
afterAll(async () => {
  await server.close();
});

describe('MNIST / FashionMNIST', () => {
  it('downloads into <root>/FashionMNIST/raw from a local server, verified and atomic, then reads it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'descent-fmnist-'));
    const ds = await FashionMNIST.load({
      root,
      train: false,
      download: true,
      baseUrl: `${server.url}/m`,
      md5: checksums,
      targetTransform: (l) => FashionMNIST.classes[l],
    });
    expect(ds).toBeInstanceOf(FashionMNIST);
    expect(ds.length).toBe(2);
    const [image, label] = ds.get(0);
    // 0, 255, 51, 102 divided by 255.
    expect(image.tolist()).toEqual([
      [0, 1],
      [Math.fround(0.2), Math.fround(0.4)],
    ]);
    expect(label).toBe('Ankle boot');
    expect(ds.get(1)[1]).toBe('Coat');
    // Only the two files, no temporary left behind.
    expect((await readdir(join(root, 'FashionMNIST', 'raw'))).sort()).toEqual([
      't10k-images-idx3-ubyte.gz',
      't10k-labels-idx1-ubyte.gz',
    ]);
    // Cached now: the constructor reads it without the network.
    expect(new FashionMNIST({ root, train: false }).get(1)[1]).toBe(4);
  });

  it('refuses a download whose checksum differs and writes nothing', async () => {
    const root = await mkdtemp(join(tmpdir(), 'descent-fmnist-'));
    await expect(
      MNIST.load({ root, train: false, download: true, baseUrl: `${server.url}/m` }),
    ).rejects.toThrow(
      /download: md5 checksum mismatch for http:\/\/127\.0\.0\.1:\d+\/m\/t10k-images-idx3-ubyte\.gz: expected 9fb629c4189551a2d022fa330f9573f3/,
    );
    expect(existsSync(join(root, 'MNIST', 'raw', 't10k-images-idx3-ubyte.gz'))).toBe(false);
  });

  it('reads plain (not gzipped) files directly in root, with a transform', async () => {
    const root = await mkdtemp(join(tmpdir(), 'descent-mnist-'));
    await writeFile(join(root, 'train-images-idx3-ubyte'), idxBytes(0x08, [1, 1, 3], [255, 0, 51]));
    await writeFile(join(root, 'train-labels-idx1-ubyte'), idxBytes(0x08, [1], [3]));
    const ds = new MNIST({ root, transform: (t) => t.sum().item() });
    // float32 pixels 1 and fround(0.2), summed in float32.
    expect(ds.get(0)).toEqual([Math.fround(1 + Math.fround(0.2)), 3]);
  });

  it('says where it looked and how to download', async () => {
    const root = await mkdtemp(join(tmpdir(), 'descent-mnist-'));
    await mkdir(join(root, 'MNIST'));
    expect(() => new MNIST({ root })).toThrow(
      new Error(
        `MNIST: train-images-idx3-ubyte(.gz) not found in ${join(root, 'MNIST', 'raw')} or ${root}; pass download: true to MNIST.load to fetch it`,
      ),
    );
  });

  it.each([
    [undefined, 'MNIST: options must be an object with root, got undefined'],
    [{ root: 5 }, 'MNIST: root must be a folder path, got 5'],
    [{ root: '.', train: 'yes' }, 'MNIST: train must be a boolean, got "yes"'],
    [{ root: '.', transform: 1 }, 'MNIST: transform must be a function, got 1'],
    [
      { root: '.', target_transform: 1 },
      "MNIST: unknown option 'target_transform'; did you mean 'targetTransform'?",
    ],
    [
      { root: '.', download: true },
      'MNIST: download needs the network, which a constructor cannot await; use await MNIST.load({ ...options, download: true })',
    ],
  ])('refuses options %j', (options, message) => {
    expect(() => new MNIST(options as never)).toThrow(new TypeError(message));
  });

  // Debian's dataset-fashion-mnist (CI installs it). Expected values computed independently with
  // Python's gzip and struct modules from the same files: 1,000 test images per class, first labels
  // 9 2 1 1 6, pixel sum of image 0 = 33456 (of 255 each), row 14 of image 0 as listed.
  const debian = '/usr/share/datasets/fashion-mnist';
  it.skipIf(!existsSync(join(debian, 't10k-labels-idx1-ubyte.gz')))(
    "reads Debian's Fashion-MNIST test split",
    () => {
      const ds = new FashionMNIST({ root: debian, train: false });
      expect(ds.length).toBe(10000);
      const counts = new Array<number>(10).fill(0);
      for (const l of ds.targets) counts[l] = (counts[l] as number) + 1;
      expect(counts).toEqual(new Array<number>(10).fill(1000));
      expect(Array.from(ds.targets.subarray(0, 5))).toEqual([9, 2, 1, 1, 6]);
      const [image, label] = ds.get(0);
      expect(label).toBe(9);
      expect(ds.data.subarray(0, 784).reduce((a, b) => a + b, 0)).toBe(33456);
      const row = (image.tolist() as number[][])[14] as number[];
      expect(row.map((v) => Math.round(v * 255))).toEqual([
        0, 0, 0, 0, 0, 0, 2, 4, 1, 0, 0, 0, 98, 136, 110, 109, 110, 162, 135, 144, 149, 159, 167,
        144, 158, 169, 119, 0,
      ]);
    },
  );
});
