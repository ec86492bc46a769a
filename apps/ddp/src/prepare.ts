import { join } from 'node:path';
import { saveFile } from '@descent/nn/node';
import { toPyTorch } from '@descent/onnx/node';
import { digitsModel, digitsSplit } from './digits';

/** Where {@link prepare} put things. */
export interface Prepared {
  /** The generated `digits_net.py` (class `DigitsNet`, `load`, safetensors helpers). */
  pythonPath: string;
  /** The untrained model's checkpoint. */
  checkpointPath: string;
  /** The dataset for the Python side: `x_train`, `y_train`, `x_test`, `y_test`. */
  dataPath: string;
}

/**
 * Step 1: exports the Descent model (class `DigitsNet`) and its initial checkpoint into `workDir`
 * with `toPyTorch`, and writes the digits as `digits.safetensors` for the Python side.
 */
export function prepare(workDir: string, seed = 0): Prepared {
  const { pythonPath, checkpointPath } = toPyTorch(digitsModel(seed), {
    dir: workDir,
    className: 'DigitsNet',
  });
  const { xTrain, yTrain, xTest, yTest } = digitsSplit();
  const dataPath = join(workDir, 'digits.safetensors');
  saveFile({ x_train: xTrain, y_train: yTrain, x_test: xTest, y_test: yTest }, dataPath);
  return { pythonPath, checkpointPath, dataPath };
}
