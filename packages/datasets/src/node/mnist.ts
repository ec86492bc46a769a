import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { download } from './download';
import { parseIdx, readIdx } from './idx';
import type { IdxArray } from './idx';

/** Where the two datasets are published (the mirrors torchvision 0.14 uses). Never contacted by tests. */
export const MNIST_URLS = {
  mnist: 'https://ossci-datasets.s3.amazonaws.com/mnist/',
  'fashion-mnist': 'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/',
} as const;

/** MD5 of the published files (torchvision's `resources` lists). */
export const MNIST_MD5: Record<keyof typeof MNIST_URLS, Record<string, string>> = {
  mnist: {
    'train-images-idx3-ubyte.gz': 'f68b3c2dcbeaaa9fbdd348bbdeb94873',
    'train-labels-idx1-ubyte.gz': 'd53e105ee54ea40749a09fcbcd1e9432',
    't10k-images-idx3-ubyte.gz': '9fb629c4189551a2d022fa330f9573f3',
    't10k-labels-idx1-ubyte.gz': 'ec29112dd5afa0611ce80d1b7f02629c',
  },
  'fashion-mnist': {
    'train-images-idx3-ubyte.gz': '8d4fb7e6c68d591d4c3dfef9ec88bf0d',
    'train-labels-idx1-ubyte.gz': '25c81989df183df01b3e8a0aad5dffbe',
    't10k-images-idx3-ubyte.gz': 'bef4ecab320f06d8554ea6380940ec79',
    't10k-labels-idx1-ubyte.gz': 'bb300cfdad3c16e7a12a480ee83cd310',
  },
};

/** Options of {@link loadMnist}. */
export interface LoadMnistOptions {
  /** Cache folder; files go to `<root>/<variant>/` (required). */
  root: string;
  /** 'mnist' (default) or 'fashion-mnist'. */
  variant?: keyof typeof MNIST_URLS;
  /** The 60,000 training images (default true) or the 10,000 test images. */
  train?: boolean;
  /** Fetch missing files from `baseUrl` (default false). */
  download?: boolean;
  /** Folder URL the files are fetched from (default {@link MNIST_URLS}[variant]). */
  baseUrl?: string;
  /** Expected MD5 per file name (default {@link MNIST_MD5}[variant]); `null` skips the check. */
  md5?: Record<string, string> | null;
}

/** MNIST-style images and labels. */
export interface MnistData {
  /** float32 pixels scaled to [0, 1], [n, rows, cols]. */
  data: Tensor;
  /** int32 labels 0 … 9, [n]. */
  target: Tensor;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Throws unless `images` holds uint8 images [n, rows, cols]; `source` names the file. */
export function checkImages(images: IdxArray, source: string, owner = 'loadMnist'): IdxArray {
  if (images.type !== 'uint8' || images.shape.length !== 3) {
    throw new Error(
      `${owner}: ${source} should hold uint8 images [n, rows, cols], got ${images.type} of shape [${images.shape.join(', ')}]`,
    );
  }
  return images;
}

/** Throws unless `labels` holds uint8 labels [n] in 0 … 9; `source` names the file. */
export function checkLabels(labels: IdxArray, source: string, owner = 'loadMnist'): IdxArray {
  if (labels.type !== 'uint8' || labels.shape.length !== 1) {
    throw new Error(
      `${owner}: ${source} should hold uint8 labels [n], got ${labels.type} of shape [${labels.shape.join(', ')}]`,
    );
  }
  const bad = labels.data.findIndex((v) => v > 9);
  if (bad >= 0)
    throw new Error(
      `${owner}: ${source} has label ${labels.data[bad]} at index ${bad}, expected 0 … 9`,
    );
  return labels;
}

/**
 * Loads MNIST or Fashion-MNIST from IDX files (gzipped `.gz` names, as published) in a cache
 * folder, optionally downloading them first (Node only). With `download`, each file is checked
 * (checksum, then that it decodes to images or labels 0 … 9) before it is written to the cache, so
 * a truncated or mislabelled download leaves nothing behind.
 *
 * @example
 * const { data, target } = await loadMnist({ root: '.cache', train: false, download: true });
 */
export async function loadMnist(options: LoadMnistOptions): Promise<MnistData> {
  const { root, variant = 'mnist', train = true } = options;
  if (!(variant in MNIST_URLS))
    throw new TypeError(
      `loadMnist: variant must be 'mnist' or 'fashion-mnist', got ${String(variant)}`,
    );
  const baseUrl = options.baseUrl ?? MNIST_URLS[variant];
  const checksums = options.md5 === undefined ? MNIST_MD5[variant] : options.md5;
  const prefix = train ? 'train' : 't10k';
  const files = [`${prefix}-images-idx3-ubyte.gz`, `${prefix}-labels-idx1-ubyte.gz`] as const;
  const paths = files.map((f) => join(root, variant, f)) as [string, string];
  const check = (k: number, idx: IdxArray, source: string): IdxArray =>
    k === 0 ? checkImages(idx, source) : checkLabels(idx, source);
  // Each file is decoded once: by download's validation when downloading, else read below.
  const decoded: [IdxArray | undefined, IdxArray | undefined] = [undefined, undefined];
  for (const [k, file] of files.entries()) {
    const path = paths[k] as string;
    if (options.download) {
      const md5 = checksums?.[file];
      await download(new URL(file, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).href, path, {
        ...(md5 === undefined ? {} : { md5 }),
        validate: (bytes, source) => {
          decoded[k] = check(k, parseIdx(bytes, source), source);
        },
      });
    } else if (!(await exists(path))) {
      throw new Error(
        `loadMnist: ${path} not found; pass download: true to fetch it from ${baseUrl}`,
      );
    }
  }
  const [images, labels] = (await Promise.all(
    paths.map(async (path, k) => decoded[k] ?? check(k, await readIdx(path), path)),
  )) as [IdxArray, IdxArray];
  if (images.shape[0] !== labels.shape[0]) {
    throw new Error(
      `loadMnist: ${paths[1]} has ${labels.shape[0]} labels but ${paths[0]} has ${images.shape[0]} images`,
    );
  }
  const pixels = Float32Array.from(images.data, (v) => v / 255);
  return {
    data: tensor(pixels).reshape(images.shape),
    target: tensor(Int32Array.from(labels.data)),
  };
}
