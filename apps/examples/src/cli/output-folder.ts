import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The file every finished output folder holds; a non-empty folder without it is not ours. */
const MARKER = 'results.json';

/** A temporary folder beside `--out` that the run fills, then swaps in. */
export interface OutputFolder {
  /** The folder the run writes into. */
  readonly tmp: string;
  /** Replaces the `--out` folder with the temporary one (two renames; the old one is removed). */
  commit(): void;
  /** Removes the temporary folder, leaving `--out` as it was. Safe to call more than once. */
  discard(): void;
}

/**
 * Checks `--out` before any chapter runs and creates the temporary folder beside it, so that an
 * interrupted run (Ctrl-C, a crash) never leaves a half-written or mixed folder: `--out` keeps its
 * previous contents until {@link OutputFolder.commit}. Throws an Error with a one-line message when
 * `--out` is a file, a folder that is not an earlier output (non-empty, no results.json), or
 * cannot be written.
 */
export function prepareOutputFolder(out: string): OutputFolder {
  if (existsSync(out)) {
    if (!statSync(out).isDirectory()) throw new Error(`--out: ${out} is a file, not a folder`);
    const entries = readdirSync(out);
    if (entries.length > 0 && !entries.includes(MARKER))
      throw new Error(
        `--out: ${out} is a folder that holds other files (no ${MARKER}); choose a new or empty folder`,
      );
  }
  const parent = dirname(out);
  let tmp: string;
  try {
    mkdirSync(parent, { recursive: true });
    tmp = mkdtempSync(join(parent, `.${basename(out)}.tmp-`));
  } catch (e) {
    const { code, message } = e as NodeJS.ErrnoException;
    throw new Error(`--out: cannot write ${out} (${code ?? message})`);
  }
  let done = false;
  return {
    tmp,
    commit() {
      if (done) return;
      const old = existsSync(out) ? `${tmp}-old` : undefined;
      if (old !== undefined) renameSync(out, old);
      renameSync(tmp, out);
      done = true;
      if (old !== undefined) rmSync(old, { recursive: true, force: true });
    },
    discard() {
      if (done) return;
      done = true;
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
