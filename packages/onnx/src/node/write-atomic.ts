import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `contents` to `path` atomically: a temporary file beside it, flushed to disk, renamed over
 * `path` (the old file or the new one, whole, never half of one). Errors name `where` and the path.
 */
export function writeFileAtomically(
  contents: Uint8Array | string,
  path: string,
  where: string,
): void {
  if (typeof path !== 'string' || path === '')
    throw new TypeError(
      `${where}: path must be a non-empty string, got ${path === '' ? 'an empty string' : typeof path}`,
    );
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    const fd = openSync(temporary, 'wx');
    try {
      writeFileSync(fd, contents);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Never created, or already gone.
    }
    throw new Error(
      `${where}: cannot write '${path}': ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}
