import { readFileSync } from 'node:fs';
import { manualSeed, tensor } from '@descent/autograd';
import { expectAllClose } from '@descent/fixtures';
import { describe, expect, it } from 'vitest';
import { deserialize, GPT2 } from '../src/index';

// Written by test/golden/gen_gpt2.py: a tiny GPT-2 in plain PyTorch 1.13 with Hugging Face's names
// and layouts, its checkpoint in safetensors form, reference logits and greedy continuations.
const checkpoint = deserialize(readFileSync(new URL('./golden/gpt2-tiny.safetensors', import.meta.url)));
const golden = JSON.parse(readFileSync(new URL('./golden/gpt2-tiny.json', import.meta.url), 'utf8')) as {
  config: { vocab_size: number; n_positions: number; n_embd: number; n_head: number; n_layer: number };
  prompts: number[][];
  logits: { shape: number[]; values: number[] }[];
  batch: number[][];
  batchLogits: { shape: number[]; values: number[] };
  greedy: number[][];
};
const tol = { rtol: 1e-4, atol: 1e-4 };

describe('GPT2 loads a Hugging Face-layout checkpoint', () => {
  const model = GPT2.fromStateDict(checkpoint, { nHead: golden.config.n_head });

  it('reads the configuration from the checkpoint', () => {
    expect(model.config).toMatchObject({ vocabSize: 61, nPositions: 24, nEmbd: 16, nHead: 4, nLayer: 2 });
  });

  it.each(golden.prompts.map((p, i) => [JSON.stringify(p), i] as const))('reproduces PyTorch logits for prompt %s', (_p, i) => {
    const logits = model.forward(tensor(golden.prompts[i]!, { dtype: 'int32' }));
    expect(logits.shape).toEqual(golden.logits[i]!.shape);
    expectAllClose(logits.contiguous().storage.data, golden.logits[i]!.values, tol, 'logits');
  });

  it('reproduces PyTorch logits for a batch', () => {
    const logits = model.forward(tensor(golden.batch, { dtype: 'int32' }));
    expect(logits.shape).toEqual(golden.batchLogits.shape);
    expectAllClose(logits.contiguous().storage.data, golden.batchLogits.values, tol, 'batch logits');
  });

  it.each(golden.prompts.map((p, i) => [JSON.stringify(p), i] as const))('generates greedily token for token as PyTorch (prompt %s)', (_p, i) => {
    expect(model.generate(golden.prompts[i]!, golden.greedy[i]!.length - golden.prompts[i]!.length)).toEqual(golden.greedy[i]);
  });

  it('the KV cache gives the logits of a full forward pass', () => {
    const seq = golden.greedy[0]!;
    const full = model.forward(tensor(seq, { dtype: 'int32' }));
    const first = model.forwardWithCache(tensor(seq.slice(0, 5), { dtype: 'int32' }), null);
    const rest = model.forwardWithCache(tensor(seq.slice(5), { dtype: 'int32' }), first.presentKeyValues);
    expectAllClose((rest.logits.tolist() as number[][]).flat(), (full.narrow(0, 5, seq.length - 5).tolist() as number[][]).flat(), { rtol: 1e-5, atol: 1e-5 }, 'cached');
  });

  it('samples reproducibly after the same seed', () => {
    manualSeed(7);
    const a = model.generate([1, 2, 3], 10, { doSample: true, temperature: 0.8, topK: 10 });
    manualSeed(7);
    const b = model.generate([1, 2, 3], 10, { doSample: true, temperature: 0.8, topK: 10 });
    expect(a).toEqual(b);
    expect(a.slice(0, 3)).toEqual([1, 2, 3]);
  });

  it('round-trips its state dict under Hugging Face names', () => {
    const names = Object.keys(model.stateDict());
    expect(names).toContain('h.1.attn.c_attn.weight');
    expect(names).toContain('ln_f.bias');
    expect(names.filter((n) => !n.endsWith('attn.bias')).sort()).toEqual(Object.keys(checkpoint).filter((n) => !n.endsWith('attn.bias')).sort());
  });

  it('refuses bad input', () => {
    expect(() => model.forward(tensor([1.5]))).toThrow('GPT2: idx must be int32 token ids');
    expect(() => model.generate([99], 1)).toThrow('GPT2.generate: prompt must be a non-empty array of token ids in [0, 61)');
    expect(() => model.forward(tensor(Array.from({ length: 25 }, () => 1), { dtype: 'int32' }))).toThrow('GPT2: 25 positions exceed nPositions 24');
    expect(() => new GPT2({ nEmbd: 10, nHead: 3 })).toThrow('GPT2: nEmbd must be divisible by nHead, got nEmbd=10 and nHead=3');
  });
});
