/**
 * `pnpm bench` at the root: one run over the whole stack next to TensorFlow.js, printed as one
 * table with ratios and the issue targets, saved as bench-results/bench.json and bench.svg.
 *
 * The TypeScript fallback is measured in a child process started with DESCENT_WASM=0 (the switch
 * is read when the kernels load), so one command measures both of our paths and both peers.
 * BENCH_TIME sets the milliseconds spent per task (default 250), BENCH_ROUNDS the rounds (default 3),
 * BENCH_FILTER keeps only the workloads whose name contains it (or one of several separated by `|`).
 *
 * `pnpm bench --device webgpu` (or BENCH_DEVICE=webgpu) runs the GPU table instead (gpu-run.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { wasmKernels } from '@descent/tensor';
import { chartSvg } from './chart';
import { measureMachine } from '@descent/bench-machine';
import { measureOurs, type OurTime } from './ours';
import { measurePeers, type PeerTime } from './peers';
import { buildRows, checkTargets, formatReport, type Row } from './report';
import { WORKLOADS as ALL_WORKLOADS } from './workloads';

/** BENCH_FILTER: only the workloads whose name contains this text, or one of several separated by `|` (default: all). */
const FILTERS = (process.env.BENCH_FILTER ?? '').split('|');
const WORKLOADS = ALL_WORKLOADS.filter((w) => FILTERS.some((f) => w.name.includes(f)));

const here = dirname(fileURLToPath(import.meta.url));
const CHILD_FLAG = '--typescript-child';
/** Rounds of the whole table (BENCH_ROUNDS); each cell is the median over them. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

if (process.argv.includes(CHILD_FLAG)) {
  // The child: our side only, on the TypeScript kernels; one JSON line of [workload name, ms].
  if (wasmKernels() !== null) throw new Error('bench: the TypeScript child still sees the wasm kernels');
  const times = await measureOurs(WORKLOADS, [1]);
  process.stdout.write(JSON.stringify(times.map((t) => [t.workload.name, t.ms])) + '\n');
  process.exit(0);
}

const device = benchDevice();
if (device === 'webgpu') {
  const { runWebGPU } = await import('./gpu-run');
  await runWebGPU();
  process.exit(0);
}

/** `--device <name>` (or `--device=<name>`), else BENCH_DEVICE, else 'cpu'. */
function benchDevice(): 'cpu' | 'webgpu' {
  const args = process.argv;
  const at = args.indexOf('--device');
  const given = at >= 0 ? args[at + 1] : (args.find((a) => a.startsWith('--device='))?.slice('--device='.length) ?? process.env.BENCH_DEVICE ?? 'cpu');
  if (given !== 'cpu' && given !== 'webgpu') throw new Error(`bench: --device must be 'cpu' or 'webgpu', got ${String(given)}`);
  return given;
}

if (wasmKernels() === null) throw new Error('bench: the WebAssembly SIMD kernels are unavailable here (DESCENT_WASM=0?)');
const log = (s: string): void => void process.stderr.write(s + '\n');

log('measuring the machine…');
const machine = measureMachine();
// The machine is shared and its speed drifts: each round measures every workload for us and
// then right away for both peers, and each cell is the median over the rounds.
const wasmRounds: OurTime[][] = [], tsRounds: OurTime[][] = [], peerRounds: PeerTime[][] = [];
for (let round = 1; round <= ROUNDS; round++) {
  log(`round ${round}/${ROUNDS}: Descent (wasm, 1 and 2 threads) and TensorFlow.js (cpu, wasm), workload by workload…`);
  const wasm: OurTime[] = [], peers: PeerTime[] = [];
  for (const workload of WORKLOADS) {
    wasm.push(...(await measureOurs([workload], [1, 2])));
    peers.push(...(await measurePeers([workload])));
  }
  wasmRounds.push(wasm);
  peerRounds.push(peers);
  log(`round ${round}/${ROUNDS}: Descent on the TypeScript fallback (child process, DESCENT_WASM=0)…`);
  tsRounds.push(typescriptTimes());
}
const wasm = medianOf(wasmRounds, (t) => `${t.workload.name}/${t.threads}`);
const ts = medianOf(tsRounds, (t) => t.workload.name);
const peers = medianOf(peerRounds, (t) => `${t.workload.name}/${t.peer}`);

