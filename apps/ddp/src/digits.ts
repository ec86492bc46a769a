import { manualSeed } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { loadDigits } from '@descent/datasets';
import { Linear, ReLU, Sequential } from '@descent/nn';

/** Images of the built-in digits used for training; the remaining 297 are the test set. */
export const TRAIN_SIZE = 1500;

/** The digits split in two, pixels scaled to 0 … 1, labels as int32. */
export interface DigitsSplit {
  xTrain: Tensor;
  yTrain: Tensor;
  xTest: Tensor;
  yTest: Tensor;
}

/** The built-in UCI digits (`@descent/datasets`), first {@link TRAIN_SIZE} images for training. */
export function digitsSplit(): DigitsSplit {
  const { data, target } = loadDigits();
  const x = data.div(16);
  const n = x.shape[0]!;
  return {
    xTrain: x.slice(0, 0, TRAIN_SIZE),
    yTrain: target.slice(0, 0, TRAIN_SIZE),
    xTest: x.slice(0, TRAIN_SIZE, n),
    yTest: target.slice(0, TRAIN_SIZE, n),
  };
}

/** The model: 64 pixels → 32 hidden units → 10 logits, initialised from `seed`. */
export function digitsModel(seed = 0): Sequential {
  manualSeed(seed);
  return new Sequential(new Linear(64, 32), new ReLU(), new Linear(32, 10));
}
