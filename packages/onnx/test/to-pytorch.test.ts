import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manualSeed, noGrad, randint, randn, tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import * as nn from '@descent/nn';
import type { AnyModule } from '@descent/nn';
import { loadFile, saveFile } from '@descent/nn/node';
import { parseSafetensors } from '@descent/nn';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromPyTorch, toPyTorch } from '../src/node';

const PYTHON = '/usr/bin/python3';
const RUNNER = join(import.meta.dirname, 'pytorch', 'run_models.py');

/** Why PyTorch cannot run here (null when `import torch` works). */
const torchMissing: string | null = (() => {
  const probe = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.error !== undefined) return `${PYTHON} not found`;
  return probe.status === 0
    ? null
    : `torch is not installed (${probe.stderr.trim().split('\n').pop() ?? ''})`;
})();

/** Largest |a − b| / (1 + |b|) over two tensors of the same shape. */
function maxError(a: Tensor, b: Tensor): number {
  expect(a.shape).toEqual(b.shape);
  const x = a.reshape([-1]).tolist() as number[];
  const y = b.reshape([-1]).tolist() as number[];
  let worst = 0;
  for (let i = 0; i < x.length; i++)
    worst = Math.max(worst, Math.abs(x[i]! - y[i]!) / (1 + Math.abs(y[i]!)));
  return worst;
}

function flatten(value: unknown): Tensor[] {
  if (
    value instanceof nn.Parameter ||
    (value !== null && typeof value === 'object' && 'shape' in value && 'dtype' in value)
  )
    return [value as Tensor];
  if (Array.isArray(value)) return value.flatMap(flatten);
  return [];
}

class Warmed {
  static batchNorms(model: AnyModule, input: () => Tensor): void {
    model.train();
    noGrad(() => {
      for (let i = 0; i < 3; i++) model.forward(input());
    });
    model.eval();
  }
}

interface Case {
  name: string;
  build: () => { model: AnyModule; inputs: Tensor[] };
  call?: 'forward' | 'mha';
  tolerance?: number;
}

