/**
 * The GPU run's table: Descent's time and each GPU peer's per workload, the ratios, Descent's
 * GFLOP/s and its per-step GPU counters, then issue #19's targets checked against the run.
 */
import type { AdapterDescription } from './gpu-setup';
import type { StepCounts } from './gpu-workloads';
import { flopsOf, type Workload } from './workloads';

/** A measured median in milliseconds, or why there is none ("n/a: <reason>" in the table). */
export type Cell = { ms: number } | { na: string };

/** One row: Descent's cell, each peer's cell, Descent's counters (training steps and matmul). */
export interface GpuRow {
  workload: Workload;
  ours: Cell;
  peers: Record<string, Cell>;
  counts?: StepCounts;
}

/** A target of issue #19 and whether this run met it. */
export interface GpuTarget {
  what: string;
  want: string;
  got: string;
  met: boolean;
}

const msOf = (c: Cell | undefined): number => (c !== undefined && 'ms' in c ? c.ms : NaN);
const fastestPeer = (r: GpuRow): number => Math.min(...Object.values(r.peers).map(msOf).filter((ms) => !Number.isNaN(ms)));

/** Issue #19's targets: matmul 4096 at least as fast as the faster peer, training steps 1.5× it, and the steady-state counters. */
export function checkGpuTargets(rows: readonly GpuRow[]): GpuTarget[] {
  const targets: GpuTarget[] = [];
  for (const r of rows) {
    const want = r.workload.name === 'matmul 4096' ? 1 : r.workload.kind === 'matmul' ? undefined : 1.5;
    const ratio = fastestPeer(r) / msOf(r.ours);
    if (want !== undefined && Number.isFinite(ratio)) {
      targets.push({ what: `${r.workload.name} vs the faster GPU peer`, want: `≥ ${want}×`, got: `${ratio.toFixed(2)}×`, met: ratio >= want });
    }
    const c = r.counts;
    if (c === undefined || r.workload.kind === 'matmul') continue;
    targets.push({ what: `${r.workload.name}: submissions per step`, want: '≤ 10', got: c.submissions.toFixed(1), met: c.submissions <= 10 });
    targets.push({ what: `${r.workload.name}: new GPU buffers per step`, want: '≤ 1', got: c.newBuffers.toFixed(1), met: c.newBuffers <= 1 });
    targets.push({ what: `${r.workload.name}: readbacks per step`, want: '1', got: c.readbacks.toFixed(1), met: c.readbacks === 1 });
  }
  return targets;
}

const num = (x: number | undefined, digits: number): string => (x === undefined || !Number.isFinite(x) ? '' : x.toFixed(digits));
/** Longest reason printed in a cell; the whole message is listed under the table. */
const SHORT = 24;

/** The adapter, the table, the notes with every "n/a" reason in full, and the targets, as aligned text. */
export function formatGpuReport(adapter: string, info: AdapterDescription, peers: readonly string[], rows: readonly GpuRow[], targets: readonly GpuTarget[]): string {
  // Each reason once per row, with the columns it fills.
  const notes = new Map<string, { workload: string; reason: string; who: string[] }>();
  const cell = (c: Cell, who: string, r: GpuRow): string => {
    if ('ms' in c) return c.ms.toFixed(2);
    const key = `${r.workload.name}\n${c.na}`;
    const note = notes.get(key) ?? { workload: r.workload.name, reason: c.na, who: [] };
    note.who.push(who);
    notes.set(key, note);
    return `n/a: ${c.na.length > SHORT ? `${c.na.slice(0, SHORT - 1)}…` : c.na}`;
  };
  const header = ['workload', 'Descent ms', ...peers.map((p) => `${p} ms`), ...peers.map((p) => `${p}/ours`), 'GFLOP/s', 'submits', 'dispatches', 'new bufs', 'readbacks'];
  const body = rows.map((r) => {
    const flops = flopsOf(r.workload);
    const c = r.counts;
    return [
      r.workload.name,
      cell(r.ours, 'Descent', r),
      ...peers.map((p) => cell(r.peers[p] ?? { na: 'not run (BENCH_PEERS)' }, p, r)),
      ...peers.map((p) => num(msOf(r.peers[p]) / msOf(r.ours), 2)),
      flops === undefined ? '' : num(flops / msOf(r.ours) / 1e6, 1),
      num(c?.submissions, 1), num(c?.dispatches, 1), num(c?.newBuffers, 1), num(c?.readbacks, 1),
    ];
  });
  const lines = [
    adapter,
    '',
    ...align([header, ...body]),
    '',
    'Times are medians of runs that each end with a read of the loss (or of the product\'s sum) back to the CPU. Ratios are peer time / our time: above 1 we are faster.',
    'Counters (training steps) are Descent\'s per step in steady state (after the timing and a warm-up): queue submissions, compute dispatches, new GPU buffers (pool misses), readbacks.',
    ...[...notes.values()].map((n) => `  ${n.workload} (${n.who.join(', ')}): n/a: ${n.reason}`),
    '',
    ...align([['target (issue #19)', 'want', 'this run', ''], ...targets.map((t) => [t.what, t.want, t.got, t.met ? 'met' : 'NOT met'])]),
    ...(info.software ? ['', 'A software adapter: the speed targets are for a real GPU; here the run only shows that the workloads run.'] : []),
  ];
  return lines.join('\n') + '\n';
}

function align(table: string[][]): string[] {
  const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => (row[c] ?? '').length)));
  return table.map((row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd());
}
