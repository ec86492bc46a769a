import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Options of {@link download}. */
export interface DownloadOptions {
  /** Expected MD5 of the file, hex (torchvision's checksums are MD5). */
  md5?: string;
  /** Expected SHA-256 of the file, hex. */
  sha256?: string;
  /** Download again even when `path` exists with the right checksum (default false). */
  force?: boolean;
  /**
   * Extra check of the bytes (e.g. that they parse), run after the checksums and before anything
   * is written; it throws to reject them. `source` is the URL, or `path` for a cached copy (which is
   * fetched again when it fails). Default: none.
   */
  validate?: (bytes: Uint8Array, source: string) => void;
}

/** Hex digest of `bytes`. */
function digest(algorithm: 'md5' | 'sha256', bytes: Uint8Array): string {
  return createHash(algorithm).update(bytes).digest('hex');
}

/**
 * Throws when `bytes` do not match the expected checksums; returns silently otherwise.
 *
 * @example
 * verifyChecksum(bytes, { sha256: '5891b5b5…' }, 'hello.txt');
 */
export function verifyChecksum(
  bytes: Uint8Array,
  options: Pick<DownloadOptions, 'md5' | 'sha256'>,
  source: string,
): void {
  for (const algorithm of ['md5', 'sha256'] as const) {
    const expected = options[algorithm];
    if (expected === undefined) continue;
    const got = digest(algorithm, bytes);
    if (got !== expected.toLowerCase())
      throw new Error(
        `download: ${algorithm} checksum mismatch for ${source}: expected ${expected}, got ${got}`,
      );
  }
}

async function readIfPresent(path: string): Promise<Uint8Array | undefined> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The whole body of `url`; a network failure or a cut-off body becomes one clear Error. */
async function fetchBytes(url: string): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new Error(`download: GET ${url} failed: ${(error as Error).message}`, { cause: error });
  }
  if (!response.ok)
    throw new Error(
      `download: GET ${url} failed with HTTP ${response.status} ${response.statusText}`,
    );
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    throw new Error(
      `download: GET ${url} failed while reading the body: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/**
 * Fetches `url` into `path` (Node only): the body is checked against `md5` / `sha256` (and
 * `validate`) before anything is written, then written to a temporary file beside `path` and
 * renamed into place, so `path` is either absent or complete. A file already at `path` that passes
 * the same checks is kept without fetching.
 *
 * @example
 * await download('https://example.org/data.csv', 'cache/data.csv', { sha256: '…' });
 */
export async function download(
  url: string,
  path: string,
  options: DownloadOptions = {},
): Promise<string> {
  if (!options.force) {
    const existing = await readIfPresent(path);
    if (existing !== undefined) {
      try {
        verifyChecksum(existing, options, path);
        options.validate?.(existing, path);
        return path;
      } catch {
        // A stale or damaged copy: fetch it again below.
      }
    }
  }
  const body = await fetchBytes(url);
  verifyChecksum(body, options, url);
  options.validate?.(body, url);
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.part`;
  try {
    await writeFile(temporary, body);
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  return path;
}