const rows = buildRows(machine, WORKLOADS, wasm, ts, peers).map((row) =>
  row.workload === 'allocation per step' ? allocationRow() : row.workload === 'allocation per step, in scope()' ? allocationRow(true) : row,
);
const targets = checkTargets(rows);
process.stdout.write(formatReport(machine, rows, targets));

const outDir = join(here, '..', 'bench-results');
mkdirSync(outDir, { recursive: true });
const date = new Date().toISOString();
writeAtomic(join(outDir, 'bench.json'), JSON.stringify({ date, node: process.version, machine, rows, targets }, null, 2) + '\n');
writeAtomic(join(outDir, 'bench.svg'), chartSvg(rows, `Descent vs TensorFlow.js, ${date.slice(0, 10)}, ${machine.model}`));
log(`saved ${join(outDir, 'bench.json')} and bench.svg`);
process.exit(0);

/** Our times on the TypeScript kernels, from a child process started with DESCENT_WASM=0. */
function typescriptTimes(): OurTime[] {
  const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), CHILD_FLAG], {
    env: { ...process.env, DESCENT_WASM: '0' },
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const pairs = JSON.parse(out.trim().split('\n').pop() ?? '[]') as [string, number][];
  return pairs.map(([name, ms]) => ({ workload: WORKLOADS.find((w) => w.name === name)!, threads: 1, ms }));
}

/** "allocation per step": bytes of new buffers per MLP step after warm-up, counted in child processes (alloc-child.ts). */
function allocationRow(scoped = false): Row {
  log(`allocation per step${scoped ? ', in scope()' : ''}: counting in child processes (ours on wasm and TypeScript${scoped ? '' : ', then each peer'})…`);
  const child = (peer: string, env: Record<string, string> = {}): { bytesPerStep: number; wasmGrowthPerStep: number; sites: unknown[] } => {
    const out = execFileSync(process.execPath, [...process.execArgv, join(here, 'alloc-child.ts'), peer], { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 22 });
    return JSON.parse(out.trim().split('\n').pop() ?? '{}') as { bytesPerStep: number; wasmGrowthPerStep: number; sites: unknown[] };
  };
  const wanted = (peer: string): boolean => process.env.BENCH_PEERS === undefined || process.env.BENCH_PEERS.split(',').includes(peer);
  const total = (c: { bytesPerStep: number; wasmGrowthPerStep: number } | undefined): number => (c === undefined ? NaN : c.bytesPerStep + c.wasmGrowthPerStep);
  const ours = child(scoped ? 'ours-scope' : 'ours');
  log(`allocation per step${scoped ? ', in scope()' : ''}, ours (wasm): ${JSON.stringify(ours)}`);
  const oursTs = child(scoped ? 'ours-scope' : 'ours', { DESCENT_WASM: '0' });
  const cell = (peer: string): number => (wanted(peer) && !scoped ? total(child(peer)) : NaN);
  const row: Row = { workload: scoped ? 'allocation per step, in scope()' : 'allocation per step', unit: 'bytes', wasm1T: total(ours), typescript: total(oursTs), tfjsCpu: cell('cpu'), tfjsWasm: cell('wasm'), jax: cell('jax'), vsTfjsWasm: NaN };
  return row;
}

/** Per cell (same key), the median of the rounds' times. */
function medianOf<T extends { ms: number }>(rounds: readonly T[][], key: (t: T) => string): T[] {
  const first = rounds[0] ?? [];
  return first.map((cell) => {
    const times = rounds.map((r) => r.find((t) => key(t) === key(cell))?.ms ?? NaN).sort((a, b) => a - b);
    return { ...cell, ms: times[Math.floor(times.length / 2)] as number };
  });
}

function writeAtomic(path: string, text: string): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, path);
}
