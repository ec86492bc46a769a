import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Module, serialize } from '@descent/nn';
import type { AnyModule } from '@descent/nn';
import { pytorchSource } from '../pytorch/module-source';
import { isPythonIdentifier } from '../pytorch/python-literal';

/** Options of {@link toPyTorch}. */
export interface ToPyTorchOptions {
  /** Folder to write into (created when missing). */
  dir: string;
  /** Name of the generated Python class, a Python identifier (default `'DescentModel'`). */
  className?: string;
}

/** What {@link toPyTorch} wrote. */
export interface ToPyTorchResult {
  /** The Python file: the class, `load(checkpoint_path)` and the safetensors helpers. */
  pythonPath: string;
  /** The model's state dict in the safetensors format. */
  checkpointPath: string;
}

/** `DigitsNet` → `digits_net`, the Python module name of the file. */
function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/**
 * Hands a model to PyTorch: writes into `dir` a Python file `<class_name>.py` defining `className`,
 * an equivalent `torch.nn.Module` (same submodule names and order, so Descent's state dict loads
 * with `load_state_dict(strict=True)`), plus `load(checkpoint_path)`, and the checkpoint
 * `<class_name>.safetensors`. The Python reads and writes safetensors itself when the `safetensors`
 * package is missing. Both files are written into a temporary folder first and renamed into place,
 * so nothing is written when translation or writing fails. Throws naming the module path when a
 * layer has no PyTorch 1.13 equivalent; a custom module becomes a class with its parameters,
 * buffers and submodules whose `forward` you write in Python.
 *
 * @example
 * const { pythonPath, checkpointPath } = toPyTorch(model, { dir: 'export', className: 'DigitsNet' });
 * // python3 -c "import sys; sys.path.insert(0, 'export'); import digits_net; m = digits_net.load('export/digits_net.safetensors')"
 */
export function toPyTorch(model: AnyModule, options: ToPyTorchOptions): ToPyTorchResult {
  if (!(model instanceof Module))
    throw new TypeError(
      `toPyTorch: argument 'model' must be a Module, got ${model === null ? 'null' : typeof model}`,
    );
  if (typeof options !== 'object' || options === null)
    throw new TypeError(
      `toPyTorch: argument 'options' must be an object with 'dir', got ${options === null ? 'null' : typeof options}`,
    );
  for (const key of Object.keys(options)) {
    if (key !== 'dir' && key !== 'className')
      throw new TypeError(`toPyTorch: unexpected option '${key}' (expected 'dir' or 'className')`);
  }
  const { dir, className = 'DescentModel' } = options;
  if (typeof dir !== 'string' || dir === '')
    throw new TypeError(
      `toPyTorch: option 'dir' must be a non-empty string, got ${dir === '' ? 'an empty string' : typeof dir}`,
    );
  if (typeof className !== 'string' || !isPythonIdentifier(className)) {
    throw new TypeError(
      `toPyTorch: option 'className' must be a Python identifier, got ${typeof className === 'string' ? `'${className}'` : typeof className}`,
    );
  }
  const target = resolve(dir);
  if (existsSync(target) && !statSync(target).isDirectory())
    throw new Error(`toPyTorch: option 'dir' is '${dir}', which is not a folder`);

  // Everything that can fail for the model's sake happens before the file system is touched.
  const source = pytorchSource(model, className);
  const checkpoint = serialize(model.stateDict(), { metadata: { format: 'pt' } });
  const stem = snakeCase(className);
  const files: [string, string | Uint8Array][] = [
    [`${stem}.safetensors`, checkpoint],
    [`${stem}.py`, source],
  ];

  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const temporary = join(
    parent,
    `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    mkdirSync(temporary);
    for (const [name, contents] of files) writeFileSync(join(temporary, name), contents);
    if (!existsSync(target)) {
      renameSync(temporary, target);
    } else {
      for (const [name] of files) renameSync(join(temporary, name), join(target, name));
      rmSync(temporary, { recursive: true, force: true });
    }
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    throw new Error(
      `toPyTorch: cannot write into '${dir}': ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return {
    pythonPath: join(target, `${stem}.py`),
    checkpointPath: join(target, `${stem}.safetensors`),
  };
}
