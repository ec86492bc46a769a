/**
 * Profiles the LeNet-5 bench step: `node --cpu-prof --conditions=@descent/source --import tsx
 * src/profile-lenet.ts [steps] [threads]` runs 20 warm-up steps, then `steps` (200) more, and prints
 * the mean step time. The `.cpuprofile` it leaves is summarised by self time with `cpuprofile-top.mjs`.
 */
import { getNumThreads, setNumThreads } from '@descent/tensor';
import { wasmThreadsReady } from '../../packages/tensor/src/wasm/index';
import { build } from './ours';

const steps = Number(process.argv[2] ?? 200);
const threads = Number(process.argv[3] ?? getNumThreads());
setNumThreads(threads);
const step = build({ kind: 'lenet', name: 'LeNet-5 b64 step' });
for (let i = 0; i < 20; i++) step();
for (let i = 0; i < 100 && threads > 1 && !wasmThreadsReady(); i++) await new Promise((r) => setTimeout(r, 20));
for (let i = 0; i < 5; i++) step();
const start = performance.now();
for (let i = 0; i < steps; i++) step();
const ms = (performance.now() - start) / steps;
console.log(`LeNet-5 b64 step: ${ms.toFixed(2)} ms a step over ${steps} steps on ${threads} thread(s)`);
