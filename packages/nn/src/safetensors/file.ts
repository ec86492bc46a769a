import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { serialize } from './serialize';
import type { SerializeOptions } from './serialize';
import type { TensorLike } from './tensor-like';
import { bytesOf, deserialize } from './deserialize';
import type { DeserializeOptions } from './deserialize';
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

/** Whether process `pid` exists (EPERM: it does, owned by someone else). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Removes the temporaries that writers of `path` which no longer run left behind (killed during
 * a write): `.<name>.<pid>.<hex>.tmp` beside it whose pid is not a live process. A temporary of a
 * live writer is left alone. Best effort: a file that cannot be listed or removed is skipped.
 */
export function removeStaleTemporaries(path: string): string[] {
  const folder = dirname(path);
  const pattern = new RegExp(`^\\.${escapeRegExp(basename(path))}\\.(\\d+)\\.[0-9a-f]+\\.tmp$`);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = pattern.exec(name);
    if (match === null) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || isAlive(pid)) continue;
    try {
      unlinkSync(join(folder, name));
      removed.push(join(folder, name));
    } catch {
      // Another cleaner got there first, or the folder is read-only.
    }
  }
  return removed;
}

/**
 * Writes `bytes` to `path` atomically (a temporary beside it, flushed, renamed over `path`),
 * first removing temporaries of dead writers of the same target; errors name the target.
 */
export function writeFileAtomically(bytes: Uint8Array, path: string, where: string): void {
  if (typeof path !== 'string' || path === '') throw new TypeError(`${where}: argument 'path' must be a non-empty string, got ${path === '' ? 'an empty string' : typeof path}`);
  const folder = dirname(path);
  removeStaleTemporaries(path);
  // The writer's pid in the name lets a later save tell a dead writer's leftover from a live one's.
  const temporary = join(folder, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeDurably(temporary, bytes);
    renameSync(temporary, path);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // The temporary file was never created or is already gone.
    }
    const reason = error instanceof Error ? error.message : String(error);
    const wrapped = new Error(`${where}: cannot write '${path}': ${reason}`, { cause: error });
    (wrapped as NodeJS.ErrnoException).code = (error as NodeJS.ErrnoException).code;
    throw wrapped;
  }
  syncFolder(folder);
}

/**
 * Writes a state dict to `path` in the safetensors format, atomically: the bytes go to a temporary
 * file in the same folder (`.<name>.<pid>.<hex>.tmp`), flushed to disk, which is then renamed over
 * `path`, so a crash never leaves a half-written checkpoint behind (the old file or the new one,
 * whole). A writer killed mid-write leaves its temporary; the next save to the same target
 * removes every such temporary whose process no longer runs. Mirrors
 * `safetensors.torch.save_file`. Options: `metadata` (default none).
 *
 * @example
 * saveFile(model.stateDict(), 'model.safetensors', { metadata: { epoch: '3' } });
 */
export function saveFile(stateDict: Readonly<Record<string, TensorLike>>, path: string, options: SaveFileOptions = {}): void {
  writeFileAtomically(serialize(stateDict, options), path, 'saveFile');
}

/**
 * Reads a safetensors file into a state dict of tensors (names such as `0.weight` as written),
 * validating it as {@link deserialize} does. Mirrors `safetensors.torch.load_file`.
 *
 * @example
 * model.loadStateDict(loadFile('model.safetensors'));
 */
export function loadFile(path: string, options: DeserializeOptions = {}): StateDict {
  return deserialize(bytesOf(readFileSync(path), 'loadFile'), options);
}
