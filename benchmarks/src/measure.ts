/** Medians of one task at a time with tinybench. */
import { Bench } from 'tinybench';

/** Milliseconds per task run (tinybench's time budget per task; BENCH_TIME overrides). */
export const BENCH_TIME = Number(process.env.BENCH_TIME ?? 250);

/**
 * The median time of `fn` in milliseconds, after `setup` ran once. At least three runs, so slow
 * peers (tfjs-cpu on 1e7 elements) still get a median.
 */
export async function median(fn: () => unknown, setup?: () => Promise<void> | void): Promise<number> {
  if (setup) await setup();
  const bench = new Bench({ time: BENCH_TIME, iterations: 3, warmupTime: 50, warmupIterations: 1 });
  bench.add('task', fn);
  await bench.run();
  const result = bench.tasks[0]?.result;
  if (result && 'error' in result && result.error) throw result.error;
  return result && 'latency' in result ? (result.latency.p50 ?? result.latency.mean) : NaN;
}
