import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { serialize } from './serialize';
import type { SerializeOptions } from './serialize';
import type { TensorLike } from './tensor-like';
import { deserialize } from './deserialize';
import type { StateDict } from '../state-dict';

/** Options of {@link saveFile}. */
export type SaveFileOptions = SerializeOptions;

/** Writes `bytes` to a new file and flushes them to the disk before closing it. */
function writeDurably(path: string, bytes: Uint8Array): void {
  const fd = openSync(path, 'wx');
  try {
    writeFileSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a folder's entries (the rename) where the platform allows opening a folder. */
function syncFolder(folder: string): void {
  let fd: number;
  try {
    fd = openSync(folder, 'r');
  } catch {
    return; // Windows cannot open a folder; its rename is already durable enough.
  }
  try {
    fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a folder; the data itself is already on disk.
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes a state dict to `path` in the safetensors format, atomically: the bytes go to a temporary
 * file in the same folder, flushed to disk, which is then renamed over `path`, so a crash never
 * leaves a half-written checkpoint behind (the old file or the new one, whole). Mirrors
 * `safetensors.torch.save_file`. Options: `metadata` (default none).
 *
 * @example
 * saveFile(model.stateDict(), 'model.safetensors', { metadata: { epoch: '3' } });
 */
export function saveFile(stateDict: Readonly<Record<string, TensorLike>>, path: string, options: SaveFileOptions = {}): void {
  const bytes = serialize(stateDict, options);
  const folder = dirname(path);
  const temporary = join(folder, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeDurably(temporary, bytes);
    renameSync(temporary, path);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // The temporary file was never created or is already gone.
    }
    throw error;
  }
  syncFolder(folder);
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