const CASES: Case[] = [
  {
    name: 'mlp',
    build: () => ({
      model: new nn.Sequential(
        new nn.Linear(8, 16),
        new nn.ReLU(),
        new nn.Dropout(0.3),
        new nn.Linear(16, 5),
        new nn.LogSoftmax(1),
      ),
      inputs: [randn([4, 8])],
    }),
  },
  {
    name: 'convnet',
    build: () => {
      const model = new nn.Sequential(
        new nn.Conv2d(2, 6, 3, { padding: 1 }),
        new nn.BatchNorm2d(6),
        new nn.ReLU(),
        new nn.MaxPool2d(2),
        new nn.Conv2d(6, 4, 3, { padding: 'same', paddingMode: 'reflect', groups: 2 }),
        new nn.GroupNorm(2, 4),
        new nn.ConvTranspose2d(4, 3, 2, { stride: 2 }),
        new nn.AvgPool2d(2, { ceilMode: true }),
        new nn.AdaptiveMaxPool2d([2, null]),
        new nn.AdaptiveAvgPool2d(2),
        new nn.Dropout2d(0.2),
        new nn.Flatten(),
        new nn.Linear(12, 3),
      );
      Warmed.batchNorms(model, () => randn([3, 2, 8, 8]));
      return { model, inputs: [randn([2, 2, 8, 8])] };
    },
  },
  {
    name: 'sequence1d',
    build: () => {
      const model = new nn.Sequential(
        new nn.Conv1d(3, 4, 3, { paddingMode: 'replicate', padding: 1 }),
        new nn.BatchNorm1d(4, { momentum: null }),
        new nn.MaxPool1d(2, { stride: 1 }),
        new nn.AvgPool1d(2),
        new nn.Flatten(),
        new nn.LayerNorm(12),
      );
      Warmed.batchNorms(model, () => randn([5, 3, 7]));
      return { model, inputs: [randn([2, 3, 7])] };
    },
  },
  {
    name: 'embedding',
    build: () => ({
      model: new nn.Sequential(
        new nn.Embedding(10, 6, { paddingIdx: 0 }),
        new nn.LayerNorm([6], { eps: 1e-3 }),
        new nn.Flatten(),
        new nn.Linear(24, 2),
      ),
      inputs: [randint(0, 10, [3, 4])],
    }),
  },
  {
    name: 'lstm',
    build: () => ({
      model: new nn.LSTM(5, 7, { numLayers: 2, batchFirst: true, bidirectional: true }),
      inputs: [randn([3, 4, 5])],
    }),
  },
  {
    name: 'gru',
    build: () => ({ model: new nn.GRU(5, 6, { bias: false }), inputs: [randn([4, 2, 5])] }),
  },
  {
    name: 'rnn',
    build: () => ({
      model: new nn.RNN(4, 3, { nonlinearity: 'relu', numLayers: 2 }),
      inputs: [randn([5, 2, 4])],
    }),
  },
  { name: 'lstmCell', build: () => ({ model: new nn.LSTMCell(3, 4), inputs: [randn([2, 3])] }) },
  { name: 'gruCell', build: () => ({ model: new nn.GRUCell(3, 4), inputs: [randn([2, 3])] }) },
  {
    name: 'rnnCell',
    build: () => ({
      model: new nn.RNNCell(3, 4, { nonlinearity: 'relu', bias: false }),
      inputs: [randn([2, 3])],
    }),
  },
  {
    name: 'mha',
    build: () => ({
      model: new nn.MultiheadAttention(8, 2, { batchFirst: true }),
      inputs: [randn([2, 5, 8]), randn([2, 6, 8]), randn([2, 6, 8])],
    }),
    call: 'mha',
  },
  {
    name: 'transformer',
    build: () => {
      const layer = new nn.TransformerEncoderLayer(8, 2, {
        dimFeedforward: 16,
        activation: 'gelu',
        batchFirst: true,
        normFirst: true,
      });
      return {
        model: new nn.TransformerEncoder(layer, 2, { norm: new nn.LayerNorm(8) }),
        inputs: [randn([2, 5, 8])],
      };
    },
  },
  {
    name: 'float64',
    build: () => ({
      model: new nn.Sequential(new nn.Linear(3, 4), new nn.Tanh(), new nn.Linear(4, 2)).double(),
      inputs: [randn([2, 3], { dtype: 'float64' })],
    }),
    tolerance: 1e-12,
  },
];

/** One case per activation (a chain of them would wash out a wrong argument). */
const ACTIVATIONS: [string, () => AnyModule][] = [
  ['geluTanh', () => new nn.GELU({ approximate: 'tanh' })],
  ['gelu', () => new nn.GELU()],
  ['elu', () => new nn.ELU(0.5)],
  ['celu', () => new nn.CELU(1.5)],
  ['selu', () => new nn.SELU()],
  ['silu', () => new nn.SiLU()],
  ['mish', () => new nn.Mish()],
  ['softplus', () => new nn.Softplus(2, 3)],
  ['softsign', () => new nn.Softsign()],
  ['hardtanh', () => new nn.Hardtanh(-0.5, 0.7)],
  ['relu6', () => new nn.ReLU6()],
  ['hardsigmoid', () => new nn.Hardsigmoid()],
  ['hardswish', () => new nn.Hardswish()],
  ['logSigmoid', () => new nn.LogSigmoid()],
  ['leakyRelu', () => new nn.LeakyReLU(0.2)],
  ['sigmoid', () => new nn.Sigmoid()],
  ['tanh', () => new nn.Tanh()],
  ['identity', () => new nn.Identity()],
  ['softmin', () => new nn.Softmin(0)],
  ['softmax', () => new nn.Softmax(-1)],
];
for (const [name, make] of ACTIVATIONS) {
  CASES.push({
    name,
    build: () => ({
      model: new nn.Sequential(new nn.Linear(6, 6), make()),
      inputs: [randn([3, 6]).mul(4)],
    }),
  });
}

