/**
 * Weight initialisation (torch.nn.init). Every function fills its tensor in place without recording
 * history (as PyTorch's run under `no_grad`) and returns it; random ones draw from the default
 * generator after `manualSeed`, or from `{ generator }`, with PyTorch's streams.
 */
import { noGrad } from '@descent/autograd';
import { erf, erfinvTensor } from './functional/erf';
import type { Generator, Tensor } from '@descent/tensor';

/** Options of the random initialisers. */
export interface InitOptions {
  /** The generator to draw from (default: the global one behind `manualSeed`). */
  generator?: Generator;
}

/** The nonlinearities {@link calculateGain} knows. */
export type Nonlinearity =
  | 'linear'
  | 'conv1d'
  | 'conv2d'
  | 'conv3d'
  | 'conv_transpose1d'
  | 'conv_transpose2d'
  | 'conv_transpose3d'
  | 'sigmoid'
  | 'tanh'
  | 'relu'
  | 'leaky_relu'
  | 'selu';

/** Which fan {@link kaimingUniform_} and {@link kaimingNormal_} preserve. */
export type FanMode = 'fan_in' | 'fan_out';

/** Options of {@link kaimingUniform_} and {@link kaimingNormal_}. */
export interface KaimingOptions extends InitOptions {
  /** Negative slope of the rectifier after this layer (only for `leaky_relu`; default 0). */
  a?: number;
  /** `fan_in` (default) keeps the forward pass's variance, `fan_out` the backward pass's. */
  mode?: FanMode;
  /** The nonlinearity after this layer (default `leaky_relu`). */
  nonlinearity?: Nonlinearity;
}

const LINEAR_LIKE = new Set(['linear', 'conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d', 'sigmoid']);

/**
 * The recommended gain for a nonlinearity (PyTorch's `calculate_gain`): 1 for linear and sigmoid,
 * 5/3 for tanh, √2 for relu, √(2 / (1 + a²)) for leaky_relu with slope `param` (default 0.01), 3/4 for selu.
 *
 * @example
 * calculateGain('leaky_relu', Math.sqrt(5)); // √(1/3), what Linear's default initialisation uses
 */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  if (LINEAR_LIKE.has(nonlinearity)) return 1;
  switch (nonlinearity) {
    case 'tanh':
      return 5.0 / 3;
    case 'relu':
      return Math.sqrt(2.0);
    case 'leaky_relu': {
      const slope = param ?? 0.01;
      if (typeof slope !== 'number' || Number.isNaN(slope)) throw new TypeError(`negative_slope ${String(slope)} not a valid number`);
      return Math.sqrt(2.0 / (1 + slope ** 2));
    }
    case 'selu':
      // PyTorch's value, chosen to keep self-normalising networks' variance (torch.nn.init docs).
      return 3.0 / 4;
    default:
      throw new RangeError(`Unsupported nonlinearity ${String(nonlinearity)}`);
  }
}

/**
 * The fan-in and fan-out of a weight of at least 2 dimensions (PyTorch's
 * `_calculate_fan_in_and_fan_out`): size(1)·receptive field and size(0)·receptive field.
 *
 * @example
 * calculateFanInAndFanOut(zeros([8, 4])); // [4, 8]
 */
export function calculateFanInAndFanOut(t: Tensor): [number, number] {
  if (t.shape.length < 2) throw new RangeError('Fan in and fan out can not be computed for tensor with fewer than 2 dimensions');
  const receptiveField = t.shape.slice(2).reduce((a, b) => a * b, 1);
  return [t.shape[1]! * receptiveField, t.shape[0]! * receptiveField];
}

function fan(t: Tensor, mode: FanMode): number {
  if (mode !== 'fan_in' && mode !== 'fan_out') throw new RangeError(`Mode ${String(mode)} not supported, please use one of fan_in, fan_out`);
  const [fanIn, fanOut] = calculateFanInAndFanOut(t);
  return mode === 'fan_in' ? fanIn : fanOut;
}

/**
 * Fills `t` with samples from U(a, b).
 *
 * @example
 * uniform_(w, -0.1, 0.1);
 */
export function uniform_<T extends Tensor>(t: T, a = 0, b = 1, options: InitOptions = {}): T {
  return noGrad(() => t.uniform_(a, b, options));
}

/**
 * Fills `t` with samples from N(mean, std²).
 *
 * @example
 * normal_(w, 0, 0.02);
 */
export function normal_<T extends Tensor>(t: T, mean = 0, std = 1, options: InitOptions = {}): T {
  return noGrad(() => t.normal_(mean, std, options));
}

/**
 * Fills `t` with `value`.
 *
 * @example
 * constant_(bias, 0.1);
 */
