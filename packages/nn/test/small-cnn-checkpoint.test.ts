/**
 * A PyTorch-written safetensors checkpoint of a small CNN (test/golden/gen_small_cnn.py: conv,
 * batch norm with running statistics, max pooling, a grouped 'same' conv with reflect padding,
 * group norm, average pooling, linear) loads into the same Descent model under PyTorch's names
 * and reproduces PyTorch's eval-mode logits; Descent's own file of it loads back to the same logits.
 */
import { readFileSync } from 'node:fs';
import { expectAllClose } from '@descent/fixtures';
import { tensor } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
import {
  AvgPool2d,
  BatchNorm2d,
  Conv2d,
  deserialize,
  Flatten,
  GroupNorm,
  Linear,
  MaxPool2d,
  ReLU,
  Sequential,
  serialize,
} from '../src/index';

const golden = JSON.parse(readFileSync(new URL('./golden/small_cnn.json', import.meta.url), 'utf8')) as {
  inputShape: number[];
  input: number[];
  logits: number[];
  keys: string[];
};

const smallCnn = (): Sequential =>
  new Sequential(
    new Conv2d(1, 4, 3, { padding: 1 }),
    new BatchNorm2d(4),
    new ReLU(),
    new MaxPool2d(2),
    new Conv2d(4, 6, 3, { groups: 2, padding: 'same', paddingMode: 'reflect' }),
    new GroupNorm(2, 6),
    new ReLU(),
    new AvgPool2d(2),
    new Flatten(),
    new Linear(6 * 2 * 2, 10),
  );

describe('a PyTorch checkpoint of a small CNN', () => {
  const bytes = readFileSync(new URL('./golden/small_cnn.safetensors', import.meta.url));
  const input = tensor(golden.input).reshape(golden.inputShape);

  it('has the state-dict names of the Descent model', () => {
    expect(Object.keys(smallCnn().stateDict())).toEqual(golden.keys);
  });

  it("reproduces PyTorch's logits in eval mode", () => {
    const model = smallCnn();
    const result = model.loadStateDict(deserialize(bytes));
    expect(result.missingKeys).toEqual([]);
    expect(result.unexpectedKeys).toEqual([]);
    expect(model.stateDict()['1.num_batches_tracked']?.item()).toBe(3);
    model.eval();
    expectAllClose(model.forward(input).toTypedArray(), golden.logits, { rtol: 1e-5, atol: 1e-6 }, 'logits');
  });

  it('round-trips through a Descent-written file', () => {
    const model = smallCnn();
    model.loadStateDict(deserialize(bytes));
    const copy = smallCnn();
    copy.loadStateDict(deserialize(serialize(model.stateDict())));
    copy.eval();
    expectAllClose(copy.forward(input).toTypedArray(), golden.logits, { rtol: 1e-5, atol: 1e-6 }, 'logits');
  });
});
