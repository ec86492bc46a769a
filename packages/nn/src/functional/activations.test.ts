import { gradcheck, tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { compareClose } from '@descent/fixtures';
import { describe, expect, it } from 'vitest';
import { GELU, LeakyReLU, LogSoftmax, ReLU, Sigmoid, Softmax, Tanh } from '../index';
import { gelu, leakyRelu } from './activations';
import { erf } from './erf';

// References from PyTorch 1.13 (float64): torch.erf(x), F.gelu(x), F.gelu(x, approximate='tanh'),
// F.gelu(x.float()), F.leaky_relu(x, 0.2) and the gradients of their sums.
const x = [-7.0, -3.5, -2.0, -0.7, -1e-3, 0.0, 0.3, 1.0, 2.5, 3.2, 6.5];
const torchErf = [-1.0, -0.9999992569016276, -0.9953222650189527, -0.6778011938374184, -0.0011283787909692365, 0.0, 0.3286267594591274, 0.8427007929497149, 0.999593047982555, 0.9999939742388483, 1.0];
const torchGelu = [-8.958667141456544e-12, -0.0008142017766243903, -0.04550026389635842, -0.16937455655615108, -0.000499601057786089, 0.0, 0.1853734266566858, 0.841344746068543, 2.4844758366855597, 3.1978011585986694, 6.49999999973896];
const torchGeluTanh = [-2.3314683517128287e-15, -0.0006161976553737403, -0.04540230591222494, -0.16942986529488321, -0.000499601057786418, 0.0, 0.18537092354275922, 0.8411919906082768, 2.484915733910001, 3.198130434837916, 6.499999999999372];
const torchGelu32 = [0.0, -0.0008143335580825806, -0.045500099658966064, -0.1693745106458664, -0.0004996011266484857, 0.0, 0.1853734254837036, 0.8413447141647339, 2.48447585105896, 3.197800874710083, 6.5];
const torchGeluGrad = [-6.266323326691551e-11, -0.0028217603536246205, -0.08523180107819692, 0.023385898866340103, 0.4992021157051586, 0.5, 0.7323277668271099, 1.0833154705876864, 1.037611085908145, 1.0069419443067715, 1.0000000016950519];
const torchLeaky = [-1.4000000000000001, -0.7000000000000001, -0.4, -0.13999999999999999, -0.0002, 0.0, 0.3, 1.0, 2.5, 3.2, 6.5];
const torchLeakyGrad = [0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 1.0, 1.0, 1.0, 1.0, 1.0];

const values = (t: { toTypedArray(): ArrayLike<number> }) => Array.from(t.toTypedArray(), Number);
const f64 = { rtol: 1e-14, atol: 1e-16 };

describe('erf', () => {
  it('matches torch.erf to double precision', () => {
    expect(compareClose(x.map(erf), torchErf, f64)).toBeNull();
  });

  it('is odd and saturates', () => {
    expect(erf(-0.5)).toBe(-erf(0.5));
    expect(erf(Infinity)).toBe(1);
    expect(Number.isNaN(erf(NaN))).toBe(true);
  });
});

describe('gelu', () => {
  it.each([
    ['none', torchGelu],
    ['tanh', torchGeluTanh],
  ] as const)('matches PyTorch with approximate %s in float64', (approximate, want) => {
    // 1 + erf(x/√2) cancels for negative x (at −3.5 it is 7e-7), so an ulp of erf becomes ~1e-10 relative.
    expect(compareClose(values(gelu(tensor(x, { dtype: 'float64' }), { approximate })), want, { rtol: 1e-9, atol: 1e-16 })).toBeNull();
  });

  it('matches PyTorch in float32 to float32 resolution', () => {
    // The same cancellation in float32 leaves both results ~1e-7 (absolute) from the exact value.
    expect(compareClose(values(new GELU().forward(tensor(x))), torchGelu32, { rtol: 1e-6, atol: 3e-7 })).toBe(null);
  });

  it('has PyTorch gradient, and passes gradcheck in both forms', () => {
    const input = tensor(x, { dtype: 'float64', requiresGrad: true });
    gelu(input).sum().backward();
    expect(compareClose(values(input.grad!), torchGeluGrad, { rtol: 1e-12, atol: 1e-15 })).toBeNull();
    const point = tensor([-2.5, -0.4, 0.1, 1.7], { dtype: 'float64', requiresGrad: true });
    expect(gradcheck((t) => gelu(t), [point])).toBe(true);
    expect(gradcheck((t) => gelu(t, { approximate: 'tanh' }), [point])).toBe(true);
  });

  it('rejects an unknown approximation', () => {
    expect(() => new GELU({ approximate: 'fast' as 'tanh' })).toThrow(new RangeError('approximate argument must be either none or tanh, got fast'));
  });
});

describe('leakyRelu', () => {
  it('matches PyTorch values and gradients, slope 0.2 at 0 included', () => {
    const input = tensor(x, { dtype: 'float64', requiresGrad: true });
    const out = leakyRelu(input, 0.2);
    expect(compareClose(values(out), torchLeaky, f64)).toBeNull();
    out.sum().backward();
    expect(values(input.grad!)).toEqual(torchLeakyGrad);
  });
});

describe('activation modules', () => {
  const input = tensor([[-1, 0.5, 2]], { dtype: 'float64' });
  it.each([
    ['ReLU', new ReLU(), [0, 0.5, 2]],
    ['Sigmoid', new Sigmoid(), [1 / (1 + Math.E), 1 / (1 + Math.exp(-0.5)), 1 / (1 + Math.exp(-2))]],
    ['Tanh', new Tanh(), [Math.tanh(-1), Math.tanh(0.5), Math.tanh(2)]],
    ['LeakyReLU', new LeakyReLU(), [-0.01, 0.5, 2]],
  ] as const)('%s computes its formula', (_name, module, want) => {
    expect(compareClose(values(module.forward(input)), want, f64)).toBeNull();
  });

  it('Softmax and LogSoftmax normalise along their dim (legacy dim 1 for 2-d input)', () => {
    const z = Math.exp(-1) + Math.exp(0.5) + Math.exp(2);
    const want = [Math.exp(-1) / z, Math.exp(0.5) / z, Math.exp(2) / z];
    expect(compareClose(values(new Softmax(1).forward(input)), want, f64)).toBeNull();
    expect(compareClose(values(new Softmax().forward(input)), want, f64)).toBeNull();
    expect(compareClose(values(new LogSoftmax(-1).forward(input)), want.map(Math.log), f64)).toBeNull();
  });

  it.each([
    [new ReLU(), 'ReLU()'],
    [new LeakyReLU(), 'LeakyReLU(negative_slope=0.01)'],
    [new LeakyReLU(1), 'LeakyReLU(negative_slope=1.0)'],
    [new GELU(), "GELU(approximate='none')"],
    [new GELU({ approximate: 'tanh' }), "GELU(approximate='tanh')"],
    [new Softmax(1), 'Softmax(dim=1)'],
    [new LogSoftmax(), 'LogSoftmax(dim=None)'],
  ])('prints %s as PyTorch', (module, text) => {
    expect(module.toString()).toBe(text);
  });
});

describe('keyword arguments of the activation family', () => {
  // F.leaky_relu(x, 0.3), F.gelu(x, approximate='tanh') in PyTorch 1.13, float64.
  const input = tensor([-2, -0.5, 0, 1.5], { dtype: 'float64' });
  it.each<[string, () => Tensor, number[]]>([
    ['leakyRelu(x, 0.3)', () => leakyRelu(input, 0.3), [-0.6, -0.15, 0, 1.5]],
    ['leakyRelu(x, { negativeSlope: 0.3 })', () => leakyRelu(input, { negativeSlope: 0.3 }), [-0.6, -0.15, 0, 1.5]],
    ["gelu(x, 'tanh')", () => gelu(input, 'tanh'), [-0.04540230591222494, -0.15428599017485606, 0, 1.3995715769802328]],
  ])('%s matches PyTorch', (_label, make, want) => {
    expect(compareClose(values(make()), want, { rtol: 1e-12, atol: 1e-15 })).toBeNull();
  });

  it.each<[string, () => unknown, Error]>([
    ['an unknown keyword', () => leakyRelu(input, { slope: 0.3 } as never), new TypeError("leaky_relu() got an unexpected keyword argument 'slope'")],
    ['a wrong kind', () => leakyRelu(input, 'x' as never), new TypeError("leaky_relu(): argument 'negativeSlope' must be number, not str")],
    ['too many positional arguments', () => (leakyRelu as (...a: unknown[]) => Tensor)(input, 0.1, 0.2), new TypeError('leaky_relu() takes from 1 to 2 positional arguments but 3 were given')],
  ])('refuses %s', (_label, call, error) => {
    expect(call).toThrow(error);
  });
});
