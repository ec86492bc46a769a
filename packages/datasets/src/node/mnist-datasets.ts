import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { checkOptions } from '../argument-checks';
import type { Dataset } from '../dataset';
import { checkIndex } from '../dataset';
import { formatValue } from '../format-value';
import { download } from './download';
import { parseIdx, readIdxSync } from './idx';
import type { IdxArray } from './idx';
import { MNIST_MD5, MNIST_URLS, checkImages, checkLabels } from './mnist';

/** Options of {@link MNIST} and {@link FashionMNIST} (torchvision's, camelCase). */
export interface MnistDatasetOptions<I = Tensor, L = number> {
  /** Folder holding the files, as `<root>/<Name>/raw/` (torchvision's layout) or directly (required). */
  root: string;
  /** The training split (default true) or the test split. */
  train?: boolean;
  /** With {@link MNIST.load} only: fetch missing files into `<root>/<Name>/raw/` (default false). */
  download?: boolean;
  /** Applied to each image, a float32 tensor [28, 28] in [0, 1] (default none). */
  transform?: (image: Tensor) => I;
  /** Applied to each label, a number 0 … 9 (default none). */
  targetTransform?: (label: number) => L;
  /** With `download`: the folder URL to fetch from (default the official mirror). */
  baseUrl?: string;
  /** With `download`: expected MD5 per file name (default torchvision's); `null` skips the check. */
  md5?: Record<string, string> | null;
}

const OPTIONS = ['root', 'train', 'download', 'transform', 'targetTransform', 'baseUrl', 'md5'];

/** The four files of a split, without `.gz`. */
const files = (train: boolean): [string, string] => {
  const prefix = train ? 'train' : 't10k';
  return [`${prefix}-images-idx3-ubyte`, `${prefix}-labels-idx1-ubyte`];
};

/** Checks the options (kinds, unknown keys) and returns them with defaults. */
function readOptions<I, L>(
  owner: string,
  options: unknown,
): Required<Pick<MnistDatasetOptions<I, L>, 'root' | 'train' | 'download'>> &
  MnistDatasetOptions<I, L> {
  if (options === undefined)
    throw new TypeError(`${owner}: options must be an object with root, got undefined`);
  const o = checkOptions(owner, options, OPTIONS) as unknown as MnistDatasetOptions<I, L>;
  if (typeof o.root !== 'string' || o.root === '')
    throw new TypeError(`${owner}: root must be a folder path, got ${formatValue(o.root)}`);
  for (const key of ['train', 'download'] as const)
    if (o[key] !== undefined && typeof o[key] !== 'boolean')
      throw new TypeError(`${owner}: ${key} must be a boolean, got ${formatValue(o[key])}`);
  for (const key of ['transform', 'targetTransform'] as const)
    if (o[key] !== undefined && typeof o[key] !== 'function')
      throw new TypeError(`${owner}: ${key} must be a function, got ${formatValue(o[key])}`);
  if (o.baseUrl !== undefined && typeof o.baseUrl !== 'string')
    throw new TypeError(`${owner}: baseUrl must be a string, got ${formatValue(o.baseUrl)}`);
  if (o.md5 !== undefined && o.md5 !== null && (typeof o.md5 !== 'object' || Array.isArray(o.md5)))
    throw new TypeError(
      `${owner}: md5 must be an object of file names to MD5s or null, got ${formatValue(o.md5)}`,
    );
  return { ...o, train: o.train ?? true, download: o.download ?? false };
}

/**
 * An MNIST-format dataset read from IDX files (gzipped or not) in `root`, as torchvision's
 * `datasets.MNIST` (Node only): item `i` is `[image, label]`, the image a float32 tensor [28, 28]
 * with values in [0, 1] (torchvision gives a PIL image; `ToTensor` would give [1, 28, 28]), the label
 * a number, each through `transform` / `targetTransform` when given. Files are looked up in
 * `<root>/<Name>/raw/` (where {@link MNIST.load} downloads them) and then in `root` itself, so a
 * folder of the published files works directly. Decoding goes through the bounded IDX reader.
 *
 * @example
 * const test = new MNIST({ root: '.cache', train: false }); // files already there
 * const train = await MNIST.load({ root: '.cache', download: true }); // fetched if missing
 * const [image, label] = test.get(0);
 */
export class MNIST<I = Tensor, L = number> implements Dataset<[I, L]> {
  /** Folder name under `root` (torchvision's class name). */
  static readonly folder: string = 'MNIST';
  /** Key of {@link MNIST_URLS} / {@link MNIST_MD5}. */
  static readonly variant: keyof typeof MNIST_URLS = 'mnist';

  readonly root: string;
  readonly train: boolean;
  readonly length: number;
  /** Raw pixels, `length` × 28 × 28 bytes, row-major. */
  readonly data: Uint8Array;
  /** Labels 0 … 9. */
  readonly targets: Uint8Array;
  private readonly transform: ((image: Tensor) => I) | undefined;
  private readonly targetTransform: ((label: number) => L) | undefined;
  private readonly pixels: number;
  private readonly imageShape: [number, number];

