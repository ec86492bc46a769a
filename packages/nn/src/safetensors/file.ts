import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { serialize } from './serialize';
import type { SerializeOptions } from './serialize';
import type { TensorLike } from './tensor-like';
import { deserialize } from './deserialize';
import type { StateDict } from '../state-dict';

/** Options of {@link saveFile}. */
export type SaveFileOptions = SerializeOptions;

/**
 * Writes a state dict to `path` in the safetensors format, atomically: the bytes go to a temporary
 * file in the same folder, which is then renamed over `path`, so a crash never leaves a half-written
 * checkpoint behind. Mirrors `safetensors.torch.save_file`. Options: `metadata` (default none).
 *
 * @example
 * saveFile(model.stateDict(), 'model.safetensors', { metadata: { epoch: '3' } });
 */
export function saveFile(stateDict: Readonly<Record<string, TensorLike>>, path: string, options: SaveFileOptions = {}): void {
  const bytes = serialize(stateDict, options);
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, bytes, { flag: 'wx' });
    renameSync(temporary, path);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // The temporary file was never created or is already gone.
    }
    throw error;
  }
}

/**
 * Reads a safetensors file into a state dict of tensors (names such as `0.weight` as written),
 * validating it as {@link deserialize} does. Mirrors `safetensors.torch.load_file`.
 *
 * @example
 * model.loadStateDict(loadFile('model.safetensors'));
 */
export function loadFile(path: string): StateDict {
  return deserialize(readFileSync(path));
}
