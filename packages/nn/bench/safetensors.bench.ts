// Throughput of the safetensors writer and reader on a 4M-element float32 state dict.
// Run: pnpm --filter @descent/nn bench
import { randn } from '@descent/autograd';
import { Bench } from 'tinybench';
import { deserialize, serialize } from '../src/index';

const stateDict = { 'big.weight': randn([2048, 2048]), 'small.bias': randn([2048]) };
const bytes = serialize(stateDict);
const bench = new Bench({ time: 500 });
bench.add('serialize 4M float32', () => void serialize(stateDict)).add('deserialize 4M float32', () => void deserialize(bytes));
await bench.run();
for (const task of bench.tasks) {
  // tinybench's result type varies between states; read the mean latency defensively.
  const result = task.result as { latency?: { mean: number } } | undefined;
  const mean = result?.latency?.mean ?? NaN;
  process.stdout.write(`${task.name}: ${mean.toFixed(2)} ms, ${((bytes.length / 1e6) / (mean / 1e3)).toFixed(0)} MB/s\n`);
}
