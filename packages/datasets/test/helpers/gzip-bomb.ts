import { crc32, deflateRawSync, gzipSync } from 'node:zlib';

/**
 * A gzip file whose stream starts with `header` and continues with `mib` MiB of zeros, built
 * cheaply: one member holding the header and 1 MiB of zeros, then `mib − 1` copies of one member
 * holding 1 MiB of zeros (gunzip reads concatenated members as one stream). 256 MiB take about
 * 260 KB, as the file of issue #25.
 */
export function gzipBomb(header: Uint8Array, mib: number): Uint8Array {
  const zeros = new Uint8Array(2 ** 20);
  const first = gzipSync(Buffer.concat([header, zeros]), { level: 9 });
  const rest = gzipSync(zeros, { level: 9 });
  return Buffer.concat([first, ...Array.from({ length: mib - 1 }, () => rest)]);
}

/**
 * A gzip member of `body` with a file name of `nameLength` bytes in its header (flag FNAME,
 * RFC 1952 §2.3), so that the deflate data starts far into the file.
 */
export function gzipWithLongName(body: Uint8Array, nameLength: number): Uint8Array {
  const head = [0x1f, 0x8b, 8, 0x08, 0, 0, 0, 0, 0, 255];
  const name = new Uint8Array(nameLength + 1).fill(0x61);
  name[nameLength] = 0;
  const trailer = new Uint8Array(8);
  const view = new DataView(trailer.buffer);
  view.setUint32(0, crc32(body), true);
  view.setUint32(4, body.length % 2 ** 32, true);
  return Buffer.concat([Uint8Array.from(head), name, deflateRawSync(body), trailer]);
}
