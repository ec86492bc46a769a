/**
 * The sequence-model training steps of `pnpm bench` (issue #18), for us and for TensorFlow.js:
 * an LSTM and a 2-layer Transformer encoder, each followed by a 10-way classifier head with cross
 * entropy and one Adam step.
 *
 * The tfjs LSTM side is tfjs-layers' `tf.layers.lstm`. TensorFlow.js has no multi-head attention
 * or Transformer layer (neither in tfjs-core nor in tfjs-layers), so its Transformer side composes
 * attention, layer norm and the feed-forward block from tfjs-core ops (`matMul`, `softmax`,
 * `moments`) with the same arithmetic as PyTorch's post-norm encoder layer.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { manualSeed, randn, tensor } from '@descent/autograd';
import { CrossEntropyLoss, Linear, LSTM, TransformerEncoder, TransformerEncoderLayer } from '@descent/nn';
import { Adam } from '@descent/optim';

/** LSTM: input 64, hidden 256, sequence 50, batch 32. */
export const LSTM_SHAPE = { input: 64, hidden: 256, seq: 50, batch: 32, classes: 10 };
/** Transformer encoder: 2 layers, d 128, 4 heads, feed-forward 512, sequence 64, batch 16. */
export const TRANSFORMER_SHAPE = { layers: 2, d: 128, heads: 4, ff: 512, seq: 64, batch: 16, classes: 10 };

const labels = (n: number): number[] => Array.from({ length: n }, (_, i) => (i * 7) % 10);

/** Our LSTM step: LSTM over the sequence, the head on the last output, cross entropy, Adam. */
export function ourLstmStep(): () => void {
  const { input, hidden, seq, batch, classes } = LSTM_SHAPE;
  manualSeed(0);
  const lstm = new LSTM(input, hidden);
  const head = new Linear(hidden, classes);
  const optimizer = new Adam([...lstm.parameters(), ...head.parameters()], { lr: 1e-3 });
  const lossFn = new CrossEntropyLoss();
  const x = randn([seq, batch, input]);
  const y = tensor(labels(batch), { dtype: 'int32' });
  return () => {
    optimizer.zeroGrad();
    const [output] = lstm.forward(x);
    lossFn.forward(head.forward(output.select(0, seq - 1)), y).backward();
    optimizer.step();
  };
}

/** Our Transformer step: the encoder, mean over positions, the head, cross entropy, Adam. */
export function ourTransformerStep(): () => void {
  const { layers, d, heads, ff, seq, batch, classes } = TRANSFORMER_SHAPE;
  manualSeed(0);
  const encoder = new TransformerEncoder(new TransformerEncoderLayer(d, heads, { dimFeedforward: ff, dropout: 0, batchFirst: true }), layers);
  const head = new Linear(d, classes);
  const optimizer = new Adam([...encoder.parameters(), ...head.parameters()], { lr: 1e-3 });
  const lossFn = new CrossEntropyLoss();
  const x = randn([batch, seq, d]);
  const y = tensor(labels(batch), { dtype: 'int32' });
  return () => {
    optimizer.zeroGrad();
    lossFn.forward(head.forward(encoder.forward(x).mean(1)), y).backward();
    optimizer.step();
  };
}

/** A built tfjs workload. */
export interface TfjsBuilt {
  run: () => void;
  dispose: () => void;
}

const uniform = (shape: number[], fanIn: number): tf.Variable => tf.variable(tf.randomUniform(shape, -1 / Math.sqrt(fanIn), 1 / Math.sqrt(fanIn)));

function minimizeStep(loss: () => tf.Scalar, vars: tf.Variable[], extra: tf.Tensor[]): TfjsBuilt {
  const optimizer = tf.train.adam(1e-3);
  return {
    run: () => {
      const value = optimizer.minimize(loss, true, vars);
      value?.dataSync();
      value?.dispose();
    },
    dispose: () => {
      optimizer.dispose();
      tf.dispose([...vars, ...extra]);
    },
  };
}

/**
 * The tfjs LSTM step: `tf.layers.lstm` (tfjs-layers' LSTM layer, returning the last output) over
 * the 50 steps, the same head, loss and optimizer.
 */
