/**
 * What the machine can do at best: the float32 FLOP/s peak per core from the CPU's model and
 * flags (Linux's /proc/cpuinfo), and a measured copy bandwidth, the floor for memory-bound work.
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** The machine the run measured, and its two ceilings. */
export interface Machine {
  model: string;
  cores: number;
  mhz: number;
  /** float32 FLOP per cycle per core with the widest native vectors and two FMA pipes. */
  nativeFlopsPerCycle: number;
  /** float32 GFLOP/s of one core at that rate. */
  nativePeakGflops: number;
  /** float32 GFLOP/s of one core with 128-bit WebAssembly SIMD (4 lanes, two pipes, no FMA). */
  wasmPeakGflops: number;
  /** Copy bandwidth in GB/s, counting the bytes read and the bytes written. */
  bandwidthGBs: number;
}

function cpuInfo(): { model: string; mhz: number; flags: Set<string> } {
  let text = '';
  try {
    text = readFileSync('/proc/cpuinfo', 'utf8');
  } catch {
    // Not Linux: fall back to what Node reports (no flags, so the scalar estimate below).
  }
  const first = cpus()[0];
  const model = /model name\s*:\s*(.*)/.exec(text)?.[1] ?? first?.model ?? 'unknown';
  const mhz = Number(/cpu MHz\s*:\s*([\d.]+)/.exec(text)?.[1] ?? first?.speed ?? NaN);
  const flags = new Set((/flags\s*:\s*(.*)/.exec(text)?.[1] ?? '').split(' '));
  return { model, mhz, flags };
}

/** Best of five copies of 128 MiB (far beyond the caches) with `TypedArray.prototype.set`. */
function copyBandwidth(): number {
  const src = new Float64Array(2 ** 24);
  const dst = new Float64Array(src.length);
  src.fill(1);
  dst.set(src);
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    dst.set(src);
    best = Math.min(best, performance.now() - t0);
  }
  return (2 * src.byteLength) / (best / 1e3) / 1e9;
}

/** Reads the CPU and measures the copy bandwidth once. */
export function measureMachine(): Machine {
  const { model, mhz, flags } = cpuInfo();
  // Two FMA pipes × lanes × 2 FLOP: AVX-512 16 lanes, AVX2 + FMA 8 lanes, else SSE without FMA.
  const nativeFlopsPerCycle = flags.has('avx512f') ? 64 : flags.has('fma') ? 32 : 8;
  return {
    model,
    cores: cpus().length,
    mhz,
    nativeFlopsPerCycle,
    nativePeakGflops: (nativeFlopsPerCycle * mhz) / 1e3,
    wasmPeakGflops: (8 * mhz) / 1e3,
    bandwidthGBs: copyBandwidth(),
  };
}
