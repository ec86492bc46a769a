/**
 * "allocation per step": run as a child process (`node --import tsx src/alloc-child.ts PEER`),
 * it wraps the ArrayBuffer / typed-array / WebAssembly.Memory constructors before any library
 * loads, runs the MLP step (784-256-10, batch 128, Adam) WARMUP times, then counts what STEPS more
 * steps allocate, and prints one JSON line: bytes and buffers of new ArrayBuffers per step, wasm
 * memory growth per step, and the call sites that allocated. PEER is `ours` (wasm, or the
 * TypeScript fallback with DESCENT_WASM=0), `ours-scope` (the same step inside `scope()`), `wasm`
 * (tfjs-wasm) or `jax`.
 */
import { installAllocCounter } from '../../packages/optim/test/alloc-counter';

const counter = installAllocCounter();
const peer = process.argv[2] ?? 'ours';
const WARMUP = Number(process.env.ALLOC_WARMUP ?? 20);
const STEPS = Number(process.env.ALLOC_STEPS ?? 100);

const workload = { kind: 'mlp' as const, name: 'MLP 784-256-10 b128 step' };
let step: () => void;
/** Our blocks of wasm memory taken per call site (alloc / allocViews), to say where growth comes from. */
const wasmSites = new Map<string, [number, number]>();
if (peer === 'ours' || peer === 'ours-scope') {
  const { wasmKernels } = await import('@descent/tensor');
  const k = wasmKernels() as unknown as Record<'alloc' | 'allocViews', (...args: unknown[]) => unknown> | null;
  for (const method of ['alloc', 'allocViews'] as const) {
    if (k === null) break;
    const original = k[method].bind(k);
    k[method] = (...args: unknown[]) => {
      const before = counter.wasmBytes();
      const result = original(...args);
      const frames = (new Error().stack ?? '').split('\n').slice(2, 5).map((f) => f.trim().replace(/^at /, ''));
      const site = frames.join(' < ');
      const entry = wasmSites.get(site) ?? [0, 0];
      entry[0]++;
      entry[1] += counter.wasmBytes() - before;
      wasmSites.set(site, entry);
      return result;
    };
  }
  const { build } = await import('./ours');
  const inner = build(workload);
  if (peer === 'ours-scope') {
    // The same step inside scope(): its results go back to the pools at the end of each step.
    const { scope } = await import('@descent/tensor');
    step = () => scope(inner);
  } else {
    step = inner;
  }
} else if (peer === 'jax') {
  const { buildJax, loadJax } = await import('./jax-peer');
  step = buildJax(await loadJax(), workload).run;
} else if (peer === 'wasm' || peer === 'cpu') {
  const { buildTfjs, useBackend } = await import('./peers');
  await useBackend(peer);
  step = buildTfjs(workload).run;
} else {
  throw new Error(`alloc-child: unknown peer ${peer}`);
}
for (let i = 0; i < WARMUP; i++) step();
counter.reset();
wasmSites.clear();
for (let i = 0; i < STEPS; i++) step();
const c = counter.read();
process.stdout.write(
  JSON.stringify({
    peer,
    steps: STEPS,
    bytesPerStep: c.bytes / STEPS,
    buffersPerStep: c.buffers / STEPS,
    wasmGrowthPerStep: c.wasmGrowth / STEPS,
    wasmSites: [...wasmSites].sort((a, b) => b[1][1] - a[1][1]).slice(0, 12).map(([site, [n, b]]) => ({ site, blocksPerStep: n / STEPS, growthPerStep: b / STEPS })),
    sites: c.sites.slice(0, 12).map(([site, n, b]) => ({ site, buffersPerStep: n / STEPS, bytesPerStep: b / STEPS })),
  }) + '\n',
);
process.exit(0);
