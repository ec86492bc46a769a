import { empty, zeros } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import type { Generator } from '@descent/tensor';
import { uniform_ } from '../init';
import { Module } from '../module';
import { pyBool } from '../module-format';
import { Parameter } from '../parameter';
import { cellStep, GATES, inputGates } from './cells';
import type { CellMode } from './cells';
import { checkOptionKeys, checkSize } from './checks';

/** Options of {@link RNNCell}, {@link LSTMCell} and {@link GRUCell}. */
export interface CellOptions {
  /** Learn `bias_ih` and `bias_hh` (default true). */
  bias?: boolean;
  /** Parameter dtype (default float32). */
  dtype?: 'float32' | 'float64';
  /** Generator for the initial values (default: the global one). */
  generator?: Generator;
}

/**
 * What the single-step cells share (torch.nn.RNNCellBase): `weight_ih` `[G·hidden, input]`,
 * `weight_hh` `[G·hidden, hidden]`, `bias_ih`, `bias_hh`, drawn from U(−1/√hidden, 1/√hidden) in
 * that order, and the checks of PyTorch's cell kernels.
 */
export abstract class RNNCellBase<In extends unknown[], Out> extends Module<In, Out> {
  readonly inputSize: number;
  readonly hiddenSize: number;
  weight_ih: Parameter;
  weight_hh: Parameter;
  bias_ih: Parameter | null;
  bias_hh: Parameter | null;
  /** @internal */
  protected readonly mode: CellMode;

  protected constructor(mode: CellMode, name: string, inputSize: number, hiddenSize: number, options: CellOptions, extraKeys: readonly string[] = []) {
    super();
    checkOptionKeys(name, options, ['bias', 'dtype', 'generator', ...extraKeys]);
    checkSize(name, 'input_size', inputSize, 0);
    checkSize(name, 'hidden_size', hiddenSize, 1);
    if (options.bias !== undefined && typeof options.bias !== 'boolean') throw new TypeError(`${name}: bias must be a boolean, got ${String(options.bias)}`);
    const dtype = options.dtype ?? 'float32';
    if (dtype !== 'float32' && dtype !== 'float64') throw new TypeError(`${name}: dtype must be 'float32' or 'float64', got ${String(dtype)}`);
    this.mode = mode;
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    const gateSize = GATES[mode] * hiddenSize;
    this.weight_ih = new Parameter(empty([gateSize, inputSize], { dtype }));
    this.weight_hh = new Parameter(empty([gateSize, hiddenSize], { dtype }));
    const bias = options.bias ?? true;
    this.bias_ih = bias ? new Parameter(empty([gateSize], { dtype })) : null;
    this.bias_hh = bias ? new Parameter(empty([gateSize], { dtype })) : null;
    this.resetParameters(options.generator);
  }

  /** Draws every weight and bias from U(−1/√hidden, 1/√hidden), in registration order (PyTorch's `reset_parameters`). */
  resetParameters(generator?: Generator): void {
    const bound = 1 / Math.sqrt(this.hiddenSize);
    for (const p of this.parameters()) uniform_(p, -bound, bound, { generator });
  }

  /** One step from `state` (absent: zeros); `input` is `[batch, input]` or unbatched `[input]`. */
  protected step(input: Tensor, state: readonly Tensor[] | undefined, count: number): Tensor[] {
    const name = this.constructor.name;
    if (input.ndim !== 1 && input.ndim !== 2) throw new RangeError(`${name}: Expected input to be 1-D or 2-D but received ${input.ndim}-D tensor`);
    const batched = input.ndim === 2;
    const x = batched ? input : input.unsqueeze(0);
    if (x.shape[1] !== this.inputSize) throw new RangeError(`input has inconsistent input_size: got ${x.shape[1]} expected ${this.inputSize}`);
    if (x.dtype !== this.weight_ih.dtype) throw new TypeError(`${name}: input must have the type ${this.weight_ih.dtype}, got type ${x.dtype}`);
    const states =
      state === undefined
        ? Array.from({ length: count }, () => zeros([x.shape[0]!, this.hiddenSize], { dtype: x.dtype }))
        : state.map((s) => {
            if (s.ndim !== input.ndim) throw new RangeError(`${name}: Expected hidden to be ${input.ndim}-D for ${input.ndim}-D input, got ${s.ndim}-D tensor`);
            return batched ? s : s.unsqueeze(0);
          });
    states.forEach((s, k) => {
      if (s.shape[0] !== x.shape[0]) throw new RangeError(`Input batch size ${x.shape[0]} doesn't match hidden${k} batch size ${s.shape[0]}`);
      if (s.shape[1] !== this.hiddenSize) throw new RangeError(`hidden${k} has inconsistent hidden_size: got ${s.shape[1]}, expected ${this.hiddenSize}`);
    });
    const w = { weightIh: this.weight_ih, weightHh: this.weight_hh, biasIh: this.bias_ih, biasHh: this.bias_hh };
    const next = cellStep(this.mode, inputGates(x, w), states, w);
    return batched ? next : next.map((s) => s.squeeze(0));
  }

  override extraRepr(): string {
    return `${this.inputSize}, ${this.hiddenSize}${this.bias_ih === null ? `, bias=${pyBool(false)}` : ''}`;
  }
}
