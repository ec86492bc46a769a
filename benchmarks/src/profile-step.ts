/**
 * Steady-state CPU profile helper (not part of `pnpm bench`): runs one workload's step in a loop
 * after warm-up, so `node --cpu-prof` sees the steady state. Usage:
 * `node --cpu-prof --conditions=@descent/source --import tsx src/profile-step.ts "<workload name>" [steps] [threads]`.
 */
import { setNumThreads } from '@descent/tensor';
import { build } from './ours';
import { WORKLOADS } from './workloads';

const name = process.argv[2] ?? 'MLP 784-256-10 b128 step';
const steps = Number(process.argv[3] ?? 200);
const threads = Number(process.argv[4] ?? 1);
const workload = WORKLOADS.find((w) => w.name === name);
if (workload === undefined) throw new Error(`no workload named ${name}`);
setNumThreads(threads);
const fn = build(workload);
for (let i = 0; i < 20; i++) fn();
const t0 = performance.now();
const c0 = process.cpuUsage();
for (let i = 0; i < steps; i++) fn();
const ms = (performance.now() - t0) / steps;
const cpu = process.cpuUsage(c0);
const cpuMs = (cpu.user + cpu.system) / 1000 / steps;
// CPU time of the whole process (worker threads included) is steadier than wall time on a shared machine.
console.log(`${name}: ${ms.toFixed(4)} ms a step wall, ${cpuMs.toFixed(4)} ms CPU, over ${steps} steps (${threads} thread(s))`);
