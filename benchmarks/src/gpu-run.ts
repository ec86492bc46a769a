/**
 * `pnpm bench --device webgpu` (or BENCH_DEVICE=webgpu): the GPU table. Prints the adapter, then
 * per workload Descent's time next to tfjs-backend-webgpu's and jax-js's webgpu backend's, the
 * ratios, and Descent's GPU counters per run; saves bench-results/bench-webgpu.json.
 *
 * Each round measures every workload for us and then right away for each peer; each cell is the
 * median over the rounds. A peer (or Descent) that cannot run a workload here gets "n/a: <reason>"
 * in its cell instead of stopping the run. BENCH_FILTER keeps the workloads whose name contains it,
 * BENCH_PEERS (e.g. `tfjs-webgpu`) the peers listed, BENCH_ROUNDS / BENCH_TIME override the rounds
 * and the milliseconds per cell, BENCH_GPU_FULL=1 uses the full configuration on a software adapter.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { releaseWebGPU } from '@descent/tensor/webgpu-node';
import { GPU_PEERS, buildGpuPeer, type GpuPeer } from './gpu-peers';
import { checkGpuTargets, formatGpuReport, type Cell, type GpuRow } from './gpu-report';
import { adapterLine, gpuConfig, setupGPU, type GpuConfig } from './gpu-setup';
import { GPU_WORKLOADS, countGpu, medianOf, ourGpuRun, timeGpu, type StepCounts } from './gpu-workloads';
import type { Workload } from './workloads';

const log = (s: string): void => void process.stderr.write(s + '\n');

/** The message of a failure, on one line. */
function reason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

/** Why a workload is skipped under this configuration, or undefined when it runs. */
function skipped(w: Workload, config: GpuConfig): string | undefined {
  if (w.kind === 'matmul' && w.size > 1024 && !config.bigMatmul) return 'skipped on a software adapter (BENCH_GPU_FULL=1 runs it)';
  return undefined;
}

/** Descent's time of one workload (and its counters), or the reason it cannot run. */
async function measureOurs(w: Workload, config: GpuConfig, count: boolean): Promise<{ cell: Cell; counts?: StepCounts }> {
  try {
    const run = ourGpuRun(w);
    const ms = await timeGpu(run, config);
    return { cell: { ms }, counts: count ? await countGpu(run, config.countWarmup, config.countSteps) : undefined };
  } catch (error) {
    return { cell: { na: reason(error) } };
  }
}

async function measurePeer(peer: GpuPeer, w: Workload, config: GpuConfig): Promise<Cell> {
  let dispose = (): void => {};
  try {
    const built = await buildGpuPeer(peer, w);
    dispose = built.dispose;
    return { ms: await timeGpu(built.run, config) };
  } catch (error) {
    return { na: reason(error) };
  } finally {
    try {
      dispose();
    } catch {
      // A peer that failed mid-run may have freed its operands already.
    }
  }
}

/** Per row and cell, the median of the rounds' times (the first round's reason when a cell has no time). */
function mergeRounds(rounds: readonly GpuRow[][]): GpuRow[] {
  const merge = (cells: Cell[]): Cell => {
    const times = cells.flatMap((c) => ('ms' in c ? [c.ms] : []));
    return times.length > 0 ? { ms: medianOf(times) } : (cells[0] ?? { na: 'not measured' });
  };
  return (rounds[0] ?? []).map((first, i) => {
    const same = rounds.map((r) => r[i]!);
    const peers: Record<string, Cell> = {};
    for (const p of Object.keys(first.peers)) peers[p] = merge(same.map((r) => r.peers[p]!));
    return { workload: first.workload, ours: merge(same.map((r) => r.ours)), peers, counts: same[same.length - 1]?.counts ?? first.counts };
  });
}

/** Runs the GPU table and prints it (stdout); progress goes to stderr. */
export async function runWebGPU(): Promise<void> {
  const info = await setupGPU();
  const adapter = adapterLine(info);
  log(adapter);
  const config = gpuConfig(info);
  log(`configuration: ${JSON.stringify(config)}`);
  const workloads = GPU_WORKLOADS.filter((w) => w.name.includes(process.env.BENCH_FILTER ?? ''));
  const peers = GPU_PEERS.filter((p) => process.env.BENCH_PEERS === undefined || process.env.BENCH_PEERS.split(',').includes(p));
  const rounds: GpuRow[][] = [];
  for (let round = 1; round <= config.rounds; round++) {
    const rows: GpuRow[] = [];
    for (const w of workloads) {
      const skip = skipped(w, config);
      if (skip !== undefined) {
        rows.push({ workload: w, ours: { na: skip }, peers: Object.fromEntries(peers.map((p) => [p, { na: skip }])) });
        continue;
      }
      log(`round ${round}/${config.rounds}: ${w.name}: Descent…`);
      // Counted in the last round, for the training steps (a matmul's count is fixed: one submission, two dispatches, one readback).
      const ours = await measureOurs(w, config, round === config.rounds && w.kind !== 'matmul');
      const row: GpuRow = { workload: w, ours: ours.cell, peers: {}, counts: ours.counts };
      for (const p of peers) {
        log(`round ${round}/${config.rounds}: ${w.name}: ${p}…`);
        row.peers[p] = await measurePeer(p, w, config);
      }
      rows.push(row);
    }
    rounds.push(rows);
  }
  const rows = mergeRounds(rounds);
  const targets = checkGpuTargets(rows);
  process.stdout.write(formatGpuReport(adapter, info, peers, rows, targets));

  const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'bench-results');
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, 'bench-webgpu.json');
  const json = { date: new Date().toISOString(), node: process.version, adapter: info, config, rows: rows.map((r) => ({ ...r, workload: r.workload.name })), targets };
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(json, null, 2) + '\n');
  renameSync(temp, path);
  log(`saved ${path}`);
  releaseWebGPU();
}
