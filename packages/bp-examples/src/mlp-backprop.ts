/**
 * Back-propagation in matrix form for a fully connected network, the way it is derived on paper.
 * For a batch X (B×n₀) and layers l = 1…L with weights W_l (n_l × n_{l−1}) and biases b_l:
 *
 *   forward    Z_l = A_{l−1}·W_lᵀ + b_l,   A_l = f_l(Z_l),   A_0 = X
 *   loss       E = (1/B)·Σ_batch ½‖A_L − Y‖²
 *   output     Δ_L = (A_L − Y) ⊙ f_L'(Z_L) / B
 *   hidden     Δ_l = (Δ_{l+1}·W_{l+1}) ⊙ f_l'(Z_l)            (the δ of a layer from the next)
 *   gradients  ∂E/∂W_l = Δ_lᵀ·A_{l−1},   ∂E/∂b_l = Σ_batch Δ_l
 *
 * Plain float64 arrays, no autograd: the test suite checks every gradient against autograd.
 */

/** Activation functions with their derivatives written as functions of z and a = f(z). */
export type Activation = 'sigmoid' | 'tanh' | 'relu' | 'identity';

const ACTIVATIONS: Record<Activation, { f: (z: number) => number; df: (z: number, a: number) => number }> = {
  sigmoid: { f: (z) => 1 / (1 + Math.exp(-z)), df: (_z, a) => a * (1 - a) },
  tanh: { f: Math.tanh, df: (_z, a) => 1 - a * a },
  // The derivative at 0 is taken as 0, as PyTorch's relu does.
  relu: { f: (z) => (z > 0 ? z : 0), df: (z) => (z > 0 ? 1 : 0) },
  identity: { f: (z) => z, df: () => 1 },
};

/** A row-major matrix. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

/** One dense layer: weight (out × in), bias (out) and activation. */
export interface DenseLayer {
  weight: Matrix;
  bias: Float64Array;
  activation: Activation;
}

/** Everything {@link mlpBackprop} computes. */
export interface MlpBackpropTrace {
  loss: number;
  /** Z_l of every layer (B × n_l). */
  preActivations: Matrix[];
  /** A_0 = X, then A_l of every layer. */
  activations: Matrix[];
  /** Δ_l of every layer (B × n_l). */
  deltas: Matrix[];
  gradWeights: Matrix[];
  gradBiases: Float64Array[];
}

/** Builds a matrix from nested rows. */
export function matrix(rows: readonly (readonly number[])[]): Matrix {
  const r = rows.length;
  const c = rows[0]?.length ?? 0;
  const data = new Float64Array(r * c);
  rows.forEach((row, i) => {
    if (row.length !== c) throw new RangeError(`matrix: row ${i} has ${row.length} values, expected ${c}`);
    data.set(row, i * c);
  });
  return { rows: r, cols: c, data };
}

/** A·Bᵀ for A (m×k) and B (n×k). */
function matmulTransB(a: Matrix, b: Matrix): Matrix {
  const out = new Float64Array(a.rows * b.rows);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < b.rows; j++) {
      let s = 0;
      for (let k = 0; k < a.cols; k++) s += (a.data[i * a.cols + k] as number) * (b.data[j * b.cols + k] as number);
      out[i * b.rows + j] = s;
    }
  }
  return { rows: a.rows, cols: b.rows, data: out };
}

/** A·B for A (m×k) and B (k×n). */
function matmul(a: Matrix, b: Matrix): Matrix {
  const out = new Float64Array(a.rows * b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let k = 0; k < a.cols; k++) {
      const aik = a.data[i * a.cols + k] as number;
      for (let j = 0; j < b.cols; j++) out[i * b.cols + j] = (out[i * b.cols + j] as number) + aik * (b.data[k * b.cols + j] as number);
    }
  }
  return { rows: a.rows, cols: b.cols, data: out };
}

/** Aᵀ·B for A (k×m) and B (k×n). */
function matmulTransA(a: Matrix, b: Matrix): Matrix {
  const out = new Float64Array(a.cols * b.cols);
  for (let k = 0; k < a.rows; k++) {
    for (let i = 0; i < a.cols; i++) {
      const aki = a.data[k * a.cols + i] as number;
      for (let j = 0; j < b.cols; j++) out[i * b.cols + j] = (out[i * b.cols + j] as number) + aki * (b.data[k * b.cols + j] as number);
    }
  }
  return { rows: a.cols, cols: b.cols, data: out };
}

function checkMatrix(m: Matrix, name: string): void {
  if (m.data.length !== m.rows * m.cols) {
    throw new RangeError(`mlpBackprop: ${name} is ${m.rows}x${m.cols} but holds ${m.data.length} values`);
  }
}

/**
 * Back-propagation in matrix form for a fully connected network of sigmoid, tanh, ReLU or identity
 * layers, on a whole batch at once. The forward pass keeps every Z_l and A_l; the backward pass
 * starts from the output's Δ_L = (A_L − Y) ⊙ f'(Z_L) / B and gets each earlier layer's Δ from the
 * next one, Δ_l = (Δ_{l+1}·W_{l+1}) ⊙ f'(Z_l), so that ∂E/∂W_l = Δ_lᵀ·A_{l−1} and ∂E/∂b_l is the
 * column sum of Δ_l. The loss is the batch mean of ½‖output − target‖²; for one sample and the
 * 2-2-2 network it is the arithmetic of `twoLayerNetworkExample`.
 *
 * @param options the network and the batch
 * @param options.layers the layers, input side first (weight out × in, as nn.Linear)
 * @param options.x the batch of inputs (B × n₀)
 * @param options.y the targets (B × n_L)
 * @example
 * const layer = (w: number[][], b: number[]) => ({ weight: matrix(w), bias: Float64Array.from(b), activation: 'sigmoid' as const });
 * mlpBackprop({ layers: [layer([[0.15, 0.2], [0.25, 0.3]], [0.35, 0.35]), layer([[0.4, 0.45], [0.5, 0.55]], [0.6, 0.6])],
 *   x: matrix([[0.05, 0.1]]), y: matrix([[0.01, 0.99]]) }).gradWeights[1]; // ∂E/∂w5 = 0.082167041, …
 */
