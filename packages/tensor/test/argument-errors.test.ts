/**
 * Wrong-kind and out-of-range arguments of the public factories and the fills: each is refused
 * with an Error naming the argument and the value (PyTorch 1.13's words where it has them: torch
 * raises TypeError "full(): argument 'fill_value' (position 2) must be Number, not str",
 * RuntimeError "unsupported range: 0 -> nan", "DefaultCPUAllocator: can't allocate memory: you
 * tried to allocate 4000000000000 bytes", "Storage size calculation overflowed with sizes=[…]").
 */
import { describe, expect, it } from 'vitest';
import { Generator, arange, bernoulli, empty, eye, full, fullLike, linspace, ones, rand, randint, randn, randperm, tensor, zeros, zerosLike } from '../src/index';

type Call = () => unknown;
const bad: unknown = 'a';

describe('factories refuse wrong kinds, naming the argument and the value', () => {
  it.each<[string, Call, ErrorConstructor, string]>([
    ["full([2], 'a')", () => full([2], bad as number), TypeError, `full(): argument 'value' (position 2) must be Number, not string "a"`],
    ['full([2], null)', () => full([2], null as unknown as number), TypeError, "full(): argument 'value' (position 2) must be Number, not null"],
    ["fill_('a')", () => zeros([2]).fill_(bad as number), TypeError, `fill_(): argument 'value' (position 1) must be Number, not string "a"`],
    ['fill_(undefined)', () => zeros([2]).fill_(undefined as unknown as number), TypeError, "fill_(): argument 'value' (position 1) must be Number, not undefined"],
    ["maskedFill_(mask, 'a')", () => zeros([2]).maskedFill_(tensor([true, false]), bad as number), TypeError, `masked_fill_(): argument 'value' (position 2) must be Number, not string "a"`],
    ["maskedFill(mask, 'a')", () => zeros([2]).maskedFill(tensor([true, false]), bad as number), TypeError, `masked_fill(): argument 'value' (position 2) must be Number, not string "a"`],
    ["fullLike(t, 'a')", () => fullLike(zeros([2]), bad as number), TypeError, `full_like(): argument 'value' (position 2) must be Number, not string "a"`],
    ['zerosLike([1, 2])', () => zerosLike([1, 2] as never), TypeError, "zeros_like(): argument 'input' (position 1) must be Tensor, not an array of length 2"],
    ["zeros('a')", () => zeros(bad as number[]), TypeError, `zeros(): argument 'shape' must be an array of sizes, not string "a"`],
    ['zeros(3)', () => zeros(3 as unknown as number[]), TypeError, "zeros(): argument 'shape' must be an array of sizes, not 3"],
    ['ones([1.5])', () => ones([1.5]), TypeError, "ones(): argument 'shape' must be an array of integer sizes, but shape[0] is 1.5"],
    ['empty([2, NaN])', () => empty([2, NaN]), TypeError, "empty(): argument 'shape' must be an array of integer sizes, but shape[1] is NaN"],
    ["rand([2, '3'])", () => rand([2, '3' as unknown as number]), TypeError, `rand(): argument 'shape' must be an array of integer sizes, but shape[1] is string "3"`],
    ['zeros([2], null)', () => zeros([2], null as never), TypeError, "zeros(): argument 'options' must be an options object, not null"],
    ["zeros([2], { dtype: 'int64' })", () => zeros([2], { dtype: 'int64' as never }), TypeError, 'zeros: unknown dtype int64; expected one of float32, float64, int32, bool'],
    ["arange('a')", () => arange(bad as number), TypeError, `arange(): argument 'end' (position 1) must be Number, not string "a"`],
    ["arange(0, 'a')", () => arange(0, bad as number), TypeError, `arange(): argument 'end' (position 2) must be Number, not string "a"`],
    ['arange(0, 5, null)', () => arange(0, 5, null as unknown as number), TypeError, "arange(): argument 'step' (position 3) must be Number, not null"],
    ["linspace('a', 1, 3)", () => linspace(bad as number, 1, 3), TypeError, `linspace(): argument 'start' (position 1) must be Number, not string "a"`],
    ['linspace(0, 1, 1.5)', () => linspace(0, 1, 1.5), TypeError, "linspace(): argument 'steps' (position 3) must be int, not 1.5"],
    ['eye(1.5)', () => eye(1.5), TypeError, "eye(): argument 'n' (position 1) must be int, not 1.5"],
    ["eye(2, 'a')", () => eye(2, bad as number), TypeError, `eye(): argument 'm' (position 2) must be int, not string "a"`],
    ['randperm(1.5)', () => randperm(1.5), TypeError, "randperm(): argument 'n' (position 1) must be int, not 1.5"],
    ['randint(0.5, 3, [2])', () => randint(0.5, 3, [2]), TypeError, "randint(): argument 'low' (position 1) must be int, not 0.5"],
    ['randn([2], { generator: 5 })', () => randn([2], { generator: 5 as never }), TypeError, "randn(): argument 'generator' must be a Generator, not 5"],
    ['rand([2], { generator: {} })', () => rand([2], { generator: {} as never }), TypeError, "rand(): argument 'generator' must be a Generator, not an object"],
    ['bernoulli(0.5)', () => bernoulli(0.5 as never), TypeError, "bernoulli(): argument 'input' (position 1) must be Tensor, not 0.5"],
    ['tensor(null)', () => tensor(null as never), TypeError, 'tensor(): invalid data type: expected a number, boolean, nested array or typed array, got null'],
    ["tensor('abc')", () => tensor('abc' as never), TypeError, 'tensor(): invalid data type: expected a number, boolean, nested array or typed array, got string "abc"'],
    ["tensor([1, 'a'])", () => tensor([1, 'a'] as never), TypeError, 'tensor(): invalid data type at data[1]: expected a number, boolean, nested array or typed array, got string "a"'],
    ['tensor([[1], [{}]])', () => tensor([[1], [{}]] as never), TypeError, 'tensor(): invalid data type at data[1][0]: expected a number, boolean, nested array or typed array, got an object'],
    ['tensor(DataView)', () => tensor(new DataView(new ArrayBuffer(4)) as never), TypeError, 'tensor(): invalid data type: expected a typed array, got a DataView'],
  ])('%s', (_label, call, cls, message) => {
    expect(call).toThrow(new cls(message));
    expect(call).toThrow(cls);
  });
});

