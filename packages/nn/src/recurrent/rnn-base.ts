import { cat, empty, recurrentSequence, stack, zeros } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import type { Generator } from '@descent/tensor';
import { dropout } from '../functional/dropout';
import { uniform_ } from '../init';
import { Module } from '../module';
import { pyBool, pyFloat } from '../module-format';
import { Parameter } from '../parameter';
import { GATES, inputGates } from './cells';
import type { CellMode, CellWeights } from './cells';
import { checkOptionKeys, checkSize } from './checks';

/** Options shared by {@link RNN}, {@link LSTM} and {@link GRU} (PyTorch's keyword arguments). */
export interface RecurrentOptions {
  /** Stacked recurrent layers (default 1). */
  numLayers?: number;
  /** Learn `bias_ih` and `bias_hh` (default true). */
  bias?: boolean;
  /** Input and output are `[batch, seq, feature]` instead of `[seq, batch, feature]` (default false). */
  batchFirst?: boolean;
  /** Dropout on the outputs of every layer but the last, in training mode (default 0). */
  dropout?: number;
  /** Run a second layer over the reversed sequence and concatenate both outputs (default false). */
  bidirectional?: boolean;
  /** Parameter dtype (default float32). */
  dtype?: 'float32' | 'float64';
  /** Generator for the initial values (default: the global one). */
  generator?: Generator;
}

const RECURRENT_KEYS = ['numLayers', 'bias', 'batchFirst', 'dropout', 'bidirectional', 'dtype', 'generator'];

/**
 * What RNN, LSTM and GRU share (torch.nn.RNNBase): the parameters `weight_ih_l{k}`,
 * `weight_hh_l{k}`, `bias_ih_l{k}`, `bias_hh_l{k}` (and `…_reverse` for the backward direction),
 * registered in PyTorch's order and drawn from U(−1/√hidden, 1/√hidden) in that order, so after
 * `manualSeed(s)` they hold torch's numbers; and the layer stack, each layer and direction one
 * fused node over the whole sequence (`recurrentSequence`), back-propagating through all steps.
 */
export abstract class RNNBase<In extends unknown[], Out> extends Module<In, Out> {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly numLayers: number;
  readonly bias: boolean;
  readonly batchFirst: boolean;
  readonly dropout: number;
  readonly bidirectional: boolean;
  /** @internal */
  protected readonly mode: CellMode;
  readonly #weights: CellWeights[] = [];

  protected constructor(mode: CellMode, name: string, inputSize: number, hiddenSize: number, options: RecurrentOptions, extraKeys: readonly string[] = []) {
    super();
    checkOptionKeys(name, options, [...RECURRENT_KEYS, ...extraKeys]);
    checkSize(name, 'input_size', inputSize, 0);
    checkSize(name, 'hidden_size', hiddenSize, 1);
    const numLayers = options.numLayers ?? 1;
    checkSize(name, 'num_layers', numLayers, 1);
    const dropoutP = options.dropout ?? 0;
    if (typeof dropoutP !== 'number' || !(dropoutP >= 0 && dropoutP <= 1)) {
      throw new RangeError(`dropout should be a number in range [0, 1] representing the probability of an element being zeroed, got ${String(dropoutP)}`);
    }
    for (const key of ['bias', 'batchFirst', 'bidirectional'] as const) {
      const value = options[key];
      if (value !== undefined && typeof value !== 'boolean') throw new TypeError(`${name}: ${key} must be a boolean, got ${String(value)}`);
    }
    const dtype = options.dtype ?? 'float32';
    if (dtype !== 'float32' && dtype !== 'float64') throw new TypeError(`${name}: dtype must be 'float32' or 'float64', got ${String(dtype)}`);
    this.mode = mode;
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    this.numLayers = numLayers;
    this.bias = options.bias ?? true;
    this.batchFirst = options.batchFirst ?? false;
    this.dropout = dropoutP;
    this.bidirectional = options.bidirectional ?? false;
    const gateSize = GATES[mode] * hiddenSize;
    const directions = this.bidirectional ? 2 : 1;
    for (let layer = 0; layer < numLayers; layer++) {
      for (let direction = 0; direction < directions; direction++) {
        const suffix = `_l${layer}${direction === 1 ? '_reverse' : ''}`;
        const layerInput = layer === 0 ? inputSize : hiddenSize * directions;
        const param = (key: string, shape: number[]): Parameter => {
          const p = new Parameter(empty(shape, { dtype }));
          this.registerParameter(`${key}${suffix}`, p);
          return p;
        };
        const weightIh = param('weight_ih', [gateSize, layerInput]);
        const weightHh = param('weight_hh', [gateSize, hiddenSize]);
        const biasIh = this.bias ? param('bias_ih', [gateSize]) : null;
        const biasHh = this.bias ? param('bias_hh', [gateSize]) : null;
        this.#weights.push({ weightIh, weightHh, biasIh, biasHh });
      }
    }
    this.resetParameters(options.generator);
  }

  /** Draws every weight and bias from U(−1/√hidden, 1/√hidden), in registration order (PyTorch's `reset_parameters`). */
  resetParameters(generator?: Generator): void {
    const bound = 1 / Math.sqrt(this.hiddenSize);
    for (const p of this.parameters()) uniform_(p, -bound, bound, { generator });
  }

