/**
 * Fashion-MNIST (Xiao et al. 2017) for chapter 9 on the command line (`--data DIR`): the four IDX
 * files, gzipped as published or not, read from DIR or DIR/fashion-mnist (Debian's
 * `dataset-fashion-mnist` installs them to /usr/share/datasets/fashion-mnist). Node only.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tensor } from '@descent/autograd';
import { readIdx } from '@descent/datasets/node';
import type { IdxArray } from '@descent/datasets/node';
import type { ImageData, TrainingPlan } from '../chapters/convnet';

/** The ten Fashion-MNIST classes, in label order. */
export const FASHION_CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'] as const;

/** The chapter's run on Fashion-MNIST: two epochs of batch 64, the test accuracy four times an epoch. */
export const FASHION_PLAN: Omit<TrainingPlan, 'evalEvery'> = { epochs: 2, batchSize: 64 };

const FILES = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'] as const;

/**
 * The paths of the four files in `dir` or `dir/fashion-mnist` (`.gz` preferred); throws an Error
 * naming the folder and the missing files when either place lacks one.
 *
 * @example
 * findFashionMnist('/usr/share/datasets'); // […/fashion-mnist/train-images-idx3-ubyte.gz, …]
 */
export function findFashionMnist(dir: string): string[] {
  const at = (folder: string, f: string): string | null => {
    for (const name of [`${f}.gz`, f]) if (existsSync(join(folder, name))) return join(folder, name);
    return null;
  };
  const folders = [resolve(dir), resolve(dir, 'fashion-mnist')];
  for (const folder of folders) {
    const paths = FILES.map((f) => at(folder, f));
    if (paths.every((p) => p !== null)) return paths;
  }
  const missing = FILES.filter((f) => at(folders[0] as string, f) === null);
  throw new Error(
    `--data: ${resolve(dir)} does not hold Fashion-MNIST (missing ${missing.map((f) => `${f}.gz`).join(', ')}; also looked in ${folders[1]}); on Debian: apt-get install dataset-fashion-mnist, then --data /usr/share/datasets/fashion-mnist`,
  );
}

function checked(idx: IdxArray, path: string, rank: number): IdxArray {
  if (idx.type !== 'uint8' || idx.shape.length !== rank) {
    throw new Error(`--data: ${path} should hold uint8 ${rank === 3 ? 'images [n, 28, 28]' : 'labels [n]'}, got ${idx.type} of shape [${idx.shape.join(', ')}]`);
  }
  return idx;
}

/** Options of {@link fashionMnistImages}. */
export interface FashionOptions {
  /** Use only the first `limit` training and the first `limit` test images (default: all of them). */
  limit?: number;
}

/**
 * Fashion-MNIST as chapter 9's data: pixels scaled to [0, 1] as `[n, 1, 28, 28]`, labels int32, and
 * {@link FASHION_PLAN} with the test accuracy measured four times an epoch.
 *
 * @example
 * const data = await fashionMnistImages('/usr/share/datasets/fashion-mnist', { limit: 6400 });
 */
export async function fashionMnistImages(dir: string, options: FashionOptions = {}): Promise<ImageData> {
  const paths = findFashionMnist(dir);
  const [trainX, trainY, testX, testY] = await Promise.all(paths.map(async (p, k) => checked(await readIdx(p), p, k % 2 === 0 ? 3 : 1)));
  const set = (images: IdxArray, labels: IdxArray, k: number): { x: ReturnType<typeof tensor>; y: ReturnType<typeof tensor> } => {
    const [count, rows, cols] = images.shape as [number, number, number];
    if (labels.shape[0] !== count) throw new Error(`--data: ${paths[k + 1]} has ${labels.shape[0]} labels but ${paths[k]} has ${count} images`);
    const n = Math.min(count, options.limit ?? count);
    const pixels = Float32Array.from(images.data.subarray(0, n * rows * cols), (v) => v / 255);
    return { x: tensor(pixels).reshape([n, 1, rows, cols]), y: tensor(Int32Array.from(labels.data.subarray(0, n))) };
  };
  const train = set(trainX as IdxArray, trainY as IdxArray, 0);
  const test = set(testX as IdxArray, testY as IdxArray, 2);
  const stepsPerEpoch = Math.ceil((train.y.shape[0] as number) / FASHION_PLAN.batchSize);
  return {
    name: 'Fashion-MNIST',
    size: train.x.shape[2] as number,
    classes: FASHION_CLASSES,
    train,
    test,
    plan: { ...FASHION_PLAN, evalEvery: Math.max(1, Math.ceil(stepsPerEpoch / 4)) },
  };
}
