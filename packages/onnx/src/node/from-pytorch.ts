import { Module } from '@descent/nn';
import type { AnyModule } from '@descent/nn';
import { loadFile } from '@descent/nn/node';

function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/**
 * Brings a model back from PyTorch: loads the safetensors checkpoint at `checkpointPath` (for
 * example one the generated `write_safetensors(model.state_dict(), path)` wrote after training)
 * into `model`. Names, shapes and dtypes must match the model's state dict exactly; otherwise one
 * Error lists every missing key, unexpected key, shape and dtype mismatch, and the model is left
 * unchanged. A `module.` prefix (a `DistributedDataParallel` wrapper's state dict) is named in the
 * error as the likely cause. Returns the model.
 *
 * @example
 * fromPyTorch(model, 'export/digits_net.trained.safetensors');
 */
export function fromPyTorch<M extends AnyModule>(model: M, checkpointPath: string): M {
  if (!(model instanceof Module))
    throw new TypeError(
      `fromPyTorch: argument 'model' must be a Module, got ${model === null ? 'null' : typeof model}`,
    );
  if (typeof checkpointPath !== 'string' || checkpointPath === '') {
    throw new TypeError(
      `fromPyTorch: argument 'checkpointPath' must be a non-empty string, got ${checkpointPath === '' ? 'an empty string' : typeof checkpointPath}`,
    );
  }
  let loaded;
  try {
    loaded = loadFile(checkpointPath);
  } catch (error) {
    throw new Error(
      `fromPyTorch: cannot read checkpoint '${checkpointPath}': ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  const own = model.stateDict();
  const problems: string[] = [];
  const missing = Object.keys(own).filter((k) => !(k in loaded));
  const unexpected = Object.keys(loaded).filter((k) => !(k in own));
  if (missing.length > 0) problems.push(`missing keys: ${missing.map((k) => `'${k}'`).join(', ')}`);
  if (unexpected.length > 0)
    problems.push(`unexpected keys: ${unexpected.map((k) => `'${k}'`).join(', ')}`);
  for (const [key, target] of Object.entries(own)) {
    const source = loaded[key];
    if (source === undefined) continue;
    if (source.shape.join() !== target.shape.join()) {
      problems.push(
        `'${key}' has shape ${shapeText(source.shape)} in the checkpoint but ${shapeText(target.shape)} in the model`,
      );
    } else if (source.dtype !== target.dtype) {
      problems.push(
        `'${key}' is ${source.dtype} in the checkpoint but ${target.dtype} in the model`,
      );
    }
  }
  if (problems.length > 0) {
    const hint =
      unexpected.length > 0 && unexpected.every((k) => k.startsWith('module.'))
        ? " (the checkpoint holds a DistributedDataParallel wrapper's state dict: save model.module.state_dict())"
        : '';
    throw new Error(
      `fromPyTorch: checkpoint '${checkpointPath}' does not match ${model.constructor.name}: ${problems.join('; ')}${hint}`,
    );
  }
  model.loadStateDict(loaded);
  return model;
}