  /** The cell weights of layer `layer`, direction `direction` (the current parameters, so `loadStateDict` is seen). */
  #cell(index: number): CellWeights {
    const suffix = `_l${Math.floor(index / (this.bidirectional ? 2 : 1))}${this.bidirectional && index % 2 === 1 ? '_reverse' : ''}`;
    const get = (key: string): Tensor | null => (this as unknown as Record<string, Tensor | null>)[`${key}${suffix}`] ?? null;
    const cached = this.#weights[index]!;
    return { weightIh: get('weight_ih') ?? cached.weightIh, weightHh: get('weight_hh') ?? cached.weightHh, biasIh: this.bias ? get('bias_ih') : null, biasHh: this.bias ? get('bias_hh') : null };
  }

  /**
   * Runs the stack over `input` from the initial states (`[h0]`, or `[h0, c0]` for LSTM; each
   * `[layers·directions, batch, hidden]`, or unbatched without the batch dim, or absent for zeros).
   * Returns the last layer's output and the final states shaped as the initial ones.
   */
  protected run(input: Tensor, initial: readonly Tensor[] | undefined): { output: Tensor; finals: Tensor[] } {
    const name = this.constructor.name;
    if (input.ndim !== 2 && input.ndim !== 3) throw new RangeError(`${name}: Expected input to be 2-D or 3-D but received ${input.ndim}-D tensor`);
    const batched = input.ndim === 3;
    const stateCount = this.mode === 'LSTM' ? 2 : 1;
    if (initial !== undefined) {
      const ranks = initial.map((s) => s.ndim);
      if (ranks.some((r) => r !== (batched ? 3 : 2))) {
        const what = batched ? 'batched 3-D' : 'unbatched 2-D';
        const rank = batched ? '3-D' : '2-D';
        throw new RangeError(
          stateCount === 1
            ? `For ${what} input, hx should also be ${rank} but got ${ranks[0]}-D tensor`
            : `For ${what} input, hx and cx should also be ${rank} but got (${ranks.map((r) => `${r}-D`).join(', ')}) tensors`,
        );
      }
    }
    // Work in [seq, batch, feature].
    let x = batched ? (this.batchFirst ? input.transpose(0, 1) : input) : input.unsqueeze(1);
    const width = x.shape[2]!;
    if (width !== this.inputSize) throw new RangeError(`input.size(-1) must be equal to input_size. Expected ${this.inputSize}, got ${width}`);
    const weightDtype = this.#weights[0]!.weightIh.dtype;
    if (x.dtype !== weightDtype) throw new TypeError(`${name}: input must have the type ${weightDtype}, got type ${x.dtype}`);
    const batch = x.shape[1]!;
    const directions = this.bidirectional ? 2 : 1;
    const expected = [this.numLayers * directions, batch, this.hiddenSize];
    const states = initial === undefined ? Array.from({ length: stateCount }, () => zeros(expected, { dtype: x.dtype })) : initial.map((s) => (batched ? s : s.unsqueeze(1)));
    states.forEach((s, k) => {
      if (s.shape.length !== 3 || s.shape.some((d, i) => d !== expected[i])) {
        const label = stateCount === 1 ? 'hidden' : `hidden[${k}]`;
        throw new RangeError(`Expected ${label} size (${expected.join(', ')}), got [${s.shape.join(', ')}]`);
      }
      if (s.dtype !== x.dtype) throw new TypeError(`${name}: hidden state must have the type ${x.dtype}, got type ${s.dtype}`);
    });

    const steps = x.shape[0]!;
    const finals: Tensor[][] = Array.from({ length: stateCount }, () => []);
    for (let layer = 0; layer < this.numLayers; layer++) {
      const outputs: Tensor[] = [];
      for (let direction = 0; direction < directions; direction++) {
        const index = layer * directions + direction;
        const w = this.#cell(index);
        const state = states.map((s) => s.select(0, index));
        if (steps === 0) {
          outputs.push(zeros([0, batch, this.hiddenSize], { dtype: x.dtype }));
          state.forEach((s, k) => finals[k]!.push(s));
          continue;
        }
        const gates = inputGates(x, w); // [seq, batch, G·hidden], all steps in one matmul
        // The whole direction in one fused node: per step one matmul for all gates, then one pass.
        const out = recurrentSequence(gates, { mode: this.mode, h0: state[0]!, c0: state[1] ?? null, weightHh: w.weightHh, biasHh: w.biasHh, reverse: direction === 1 });
        outputs.push(out.narrow(0, 0, steps));
        finals[0]!.push(out.select(0, direction === 0 ? steps - 1 : 0));
        if (this.mode === 'LSTM') finals[1]!.push(out.select(0, steps));
      }
      const layerOutput = directions === 2 ? cat(outputs, 2) : outputs[0]!;
      const last = layer === this.numLayers - 1;
      x = !last && this.dropout > 0 && this.training ? dropout(layerOutput, { p: this.dropout }) : layerOutput;
    }
    let output = x;
    let finalStates = finals.map((f) => stack(f, 0));
    if (!batched) {
      output = output.squeeze(1);
      finalStates = finalStates.map((s) => s.squeeze(1));
    } else if (this.batchFirst) {
      output = output.transpose(0, 1);
    }
    return { output, finals: finalStates };
  }

  override extraRepr(): string {
    let s = `${this.inputSize}, ${this.hiddenSize}`;
    if (this.numLayers !== 1) s += `, num_layers=${this.numLayers}`;
    if (!this.bias) s += `, bias=${pyBool(false)}`;
    if (this.batchFirst) s += `, batch_first=${pyBool(true)}`;
    if (this.dropout !== 0) s += `, dropout=${pyFloat(this.dropout)}`;
    if (this.bidirectional) s += `, bidirectional=${pyBool(true)}`;
    return s;
  }
}