  constructor(options: MnistDatasetOptions<I, L>) {
    const owner = new.target.name;
    const o = readOptions<I, L>(owner, options);
    if (o.download)
      throw new TypeError(
        `${owner}: download needs the network, which a constructor cannot await; use await ${owner}.load({ ...options, download: true })`,
      );
    const { folder } = new.target;
    const [imagePath, labelPath] = files(o.train).map((f) => locate(owner, o.root, folder, f)) as [
      string,
      string,
    ];
    const images = checkImages(readIdxSync(imagePath), imagePath, owner);
    const labels = checkLabels(readIdxSync(labelPath), labelPath, owner);
    if (images.shape[0] !== labels.shape[0])
      throw new Error(
        `${owner}: ${labelPath} has ${labels.shape[0]} labels but ${imagePath} has ${images.shape[0]} images`,
      );
    this.root = o.root;
    this.train = o.train;
    this.length = images.shape[0] as number;
    this.data = images.data as Uint8Array;
    this.targets = labels.data as Uint8Array;
    this.imageShape = [images.shape[1] as number, images.shape[2] as number];
    this.pixels = this.imageShape[0] * this.imageShape[1];
    this.transform = o.transform;
    this.targetTransform = o.targetTransform;
  }

  /**
   * Fetches the split's files into `<root>/<Name>/raw/` when `download` is set and they are
   * missing or damaged (checksums, then decoding, before anything is written; written to a
   * temporary file and renamed), then reads them as the constructor does.
   */
  static async load<I = Tensor, L = number>(
    this: typeof MNIST,
    options: MnistDatasetOptions<I, L>,
  ): Promise<MNIST<I, L>> {
    const owner = this.name;
    const o = readOptions<I, L>(owner, options);
    if (o.download) {
      const baseUrl = o.baseUrl ?? MNIST_URLS[this.variant];
      const checksums = o.md5 === undefined ? MNIST_MD5[this.variant] : o.md5;
      for (const [k, base] of files(o.train).entries()) {
        const file = `${base}.gz`;
        const md5 = checksums?.[file];
        await download(
          new URL(file, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).href,
          join(o.root, this.folder, 'raw', file),
          {
            ...(md5 === undefined ? {} : { md5 }),
            validate: (bytes, source) => {
              const idx: IdxArray = parseIdx(bytes, source);
              if (k === 0) checkImages(idx, source, owner);
              else checkLabels(idx, source, owner);
            },
          },
        );
      }
    }
    return new this<I, L>({ ...o, download: false });
  }

  /** `[image, label]` of item `index`. */
  get(index: number): [I, L] {
    checkIndex(this.constructor.name, index, this.length);
    const start = index * this.pixels;
    const pixels = Float32Array.from(
      this.data.subarray(start, start + this.pixels),
      (v) => v / 255,
    );
    const image = tensor(pixels).reshape(this.imageShape);
    const label = this.targets[index] as number;
    return [
      this.transform ? this.transform(image) : (image as unknown as I),
      this.targetTransform ? this.targetTransform(label) : (label as unknown as L),
    ];
  }
}

/**
 * Fashion-MNIST (Xiao, Rasul & Vollgraf 2017: 28 × 28 grey images of 10 kinds of clothing, MIT
 * license), as torchvision's `datasets.FashionMNIST`; everything else as {@link MNIST}. Debian's
 * `dataset-fashion-mnist` installs the files in `/usr/share/datasets/fashion-mnist`, usable as `root`.
 *
 * @example
 * const test = new FashionMNIST({ root: '/usr/share/datasets/fashion-mnist', train: false });
 * FashionMNIST.classes[test.get(0)[1]]; // 'Ankle boot'
 */
export class FashionMNIST<I = Tensor, L = number> extends MNIST<I, L> {
  static override readonly folder: string = 'FashionMNIST';
  static override readonly variant: keyof typeof MNIST_URLS = 'fashion-mnist';
  /** Label names, as torchvision's `FashionMNIST.classes`. */
  static readonly classes: readonly string[] = [
    'T-shirt/top',
    'Trouser',
    'Pullover',
    'Dress',
    'Coat',
    'Sandal',
    'Shirt',
    'Sneaker',
    'Bag',
    'Ankle boot',
  ];
}

/** The first of `<root>/<folder>/raw/<base>[.gz]` and `<root>/<base>[.gz]` that exists. */
function locate(owner: string, root: string, folder: string, base: string): string {
  const candidates = [join(root, folder, 'raw'), root].flatMap((dir) => [
    join(dir, base),
    join(dir, `${base}.gz`),
  ]);
  const found = candidates.find((path) => existsSync(path));
  if (found === undefined)
    throw new Error(
      `${owner}: ${base}(.gz) not found in ${join(root, folder, 'raw')} or ${root}; pass download: true to ${owner}.load to fetch it`,
    );
  return found;
}
