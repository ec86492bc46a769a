/**
 * wasm kernel (operands copied in, result out) against the monomorphic JS loop of dense-float.ts,
 * for add on float32 arrays, plain and resident in wasm memory (issue #23: which path to take).
 * Run: node --conditions=@descent/source --import tsx bench/dense-add.bench.ts
 */
import { wasmDenseBinary } from '../src/kernels/wasm-dispatch';
import { denseFloatBinary } from '../src/kernels/dense-float';
import { wasmKernels } from '../src/index';
const k = wasmKernels()!;
for (const n of [1e4, 1e5, 1e6]) {
  for (const resident of [false, true]) {
    const mk = () => { const x = resident ? (k as unknown as { alloc: (d: string, n: number) => Float32Array }).alloc('float32', n) : new Float32Array(n); for (let i = 0; i < n; i++) x[i] = Math.random(); return x; };
    const a = mk(), b = mk(), out = mk();
    const reps = Math.max(10, Math.round(1e7 / n));
    let w = Infinity, j = Infinity;
    for (let r = 0; r < 15; r++) {
      let t0 = performance.now(); for (let i = 0; i < reps; i++) wasmDenseBinary('add', n, out, 0, a, 0, b, 0); w = Math.min(w, (performance.now() - t0) / reps);
      t0 = performance.now(); for (let i = 0; i < reps; i++) denseFloatBinary('add', n, out, 0, a, 0, b, 0); j = Math.min(j, (performance.now() - t0) / reps);
    }
    console.log(`n=${n} resident=${resident} add: wasm ${(w * 1e3).toFixed(1)} us, js ${(j * 1e3).toFixed(1)} us (min of 15)`);
  }
}
