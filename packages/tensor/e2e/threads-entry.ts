// Bundled for the browser by threads.e2e.test.ts: a float32 matmul on one thread and on two
// (Web Workers over the shared memory), and a float64 reference computed here in plain loops.
import { getNumThreads, setNumThreads, tensor } from '../src/index';
import { wasmKernels, wasmThreadsReady } from '../src/wasm/index';

const n = 256;
const a = new Float32Array(n * n).map((_, i) => Math.sin(i * 0.37));
const b = new Float32Array(n * n).map((_, i) => Math.cos(i * 0.11));

function reference(): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let p = 0; p < n; p++) {
      const x = a[i * n + p]!;
      for (let j = 0; j < n; j++) out[i * n + j]! += x * b[p * n + j]!;
    }
  return out;
}

function maxRelError(got: Float32Array, want: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i]! - want[i]!) / (1 + Math.abs(want[i]!)));
  return worst;
}

async function main(): Promise<void> {
  const ta = tensor(a).reshape([n, n]);
  const tb = tensor(b).reshape([n, n]);
  const defaultThreads = getNumThreads();
  setNumThreads(1);
  const one = ta.matmul(tb).toTypedArray() as Float32Array;
  setNumThreads(2);
  ta.matmul(tb); // starts the workers; this product still runs on the calling thread
  for (let i = 0; i < 250 && !wasmThreadsReady(); i++) await new Promise((r) => setTimeout(r, 20));
  const ready = wasmThreadsReady();
  const two = ta.matmul(tb).toTypedArray() as Float32Array;
  const want = reference();
  let identical = true;
  for (let i = 0; i < one.length; i++) if (one[i] !== two[i]) identical = false;
  (globalThis as { __result?: unknown }).__result = {
    isolated: (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true,
    shared: wasmKernels()?.shared ?? null,
    defaultThreads,
    ready,
    identical,
    errorOne: maxRelError(one, want),
    errorTwo: maxRelError(two, want),
  };
}

main().catch((e: unknown) => {
  (globalThis as { __result?: unknown }).__result = { error: String(e) };
});
