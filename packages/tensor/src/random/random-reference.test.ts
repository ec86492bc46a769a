import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Generator, fillBernoulli, fillNormal, fillNormalSerial, fillUniform, manualSeed, randintValues } from './index';

interface LongNormalCase {
  fn: 'normal_';
  dtype: 'float32';
  seed: number;
  n: number;
  mean: number;
  std: number;
  sha256: string;
  head: number[];
}
interface NormalCase {
  fn: 'normal_' | 'normal_serial';
  dtype: 'float32' | 'float64';
  seed: number;
  n: number;
  mean: number;
  std: number;
  values: number[];
}
interface BernoulliCase {
  fn: 'bernoulli';
  dtype: 'float32' | 'float64';
  seed: number;
  n: number;
  p: number;
  values: number[];
}
interface UniformCase {
  fn: 'uniform_';
  dtype: 'float32' | 'float64';
  seed: number;
  n: number;
  from: number;
  to: number;
  values: number[];
}
interface SeedCase {
  fn: 'seed';
  seed: string;
  initialSeed: string;
  values: number[];
}
type Case = LongNormalCase | NormalCase | BernoulliCase | UniformCase | SeedCase;

// Written by reference/gen_random_reference.py from PyTorch 1.13.
const { cases } = JSON.parse(readFileSync(new URL('./reference/random-reference.json', import.meta.url), 'utf8')) as { cases: Case[] };
const longNormals = cases.filter((c): c is LongNormalCase => c.fn === 'normal_' && 'sha256' in c);
const normals = cases.filter((c): c is NormalCase => c.fn === 'normal_' && 'values' in c);
const bernoullis = cases.filter((c): c is BernoulliCase => c.fn === 'bernoulli');
const serialNormals = cases.filter((c): c is NormalCase => c.fn === 'normal_serial');
const uniforms = cases.filter((c): c is UniformCase => c.fn === 'uniform_');
const seeds = cases.filter((c): c is SeedCase => c.fn === 'seed');

describe('long float32 normal_ runs (AVX2 path, every block and the redrawn tail)', () => {
  it.each(longNormals.map((c) => [`seed ${c.seed}, n ${c.n}, normal_(${c.mean}, ${c.std})`, c] as const))('%s matches PyTorch byte for byte', (_label, c) => {
    manualSeed(c.seed);
    const out = new Float32Array(c.n);
    fillNormal(out, c.mean, c.std);
    expect(Array.from(out.subarray(0, c.head.length))).toEqual(c.head);
    const bytes = new Uint8Array(out.buffer); // little-endian on every platform Node runs on
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(c.sha256);
  });
});

describe('normal_ with an inexact std (·std + mean is one fused multiply-add)', () => {
  it.each(normals.map((c) => [`${c.dtype} n ${c.n} seed ${c.seed}`, c] as const))('%s matches PyTorch', (_label, c) => {
    manualSeed(c.seed);
    const out = c.dtype === 'float64' ? new Float64Array(c.n) : new Float32Array(c.n);
    fillNormal(out, c.mean, c.std);
    expect(Array.from(out)).toEqual(c.values);
  });
});

describe('bernoulli with a tensor of probabilities', () => {
  it.each(bernoullis.map((c) => [`${c.dtype} p = ${c.p}`, c] as const))('%s matches PyTorch', (_label, c) => {
    manualSeed(c.seed);
    const probs = c.dtype === 'float64' ? new Float64Array(c.n).fill(c.p) : new Float32Array(c.n).fill(c.p);
    const out = c.dtype === 'float64' ? new Float64Array(c.n) : new Float32Array(c.n);
    fillBernoulli(out, probs);
    expect(Array.from(out)).toEqual(c.values);
  });

  it('checks every probability before drawing or writing anything', () => {
    const g = manualSeed(1);
    const before = g.getState();
    const out = new Float32Array([7, 7]);
    expect(() => fillBernoulli(out, [0.5, 1.5], g)).toThrow(new RangeError('Expected p_in >= 0 && p_in <= 1 to be true, but got p = 1.5'));
    expect(Array.from(out)).toEqual([7, 7]);
    expect(g.getState()).toEqual(before);
  });
});

describe('uniform_ with bounds that are inexact in float32', () => {
  it.each(uniforms.map((c) => [`${c.dtype} uniform_(${c.from}, ${c.to})`, c] as const))('%s matches PyTorch', (_label, c) => {
    manualSeed(c.seed);
    const out = c.dtype === 'float64' ? new Float64Array(c.n) : new Float32Array(c.n);
    fillUniform(out, c.from, c.to);
    expect(Array.from(out)).toEqual(c.values);
  });
});

describe('64-bit seeds', () => {
  it.each(seeds.map((c) => [c.seed, c] as const))('manualSeed(%s) wraps to uint64 and draws as PyTorch', (_label, c) => {
    const g = new Generator().manualSeed(BigInt(c.seed));
    expect(g.initialSeed()).toBe(BigInt(c.initialSeed));
    const out = new Float32Array(c.values.length);
    fillUniform(out, 0, 1, g);
    expect(Array.from(out)).toEqual(c.values);
  });
});

describe('randint bounds (int32 results)', () => {
  it.each([
    [-(2 ** 31) - 5, 10, 'from is out of bounds for int'],
    [-100, 2 ** 32 + 5, 'to - 1 is out of bounds for int'],
    [5, 5, "random_ expects 'from' to be less than 'to', but got from=5 >= to=5"],
  ])('randint(%d, %d) throws %s (as torch.randint with dtype=torch.int32)', (low, high, message) => {
    expect(() => randintValues(low, high, 3)).toThrow(new RangeError(message));
  });
});

describe('normal_ on a non-contiguous view (element by element, memory order)', () => {
  it.each(serialNormals.map((c) => [`${c.dtype} transposed 4 × 5`, c] as const))('%s matches PyTorch', (_label, c) => {
    manualSeed(c.seed);
    const out = c.dtype === 'float64' ? new Float64Array(c.n) : new Float32Array(c.n);
    fillNormalSerial(out, c.mean, c.std);
    expect(Array.from(out)).toEqual(c.values);
  });
});
