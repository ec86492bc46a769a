import { constants, gunzipSync } from 'node:zlib';

/**
 * Deflate's largest expansion: a 258-byte match coded in 2 bits gives at most 1032 output bytes
 * per input byte (zlib's technical details, "maximum compression factor"), so `n` gzipped bytes
 * can never hold more than 1032·n bytes.
 */
export const MAX_INFLATE_RATIO = 1032;

/** The most bytes {@link gunzipHead} ever lets zlib produce while looking for a header. */
const HEAD_OUTPUT_LIMIT = 64 * 1024;

/** True for Node's "output larger than maxOutputLength" error. */
const tooLarge = (error: unknown): boolean =>
  (error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE';

/**
 * The first inflated bytes of a gzip stream, at least `wanted(head)` of them when the stream holds
 * that many (`wanted` may grow as the head reveals more, e.g. an IDX header's dimension count).
 * Inflates prefixes of the input (64 bytes, then doubling) with zlib's sync flush, each capped at
 * 64 KiB of output; a prefix that would inflate to more is halved again (binary search), so a
 * gzip bomb costs at most 64 KiB here. Throws zlib's error for a damaged stream.
 */
export function gunzipHead(input: Uint8Array, wanted: (head: Uint8Array) => number): Uint8Array {
  let short = 0; // longest prefix known to inflate to fewer than the wanted bytes
  let long = input.length + 1; // shortest prefix known to inflate to more than the limit
  let length = Math.min(64, input.length);
  for (;;) {
    let head: Uint8Array | undefined;
    try {
      head = gunzipSync(input.subarray(0, length), {
        finishFlush: constants.Z_SYNC_FLUSH,
        maxOutputLength: HEAD_OUTPUT_LIMIT,
      });
    } catch (error) {
      if (!tooLarge(error)) throw error;
    }
    if (head === undefined) long = length;
    else if (head.length >= wanted(head) || length === input.length) return head;
    else short = length;
    const next =
      head === undefined
        ? Math.floor((short + long) / 2)
        : Math.min(2 * length, long - 1, input.length);
    // One more input byte adds at most MAX_INFLATE_RATIO output bytes, far below the limit.
    if (next <= short || next >= long) throw new Error('the stream inflates erratically');
    length = next;
  }
}

/**
 * Inflates all of `input`, refusing to produce more than `expected` bytes: zlib stops (and throws
 * Node's ERR_BUFFER_TOO_LARGE) as soon as it passes the bound. The output buffer is allocated once
 * at `expected + 1` bytes, so no chunk list is concatenated afterwards.
 */
export function gunzipBounded(input: Uint8Array, expected: number): Uint8Array {
  return gunzipSync(input, {
    maxOutputLength: Math.max(expected, 1),
    chunkSize: Math.max(64, expected + 1),
  });
}

export { tooLarge as isTooLargeError };