/** A model whose forward is the user's: its Python class has the structure and a stub forward. */
class Custom extends nn.Module {
  scale = new nn.Parameter(tensor([0.5, 2]));
  body = new nn.Sequential(new nn.Linear(3, 2), new nn.ReLU());
  heads = new nn.ModuleDict({ a: new nn.Linear(2, 2), b: new nn.BatchNorm1d(2) });
  constructor() {
    super();
    this.registerBuffer('steps', tensor([3]));
    this.registerBuffer('cache', tensor([1, 2]), { persistent: false });
  }
  override forward(x: Tensor): Tensor {
    return (this.heads.get('a') as nn.Linear).forward(this.body.forward(x).mul(this.scale));
  }
}

describe.skipIf(torchMissing !== null)('toPyTorch: PyTorch 1.13 runs the generated module', () => {
  const root = mkdtempSync(join(tmpdir(), 'descent-to-pytorch-'));
  const descent = new Map<string, { outputs: Tensor[]; keys: string[] }>();
  const results = new Map<
    string,
    { outputs: Tensor[]; keys: string[]; error?: string; pythonClass: string }
  >();

  beforeAll(() => {
    manualSeed(7);
    const jobs: object[] = [];
    const all = [
      ...CASES,
      { name: 'custom', build: () => ({ model: new Custom() as AnyModule, inputs: [] }) } as Case,
    ];
    for (const c of all) {
      const { model, inputs } = c.build();
      const className = `${c.name[0]!.toUpperCase()}${c.name.slice(1)}Net`;
      const dir = join(root, c.name);
      const { pythonPath, checkpointPath } = toPyTorch(model, { dir, className });
      model.eval();
      const outputs =
        inputs.length === 0
          ? []
          : noGrad(() => flatten((model.forward as (...a: Tensor[]) => unknown)(...inputs)));
      descent.set(c.name, { outputs, keys: Object.keys(model.stateDict()) });
      const inputPath = join(dir, 'inputs.safetensors');
      saveFile(Object.fromEntries(inputs.map((t, i) => [`x${i}`, t])), inputPath);
      jobs.push({
        python: pythonPath,
        checkpoint: checkpointPath,
        inputs: inputPath,
        output: join(dir, 'out.safetensors'),
        call: c.call ?? 'forward',
      });
    }
    writeFileSync(join(root, 'jobs.json'), JSON.stringify(jobs));
    const run = spawnSync(PYTHON, [RUNNER, join(root, 'jobs.json')], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (run.status !== 0) throw new Error(`run_models.py failed: ${run.stderr}`);
    for (const c of all) {
      const out = join(root, c.name, 'out.safetensors');
      if (existsSync(`${out}.error`)) {
        results.set(c.name, {
          outputs: [],
          keys: [],
          error: readFileSync(`${out}.error`, 'utf8'),
          pythonClass: '',
        });
        continue;
      }
      const parsed = parseSafetensors(readFileSync(out));
      const loaded = loadFile(out);
      const outputs = Object.keys(loaded)
        .sort((a, b) => Number(a.slice(3)) - Number(b.slice(3)))
        .map((k) => loaded[k]!);
      const metadata = parsed.metadata ?? {};
      results.set(c.name, {
        outputs,
        keys: JSON.parse(metadata.keys ?? '[]') as string[],
        pythonClass: metadata.class ?? '',
      });
    }
  }, 180_000);

  for (const c of CASES) {
    it(`${c.name}: PyTorch's outputs equal Descent's, state-dict keys in the same order`, () => {
      const ours = descent.get(c.name)!;
      const theirs = results.get(c.name)!;
      expect(theirs.error).toBeUndefined();
      expect(theirs.keys).toEqual(ours.keys);
      expect(theirs.outputs.length).toBe(ours.outputs.length);
      for (let i = 0; i < ours.outputs.length; i++) {
        expect(theirs.outputs[i]!.dtype).toBe(ours.outputs[i]!.dtype);
        const error = maxError(ours.outputs[i]!, theirs.outputs[i]!);
        console.log(`${c.name} output ${i}: max relative difference ${error.toExponential(2)}`);
        expect(error).toBeLessThan(c.tolerance ?? 2e-5);
      }
    });
  }

  it('a custom module becomes a class with its parameters, buffers and submodules, and a forward to write', () => {
    const theirs = results.get('custom')!;
    expect(theirs.error).toBe(
      'NotImplementedError: CustomNet.forward: translate Custom.forward from TypeScript',
    );
    const source = readFileSync(join(root, 'custom', 'custom_net.py'), 'utf8');
    expect(source).toContain(
      'self.register_buffer("cache", torch.empty((2,), dtype=torch.float32), persistent=False)',
    );
    expect(source).toContain('self.body = nn.Sequential(nn.Linear(3, 2, bias=True), nn.ReLU())');
  });

  it('the checkpoint is the state dict with safetensors metadata format=pt', () => {
    const bytes = readFileSync(join(root, 'mlp', 'mlp_net.safetensors'));
    const parsed = parseSafetensors(bytes);
    expect(parsed.metadata).toEqual({ format: 'pt' });
    expect(Object.keys(loadFile(join(root, 'mlp', 'mlp_net.safetensors'))).sort()).toEqual(
      [...descent.get('mlp')!.keys].sort(),
    );
  });
});

describe('toPyTorch and fromPyTorch: bad input', () => {
  const fresh = (): string => mkdtempSync(join(tmpdir(), 'descent-to-pytorch-bad-'));

  it('names the module path of a layer PyTorch 1.13 lacks, and writes nothing', () => {
    const parent = fresh();
    const model = new nn.Sequential(
      new nn.Linear(4, 4),
      new nn.Sequential(new nn.ReLU(), new nn.RMSNorm(4)),
    );
    expect(() => toPyTorch(model, { dir: join(parent, 'out'), className: 'Net' })).toThrow(
      "toPyTorch: cannot translate module '1.1' (RMSNorm): PyTorch 1.13 has no equivalent layer",
    );
    expect(readdirSync(parent)).toEqual([]);
  });

  it('rejects a subclass of a layer and a transformer layer with a custom activation', () => {
    class Scaled extends nn.Linear {}
    expect(() =>
      toPyTorch(new nn.Sequential(new Scaled(2, 2)), { dir: join(fresh(), 'o') }),
    ).toThrow(
      "toPyTorch: cannot translate module '0' (Scaled): it extends a @descent/nn layer (Linear) whose forward may differ",
    );
    const layer = new nn.TransformerEncoderLayer(4, 2, {
      dimFeedforward: 8,
      activation: (x) => x.tanh(),
    });
    expect(() => toPyTorch(layer, { dir: join(fresh(), 'o') })).toThrow(
      "toPyTorch: cannot translate module '<root>' (TransformerEncoderLayer): its activation is a custom function (PyTorch's source needs 'relu' or 'gelu')",
    );
  });

  it('checks its arguments', () => {
    const model = new nn.Linear(2, 2);
    const dir = join(fresh(), 'o');
    expect(() => toPyTorch({} as AnyModule, { dir })).toThrow(
      "toPyTorch: argument 'model' must be a Module, got object",
    );
    expect(() => toPyTorch(model, { dir, className: 'class' })).toThrow(
      "toPyTorch: option 'className' must be a Python identifier, got 'class'",
    );
    expect(() => toPyTorch(model, { dir, className: '1Net' })).toThrow(
      "toPyTorch: option 'className' must be a Python identifier, got '1Net'",
    );
    expect(() => toPyTorch(model, { dir: '' })).toThrow(
      "toPyTorch: option 'dir' must be a non-empty string, got an empty string",
    );
    expect(() => toPyTorch(model, { dir, opset: 3 } as never)).toThrow(
      "toPyTorch: unexpected option 'opset' (expected 'dir' or 'className')",
    );
    const file = join(fresh(), 'file');
    writeFileSync(file, 'x');
    expect(() => toPyTorch(model, { dir: file })).toThrow(
      `toPyTorch: option 'dir' is '${file}', which is not a folder`,
    );
    const mixed = new nn.Sequential(new nn.Linear(2, 2), new nn.Linear(2, 2).double());
    expect(() => toPyTorch(mixed, { dir })).toThrow(
      'toPyTorch: the model mixes float32 and float64 parameters',
    );
    expect(existsSync(dir)).toBe(false);
  });

  it('writes into an existing folder, replacing the two files', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'keep.txt'), 'kept');
    toPyTorch(new nn.Linear(2, 3), { dir, className: 'TinyNet' });
    const first = readFileSync(join(dir, 'tiny_net.safetensors'));
    toPyTorch(new nn.Linear(2, 3), { dir, className: 'TinyNet' });
    expect(readdirSync(dir).sort()).toEqual(['keep.txt', 'tiny_net.py', 'tiny_net.safetensors']);
    expect(readFileSync(join(dir, 'tiny_net.safetensors')).equals(first)).toBe(false);
  });

  it('fromPyTorch loads matching weights and lists every mismatch, leaving the model unchanged', () => {
    manualSeed(3);
    const dir = fresh();
    const model = new nn.Sequential(new nn.Linear(3, 4), new nn.ReLU(), new nn.Linear(4, 2));
    const other = new nn.Sequential(new nn.Linear(3, 4), new nn.ReLU(), new nn.Linear(4, 2));
    saveFile(other.stateDict(), join(dir, 'good.safetensors'));
    const before = model.stateDict()['0.weight']!.tolist();
    expect(fromPyTorch(model, join(dir, 'good.safetensors'))).toBe(model);
    expect(model.stateDict()['0.weight']!.tolist()).toEqual(
      other.stateDict()['0.weight']!.tolist(),
    );
    expect(model.stateDict()['0.weight']!.tolist()).not.toEqual(before);

    const loaded = model.stateDict()['2.bias']!.tolist();
    const wrong = { ...other.stateDict(), '2.bias': randn([3]), extra: randn([1]) } as Record<
      string,
      Tensor
    >;
    delete wrong['0.bias'];
    saveFile(wrong, join(dir, 'bad.safetensors'));
    expect(() => fromPyTorch(model, join(dir, 'bad.safetensors'))).toThrow(
      `fromPyTorch: checkpoint '${join(dir, 'bad.safetensors')}' does not match Sequential: missing keys: '0.bias'; unexpected keys: 'extra'; '2.bias' has shape [3] in the checkpoint but [2] in the model`,
    );
    expect(model.stateDict()['2.bias']!.tolist()).toEqual(loaded);

    const wrapped = Object.fromEntries(
      Object.entries(other.stateDict()).map(([k, v]) => [`module.${k}`, v]),
    );
    saveFile(wrapped, join(dir, 'ddp.safetensors'));
    expect(() => fromPyTorch(model, join(dir, 'ddp.safetensors'))).toThrow(
      "(the checkpoint holds a DistributedDataParallel wrapper's state dict: save model.module.state_dict())",
    );
    saveFile(other.double().stateDict(), join(dir, 'f64.safetensors'));
    expect(() => fromPyTorch(model, join(dir, 'f64.safetensors'))).toThrow(
      "'0.weight' is float64 in the checkpoint but float32 in the model",
    );
    expect(() => fromPyTorch(model, join(dir, 'none.safetensors'))).toThrow(
      `fromPyTorch: cannot read checkpoint '${join(dir, 'none.safetensors')}'`,
    );
    expect(() => fromPyTorch(model, '')).toThrow(
      "fromPyTorch: argument 'checkpointPath' must be a non-empty string, got an empty string",
    );
  });
});
