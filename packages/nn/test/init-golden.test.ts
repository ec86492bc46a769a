import { readFileSync } from 'node:fs';
import { empty, Generator, manualSeed } from '@descent/autograd';
import { compareClose } from '@descent/fixtures';
import type { Tensor } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
import { calculateFanInAndFanOut, calculateGain, constant_, init, ones_, truncNormal_, zeros_ } from '../src/index';
import { erfinv } from '../src/functional/erf';
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

describe('truncNormal_', () => {
  // PyTorch 1.13: torch.manual_seed(3); init.trunc_normal_(torch.empty(40)) (first 8 values), and
  // torch.manual_seed(4); init.trunc_normal_(torch.empty(30, dtype=float64), mean=1, std=0.5, a=0.2, b=3) (first 8).
  const float32 = [-1.9297378063201904, -1.157588243484497, -0.5371363759040833, -1.6597883701324463, -0.06796709448099136, -1.404190182685852, 0.7046818733215332, 0.6207288503646851];
  const float64 = [1.0072046869149451, 1.331503063312974, 0.384604232298291, 1.804729961669699, 1.829377340539835, 1.0956674468579346, 0.9275531811535814, 1.3739141937814967];

  it('matches PyTorch in float32 to the last bit or so', () => {
    manualSeed(3);
    const t = truncNormal_(empty([40]));
    expect(compareClose(Array.from(t.toTypedArray(), Number).slice(0, 8), float32, { rtol: 3e-7, atol: 1e-7 })).toBeNull();
    expect(Array.from(t.toTypedArray()).every((v) => v >= -2 && v <= 2)).toBe(true);
  });

  it('matches PyTorch in float64 with its own mean, std and bounds', () => {
    manualSeed(4);
    const t = truncNormal_(empty([30], { dtype: 'float64' }), { mean: 1, std: 0.5, a: 0.2, b: 3 });
    expect(compareClose(Array.from(t.toTypedArray(), Number).slice(0, 8), float64, { rtol: 1e-13, atol: 1e-15 })).toBeNull();
  });

  it('computes erfinv to about 1e-11 relative (torch.erfinv in float64)', () => {
    const y = [-0.999, -0.5, 0.0, 1e-8, 0.3, 0.9, 0.99999];
    const want = [-2.3267537655135153, -0.4769362762044699, 0.0, 8.86226925452758e-9, 0.2724627147267544, 1.1630871536766743, 3.123413274341075];
    // Near ±1, erf(x) − y cancels, so the last Newton step leaves ~1e-12 relative there.
    expect(compareClose(y.map(erfinv), want, { rtol: 1e-11, atol: 1e-300 })).toBeNull();
    expect(erfinv(1)).toBe(Infinity);
    expect(erfinv(1.5)).toBeNaN();
  });
});