describe('ranges and sizes PyTorch refuses', () => {
  it.each<[string, Call, string]>([
    // torch.arange(0, float('nan')) → RuntimeError: unsupported range: 0 -> nan
    ['arange(0, NaN)', () => arange(0, NaN), 'unsupported range: 0 -> NaN'],
    ['arange(NaN)', () => arange(NaN), 'unsupported range: 0 -> NaN'],
    ['arange(0, Infinity)', () => arange(0, Infinity), 'unsupported range: 0 -> Infinity'],
    ['arange(-Infinity, 0)', () => arange(-Infinity, 0), 'unsupported range: -Infinity -> 0'],
    // torch.arange(0, 5, nan) → step must be nonzero
    ['arange(0, 5, NaN)', () => arange(0, 5, NaN), 'step must be nonzero, got NaN'],
    ['arange(0, 5, 0)', () => arange(0, 5, 0), 'step must be nonzero, got 0'],
    ['arange(5, 0, 1)', () => arange(5, 0, 1), 'upper bound and larger bound inconsistent with step sign, got start=5, end=0, step=1'],
    ['linspace(0, 1, -1)', () => linspace(0, 1, -1), 'number of steps must be non-negative, got -1'],
    // torch.zeros([1000000, 1000000]) → DefaultCPUAllocator: … you tried to allocate 4000000000000 bytes
    ['zeros([1e6, 1e6])', () => zeros([1e6, 1e6]), "DefaultCPUAllocator: can't allocate memory: you tried to allocate 4000000000000 bytes"],
    ['ones([1e5, 1e5, 100], float64)', () => ones([1e5, 1e5, 100], { dtype: 'float64' }), "DefaultCPUAllocator: can't allocate memory: you tried to allocate 8000000000000 bytes"],
    ['arange(0, 1e15)', () => arange(0, 1e15), "DefaultCPUAllocator: can't allocate memory: you tried to allocate 4000000000000000 bytes"],
    // torch.zeros([2**62, 4]) → Storage size calculation overflowed with sizes=[4611686018427387904, 4]
    ['zeros([2**52, 4])', () => zeros([2 ** 52, 4]), 'Storage size calculation overflowed with sizes=[4503599627370496, 4]'],
    ['randperm(-1)', () => randperm(-1), 'Trying to create tensor with negative dimension -1: [-1]'],
  ])('%s', (_label, call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });

  it('arange still accepts options after any number of bounds', () => {
    expect(arange(3, { dtype: 'int32' }).tolist()).toEqual([0, 1, 2]);
    expect(arange(1, 3, { dtype: 'float64' }).dtype).toBe('float64');
    expect(arange(0, 1, 0.5, { dtype: 'float64' }).tolist()).toEqual([0, 0.5]);
    expect(eye(2, { dtype: 'int32' }).tolist()).toEqual([[1, 0], [0, 1]]);
  });

  it('a refused fill_ leaves the tensor and its version unchanged', () => {
    const t = tensor([1, 2]);
    const version = t.storage.version;
    expect(() => t.fill_(bad as number)).toThrow(TypeError);
    expect(t.tolist()).toEqual([1, 2]);
    expect(t.storage.version).toBe(version);
  });

  it('NaN is still a number a fill accepts (as torch.full([2], nan))', () => {
    expect(full([2], NaN).tolist()).toEqual([NaN, NaN]);
  });
});

describe('shape-op messages carry the value', () => {
  it.each<[string, Call, string]>([
    // torch 1.13: "permute(): duplicate dims are not allowed." (we add the dims)
    ['permute([0, 0])', () => ones([2, 3]).permute([0, 0]), 'permute(): duplicate dims are not allowed, got dims [0, 0].'],
    ['permute([1, -1])', () => ones([2, 3]).permute([1, -1]), 'permute(): duplicate dims are not allowed, got dims [1, -1].'],
    ['reshape([-1, -1])', () => ones([2, 3]).reshape([-1, -1]), 'only one dimension can be inferred, got shape [-1, -1]'],
    ['flatten(1, 0)', () => ones([2, 3]).flatten(1, 0), 'flatten() has invalid args: start_dim cannot come after end_dim, got start_dim=1, end_dim=0'],
  ])('%s', (_label, call, message) => {
    expect(call).toThrow(new RangeError(message));
  });

  it("permute('ab') names the kind", () => {
    expect(() => ones([2, 3]).permute('ab' as never)).toThrow(new TypeError(`permute(): argument 'dims' must be tuple of ints, but found element of type str at pos 0`));
  });

  it('a Generator passed through options is used', () => {
    const g = new Generator().manualSeed(1);
    const h = new Generator().manualSeed(1);
    expect(rand([3], { generator: g }).tolist()).toEqual(rand([3], { generator: h }).tolist());
  });
});