export function tfjsLstmStep(): TfjsBuilt {
  const { input, hidden, seq, batch, classes } = LSTM_SHAPE;
  // PyTorch's initialisation U(−1/√hidden, 1/√hidden) (tfjs's default orthogonal initializer needs a QR kernel tfjs-wasm lacks).
  const init = (): ReturnType<typeof tfl.initializers.randomUniform> => tfl.initializers.randomUniform({ minval: -1 / Math.sqrt(hidden), maxval: 1 / Math.sqrt(hidden) });
  const lstm = tfl.layers.lstm({ units: hidden, inputShape: [seq, input], kernelInitializer: init(), recurrentInitializer: init(), biasInitializer: init() });
  const wHead = uniform([hidden, classes], hidden);
  const bHead = uniform([classes], hidden);
  const x = tf.randomNormal<tf.Rank.R3>([batch, seq, input]);
  const oneHot = tf.cast(tf.oneHot(tf.tensor1d(labels(batch), 'int32'), classes), 'float32');
  const loss = (): tf.Scalar => {
    const h = lstm.apply(x) as tf.Tensor2D;
    const logits = tf.add(tf.matMul(h, wHead), bHead);
    return tf.div<tf.Scalar>(tf.neg(tf.sum(tf.mul(tf.logSoftmax(logits), oneHot))), batch);
  };
  tf.dispose(lstm.apply(x) as tf.Tensor); // builds the layer's weights
  const vars = lstm.trainableWeights.map((w) => w.read() as tf.Variable);
  // Disposing the step disposes the layer's variables too.
  return minimizeStep(loss, [...vars, wHead, bHead], [x, oneHot]);
}

/** The tfjs Transformer step: PyTorch's post-norm encoder layer written in tfjs-core ops. */
export function tfjsTransformerStep(): TfjsBuilt {
  const { layers, d, heads, ff, seq, batch, classes } = TRANSFORMER_SHAPE;
  const hd = d / heads;
  const params = Array.from({ length: layers }, () => ({
    wQkv: uniform([d, 3 * d], d),
    bQkv: tf.variable(tf.zeros([3 * d])),
    wO: uniform([d, d], d),
    bO: tf.variable(tf.zeros([d])),
    w1: uniform([d, ff], d),
    b1: uniform([ff], d),
    w2: uniform([ff, d], ff),
    b2: uniform([d], ff),
    g1: tf.variable(tf.ones([d])),
    n1: tf.variable(tf.zeros([d])),
    g2: tf.variable(tf.ones([d])),
    n2: tf.variable(tf.zeros([d])),
  }));
  const wHead = uniform([d, classes], d);
  const bHead = uniform([classes], d);
  const x = tf.randomNormal([batch * seq, d]);
  const oneHot = tf.cast(tf.oneHot(tf.tensor1d(labels(batch), 'int32'), classes), 'float32');
  const layerNorm = (t: tf.Tensor2D, g: tf.Tensor, b: tf.Tensor): tf.Tensor2D => {
    const { mean, variance } = tf.moments(t, -1, true);
    return tf.add(tf.mul(tf.div(tf.sub(t, mean), tf.sqrt(tf.add(variance, 1e-5))), g), b);
  };
  const heads4 = (t: tf.Tensor2D): tf.Tensor3D => tf.reshape(tf.transpose(tf.reshape(t, [batch, seq, heads, hd]), [0, 2, 1, 3]), [batch * heads, seq, hd]);
  const loss = (): tf.Scalar => {
    let h = x as tf.Tensor2D;
    for (const p of params) {
      const qkv = tf.add(tf.matMul(h, p.wQkv), p.bQkv);
      const [q, k, v] = tf.split(qkv, 3, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
      const weights = tf.softmax(tf.div(tf.matMul(heads4(q), heads4(k), false, true), Math.sqrt(hd)));
      const attended = tf.reshape(tf.transpose(tf.reshape(tf.matMul(weights, heads4(v)), [batch, heads, seq, hd]), [0, 2, 1, 3]), [batch * seq, d]);
      h = layerNorm(tf.add(h, tf.add(tf.matMul(attended, p.wO), p.bO)), p.g1, p.n1);
      const f = tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(h, p.w1), p.b1)), p.w2), p.b2);
      h = layerNorm(tf.add(h, f), p.g2, p.n2);
    }
    const pooled = tf.mean(tf.reshape(h, [batch, seq, d]), 1);
    const logits = tf.add(tf.matMul(pooled, wHead), bHead);
    return tf.div<tf.Scalar>(tf.neg(tf.sum(tf.mul(tf.logSoftmax(logits), oneHot))), batch);
  };
  const vars = [...params.flatMap((p) => Object.values(p)), wHead, bHead];
  return minimizeStep(loss, vars, [x, oneHot]);
}
