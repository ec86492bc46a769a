/**
 * Noise-resistant timing helper (not part of `pnpm bench`): runs one workload's step in batches
 * and prints the fastest batch's time per step, which a busy shared machine disturbs least. Usage:
 * `node --conditions=@descent/source --import tsx src/profile-min.ts "<workload name>" [batches] [steps per batch]`.
 */
import { build } from './ours';
import { WORKLOADS } from './workloads';

const name = process.argv[2] ?? 'chain of 1000 tiny ops';
const batches = Number(process.argv[3] ?? 30);
const per = Number(process.argv[4] ?? 100);
const workload = WORKLOADS.find((w) => w.name === name);
if (workload === undefined) throw new Error(`no workload named ${name}`);
const fn = build(workload);
for (let i = 0; i < 200; i++) fn();
const times: number[] = [];
for (let b = 0; b < batches; b++) {
  const c0 = process.cpuUsage();
  for (let i = 0; i < per; i++) fn();
  const c = process.cpuUsage(c0);
  times.push((c.user + c.system) / 1000 / per);
}
times.sort((x, y) => x - y);
const best = times[0] as number;
const median = times[Math.floor(times.length / 2)] as number;
console.log(`${name}: ms CPU a step, best batch ${best.toFixed(4)}, median ${median.toFixed(4)} (${batches} batches of ${per})`);