export function mlpBackprop({ layers, x, y }: { layers: readonly DenseLayer[]; x: Matrix; y: Matrix }): MlpBackpropTrace {
  if (layers.length === 0) throw new RangeError('mlpBackprop: layers must not be empty');
  if (x.rows === 0) throw new RangeError('mlpBackprop: the batch x must have at least one row, got 0');
  checkMatrix(x, 'x');
  checkMatrix(y, 'y');
  layers.forEach((layer, l) => {
    checkMatrix(layer.weight, `layer ${l} weight`);
    if (layer.bias.length !== layer.weight.rows) {
      throw new RangeError(`mlpBackprop: layer ${l} has ${layer.weight.rows} outputs but a bias of ${layer.bias.length}`);
    }
    if (!Object.hasOwn(ACTIVATIONS, layer.activation)) {
      throw new TypeError(`mlpBackprop: layer ${l} activation must be sigmoid, tanh, relu or identity, got ${String(layer.activation)}`);
    }
  });
  const batch = x.rows;
  const activations: Matrix[] = [x];
  const preActivations: Matrix[] = [];
  layers.forEach((layer, l) => {
    const input = activations[l] as Matrix;
    if (layer.weight.cols !== input.cols) {
      throw new RangeError(
        `mlpBackprop: layer ${l} expects ${layer.weight.cols} inputs, got ${input.cols} (mat1 and mat2 shapes cannot be multiplied (${input.rows}x${input.cols} and ${layer.weight.cols}x${layer.weight.rows}))`,
      );
    }
    const z = matmulTransB(input, layer.weight);
    const { f } = ACTIVATIONS[layer.activation];
    const a = new Float64Array(z.data.length);
    for (let i = 0; i < z.rows; i++) {
      for (let j = 0; j < z.cols; j++) {
        const idx = i * z.cols + j;
        z.data[idx] = (z.data[idx] as number) + (layer.bias[j] as number);
        a[idx] = f(z.data[idx]);
      }
    }
    preActivations.push(z);
    activations.push({ rows: z.rows, cols: z.cols, data: a });
  });
  const output = activations[layers.length] as Matrix;
  if (y.rows !== output.rows || y.cols !== output.cols) {
    throw new RangeError(`mlpBackprop: target is ${y.rows}x${y.cols} but the output is ${output.rows}x${output.cols}`);
  }
  let loss = 0;
  for (let i = 0; i < output.data.length; i++) loss += 0.5 * ((output.data[i] as number) - (y.data[i] as number)) ** 2;
  loss /= batch;

  const deltas: Matrix[] = new Array<Matrix>(layers.length);
  for (let l = layers.length - 1; l >= 0; l--) {
    const z = preActivations[l] as Matrix;
    const a = activations[l + 1] as Matrix;
    const { df } = ACTIVATIONS[(layers[l] as DenseLayer).activation];
    // Δ_L from the loss; every other Δ_l from the next layer's Δ through its weights.
    const upstream =
      l === layers.length - 1
        ? { rows: a.rows, cols: a.cols, data: a.data.map((v, i) => (v - (y.data[i] as number)) / batch) }
        : matmul(deltas[l + 1] as Matrix, (layers[l + 1] as DenseLayer).weight);
    const delta = upstream.data.map((g, i) => g * df(z.data[i] as number, a.data[i] as number));
    deltas[l] = { rows: z.rows, cols: z.cols, data: delta };
  }
  const gradWeights = deltas.map((delta, l) => matmulTransA(delta, activations[l] as Matrix));
  const gradBiases = deltas.map((delta) => {
    const g = new Float64Array(delta.cols);
    for (let i = 0; i < delta.rows; i++) for (let j = 0; j < delta.cols; j++) g[j] = (g[j] as number) + (delta.data[i * delta.cols + j] as number);
    return g;
  });
  return { loss, preActivations, activations, deltas, gradWeights, gradBiases };
}

const row = (m: Matrix, i: number): string =>
  `[${Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols), (v) => v.toFixed(6)).join(', ')}]`;
const block = (name: string, m: Matrix): string[] =>
  Array.from({ length: m.rows }, (_, i) => `  ${i === 0 ? name.padEnd(8) : ''.padEnd(8)} ${row(m, i)}`);

/**
 * Prints the trace layer by layer: Z, A and Δ for the batch (one row per sample), then ∂E/∂W and
 * ∂E/∂b, as the matrix derivation writes them.
 */
export function formatMlpBackprop(trace: MlpBackpropTrace): string {
  const lines = [`loss = ${trace.loss.toFixed(9)}`, ...block('A_0 = X', trace.activations[0] as Matrix)];
  trace.deltas.forEach((delta, l) => {
    const n = l + 1;
    lines.push(`layer ${n}`);
    lines.push(...block(`Z_${n}`, trace.preActivations[l] as Matrix), ...block(`A_${n}`, trace.activations[n] as Matrix));
    lines.push(...block(`Δ_${n}`, delta), ...block(`∂E/∂W_${n}`, trace.gradWeights[l] as Matrix));
    const bias = trace.gradBiases[l] as Float64Array;
    lines.push(...block(`∂E/∂b_${n}`, { rows: 1, cols: bias.length, data: bias }));
  });
  return lines.join('\n');
}
