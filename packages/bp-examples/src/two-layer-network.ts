/**
 * The classic 2-2-2 sigmoid network, back-propagated by hand (float64).
 *
 *   net_h1 = w1·i1 + w2·i2 + b1     out_h1 = σ(net_h1)      (h2 likewise with w3, w4)
 *   net_o1 = w5·out_h1 + w6·out_h2 + b2   out_o1 = σ(net_o1) (o2 likewise with w7, w8)
 *   E = ½(t1 − out_o1)² + ½(t2 − out_o2)²
 *
 * Output layer: δ_o = (out_o − t)·out_o·(1 − out_o), and ∂E/∂w5 = δ_o1·out_h1, … ∂E/∂w8 = δ_o2·out_h2.
 * Hidden layer: δ_h1 = (δ_o1·w5 + δ_o2·w7)·out_h1·(1 − out_h1), and ∂E/∂w1 = δ_h1·i1, ∂E/∂w2 = δ_h1·i2
 * (δ_h2 uses w6 and w8). Each weight then moves against its gradient: w ← w − lr·∂E/∂w. The biases
 * stay fixed, as in the worked example.
 *
 * With inputs (0.05, 0.10), weights 0.15 … 0.55, biases 0.35 and 0.60, targets (0.01, 0.99) and
 * lr 0.5, the published values are E_total = 0.298371109, ∂E/∂w5 = 0.082167041, w5⁺ = 0.35891648,
 * ∂E/∂w1 = 0.000438568, and after one update E_total = 0.291027774. The blog post this example comes
 * from prints 0.291027924 after one update and 0.0000351085 after 10,000: it rounded its
 * intermediate values. Exact float64 arithmetic gives 0.291027774 and 3.5101878e-5.
 */

/** Names of the eight weights. */
export type WeightName = 'w1' | 'w2' | 'w3' | 'w4' | 'w5' | 'w6' | 'w7' | 'w8';
export const WEIGHT_NAMES: readonly WeightName[] = ['w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7', 'w8'];

/** The network's fixed setting. */
export interface TwoLayerSetup {
  inputs: readonly [number, number];
  weights: Readonly<Record<WeightName, number>>;
  biases: readonly [number, number];
  targets: readonly [number, number];
  lr: number;
}

/** The worked example's numbers. */
export const TWO_LAYER_SETUP: TwoLayerSetup = {
  inputs: [0.05, 0.1],
  weights: { w1: 0.15, w2: 0.2, w3: 0.25, w4: 0.3, w5: 0.4, w6: 0.45, w7: 0.5, w8: 0.55 },
  biases: [0.35, 0.6],
  targets: [0.01, 0.99],
  lr: 0.5,
};

/** Every value of one forward pass. */
export interface TwoLayerForward {
  net_h1: number;
  out_h1: number;
  net_h2: number;
  out_h2: number;
  net_o1: number;
  out_o1: number;
  net_o2: number;
  out_o2: number;
  E_o1: number;
  E_o2: number;
  E_total: number;
}

