/**
 * The run's one table: every workload with our times (WebAssembly kernels on one and two threads,
 * and the TypeScript fallback), the peers' times, the ratios, the fraction of the machine's
 * ceiling reached, and the issue targets with whether this run met them.
 */
import type { Machine } from '@descent/bench-machine';
import type { OurTime } from './ours';
import type { Peer, PeerTime } from './peers';
import { CHAIN_LENGTH, bytesOf, flopsOf, type Workload } from './workloads';

/** One row of the table (times in milliseconds; ratios are peer time over ours: > 1 is faster). */
export interface Row {
  workload: string;
  wasm1T: number;
  wasm2T?: number;
  typescript?: number;
  tfjsCpu: number;
  tfjsWasm: number;
  /** jax-js (wasm backend), where it expresses the workload. */
  jax?: number;
  /** jax-js over our best WebAssembly time. */
  vsJax?: number;
  /** Set on "allocation per step": the cells are bytes of new buffers per step, not milliseconds. */
  unit?: 'bytes';
  /** tfjs-wasm over our best WebAssembly time. */
  vsTfjsWasm: number;
  /** tfjs-cpu over our TypeScript fallback time. */
  tsVsTfjsCpu?: number;
  gflops?: number;
  /** Our best GFLOP/s over the native float32 peak of the cores used. */
  ofPeak?: number;
  boundMs?: number;
  /** Our best time over the bandwidth bound. */
  timesBound?: number;
}

/** A target from the issues, checked against this run. */
export interface Target {
  what: string;
  want: string;
  got: string;
  met: boolean;
}

function find<T extends { workload: Workload }>(list: readonly T[], w: Workload, pick: (t: T) => boolean): T | undefined {
  return list.find((t) => t.workload === w && pick(t));
}

/** Builds the rows from the three sets of times. */
export function buildRows(machine: Machine, workloads: readonly Workload[], wasm: OurTime[], ts: OurTime[], peers: PeerTime[]): Row[] {
  return workloads.map((w) => {
    const ours = (threads: number): number | undefined => find(wasm, w, (t) => t.threads === threads)?.ms;
    const peer = (p: Peer): number => find(peers, w, (t) => t.peer === p)?.ms ?? NaN;
    const wasm1T = ours(1) ?? NaN;
    const wasm2T = ours(2);
    const best = Math.min(wasm1T, wasm2T ?? Infinity);
    const threads = wasm2T !== undefined && wasm2T < wasm1T ? 2 : 1;
    const typescript = find(ts, w, (t) => t.threads === 1)?.ms;
    const row: Row = { workload: w.name, wasm1T, wasm2T, typescript, tfjsCpu: peer('cpu'), tfjsWasm: peer('wasm'), vsTfjsWasm: peer('wasm') / best };
    if (typescript !== undefined) row.tsVsTfjsCpu = peer('cpu') / typescript;
    const jax = peer('jax');
    if (!Number.isNaN(jax)) {
      row.jax = jax;
      row.vsJax = jax / best;
    }
    const flops = flopsOf(w);
    if (flops !== undefined) {
      row.gflops = flops / best / 1e6;
      row.ofPeak = row.gflops / (threads * machine.nativePeakGflops);
    }
    const bytes = bytesOf(w);
    if (bytes !== undefined) {
      row.boundMs = (bytes / (machine.bandwidthGBs * 1e9)) * 1e3;
      row.timesBound = best / row.boundMs;
    }
    return row;
  });
}

