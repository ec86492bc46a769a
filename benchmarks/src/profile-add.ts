/**
 * CPU profile of `add` of 1e6 float32 inside `scope()` (issue #23: what the gap to the copy
 * bound is made of). Run: node --conditions=@descent/source --import tsx --cpu-prof
 * --cpu-prof-dir=/tmp/prof src/profile-add.ts, then node src/cpuprofile-top.mjs on the profile.
 */
import { scope, tensor } from '@descent/tensor';

const n = 1e6;
const random = (): Float32Array => Float32Array.from({ length: n }, () => Math.random());
const a = tensor(random());
const b = tensor(random());
for (let i = 0; i < 50; i++) scope(() => void a.add(b));
const t0 = performance.now();
const reps = Number(process.env.REPS ?? 500);
for (let i = 0; i < reps; i++) scope(() => void a.add(b));
process.stdout.write(`add 1e6 in scope: ${((performance.now() - t0) / reps).toFixed(3)} ms\n`);
