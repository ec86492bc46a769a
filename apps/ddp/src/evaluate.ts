import { join } from 'node:path';
import { noGrad } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { loadFile } from '@descent/nn/node';
import { fromPyTorch } from '@descent/onnx/node';
import { digitsModel, digitsSplit } from './digits';

/** What {@link evaluate} measured. */
export interface Evaluation {
  /** Descent's logits on the test set with the trained weights. */
  logits: Tensor;
  /** Test accuracy from Descent's logits. */
  accuracy: number;
  /** Largest |Descent − PyTorch| over the test logits. */
  maxLogitDifference: number;
}

/**
 * Step 3: loads `<out>.safetensors` (the weights PyTorch trained) into a fresh Descent model with
 * `fromPyTorch`, runs the test set, and compares the logits with the ones PyTorch wrote.
 */
export function evaluate(workDir: string, out: string): Evaluation {
  const model = fromPyTorch(digitsModel(), join(workDir, `${out}.safetensors`)).eval();
  const { xTest, yTest } = digitsSplit();
  const logits = noGrad(() => model.forward(xTest));
  const theirs = loadFile(join(workDir, `${out}.logits.safetensors`)).logits!;
  const maxLogitDifference = logits.sub(theirs).abs().max().item();
  const accuracy = logits.argmax(1).eq(yTest).float().mean().item();
  return { logits, accuracy, maxLogitDifference };
}