/** The targets of issues #3, #4, #6, #11 and #15 that this table can check. */
export function checkTargets(rows: readonly Row[]): Target[] {
  const row = (name: string): Row | undefined => rows.find((r) => r.workload === name);
  const targets: Target[] = [];
  const ratio = (what: string, want: number, got: number | undefined): void => {
    if (got === undefined || Number.isNaN(got)) return;
    targets.push({ what, want: `≥ ${want}×`, got: `${got.toFixed(2)}×`, met: got >= want });
  };
  const bound = (what: string, r: Row | undefined): void => {
    if (r?.timesBound === undefined) return;
    targets.push({ what, want: '≤ 1.5× bound', got: `${r.timesBound.toFixed(2)}× bound`, met: r.timesBound <= 1.5 });
  };
  const m512 = row('matmul 512');
  if (m512) {
    ratio('matmul 512, one thread vs tfjs-wasm', 1.0, m512.tfjsWasm / m512.wasm1T);
    if (m512.wasm2T !== undefined) ratio('matmul 512, two threads vs tfjs-wasm', 1.7, m512.tfjsWasm / m512.wasm2T);
    ratio('matmul 512, TypeScript vs tfjs-cpu', 3, m512.tsVsTfjsCpu);
  }
  const mlp = row('MLP 784-256-10 b128 step');
  if (mlp) {
    ratio('MLP training step vs tfjs-wasm', 2, mlp.vsTfjsWasm);
    ratio('MLP training step vs tfjs-cpu', 2, mlp.tfjsCpu / Math.min(mlp.wasm1T, mlp.wasm2T ?? Infinity));
  }
  const lenet = row('LeNet-5 b64 step');
  if (lenet) ratio('LeNet-5 training step vs tfjs-wasm', 2, lenet.vsTfjsWasm);
  const conv = row('conv 3x3 64-64 32x32 b32 fwd+bwd');
  if (conv) ratio('conv 3×3 layer forward + backward vs tfjs-wasm', 2, conv.vsTfjsWasm);
  bound('Adam step 1e7 vs bandwidth bound', row('Adam step 1e7'));
  const adam6 = row('Adam step 1e6');
  if (adam6?.typescript !== undefined) ratio('Adam step 1e6, TypeScript vs tfjs-wasm', 2, adam6.tfjsWasm / adam6.typescript);
  const add = row('add 1e6');
  bound('add 1e6 vs bandwidth bound', add);
  ratio('add 1e6, TypeScript vs tfjs-cpu', 5, add?.tsVsTfjsCpu);
  for (const name of ['LSTM 64-256 seq 50 b32 step', 'Transformer 2×d128 h4 seq 64 b16 step']) {
    const r = row(name);
    if (r) ratio(`${name.split(' ')[0]} training step vs tfjs-wasm (#18)`, 2, r.vsTfjsWasm);
  }
  // Issue #23's targets.
  const sgd = row('MLP SGD step');
  if (mlp) ratio('#23 MLP training step vs tfjs-wasm', 6, mlp.vsTfjsWasm);
  if (mlp) ratio('#23 MLP training step (Adam) vs jax-js', 1.5, mlp.vsJax);
  if (sgd) ratio('#23 MLP SGD step vs jax-js', 1.5, sgd.vsJax);
  if (add) ratio('#23 add 1e6 vs tfjs-wasm', 1, add.vsTfjsWasm);
  if (add?.timesBound !== undefined) targets.push({ what: '#23 add 1e6 vs bandwidth bound', want: '≤ 2× bound', got: `${add.timesBound.toFixed(2)}× bound`, met: add.timesBound <= 2 });
  if (m512?.wasm2T !== undefined) ratio('#23 matmul 512, two threads vs tfjs-wasm', 2.5, m512.tfjsWasm / m512.wasm2T);
  const adam7 = row('Adam step 1e7');
  if (adam7?.timesBound !== undefined) targets.push({ what: '#23 Adam step 1e7 vs bandwidth bound', want: '≤ 1.1× bound', got: `${adam7.timesBound.toFixed(2)}× bound`, met: adam7.timesBound <= 1.1 });
  const alloc = row('allocation per step');
  if (alloc) targets.push({ what: '#23 allocation per MLP step after warm-up (wasm)', want: '0 bytes', got: `${alloc.wasm1T.toFixed(0)} bytes`, met: alloc.wasm1T === 0 });
  const scopedAlloc = row('allocation per step, in scope()');
  if (scopedAlloc) targets.push({ what: '#23 allocation per MLP step in scope() (wasm)', want: '0 bytes', got: `${scopedAlloc.wasm1T.toFixed(0)} bytes`, met: scopedAlloc.wasm1T === 0 });
  const chain = row(`chain of ${CHAIN_LENGTH} tiny ops`);
  if (chain) {
    const usPerOp = (Math.min(chain.wasm1T, chain.typescript ?? Infinity) * 1e3) / CHAIN_LENGTH;
    targets.push({ what: 'tiny op, forward + backward', want: '≤ 1 µs', got: `${usPerOp.toFixed(2)} µs`, met: usPerOp <= 1 });
    targets.push({ what: '#23 tiny op, forward + backward', want: '≤ 0.5 µs', got: `${usPerOp.toFixed(2)} µs`, met: usPerOp <= 0.5 });
  }
  return targets;
}

const num = (x: number | undefined, digits = 2): string => (x === undefined || Number.isNaN(x) ? '' : x.toFixed(digits));

/** The table and the targets as aligned plain text. */
export function formatReport(machine: Machine, rows: readonly Row[], targets: readonly Target[]): string {
  const header = ['workload', 'wasm 1T ms', 'wasm 2T ms', 'TS ms', 'tfjs-cpu ms', 'tfjs-wasm ms', 'jax ms', 'tfjs-wasm/ours', 'jax/ours', 'tfjs-cpu/TS', 'GFLOP/s', 'of peak', 'bound ms', '× bound'];
  const bytes = (x: number | undefined): string => (x === undefined || Number.isNaN(x) ? '' : `${Math.round(x)} B`);
  const body = rows.map((r) =>
    r.unit === 'bytes'
      ? [r.workload, bytes(r.wasm1T), '', bytes(r.typescript), bytes(r.tfjsCpu), bytes(r.tfjsWasm), bytes(r.jax)]
      : [r.workload, num(r.wasm1T, 3), num(r.wasm2T, 3), num(r.typescript, 3), num(r.tfjsCpu, 3), num(r.tfjsWasm, 3), num(r.jax, 3), num(r.vsTfjsWasm), num(r.vsJax), num(r.tsVsTfjsCpu), num(r.gflops, 1), num(r.ofPeak, 3), num(r.boundMs, 3), num(r.timesBound)],
  );
  const lines = [
    `CPU ${machine.model}, ${machine.cores} cores @ ${machine.mhz.toFixed(0)} MHz: float32 peak ${machine.nativePeakGflops.toFixed(0)} GFLOP/s per core native (${machine.nativeFlopsPerCycle} FLOP/cycle), ${machine.wasmPeakGflops.toFixed(0)} with 128-bit wasm SIMD; copy bandwidth ${machine.bandwidthGBs.toFixed(1)} GB/s (read + write)`,
    '',
    ...align([header, ...body]),
    '',
    'Ratios are peer time / our time: above 1 we are faster. "of peak" is our best GFLOP/s over the native peak of the cores used.',
    '"allocation per step": bytes of new ArrayBuffers plus WebAssembly memory growth per MLP step (784-256-10, Adam) after warm-up, counted in a child process (alloc-child.ts).',
    '',
    ...align([['target', 'want', 'this run', ''], ...targets.map((t) => [t.what, t.want, t.got, t.met ? 'met' : 'NOT met'])]),
  ];
  return lines.join('\n') + '\n';
}

function align(table: string[][]): string[] {
  const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => (row[c] ?? '').length)));
  return table.map((row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd());
}
