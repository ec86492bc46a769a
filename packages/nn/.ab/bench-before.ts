import { randn, manualSeed } from '@descent/autograd';
import { Linear, Sequential, Tanh } from './before/index.ts';
manualSeed(0);
const small = new Sequential(new Linear(4, 8), new Tanh(), new Linear(8, 1));
const xs = randn([16, 4]);
const lin = new Linear(4, 8);
function time(label: string, n: number, fn: () => void): void {
  for (let i = 0; i < n / 10; i++) fn();
  const runs: number[] = [];
  for (let r = 0; r < 7; r++) { const t0 = performance.now(); for (let i = 0; i < n; i++) fn(); runs.push((performance.now() - t0) / n * 1e3); }
  runs.sort((a, b) => a - b);
  console.log(label, runs[3]!.toFixed(3), 'µs');
}
time('MLP forward [16,4]', 20000, () => small.forward(xs));
let sink = 0;
time('read lin.weight x100', 20000, () => { for (let i = 0; i < 100; i++) sink += lin.weight.ndim; });
time('stateDict of the MLP', 5000, () => small.stateDict());
console.log(sink > 0);
const tiny = new Linear(2, 2);
const x1 = randn([1, 2]);
time('Linear(2,2) forward [1,2]', 50000, () => tiny.forward(x1));
