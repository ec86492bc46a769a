import { noGrad } from '@descent/autograd';
import { CrossEntropyLoss, Linear, ReLU, Sequential } from '@descent/nn';
import { Adam } from '@descent/optim';
import { Generator, manualSeed } from '@descent/tensor';
import { describe, expect, it } from 'vitest';
import { DataLoader, TensorDataset, loadDigits, standardize, trainTestSplit } from '../src/index';

describe('end to end on the built-in digits', () => {
  // The budget is 10 epochs of 23 mini-batches (230 Adam steps), not wall time: timing asserts
  // are flaky on a shared machine. Seeds 0–3 reach 96.7–98.6% here, so 90% leaves a wide margin.
  it('trains a 64-32-10 MLP to at least 90% test accuracy in 10 epochs', () => {
    manualSeed(0);
    const { data, target } = loadDigits();
    const { train, test } = trainTestSplit([data, target], {
      testSize: 0.2,
      generator: new Generator().manualSeed(0),
    });
    const [xTrain, yTrain] = train;
    const [xTest, yTest] = test;
    // Statistics from the training split only, applied to both.
    const scaler = standardize(xTrain);
    const loader = new DataLoader(new TensorDataset(scaler.transform(xTrain), yTrain), {
      batchSize: 64,
      shuffle: true,
    });
    expect(loader.length).toBe(23); // ⌈1437 / 64⌉
    const model = new Sequential(new Linear(64, 32), new ReLU(), new Linear(32, 10));
    const lossFn = new CrossEntropyLoss();
    const optimizer = new Adam(model.parameters(), { lr: 0.01 });
    for (let epoch = 0; epoch < 10; epoch++) {
      for (const [xb, yb] of loader) {
        optimizer.zeroGrad();
        lossFn.forward(model.forward(xb), yb).backward();
        optimizer.step();
      }
    }
    const accuracy = noGrad(
      () =>
        model.forward(scaler.transform(xTest)).argmax(1).eq(yTest).sum().item() /
        (yTest.shape[0] as number),
    );
    expect(xTest.shape).toEqual([360, 64]); // ⌈1797·0.2⌉
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
  });
});
