/**
 * Integration test on real data: a LeNet-5-style convnet (two 5×5 convolutions with max pooling,
 * then 400-120-84-10) trained with Adam on Fashion-MNIST (Xiao et al. 2017) from Debian's
 * `dataset-fashion-mnist` package must classify at least 85% of the 10,000 test images after a
 * bounded number of steps. One configuration for every run: 1,000 steps of batch 64 (about one
 * epoch) take well under two minutes on two idle cores, as CI requires.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { manualSeed, noGrad, randperm } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { loadMnist } from '@descent/datasets/node';
import { Conv2d, CrossEntropyLoss, Flatten, Linear, MaxPool2d, ReLU, Sequential } from '@descent/nn';
import { Adam } from '@descent/optim';
import { describe, expect, it } from 'vitest';

const ROOT = '/usr/share/datasets';
const FILES = ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'];
const STEPS = 1000;
const BATCH = 64;
// Mean and standard deviation of the Fashion-MNIST training pixels (scaled to [0, 1]).
const MEAN = 0.286;
const STD = 0.353;

function lenet(): Sequential {
  return new Sequential(
    new Conv2d(1, 6, 5, { padding: 2 }), new ReLU(), new MaxPool2d(2),
    new Conv2d(6, 16, 5), new ReLU(), new MaxPool2d(2),
    new Flatten(), new Linear(400, 120), new ReLU(), new Linear(120, 84), new ReLU(), new Linear(84, 10),
  );
}

const normalize = (images: Tensor): Tensor => images.sub(MEAN).div(STD).unsqueeze(1);

describe('LeNet-5 on Fashion-MNIST', () => {
  it(`reaches at least 85% test accuracy within ${STEPS} Adam steps of batch ${BATCH}`, async () => {
    const missing = FILES.filter((f) => !existsSync(join(ROOT, 'fashion-mnist', f)));
    if (missing.length > 0) {
      throw new Error(
        `Fashion-MNIST is missing from ${join(ROOT, 'fashion-mnist')} (${missing.join(', ')}): install Debian's dataset-fashion-mnist package (apt-get install dataset-fashion-mnist)`,
      );
    }
    const train = await loadMnist({ root: ROOT, variant: 'fashion-mnist', train: true });
    const test = await loadMnist({ root: ROOT, variant: 'fashion-mnist', train: false });
    const xTrain = normalize(train.data);
    const xTest = normalize(test.data);
    const count = xTrain.shape[0]!;

    manualSeed(0);
    const model = lenet();
    const optimizer = new Adam(model.parameters(), { lr: 2e-3 });
    const lossFn = new CrossEntropyLoss();
    let order = randperm(count);
    let at = 0;
    for (let step = 0; step < STEPS; step++) {
      if (at + BATCH > count) {
        order = randperm(count);
        at = 0;
      }
      const picks = order.narrow(0, at, BATCH);
      at += BATCH;
      optimizer.zeroGrad();
      lossFn.forward(model.forward(xTrain.indexSelect(0, picks)), train.target.indexSelect(0, picks)).backward();
      optimizer.step();
    }

    model.eval();
    let correct = 0;
    noGrad(() => {
      for (let i = 0; i < xTest.shape[0]!; i += 1000) {
        const predicted = model.forward(xTest.narrow(0, i, 1000)).argmax(1);
        correct += predicted.eq(test.target.narrow(0, i, 1000)).sum().item();
      }
    });
    expect(correct / xTest.shape[0]!).toBeGreaterThanOrEqual(0.85);
  }, 1_200_000);
});
