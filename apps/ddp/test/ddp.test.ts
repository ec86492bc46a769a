import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Tensor } from '@descent/autograd';
import { functional } from '@descent/nn';
import { loadFile } from '@descent/nn/node';
import { SGD } from '@descent/optim';
import { beforeAll, describe, expect, it } from 'vitest';
import { digitsModel, digitsSplit } from '../src/digits';
import { evaluate } from '../src/evaluate';
import { prepare } from '../src/prepare';
import { trainInPyTorchAsync } from '../src/train';
import type { TrainSummary } from '../src/train';

const PYTHON = '/usr/bin/python3';
const torchMissing: string | null = (() => {
  const probe = spawnSync(PYTHON, ['-c', 'import torch.distributed'], { encoding: 'utf8' });
  if (probe.error !== undefined) return `${PYTHON} not found`;
  return probe.status === 0
    ? null
    : `torch is not installed (${probe.stderr.trim().split('\n').pop() ?? ''})`;
})();
// CI installs python3-torch (.ci/run): there a missing torch is a failure, not a skip.
if (torchMissing !== null && process.env.CI === 'true') throw new Error(`CI=true but ${torchMissing}`);

const STEPS = 6;
const BATCH = 64;
const LR = 0.1;
const MOMENTUM = 0.9;

function maxAbsDifference(
  a: Readonly<Record<string, Tensor>>,
  b: Readonly<Record<string, Tensor>>,
): number {
  expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
  let worst = 0;
  for (const key of Object.keys(a))
    worst = Math.max(worst, a[key]!.sub(b[key]!).abs().max().item());
  return worst;
}

describe.skipIf(torchMissing !== null)(
  'apps/ddp: torchrun + DistributedDataParallel round trip (gloo, 2 processes)',
  () => {
    const work = mkdtempSync(join(tmpdir(), 'descent-ddp-test-'));
    let ddp: TrainSummary;

    beforeAll(async () => {
      prepare(work);
      const common = { steps: STEPS, batch: BATCH, lr: LR, momentum: MOMENTUM };
      // Side by side: the 1-process reference needs nothing from the DDP run.
      [ddp] = await Promise.all([
        trainInPyTorchAsync(work, { ...common, nproc: 2, out: 'ddp' }),
        trainInPyTorchAsync(work, { ...common, nproc: 0, out: 'single' }),
      ]);
    }, 240_000);

    it('2-process DDP ends with the weights and momentum of 1-process training on the same global batches', () => {
      expect(ddp.world_size).toBe(2);
      const trained = loadFile(join(work, 'ddp.safetensors'));
      const single = loadFile(join(work, 'single.safetensors'));
      const initial = loadFile(join(work, 'digits_net.safetensors'));
      const difference = maxAbsDifference(trained, single);
      console.log(`DDP vs single-process weights: max |difference| ${difference.toExponential(2)}`);
      expect(difference).toBeLessThanOrEqual(1e-5);
      // The weights did move: a run that skipped training would pass the comparison above.
      expect(maxAbsDifference(trained, initial)).toBeGreaterThan(1e-2);
      expect(
        maxAbsDifference(
          loadFile(join(work, 'ddp.momentum.safetensors')),
          loadFile(join(work, 'single.momentum.safetensors')),
        ),
      ).toBeLessThanOrEqual(1e-5);
    });

    it("Descent reproduces PyTorch's test logits with the returned checkpoint", () => {
      const result = evaluate(work, 'ddp');
      console.log(
        `Descent vs PyTorch test logits: max |difference| ${result.maxLogitDifference.toExponential(2)}`,
      );
      expect(result.maxLogitDifference).toBeLessThanOrEqual(1e-5);
      expect(result.accuracy).toBeCloseTo(ddp.test_accuracy, 6);
      // The comparison is sensitive: the untrained model's logits are far from PyTorch's.
      const untrained = digitsModel().forward(digitsSplit().xTest);
      expect(untrained.sub(result.logits).abs().max().item()).toBeGreaterThan(0.1);
    });

    it("Descent's SGD with momentum on the same batches ends at PyTorch's weights and momentum buffers", () => {
      const model = digitsModel();
      const { xTrain, yTrain } = digitsSplit();
      const order = loadFile(join(work, 'single.logits.safetensors')).order!;
      const optimizer = new SGD(model.parameters(), { lr: LR, momentum: MOMENTUM });
      const n = order.shape[0]!;
      for (let step = 0; step < STEPS; step++) {
        const start = (step * BATCH) % n;
        const batch = order.slice(0, start, start + BATCH);
        optimizer.zeroGrad();
        functional
          .crossEntropy(model.forward(xTrain.indexSelect(0, batch)), yTrain.indexSelect(0, batch))
          .backward();
        optimizer.step();
      }
      const difference = maxAbsDifference(
        model.stateDict(),
        loadFile(join(work, 'single.safetensors')),
      );
      console.log(
        `Descent SGD vs PyTorch single-process weights: max |difference| ${difference.toExponential(2)}`,
      );
      expect(difference).toBeLessThanOrEqual(1e-5);
      const names = Object.keys(model.stateDict());
      const state = optimizer.stateDict().state;
      const buffers = Object.fromEntries(
        names.map((name, i) => [name, state[i]!.momentumBuffer as Tensor]),
      );
      expect(
        maxAbsDifference(buffers, loadFile(join(work, 'single.momentum.safetensors'))),
      ).toBeLessThanOrEqual(1e-5);
    });
  },
);