/** What {@link twoLayerNetworkExample} returns. */
export interface TwoLayerTrace {
  setup: TwoLayerSetup;
  /** The first forward pass. */
  forward: TwoLayerForward;
  totalError: number;
  /** The error signals δ of the four neurons in the first backward pass. */
  deltas: { o1: number; o2: number; h1: number; h2: number };
  /** ∂E/∂w of the first backward pass. */
  gradients: Record<WeightName, number>;
  /** The weights after the first update. */
  updatedWeights: Record<WeightName, number>;
  /** Number of updates made. */
  iterations: number;
  /** E_total after `iterations` updates. */
  errorAfter: number;
  /** The forward pass after `iterations` updates. */
  forwardAfter: TwoLayerForward;
  /** E_total before update k (index 0) … after the last update (index `iterations`). */
  errorHistory: number[];
  /** The weights after `iterations` updates. */
  finalWeights: Record<WeightName, number>;
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** One forward pass of the 2-2-2 network. */
export function twoLayerForward(setup: TwoLayerSetup, w: Readonly<Record<WeightName, number>>): TwoLayerForward {
  const [i1, i2] = setup.inputs;
  const [b1, b2] = setup.biases;
  const [t1, t2] = setup.targets;
  const net_h1 = w.w1 * i1 + w.w2 * i2 + b1;
  const net_h2 = w.w3 * i1 + w.w4 * i2 + b1;
  const out_h1 = sigmoid(net_h1);
  const out_h2 = sigmoid(net_h2);
  const net_o1 = w.w5 * out_h1 + w.w6 * out_h2 + b2;
  const net_o2 = w.w7 * out_h1 + w.w8 * out_h2 + b2;
  const out_o1 = sigmoid(net_o1);
  const out_o2 = sigmoid(net_o2);
  const E_o1 = 0.5 * (t1 - out_o1) ** 2;
  const E_o2 = 0.5 * (t2 - out_o2) ** 2;
  return { net_h1, out_h1, net_h2, out_h2, net_o1, out_o1, net_o2, out_o2, E_o1, E_o2, E_total: E_o1 + E_o2 };
}

/** One backward pass by the hand-derived formulas: the δ of every neuron and ∂E/∂w. */
export function twoLayerBackward(
  setup: TwoLayerSetup,
  w: Readonly<Record<WeightName, number>>,
  f: TwoLayerForward,
): { deltas: TwoLayerTrace['deltas']; gradients: Record<WeightName, number> } {
  const [i1, i2] = setup.inputs;
  const [t1, t2] = setup.targets;
  // ∂E/∂out_o · ∂out_o/∂net_o, with σ'(net) = out·(1 − out).
  const o1 = (f.out_o1 - t1) * f.out_o1 * (1 - f.out_o1);
  const o2 = (f.out_o2 - t2) * f.out_o2 * (1 - f.out_o2);
  // A hidden neuron feeds both outputs: its error is the sum over the paths through them.
  const h1 = (o1 * w.w5 + o2 * w.w7) * f.out_h1 * (1 - f.out_h1);
  const h2 = (o1 * w.w6 + o2 * w.w8) * f.out_h2 * (1 - f.out_h2);
  return {
    deltas: { o1, o2, h1, h2 },
    gradients: {
      w1: h1 * i1,
      w2: h1 * i2,
      w3: h2 * i1,
      w4: h2 * i2,
      w5: o1 * f.out_h1,
      w6: o1 * f.out_h2,
      w7: o2 * f.out_h1,
      w8: o2 * f.out_h2,
    },
  };
}

function sgdUpdate(
  w: Readonly<Record<WeightName, number>>,
  grad: Readonly<Record<WeightName, number>>,
  lr: number,
): Record<WeightName, number> {
  const next = { ...w };
  for (const name of WEIGHT_NAMES) next[name] = w[name] - lr * grad[name];
  return next;
}

/**
 * Back-propagation by hand on the classic 2-2-2 sigmoid network: a forward pass, then the error
 * signal δ of each output neuron, (out − target)·out·(1 − out), and of each hidden neuron, the
 * δs of the neurons it feeds weighted by the connecting weights, times its own out·(1 − out). Every
 * ∂E/∂w is the δ of the neuron the weight feeds times the value flowing into it, and plain gradient
 * descent moves each weight by −lr·∂E/∂w. Returns every value of the first pass plus the error after
 * `iterations` updates: E_total = 0.298371109 falls to 0.291027774 after one update and to
 * 3.5101878e-5 after 10,000 in float64 (the blog post this example comes from prints 0.291027924
 * and 0.0000351085 because it rounded its intermediate values).
 *
 * @param options.iterations number of updates (default 1); the tutorial also quotes 10,000
 * @param options.setup another setting (default {@link TWO_LAYER_SETUP}, the worked example's numbers)
 * @example
 * const t = twoLayerNetworkExample({ iterations: 10_000 });
 * t.gradients.w5; // 0.08216704056423077 (published: 0.082167041)
 * t.errorAfter;   // 3.510187782978859e-5
 */
export function twoLayerNetworkExample(
  options: { iterations?: number; setup?: TwoLayerSetup } = {},
): TwoLayerTrace {
  const { iterations = 1, setup = TWO_LAYER_SETUP } = options;
  if (!Number.isInteger(iterations) || iterations < 0) {
    throw new RangeError(`twoLayerNetworkExample: iterations must be a non-negative integer, got ${iterations}`);
  }
  if (!(setup.lr >= 0)) throw new RangeError(`Invalid learning rate: ${setup.lr}`);
  const forward = twoLayerForward(setup, setup.weights);
  const first = twoLayerBackward(setup, setup.weights, forward);
  const updatedWeights = sgdUpdate(setup.weights, first.gradients, setup.lr);

  let weights: Record<WeightName, number> = { ...setup.weights };
  let current = forward;
  const errorHistory = [forward.E_total];
  for (let k = 0; k < iterations; k++) {
    const { gradients } = twoLayerBackward(setup, weights, current);
    weights = sgdUpdate(weights, gradients, setup.lr);
    current = twoLayerForward(setup, weights);
    errorHistory.push(current.E_total);
  }
  return {
    setup,
    forward,
    totalError: forward.E_total,
    deltas: first.deltas,
    gradients: first.gradients,
    updatedWeights,
    iterations,
    errorAfter: current.E_total,
    forwardAfter: current,
    errorHistory,
    finalWeights: weights,
  };
}

/** Prints the forward values, gradients and updated weights as the worked example's tables. */
export function formatTwoLayerNetwork(trace: TwoLayerTrace): string {
  const f = trace.forward;
  const n = (v: number): string => v.toFixed(9);
  const lines = [
    'Forward pass',
    `  net_h1 = ${n(f.net_h1)}   out_h1 = ${n(f.out_h1)}`,
    `  net_h2 = ${n(f.net_h2)}   out_h2 = ${n(f.out_h2)}`,
    `  net_o1 = ${n(f.net_o1)}   out_o1 = ${n(f.out_o1)}`,
    `  net_o2 = ${n(f.net_o2)}   out_o2 = ${n(f.out_o2)}`,
    `  E_o1 = ${n(f.E_o1)}   E_o2 = ${n(f.E_o2)}   E_total = ${n(f.E_total)}`,
    'Backward pass (lr = ' + String(trace.setup.lr) + ')',
    '  weight        ∂E/∂w        updated',
  ];
  for (const name of WEIGHT_NAMES) {
    lines.push(
      `  ${name}   ${trace.gradients[name].toFixed(9).padStart(13)}   ${trace.updatedWeights[name].toFixed(9)}`,
    );
  }
  lines.push(`E_total after ${trace.iterations} update(s): ${trace.errorAfter.toPrecision(9)}`);
  return lines.join('\n');
}
