/**
 * The whole round trip: `pnpm --filter @descent/app-ddp start -- [--nproc 2] [--steps 200] [--work dir]`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { evaluate } from './evaluate';
import { prepare } from './prepare';
import { trainInPyTorch } from './train';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    nproc: { type: 'string', default: '2' },
    steps: { type: 'string', default: '200' },
    batch: { type: 'string', default: '64' },
    work: { type: 'string' },
  },
});
const workDir = values.work ?? mkdtempSync(join(tmpdir(), 'descent-ddp-'));
const nproc = Number(values.nproc);

const prepared = prepare(workDir);
console.log(`1. exported DigitsNet to ${prepared.pythonPath} and ${prepared.checkpointPath}`);
const summary = trainInPyTorch(workDir, {
  nproc,
  steps: Number(values.steps),
  batch: Number(values.batch),
  out: 'trained',
});
console.log(
  `2. torchrun --nproc_per_node=${nproc}: ${summary.steps} steps, rank 0 loss ${summary.first_loss.toFixed(3)} → ${summary.last_loss.toFixed(3)}, PyTorch test accuracy ${(100 * summary.test_accuracy).toFixed(1)}%`,
);
const result = evaluate(workDir, 'trained');
console.log(
  `3. Descent with the trained weights: test accuracy ${(100 * result.accuracy).toFixed(1)}%, largest logit difference to PyTorch ${result.maxLogitDifference.toExponential(2)}`,
);
console.log(
  `   trained checkpoint: ${join(workDir, 'trained.safetensors')} (load it in the browser with deserialize(bytes))`,
);
