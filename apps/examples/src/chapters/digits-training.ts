import { Generator, manualSeed, noGrad } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { DataLoader, loadDigits, TensorDataset, trainTestSplit } from '@descent/datasets';
import { CrossEntropyLoss } from '@descent/nn';
import type { Sequential } from '@descent/nn';
import type { Device } from '@descent/tensor';
import { Adagrad, Adam, RMSprop, SGD } from '@descent/optim';
import type { Figure, Lang, ProgressSink } from './chapter';
import { lineChart } from '../charts/line-chart';
import { digitsModel } from './digits-model';
import { label } from './i18n';

/** The five optimizers of the digits run, each with a learning rate that suits it. */
export const DIGITS_OPTIMIZERS = [
  { name: 'SGD', make: (p: Tensor[]) => new SGD(p, { lr: 0.1 }) },
  { name: 'Momentum', make: (p: Tensor[]) => new SGD(p, { lr: 0.05, momentum: 0.9 }) },
  { name: 'AdaGrad', make: (p: Tensor[]) => new Adagrad(p, { lr: 0.05 }) },
  { name: 'RMSprop', make: (p: Tensor[]) => new RMSprop(p, { lr: 0.002 }) },
  { name: 'Adam', make: (p: Tensor[]) => new Adam(p, { lr: 0.003 }) },
] as const;

/** One optimizer's training on digits. */
export interface DigitsRun {
  optimizer: string;
  /** Mean training loss of each epoch. */
  losses: number[];
  /** Test accuracy after each epoch. */
  accuracies: number[];
  finalLoss: number;
  testAccuracy: number;
  seconds: number;
}

/** Options of {@link trainDigits}. */
export interface DigitsOptions {
  seed: number;
  epochs?: number;
  batchSize?: number;
  /** Only these optimizers (default: all five). */
  optimizers?: readonly string[];
  progress?: ProgressSink;
  /** Called after each epoch (the page draws the live curve and yields to the browser here). */
  onEpoch?: (run: DigitsRun) => void | Promise<void>;
  /** Called with each trained model (the page keeps it for its "Download .onnx" button). */
  onTrained?: (model: Sequential, run: DigitsRun) => void;
  /**
   * Where to train (default `'cpu'`). On `'webgpu'` (after `initWebGPU()` found an adapter) the
   * model is built on the CPU from the same seed and moved, each batch is uploaded, and the loss is
   * read back once a step (`itemAsync`), which also lets the page paint between steps.
   */
  device?: Device;
}

/**
 * Trains the same MLP (64 → 32 → ReLU → 10, cross-entropy) on UCI digits with each optimizer:
 * the same initial weights (`manualSeed(seed)` before building it), the same batches.
 */
export async function trainDigits(o: DigitsOptions): Promise<DigitsRun[]> {
  const epochs = o.epochs ?? 10;
  const device = o.device ?? 'cpu';
  const { train, test } = digitsSplit(o.seed);
  const testX = device === 'cpu' ? test.x : test.x.to(device);
  const runs: DigitsRun[] = [];
  for (const { name, make } of DIGITS_OPTIMIZERS) {
    if (o.optimizers && !o.optimizers.includes(name)) continue;
    manualSeed(o.seed);
    const model = digitsModel();
    if (device !== 'cpu') model.to(device);
    const lossFn = new CrossEntropyLoss();
    const opt = make(model.parameters());
    const loader = new DataLoader(new TensorDataset(train.x, train.y), {
      batchSize: o.batchSize ?? 32,
      shuffle: true,
    });
    const run: DigitsRun = {
      optimizer: name,
      losses: [],
      accuracies: [],
      finalLoss: NaN,
      testAccuracy: NaN,
      seconds: 0,
    };
    let t0 = performance.now();
    o.progress?.start(`ch4 digits ${name}`, epochs * loader.length);
    let done = 0;
    for (let epoch = 1; epoch <= epochs; epoch++) {
      let sum = 0;
      let count = 0;
      for (const [xb, yb] of loader as Iterable<[Tensor, Tensor]>) {
        const [x, y] = device === 'cpu' ? [xb, yb] : [xb.to(device), yb.to(device)];
        opt.zeroGrad();
        const loss = lossFn.call(model.call(x), y);
        loss.backward();
        opt.step();
        sum += device === 'cpu' ? loss.item() : await loss.itemAsync();
        count++;
        done++;
      }
      run.losses.push(sum / count);
      run.accuracies.push(await accuracy(model, testX, test.y));
      run.seconds = (performance.now() - t0) / 1000;
      run.finalLoss = sum / count;
      run.testAccuracy = run.accuracies[run.accuracies.length - 1] as number;
      o.progress?.update(done, { loss: run.finalLoss, epoch, epochs });
      await o.onEpoch?.(run);
      // A macrotask between epochs lets the CLI see Ctrl-C (a signal handler never runs while
      // JavaScript is busy); its time is left out of the run's seconds.
      const paused = performance.now();
      await new Promise((r) => setTimeout(r, 0));
      t0 += performance.now() - paused;
    }
    o.progress?.end();
    o.onTrained?.(model, run);
    runs.push(run);
  }
  return runs;
}

/** Test accuracy of the model on `x` (on the model's device) against the CPU labels `y`. */
async function accuracy(model: Sequential, x: Tensor, y: Tensor): Promise<number> {
  const predicted = noGrad(() => model.call(x).argmax(1));
  const pred = (await predicted.toArray()) as number[];
  const want = y.tolist() as number[];
  return pred.filter((p, i) => p === want[i]).length / want.length;
}

/** The digits scaled to [0, 1] (pixels are 0 … 16), split 80 / 20 by a generator seeded with `seed`. */
export function digitsSplit(seed: number): {
  train: { x: Tensor; y: Tensor };
  test: { x: Tensor; y: Tensor };
} {
  const { data, target } = loadDigits();
  const { train, test } = trainTestSplit([data.div(16), target] as const, {
    testSize: 0.2,
    generator: new Generator().manualSeed(seed),
  });
  return { train: { x: train[0], y: train[1] }, test: { x: test[0], y: test[1] } };
}

/** Loss and accuracy curves of the runs. */
export function digitsFigures(lang: Lang, runs: readonly DigitsRun[]): Figure[] {
  return [
    {
      id: 'ch4-digits-loss',
      title: lang === 'zh' ? '手写数字：训练损失' : 'Digits: training loss',
      spec: lineChart({
        title:
          lang === 'zh' ? 'MLP 在 UCI 手写数字上的训练损失' : 'MLP on UCI digits: training loss',
        xTitle: label(lang, 'epoch'),
        integerX: true,
        yTitle: label(lang, 'loss'),
        yScale: 'log',
        marks: true,
        points: runs.flatMap((r) => r.losses.map((y, i) => ({ x: i + 1, y, series: r.optimizer }))),
      }),
    },
    {
      id: 'ch4-digits-accuracy',
      title: lang === 'zh' ? '手写数字：测试准确率' : 'Digits: test accuracy',
      spec: lineChart({
        title:
          lang === 'zh' ? 'MLP 在 UCI 手写数字上的测试准确率' : 'MLP on UCI digits: test accuracy',
        xTitle: label(lang, 'epoch'),
        integerX: true,
        yTitle: label(lang, 'accuracy'),
        marks: true,
        points: runs.flatMap((r) =>
          r.accuracies.map((y, i) => ({ x: i + 1, y, series: r.optimizer })),
        ),
      }),
    },
  ];
}
