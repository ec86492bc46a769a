/**
 * `pnpm bench` at the root: one run over the whole stack next to TensorFlow.js, printed as one
 * table with ratios and the issue targets, saved as bench-results/bench.json and bench.svg.
 *
 * The TypeScript fallback is measured in a child process started with DESCENT_WASM=0 (the switch
 * is read when the kernels load), so one command measures both of our paths and both peers.
 * BENCH_TIME sets the milliseconds spent per task (default 400).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { wasmKernels } from '@descent/tensor';
import { chartSvg } from './chart';
import { measureMachine } from './machine';
import { measureOurs, type OurTime } from './ours';
import { measurePeers } from './peers';
import { buildRows, checkTargets, formatReport } from './report';
import { WORKLOADS } from './workloads';

const here = dirname(fileURLToPath(import.meta.url));
const CHILD_FLAG = '--typescript-child';

if (process.argv.includes(CHILD_FLAG)) {
  // The child: our side only, on the TypeScript kernels; one JSON line of [workload name, ms].
  if (wasmKernels() !== null) throw new Error('bench: the TypeScript child still sees the wasm kernels');
  const times = await measureOurs(WORKLOADS, [1]);
  process.stdout.write(JSON.stringify(times.map((t) => [t.workload.name, t.ms])) + '\n');
  process.exit(0);
}

if (wasmKernels() === null) throw new Error('bench: the WebAssembly SIMD kernels are unavailable here (DESCENT_WASM=0?)');
const log = (s: string): void => void process.stderr.write(s + '\n');

log('measuring the machine…');
const machine = measureMachine();
log('Descent, WebAssembly kernels (1 and 2 threads)…');
const wasm = await measureOurs(WORKLOADS, [1, 2]);
log('Descent, TypeScript fallback (child process, DESCENT_WASM=0)…');
const childOut = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), CHILD_FLAG], {
  env: { ...process.env, DESCENT_WASM: '0' },
  encoding: 'utf8',
  maxBuffer: 1 << 20,
});
const pairs = JSON.parse(childOut.trim().split('\n').pop() ?? '[]') as [string, number][];
const ts: OurTime[] = pairs.map(([name, ms]) => ({ workload: WORKLOADS.find((w) => w.name === name)!, threads: 1, ms }));
log('TensorFlow.js, cpu and wasm backends…');
const peers = await measurePeers(WORKLOADS);

const rows = buildRows(machine, WORKLOADS, wasm, ts, peers);
const targets = checkTargets(rows);
process.stdout.write(formatReport(machine, rows, targets));

const outDir = join(here, '..', 'bench-results');
mkdirSync(outDir, { recursive: true });
const date = new Date().toISOString();
writeAtomic(join(outDir, 'bench.json'), JSON.stringify({ date, node: process.version, machine, rows, targets }, null, 2) + '\n');
writeAtomic(join(outDir, 'bench.svg'), chartSvg(rows, `Descent vs TensorFlow.js, ${date.slice(0, 10)}, ${machine.model}`));
log(`saved ${join(outDir, 'bench.json')} and bench.svg`);
process.exit(0);

function writeAtomic(path: string, text: string): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, path);
}
