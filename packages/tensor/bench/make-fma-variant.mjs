/**
 * Writes a variant of the matmul kernel source whose register tile uses fused multiply-add
 * (`f32x4.relaxed_madd` / `f64x2.relaxed_madd`) instead of a multiply then an add, to measure
 * what relaxed SIMD would give (issue #23). It rounds once per product-sum instead of twice, so
 * its results are not bit for bit the kernel's. Run:
 *   node bench/make-fma-variant.mjs /tmp/fma.ts && cp assembly/matmul.ts /tmp/base.ts &&
 *   ENABLE=simd,relaxed-simd node --experimental-wasm-relaxed-simd bench/matmul-kernel-ab.mjs /tmp/base.ts /tmp/fma.ts
 */
/* global console, URL -- a Node script */
import { readFileSync, writeFileSync } from 'node:fs';
import process from 'node:process';

const out = process.argv[2];
if (out === undefined) throw new Error('usage: node bench/make-fma-variant.mjs OUT.ts');
const source = readFileSync(new URL('../assembly/matmul.ts', import.meta.url), 'utf8');
let count = 0;
const variant = source.replace(/(c\d\d) = v128\.add<T>\(\1, v128\.mul<T>\((a\d), (b\d)\)\)/g, (_, c, a, b) => {
  count++;
  return `${c} = (sizeof<T>() == 4 ? f32x4.relaxed_madd(${a}, ${b}, ${c}) : f64x2.relaxed_madd(${a}, ${b}, ${c}))`;
});
if (count !== 8) throw new Error(`expected the 8 multiply-adds of the 4 × 8 tile, found ${count}`);
writeFileSync(out, variant);
console.log(`${out}: ${count} multiply-adds fused`);
