import { readFileSync } from 'node:fs';
import { empty, Generator, manualSeed } from '@descent/autograd';
import { compareClose } from '@descent/fixtures';
import type { Tensor } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
import { calculateFanInAndFanOut, calculateGain, constant_, init, ones_, zeros_ } from '../src/index';
import type { KaimingOptions, Nonlinearity } from '../src/index';

interface InitCase {
  fn: 'uniform_' | 'normal_' | 'xavierUniform_' | 'xavierNormal_' | 'kaimingUniform_' | 'kaimingNormal_';
  seed: number;
  shape: number[];
  dtype: 'float32' | 'float64';
  options: Record<string, number | string>;
  values: number[];
}

// Written by test/golden/gen_init.py with PyTorch 1.13.
const golden = JSON.parse(readFileSync(new URL('./golden/init.json', import.meta.url), 'utf8')) as {
  gains: [Nonlinearity, number | null, number][];
  cases: InitCase[];
};

function run(c: InitCase, t: Tensor, generator?: Generator): Tensor {
  const o = c.options;
  switch (c.fn) {
    case 'uniform_':
      return init.uniform_(t, o.a as number, o.b as number, { generator });
    case 'normal_':
      return init.normal_(t, o.mean as number, o.std as number, { generator });
    case 'xavierUniform_':
      return init.xavierUniform_(t, { ...(o as { gain?: number }), generator });
    case 'xavierNormal_':
      return init.xavierNormal_(t, { ...(o as { gain?: number }), generator });
    case 'kaimingUniform_':
      return init.kaimingUniform_(t, { ...(o as KaimingOptions), generator });
    case 'kaimingNormal_':
      return init.kaimingNormal_(t, { ...(o as KaimingOptions), generator });
  }
}

describe('init against PyTorch', () => {
  it.each(golden.cases.map((c) => [`${c.fn} ${JSON.stringify(c.options)} ${c.dtype}`, c] as const))('%s draws the same values bit for bit', (_label, c) => {
    manualSeed(c.seed);
    const t = empty(c.shape, { dtype: c.dtype, requiresGrad: true });
    expect(run(c, t)).toBe(t);
    expect(t.gradFn).toBeNull();
    const got = Array.from(t.toTypedArray(), Number);
    if (c.dtype === 'float64' && (c.fn === 'xavierUniform_' || c.fn === 'kaimingUniform_')) {
      // PyTorch's float64 uniform_ computes u·(to − from) + from with one rounding (a fused
      // multiply-add); @descent/tensor's fillUniform rounds twice, so a value can be 1 ulp off
      // until it fuses too (an ulp of the bound, ~1e-16). Everything else here is bit-exact.
      expect(compareClose(got, c.values, { rtol: 0, atol: 1e-15 })).toBeNull();
    } else {
      expect(got).toEqual(c.values);
    }
  });

  it.each(golden.cases.slice(2, 4).map((c) => [c.fn, c] as const))('%s honours an explicit generator', (_fn, c) => {
    manualSeed(c.seed + 99);
    const t = empty(c.shape, { dtype: c.dtype });
    run(c, t, new Generator().manualSeed(c.seed));
    expect(compareClose(Array.from(t.toTypedArray(), Number), c.values, { rtol: 0, atol: 1e-15 })).toBeNull();
  });

  it.each(golden.gains)('calculateGain(%s, %s) = %s', (name, param, want) => {
    expect(calculateGain(name, param ?? undefined)).toBe(want);
  });
});

describe('init helpers', () => {
  it('fills constants', () => {
    const t = empty([2, 2]);
    expect(Array.from(constant_(t, 0.25).toTypedArray())).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(Array.from(zeros_(t).toTypedArray())).toEqual([0, 0, 0, 0]);
    expect(Array.from(ones_(t).toTypedArray())).toEqual([1, 1, 1, 1]);
  });

  it('computes fans with the receptive field (hand-worked: [4, 3, 5] → 3·5 in, 4·5 out)', () => {
    expect(calculateFanInAndFanOut(empty([4, 3, 5]))).toEqual([15, 20]);
    expect(() => calculateFanInAndFanOut(empty([3]))).toThrow(
      new RangeError('Fan in and fan out can not be computed for tensor with fewer than 2 dimensions'),
    );
  });

  it('rejects an unknown mode or nonlinearity', () => {
    expect(() => init.kaimingUniform_(empty([2, 2]), { mode: 'fan_avg' as 'fan_in' })).toThrow(
      new RangeError('Mode fan_avg not supported, please use one of fan_in, fan_out'),
    );
    expect(() => calculateGain('swish' as Nonlinearity)).toThrow(new RangeError('Unsupported nonlinearity swish'));
  });
});
