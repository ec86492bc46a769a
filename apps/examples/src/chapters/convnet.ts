import { Generator, manualSeed, noGrad, randperm, tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { Conv2d, CrossEntropyLoss, Flatten, Linear, MaxPool2d, ReLU, Sequential } from '@descent/nn';
import { Adam, RMSprop, SGD } from '@descent/optim';
import type { Device } from '@descent/tensor';
import { digitsSplit } from './digits-training';

/** Labelled images, `x` `[n, 1, size, size]` float32 in [0, 1] and `y` `[n]` class ids. */
export interface ImageSet {
  x: Tensor;
  y: Tensor;
}

/** A data set for the chapter: a training and a test part, and what the images are. */
export interface ImageData {
  /** Shown in titles and printouts, e.g. `UCI digits`. */
  name: string;
  /** Side of the square images (8 for the digits, 28 for Fashion-MNIST). */
  size: number;
  classes: readonly string[];
  train: ImageSet;
  test: ImageSet;
  /** How the chapter trains on it. */
  plan: TrainingPlan;
}

/** Epochs, batch size and how often the test accuracy is measured (in steps; default once an epoch). */
export interface TrainingPlan {
  epochs: number;
  batchSize: number;
  evalEvery?: number;
}

/** The digits run: six epochs of batch 32 (270 updates an optimizer), a few seconds each. */
export const DIGITS_PLAN: TrainingPlan = { epochs: 6, batchSize: 32 };

/** What the trainer needs of an optimizer. */
export interface Stepper {
  step(): unknown;
  zeroGrad(): void;
}

/** The four optimizers of the tutorial, each with the learning rate it is run at. */
export const CONVNET_OPTIMIZERS = [
  { name: 'SGD', lr: 0.1, make: (p: Tensor[], lr: number): Stepper => new SGD(p, { lr }) },
  { name: 'Momentum', lr: 0.01, make: (p: Tensor[], lr: number): Stepper => new SGD(p, { lr, momentum: 0.9 }) },
  { name: 'RMSprop', lr: 0.003, make: (p: Tensor[], lr: number): Stepper => new RMSprop(p, { lr }) },
  { name: 'Adam', lr: 0.003, make: (p: Tensor[], lr: number): Stepper => new Adam(p, { lr }) },
] as const;

/** One of {@link CONVNET_OPTIMIZERS}' names. */
export type ConvNetOptimizerName = (typeof CONVNET_OPTIMIZERS)[number]['name'];

/**
 * The small convnet of the chapter: two 3×3 convolutions (8 and 16 channels, padded to keep the
 * size), each followed by ReLU and 2×2 max pooling, then one linear layer to the 10 classes. On
 * 8×8 digits that is 1,898 parameters; on 28×28 Fashion-MNIST the linear layer reads 16·7·7 = 784.
 */
export function convNet(size: number): Sequential {
  const side = Math.floor(Math.floor(size / 2) / 2);
  return new Sequential(
    new Conv2d(1, 8, 3, { padding: 1 }), new ReLU(), new MaxPool2d(2),
    new Conv2d(8, 16, 3, { padding: 1 }), new ReLU(), new MaxPool2d(2),
    new Flatten(), new Linear(16 * side * side, 10),
  );
}

/** The UCI digits (built into `@descent/datasets`) as 8×8 images, split 80 / 20 by `seed`. */
export function digitsImages(seed: number): ImageData {
  const { train, test } = digitsSplit(seed);
  const images = (s: { x: Tensor; y: Tensor }): ImageSet => ({ x: s.x.reshape([-1, 1, 8, 8]), y: s.y });
  return {
    name: 'UCI digits',
    size: 8,
    classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    train: images(train),
    test: images(test),
    plan: DIGITS_PLAN,
  };
}

/** Options of a {@link ConvNetTrainer}. */
export interface ConvNetOptions {
  seed: number;
  epochs: number;
  batchSize: number;
  /** Measure the test accuracy (and close a loss interval) this often, in steps; default once an epoch. */
  evalEvery?: number;
  /** Learning rate (default: the optimizer's entry in {@link CONVNET_OPTIMIZERS}). */
  lr?: number;
  /**
   * Where to train (default `'cpu'`). On `'webgpu'` the model is built on the CPU from the seed and
   * moved, each batch is uploaded, and the trainer is driven with `await stepAsync()`.
   */
  device?: Device;
}

/** One point of a run's curves: the mean training loss since the last point, and the test accuracy. */
export interface ConvNetPoint {
  step: number;
  /** `step / stepsPerEpoch`: the epochs done. */
  epoch: number;
  loss: number;
  accuracy: number;
}

/** A finished (or interrupted) run, as the chapter reports it. */
export interface ConvNetRun {
  optimizer: string;
  lr: number;
  /** The loss of every step. */
  losses: number[];
  points: ConvNetPoint[];
  /** The first layer's 8 filters (3×3, row-major) before and after training. */
  initialFilters: number[][];
  filters: number[][];
  seconds: number;
}

/**
 * One optimizer training the chapter's convnet. Every trainer built with the same seed starts from
 * the same weights (`manualSeed(seed)` right before the model is built) and sees the same batches
 * (a fresh permutation of the training rows each epoch, from a generator seeded `seed + 1`), so
 * the only difference between runs is the optimizer. `step()` runs one update, so the page can
 * interleave several trainers with drawing; {@link trainConvNet} runs them to the end.
 */
export class ConvNetTrainer {
  readonly model: Sequential;
  readonly run: ConvNetRun;
  readonly stepsPerEpoch: number;
  readonly totalSteps: number;
  readonly #data: ImageData;
  readonly #o: ConvNetOptions;
  readonly #opt: Stepper;
  readonly #lossFn = new CrossEntropyLoss();
  readonly #batches: Generator;
  readonly #evalEvery: number;
  #order: Int32Array = new Int32Array(0);
  #sinceEval: number[] = [];
  /** Where the model trains. */
  readonly device: Device;

  constructor(data: ImageData, optimizer: ConvNetOptimizerName, o: ConvNetOptions) {
    const spec = CONVNET_OPTIMIZERS.find((s) => s.name === optimizer);
    if (spec === undefined) throw new RangeError(`optimizer must be one of ${CONVNET_OPTIMIZERS.map((s) => s.name).join(', ')}, got ${String(optimizer)}`);
    this.#data = data;
    this.#o = o;
    const n = data.train.y.shape[0]!;
    this.stepsPerEpoch = Math.ceil(n / o.batchSize);
    this.totalSteps = this.stepsPerEpoch * o.epochs;
    this.#evalEvery = o.evalEvery ?? this.stepsPerEpoch;
    manualSeed(o.seed);
    this.model = convNet(data.size);
    this.#batches = new Generator().manualSeed(o.seed + 1);
    const lr = o.lr ?? spec.lr;
    this.device = o.device ?? 'cpu';
    const filters = firstLayerFilters(this.model);
    if (this.device !== 'cpu') this.model.to(this.device);
    this.#opt = spec.make(this.model.parameters(), lr);
    this.run = { optimizer, lr, losses: [], points: [], initialFilters: filters, filters, seconds: 0 };
  }

  /** Steps taken so far. */
  get steps(): number {
    return this.run.losses.length;
  }

  /** Whether every epoch has run. */
  get done(): boolean {
    return this.steps >= this.totalSteps;
  }

  /**
   * One update on the next mini-batch; measures the test accuracy when a point is due. Returns the
   * loss. CPU only (a trainer on `'webgpu'` reads its loss back asynchronously: {@link stepAsync}).
   */
  step(): number {
    if (this.device !== 'cpu') throw new Error(`ConvNetTrainer.step(): the model is on ${this.device}; use await stepAsync()`);
    const t0 = performance.now();
    const value = this.#update().item();
    if (this.#record(value)) this.#point(testAccuracy(this.model, this.#data.test), firstLayerFilters(this.model));
    this.run.seconds += (performance.now() - t0) / 1000;
    return value;
  }

  /** {@link step} on any device: the loss, the accuracy and the filters are read asynchronously. */
  async stepAsync(): Promise<number> {
    const t0 = performance.now();
    const value = await this.#update().itemAsync();
    if (this.#record(value)) this.#point(await testAccuracyAsync(this.model, this.#data.test), await firstLayerFiltersAsync(this.model));
    this.run.seconds += (performance.now() - t0) / 1000;
    return value;
  }

  /** The update itself; returns the loss tensor (on the model's device). */
  #update(): Tensor {
    const n = this.#data.train.y.shape[0]!;
    const at = (this.steps % this.stepsPerEpoch) * this.#o.batchSize;
    if (at === 0) this.#order = randperm(n, { generator: this.#batches }).toTypedArray() as Int32Array;
    const pick = tensor(this.#order.subarray(at, Math.min(at + this.#o.batchSize, n)), { dtype: 'int32' });
    let x = this.#data.train.x.indexSelect(0, pick);
    let y = this.#data.train.y.indexSelect(0, pick);
    if (this.device !== 'cpu') [x, y] = [x.to(this.device), y.to(this.device)];
    this.#opt.zeroGrad();
    const loss = this.#lossFn.call(this.model.call(x), y);
    loss.backward();
    this.#opt.step();
    return loss;
  }

  /** Records a step's loss; true when a point (test accuracy, filters) is due. */
  #record(value: number): boolean {
    this.run.losses.push(value);
    this.#sinceEval.push(value);
    return this.steps % this.#evalEvery === 0 || this.done;
  }

  /** Closes a loss interval: its mean loss and the test accuracy, and the filters now. */
  #point(accuracy: number, filters: number[][]): void {
    this.run.points.push({
      step: this.steps,
      epoch: this.steps / this.stepsPerEpoch,
      loss: this.#sinceEval.reduce((a, b) => a + b, 0) / this.#sinceEval.length,
      accuracy,
    });
    this.#sinceEval = [];
    this.run.filters = filters;
  }
}

/** The share of `set` that `model` classifies right (in chunks of 1,000 images, without gradients). */
export function testAccuracy(model: Sequential, set: ImageSet): number {
  return noGrad(() => {
    const n = set.y.shape[0]!;
    let correct = 0;
    for (let i = 0; i < n; i += 1000) {
      const k = Math.min(1000, n - i);
      correct += model.call(set.x.narrow(0, i, k)).argmax(1).eq(set.y.narrow(0, i, k)).sum().item();
    }
    return correct / n;
  });
}

/** {@link testAccuracy} for a model on any device (the images are uploaded 1,000 at a time). */
export async function testAccuracyAsync(model: Sequential, set: ImageSet): Promise<number> {
  const device = model.parameters()[0]?.device ?? 'cpu';
  const n = set.y.shape[0]!;
  const want = set.y.tolist() as number[];
  let correct = 0;
  for (let i = 0; i < n; i += 1000) {
    const k = Math.min(1000, n - i);
    const predicted = noGrad(() => model.call(set.x.narrow(0, i, k).to(device)).argmax(1));
    const pred = (await predicted.toArray()) as number[];
    correct += pred.filter((p, j) => p === want[i + j]).length;
  }
  return correct / n;
}

/** {@link firstLayerFilters} for a model on any device. */
export async function firstLayerFiltersAsync(model: Sequential): Promise<number[][]> {
  const conv = model.at(0) as Conv2d;
  return (await noGrad(() => conv.weight.reshape([conv.outChannels, -1])).toArray()) as number[][];
}

/** The first convolution's filters as rows of 9 weights (3×3, row-major). */
export function firstLayerFilters(model: Sequential): number[][] {
  const conv = model.at(0) as Conv2d;
  return noGrad(() => conv.weight.reshape([conv.outChannels, -1]).tolist() as number[][]);
}

/** Options of {@link trainConvNet}. */
export interface TrainConvNetOptions extends ConvNetOptions {
  /** Only these optimizers (default: all four, in the tutorial's order). */
  optimizers?: readonly ConvNetOptimizerName[];
  /** Called after every step of every run (progress bars). */
  onStep?: (optimizer: string, step: number, totalSteps: number, loss: number) => void;
  /** Called between runs and every `yieldEvery` steps, awaited (lets the CLI see Ctrl-C). */
  pause?: () => Promise<void>;
}

/** Trains the convnet with each optimizer in turn, from the same weights on the same batches. */
export async function trainConvNet(data: ImageData, o: TrainConvNetOptions): Promise<ConvNetRun[]> {
  const runs: ConvNetRun[] = [];
  for (const { name } of CONVNET_OPTIMIZERS) {
    if (o.optimizers && !o.optimizers.includes(name)) continue;
    const trainer = new ConvNetTrainer(data, name, o);
    while (!trainer.done) {
      const loss = trainer.step();
      o.onStep?.(name, trainer.steps, trainer.totalSteps, loss);
      if (trainer.steps % 50 === 0) await o.pause?.();
    }
    runs.push(trainer.run);
    await o.pause?.();
  }
  return runs;
}
