import { describe, expect, it } from 'vitest';
import { trainCharLM, vocabulary } from './char-lm';
import { SONNETS } from './char-lm-text';

const small = { steps: 30, batchSize: 8, seqLen: 16, embedDim: 8, hiddenSize: 32, maxLr: 0.02, sampleEvery: 15, sampleLength: 20, temperature: 0.8 };

describe('character-level language model', () => {
  it('encodes and decodes the text through its vocabulary', () => {
    const v = vocabulary(SONNETS);
    expect(v.decode(v.encode(SONNETS))).toBe(SONNETS);
    expect(v.chars).toEqual([...v.chars].sort());
  });

  it('starts at the loss of a uniform guess and learns', () => {
    const r = trainCharLM(SONNETS, { ...small, seed: 0 });
    // A fresh model guesses nearly uniformly: cross-entropy ≈ ln(vocabulary size).
    expect(Math.abs(r.losses[0]! - Math.log(r.vocabSize))).toBeLessThan(0.15);
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(r.losses.slice(-5))).toBeLessThan(r.losses[0]! - 0.5);
    expect(r.samples.map((s) => s.step)).toEqual([0, 15, 30]);
  });

  it('gives the same samples for the same seed and different ones for another', () => {
    const a = trainCharLM(SONNETS, { ...small, steps: 5, sampleEvery: 5, seed: 3 });
    const b = trainCharLM(SONNETS, { ...small, steps: 5, sampleEvery: 5, seed: 3 });
    const c = trainCharLM(SONNETS, { ...small, steps: 5, sampleEvery: 5, seed: 4 });
    expect(a.samples).toEqual(b.samples);
    expect(a.losses).toEqual(b.losses);
    expect(c.samples[1]!.text).not.toBe(a.samples[1]!.text);
  });
});
