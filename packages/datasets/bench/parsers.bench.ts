// Time and peak memory of the CSV and IDX parsers against input size: both should grow linearly
// (constant ms/MB and constant peak/size), and a gzip bomb should cost what its header declares.
// Run: pnpm --filter @descent/datasets bench   (node --expose-gc for steadier memory figures)
//
// Peak memory is the growth of the process's resident set (VmHWM, reset through
// /proc/self/clear_refs before each parse, Linux only) over the resident set just before it, so
// it counts everything the parse allocates, native zlib buffers included, but not the input.
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { parseCsv, parseIdx } from '../src/node';

const MiB = 2 ** 20;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** Peak resident set (bytes) since the last reset, or NaN off Linux. */
function peakRss(): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

function resetPeak(): void {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // Not Linux: peak figures will read NaN.
  }
}

/** Median time of `runs` calls and the peak memory growth of the first. */
function measure(run: () => unknown, runs = 3): { ms: number; peak: number } {
  gc();
  resetPeak();
  const before = process.memoryUsage().rss;
  const times: number[] = [];
  let peak = NaN;
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    try {
      run();
    } catch {
      // Error paths are measured too (a long bad cell, a bomb).
    }
    times.push(performance.now() - t0);
    if (k === 0) peak = peakRss() - before;
    gc();
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(runs / 2)] as number, peak };
}

const rows: string[][] = [];
function report(name: string, bytes: number, { ms, peak }: { ms: number; peak: number }): void {
  const mb = bytes / MiB;
  rows.push([
    name,
    mb.toFixed(mb < 1 ? 3 : 0),
    ms.toFixed(1),
    (ms / mb).toFixed(1),
    (peak / MiB).toFixed(1),
    (peak / bytes).toFixed(2),
  ]);
}

/** An IDX header for uint8 values of `shape`. */
function idxHeader(shape: number[]): Uint8Array {
  const header = new Uint8Array(4 + 4 * shape.length);
  const view = new DataView(header.buffer);
  header[2] = 0x08;
  header[3] = shape.length;
  shape.forEach((s, i) => view.setUint32(4 + 4 * i, s, false));
  return header;
}

/** gzip of the header followed by `mib` MiB of zeros, built from concatenated 1 MiB members. */
function zeroIdxGz(header: Uint8Array, mib: number): Uint8Array {
  const zeros = new Uint8Array(MiB);
  const first = gzipSync(Buffer.concat([header, zeros]));
  const rest = gzipSync(zeros);
  return Buffer.concat([first, ...Array.from({ length: mib - 1 }, () => rest)]);
}

// CSV: one long cell of digits followed by 'x' (the #25 repro: the old regex was quadratic, 6.2 s
// at 64k), then whole numeric tables.
for (const n of [2 ** 16, 2 ** 18, 2 ** 20, 2 ** 22]) {
  const text = `a\n${'9'.repeat(n)}x\n`;
  report(
    `csv: one bad cell`,
    n,
    measure(() => parseCsv(text)),
  );
}
for (const mb of [1, 4, 16]) {
  const line = '3.14159,-2.5e-3,42,0.5,1e10,7,8.25,-9,10.5,11\n';
  const text = `a,b,c,d,e,f,g,h,i,j\n${line.repeat(Math.round((mb * MiB) / line.length))}`;
  report(
    `csv: table, 10 columns`,
    text.length,
    measure(() => parseCsv(text), 1),
  );
}

// IDX: gzipped files of zeros declaring their true size (decoded into one buffer, no copy), plain
// files (one copy), and the 256 MiB bomb behind a [10] header (stops at 18 bytes).
for (const mib of [8, 32, 128]) {
  const gz = zeroIdxGz(idxHeader([mib * MiB]), mib);
  report(
    `idx.gz: uint8 zeros (${(gz.length / 1024).toFixed(0)} KiB gz)`,
    mib * MiB,
    measure(() => parseIdx(gz), 1),
  );
}
for (const mib of [8, 32, 128]) {
  // Non-zero values, so that the copy touches every page.
  const plain = new Uint8Array(8 + mib * MiB).map((_, i) => i & 0xff);
  plain.set(idxHeader([mib * MiB]));
  report(
    `idx: plain uint8`,
    mib * MiB,
    measure(() => parseIdx(plain), 1),
  );
}
const bomb = zeroIdxGz(idxHeader([10]), 256);
report(
  `idx.gz: 256 MiB bomb, [10] header`,
  256 * MiB,
  measure(() => parseIdx(bomb)),
);

const head = ['case', 'MiB', 'ms', 'ms/MiB', 'peak MiB', 'peak/size'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
for (const row of [head, ...rows])
  process.stdout.write(
    `${row.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ')}\n`,
  );
