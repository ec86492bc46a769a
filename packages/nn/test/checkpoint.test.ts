import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randn, tensor } from '@descent/autograd';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Module} from '../src/index';
import { deserialize, Linear, Sequential, serialize, Tanh } from '../src/index';
import { loadFile, saveFile } from '../src/node';

const folder = mkdtempSync(join(tmpdir(), 'descent-nn-checkpoint-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const mlp = () => new Sequential(new Linear(4, 8), new Tanh(), new Linear(8, 1));

describe('checkpoints', () => {
  it('round-trips a model through a file, keys as PyTorch names them', () => {
    const source = mlp();
    const path = join(folder, 'mlp.safetensors');
    saveFile(source.stateDict(), path, { metadata: { format: 'pt' } });
    const loaded = loadFile(path);
    expect(Object.keys(loaded).sort()).toEqual(['0.bias', '0.weight', '2.bias', '2.weight']);
    const target = mlp();
    target.loadStateDict(loaded);
    const x = randn([3, 4]);
    expect(Array.from(target.forward(x).toTypedArray())).toEqual(Array.from(source.forward(x).toTypedArray()));
  });

  it("writes a Sequential's state dict under PyTorch's names, in the reference writer's order", () => {
    const bytes = serialize(mlp().stateDict());
    const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as Record<string, { dtype: string; shape: number[]; data_offsets: number[] }>;
    // All F32, so sorted by name; 4 bytes per element, back to back.
    expect(Object.entries(header).map(([k, v]) => [k, v.dtype, v.shape, v.data_offsets])).toEqual([
      ['0.bias', 'F32', [8], [0, 32]],
      ['0.weight', 'F32', [8, 4], [32, 160]],
      ['2.bias', 'F32', [1], [160, 164]],
      ['2.weight', 'F32', [1, 8], [164, 196]],
    ]);
    expect(bytes.length).toBe(8 + length + 196);
  });

  it('round-trips float64, int32 and bool tensors and a 0-d tensor through bytes', () => {
    const sd = {
      a: tensor([[1.5, -2]], { dtype: 'float64' }),
      b: tensor([7, -8], { dtype: 'int32' }),
      c: tensor([1, 0, 1], { dtype: 'bool' }),
      d: tensor(3.25),
      e: tensor([[1, 2, 3], [4, 5, 6]]).t(),
    };
    const back = deserialize(serialize(sd));
    for (const [key, t] of Object.entries(sd)) {
      expect(back[key]!.dtype).toBe(t.dtype);
      expect(back[key]!.shape).toEqual(t.shape);
      expect(back[key]!.tolist()).toEqual(t.tolist());
    }
  });

  it('loads into a model whose shapes differ only with a clear error', () => {
    const bytes = serialize(new Sequential(new Linear(4, 3)).stateDict());
    expect(() => new Sequential(new Linear(4, 8)).loadStateDict(deserialize(bytes))).toThrow(
      'size mismatch for 0.weight: copying a param with shape [3, 4] from checkpoint, the shape in current model is [8, 4].',
    );
  });

  it('fails on a truncated file with a clear message', () => {
    const path = join(folder, 'cut.safetensors');
    saveFile(mlp().stateDict(), path);
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, bytes.length - 5));
    expect(() => loadFile(path)).toThrow(/^safetensors: /);
  });

  it('never throws anything but a clear Error on corrupted checkpoints', () => {
    const bytes = serialize(mlp().stateDict());
    const corrupted = fc.tuple(fc.nat(bytes.length), fc.array(fc.tuple(fc.nat(bytes.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }));
    fc.assert(
      fc.property(corrupted, ([cut, edits]) => {
        const copy = bytes.slice(0, cut);
        for (const [at, value] of edits) if (at < copy.length) copy[at] = value;
        try {
          const sd = deserialize(copy);
          const model: Module = mlp();
          expect(() => model.loadStateDict(sd, { strict: false })).not.toThrow(TypeError);
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
          expect((error as Error).message).toMatch(/^(safetensors: |Error\(s\) in loading state_dict)/);
        }
      }),
      { numRuns: 500 },
    );
  });
});
