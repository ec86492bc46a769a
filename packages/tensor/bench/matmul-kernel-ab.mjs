/**
 * A/B of two versions of the matmul kernel source (issue #23): compiles each AssemblyScript file
 * (a copy of assembly/matmul.ts, e.g. `git show HEAD~1:packages/tensor/assembly/matmul.ts > /tmp/old.ts`)
 * on its own, runs matmul_f32 on the same operands in one process, interleaved round by round
 * (so a shared machine's drift hits both alike), checks the results are bit-identical to the
 * first file's, and prints min / quartile / median milliseconds and GFLOP/s.
 * Run: node bench/matmul-kernel-ab.mjs /tmp/old.ts assembly/matmul.ts   (M, K, N env: sizes, default 512;
 * BT=1: B read transposed, as `Linear`'s x·Wᵀ does; ENABLE=simd,relaxed-simd compiles with relaxed SIMD,
 * for a variant using f32x4.relaxed_madd, run under `node --experimental-wasm-relaxed-simd` in Node 20)
 */
/* global WebAssembly, console, performance -- a Node script */
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, basename } from 'node:path';
import process from 'node:process';

const files = process.argv.slice(2);
if (files.length < 2) throw new Error('usage: node bench/matmul-kernel-ab.mjs A.ts B.ts [C.ts ...]');
const n = Number(process.env.N ?? 512), m = Number(process.env.M ?? n), k = Number(process.env.K ?? n);
const { default: asc } = await import('assemblyscript/asc');
const dir = mkdtempSync(join(tmpdir(), 'mm-ab-'));
const variants = [];
for (const [i, file] of files.entries()) {
  const outFile = join(dir, `${i}.wasm`);
  const { error, stderr } = await asc.main([file, '--outFile', outFile, '--enable', process.env.ENABLE ?? 'simd', '-O3', '--runtime', 'stub', '--noAssert', '--use', 'abort=', '--initialMemory', '256']);
  if (error) throw new Error(`${file}: ${stderr.toString()}`);
  const { instance } = await WebAssembly.instantiate(readFileSync(outFile), { env: { abort() {} } });
  const e = instance.exports;
  const mem = new Float32Array(e.memory.buffer);
  const A = 1 << 16, B = A + m * k * 4 + 64, C = B + k * n * 4 + 64, S = C + m * n * 4 + 64;
  for (let j = 0; j < m * k; j++) mem[A / 4 + j] = Math.sin(j);
  for (let j = 0; j < k * n; j++) mem[B / 4 + j] = Math.cos(j);
  variants.push({ name: `${i}:${basename(file)}`, run: process.env.BT ? () => e.matmul_f32(A, k, 1, B, 1, k, C, n, m, n, k, S) : () => e.matmul_f32(A, k, 1, B, n, 1, C, n, m, n, k, S), out: () => mem.slice(C / 4, C / 4 + m * n), times: [] });
}
for (const v of variants) for (let r = 0; r < 5; r++) v.run();
const first = variants[0].out();
for (const v of variants.slice(1)) console.log(`${v.name} bit-identical to ${variants[0].name}: ${v.out().every((x, j) => Object.is(x, first[j]))}`);
for (let round = 0; round < 25; round++) {
  for (const v of variants) {
    const t0 = performance.now();
    for (let r = 0; r < 4; r++) v.run();
    v.times.push((performance.now() - t0) / 4);
  }
}
for (const v of variants) {
  const t = v.times.sort((x, y) => x - y);
  console.log(`${v.name}  min ${t[0].toFixed(2)} ms  p25 ${t[6].toFixed(2)}  median ${t[12].toFixed(2)}  ${((2 * m * n * k) / t[0] / 1e6).toFixed(1)} GFLOP/s at min`);
}