export function constant_<T extends Tensor>(t: T, value: number): T {
  return noGrad(() => t.fill_(value));
}

/** Fills `t` with zeros. @example zeros_(bias); */
export function zeros_<T extends Tensor>(t: T): T {
  return noGrad(() => t.zero_());
}

/** Fills `t` with ones. @example ones_(scale); */
export function ones_<T extends Tensor>(t: T): T {
  return noGrad(() => t.fill_(1));
}

/**
 * Glorot/Xavier uniform: U(−bound, bound) with bound = gain·√(6 / (fanIn + fanOut))
 * (Glorot & Bengio, 2010). Options: `gain` (default 1), `generator`.
 *
 * @example
 * xavierUniform_(w, { gain: calculateGain('tanh') });
 */
export function xavierUniform_<T extends Tensor>(t: T, options: InitOptions & { gain?: number } = {}): T {
  const [fanIn, fanOut] = calculateFanInAndFanOut(t);
  const std = (options.gain ?? 1) * Math.sqrt(2.0 / (fanIn + fanOut));
  const bound = Math.sqrt(3.0) * std;
  return uniform_(t, -bound, bound, options);
}

/**
 * Glorot/Xavier normal: N(0, std²) with std = gain·√(2 / (fanIn + fanOut)). Options: `gain`
 * (default 1), `generator`.
 *
 * @example
 * xavierNormal_(w);
 */
export function xavierNormal_<T extends Tensor>(t: T, options: InitOptions & { gain?: number } = {}): T {
  const [fanIn, fanOut] = calculateFanInAndFanOut(t);
  const std = (options.gain ?? 1) * Math.sqrt(2.0 / (fanIn + fanOut));
  return normal_(t, 0, std, options);
}

/**
 * He/Kaiming uniform: U(−bound, bound) with bound = gain·√(3 / fan) (He et al., 2015). Options:
 * `a` (default 0), `mode` (default `fan_in`), `nonlinearity` (default `leaky_relu`), `generator`.
 *
 * @example
 * kaimingUniform_(w, { a: Math.sqrt(5) }); // Linear's default weight initialisation
 */
export function kaimingUniform_<T extends Tensor>(t: T, options: KaimingOptions = {}): T {
  const gain = calculateGain(options.nonlinearity ?? 'leaky_relu', options.a ?? 0);
  const std = gain / Math.sqrt(fan(t, options.mode ?? 'fan_in'));
  // Same operation order as PyTorch (std first, then √3·std), so the bound has the same bits.
  const bound = Math.sqrt(3.0) * std;
  return uniform_(t, -bound, bound, options);
}

/**
 * He/Kaiming normal: N(0, std²) with std = gain / √fan. Options as {@link kaimingUniform_}.
 *
 * @example
 * kaimingNormal_(w, { mode: 'fan_out', nonlinearity: 'relu' });
 */
export function kaimingNormal_<T extends Tensor>(t: T, options: KaimingOptions = {}): T {
  const gain = calculateGain(options.nonlinearity ?? 'leaky_relu', options.a ?? 0);
  const std = gain / Math.sqrt(fan(t, options.mode ?? 'fan_in'));
  return normal_(t, 0, std, options);
}

/** Options of {@link truncNormal_}. */
export interface TruncNormalOptions extends InitOptions {
  /** Mean of the normal distribution (default 0). */
  mean?: number;
  /** Standard deviation of the normal distribution (default 1). */
  std?: number;
  /** Lower cut-off (default −2). */
  a?: number;
  /** Upper cut-off (default 2). */
  b?: number;
}

const normCdf = (x: number): number => (1 + erf(x / Math.sqrt(2))) / 2;

/**
 * Fills `t` with N(mean, std²) samples truncated to [a, b] by inverse-CDF sampling, as PyTorch's
 * `trunc_normal_`: u ~ U(2·Φ(α) − 1, 2·Φ(β) − 1), then mean + std·√2·erfinv(u), clamped to [a, b].
 * The uniform draws are PyTorch's; erfinv is computed in double precision, so float32 results may
 * differ from PyTorch's in the last bit.
 *
 * @example
 * truncNormal_(w, { std: 0.02 });
 */
export function truncNormal_<T extends Tensor>(t: T, options: TruncNormalOptions = {}): T {
  const { mean = 0, std = 1, a = -2, b = 2 } = options;
  if (!(std >= 0)) throw new RangeError(`truncNormal_: std must be non-negative, got ${std}`);
  const low = normCdf((a - mean) / std);
  const high = normCdf((b - mean) / std);
  return noGrad(() => {
    t.uniform_(2 * low - 1, 2 * high - 1, options);
    t.copy_(erfinvTensor(t));
    return t.mul_(std * Math.sqrt(2)).add_(mean).clamp_(a, b);
  });
}
