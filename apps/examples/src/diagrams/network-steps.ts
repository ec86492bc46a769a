import { TWO_LAYER_SETUP, twoLayerBackward, twoLayerForward, WEIGHT_NAMES } from '@descent/bp-examples';
import type { TwoLayerSetup, WeightName } from '@descent/bp-examples';
import type { Lang } from '../chapters/chapter';
import type { DiagramEdge, DiagramFrame, DiagramNode, DiagramState, DiagramStep } from './diagram';
import { factor, fixed9 } from './format-value';

type NeuronId = 'h1' | 'h2' | 'o1' | 'o2';

/** Which neuron each weight feeds and where its value comes from. */
const WEIGHTS: Record<WeightName, { from: 'i1' | 'i2' | 'h1' | 'h2'; to: NeuronId }> = {
  w1: { from: 'i1', to: 'h1' },
  w2: { from: 'i2', to: 'h1' },
  w3: { from: 'i1', to: 'h2' },
  w4: { from: 'i2', to: 'h2' },
  w5: { from: 'h1', to: 'o1' },
  w6: { from: 'h2', to: 'o1' },
  w7: { from: 'h1', to: 'o2' },
  w8: { from: 'h2', to: 'o2' },
};

/** The backward pass visits the output layer's weights first, then the hidden layer's. */
const BACKWARD_ORDER: readonly WeightName[] = ['w5', 'w6', 'w7', 'w8', 'w1', 'w2', 'w3', 'w4'];
const FORWARD_ORDER: readonly NeuronId[] = ['h1', 'h2', 'o1', 'o2'];

const TEXT = {
  network: { en: 'The 2-2-2 network', zh: '2-2-2 网络' },
  forward: { en: 'Forward pass', zh: '前向传播' },
  error: { en: 'The error', zh: '误差' },
  backward: { en: 'Backward pass', zh: '反向传播' },
  update: { en: 'The update', zh: '更新' },
  setup: {
    en: 'inputs, weights and biases of the worked example; targets t1 = 0.01, t2 = 0.99',
    zh: '示例的输入、权重与偏置；目标 t1 = 0.01，t2 = 0.99',
  },
  newForward: { en: 'forward pass with the new weights', zh: '用新权重再做一次前向传播' },
  autograd: {
    en: '@descent/autograd gives the same eight gradients (largest difference',
    zh: '@descent/autograd 算出相同的八个梯度（最大差',
  },
} as const;

/** Options of {@link networkSteps}. */
export interface NetworkStepsOptions {
  setup?: TwoLayerSetup;
  /** ∂E/∂w from `@descent/autograd`, to state on the update step how far they are from ours. */
  autograd?: Record<WeightName, number>;
}

/**
 * The 2-2-2 network of the worked example as a stepper: the bare network, the forward pass neuron
 * by neuron (net and out), the error, the backward pass edge by edge (each ∂E/∂w on its edge, with
 * the chain-rule product that gives it), then the update of every weight. Every number comes from
 * `twoLayerForward` / `twoLayerBackward` of `@descent/bp-examples`; the products written in the
 * captions are those numbers' factors.
 *
 * @example
 * const steps = networkSteps('en');
 * steps.length; // 15: the network, 4 neurons, the error, 8 edges, the update
 */
export function networkSteps(lang: Lang, o: NetworkStepsOptions = {}): DiagramStep[] {
  const setup = o.setup ?? TWO_LAYER_SETUP;
  const w = setup.weights;
  const f = twoLayerForward(setup, w);
  const { deltas, gradients } = twoLayerBackward(setup, w, f);
  const updated = Object.fromEntries(
    WEIGHT_NAMES.map((n) => [n, w[n] - setup.lr * gradients[n]]),
  ) as Record<WeightName, number>;
  const after = twoLayerForward(setup, updated);
  const [i1, i2] = setup.inputs;
  const [b1, b2] = setup.biases;
  const [t1, t2] = setup.targets;
  const out: Record<'i1' | 'i2' | NeuronId, number> = {
    i1,
    i2,
    h1: f.out_h1,
    h2: f.out_h2,
    o1: f.out_o1,
    o2: f.out_o2,
  };
  const net: Record<NeuronId, number> = { h1: f.net_h1, h2: f.net_h2, o1: f.net_o1, o2: f.net_o2 };
  const targets = { o1: t1, o2: t2 } as const;

  /** What the frame shows after `phase` steps: forward neurons done, gradients done, updated. */
  interface Progress {
    forward: number;
    error: boolean;
    backward: number;
    updated: boolean;
    active: { node?: string; edge?: WeightName };
  }

  const frame = (p: Progress): DiagramFrame => {
    const computed = new Set(FORWARD_ORDER.slice(0, p.forward));
    const withGrad = new Set(BACKWARD_ORDER.slice(0, p.backward));
    const hasDelta = (n: NeuronId): boolean =>
      [...withGrad].some((g) => WEIGHTS[g].to === n);
    const state = (id: string, done: boolean): DiagramState =>
      p.active.node === id ? 'active' : done ? 'done' : 'pending';
    const neuron = (
      id: NeuronId,
      x: number,
      y: number,
      linesAt: DiagramNode['linesAt'],
    ): DiagramNode => {
      const lines: string[] = [];
      if (computed.has(id)) lines.push(`net ${fixed9(net[id])}`, `out ${fixed9(out[id])}`);
      if (p.error && (id === 'o1' || id === 'o2')) {
        const t = id === 'o1' ? 't1' : 't2';
        lines.push(`${t} = ${targets[id]}`, `E_${id} = ${fixed9(f[`E_${id}`])}`);
      }
      if (hasDelta(id)) lines.push(`δ_${id} = ${fixed9(deltas[id])}`);
      return { id, x, y, label: id, shape: 'circle', lines, linesAt, state: state(id, computed.has(id)) };
    };
    const given = (id: string, x: number, y: number, value: number): DiagramNode => ({
      id,
      x,
      y,
      label: id,
      shape: 'box',
      lines: [String(value)],
      linesAt: id.startsWith('b') ? 'right' : 'left',
      state: 'done',
    });
    const nodes: DiagramNode[] = [
      { ...given('i1', 70, 120, i1), linesAt: 'above' },
      { ...given('i2', 70, 300, i2), linesAt: 'below' },
      given('b1', 215, 392, b1),
      given('b2', 465, 392, b2),
      neuron('h1', 340, 120, 'above'),
      neuron('h2', 340, 300, 'below'),
      neuron('o1', 590, 120, 'right'),
      neuron('o2', 590, 300, 'right'),
    ];
    const bias = (id: string, from: string, to: NeuronId): DiagramEdge => ({
      id,
      from,
      to,
      lines: [],
      dashed: true,
      state: computed.has(to) ? 'done' : 'pending',
    });
    const edges: DiagramEdge[] = [
      bias('b1-h1', 'b1', 'h1'),
      bias('b1-h2', 'b1', 'h2'),
      bias('b2-o1', 'b2', 'o1'),
      bias('b2-o2', 'b2', 'o2'),
      ...WEIGHT_NAMES.map((name): DiagramEdge => {
        const { from, to } = WEIGHTS[name];
        const lines = [
          p.updated
            ? `${name}: ${w[name]} → ${fixed9(updated[name])}`
            : `${name} = ${w[name]}`,
        ];
        if (withGrad.has(name)) lines.push(`∂E/∂${name} = ${fixed9(gradients[name])}`);
        const straight = (from === 'i1' && to === 'h1') || (from === 'i2' && to === 'h2') ||
          (from === 'h1' && to === 'o1') || (from === 'h2' && to === 'o2');
        return {
          id: name,
          from,
          to,
          lines,
          // Crossing edges carry their text near their source, clear of the crossing.
          labelAt: straight ? 0.5 : 0.26,
          state:
            p.active.edge === name ? 'active' : withGrad.has(name) || computed.has(to) ? 'done' : 'pending',
        };
      }),
    ];
    return { width: 780, height: 420, nodes, edges };
  };

  const title = (key: keyof typeof TEXT, what?: string): string =>
    what === undefined ? TEXT[key][lang] : `${TEXT[key][lang]}: ${what}`;
  const steps: DiagramStep[] = [];
  const none = { forward: 0, error: false, backward: 0, updated: false, active: {} };
  steps.push({
    title: title('network'),
    lines: [TEXT.setup[lang], `lr = ${setup.lr}`],
    frame: frame(none),
  });

  // Forward: each neuron's net (weighted sum plus bias) and out = σ(net).
  FORWARD_ORDER.forEach((id, k) => {
    const feeds = WEIGHT_NAMES.filter((n) => WEIGHTS[n].to === id);
    const bias = id.startsWith('h') ? 'b1' : 'b2';
    const biasValue = id.startsWith('h') ? b1 : b2;
    const inputs = feeds.map((n) => WEIGHTS[n].from);
    const value = (src: 'i1' | 'i2' | 'h1' | 'h2'): string =>
      src.startsWith('i') ? String(out[src]) : fixed9(out[src]);
    const symbol = (src: string): string => (src.startsWith('i') ? src : `out_${src}`);
    steps.push({
      title: title('forward', id),
      lines: [
        `net_${id} = ${feeds.map((n, j) => `${n}·${symbol(inputs[j] ?? '')}`).join(' + ')} + ${bias}` +
          ` = ${feeds.map((n, j) => `${w[n]}·${value(inputs[j] ?? 'i1')}`).join(' + ')} + ${biasValue}` +
          ` = ${fixed9(net[id])}`,
        `out_${id} = σ(net_${id}) = 1 / (1 + e^(−${fixed9(net[id])})) = ${fixed9(out[id])}`,
      ],
      frame: frame({ ...none, forward: k + 1, active: { node: id } }),
    });
  });

  steps.push({
    title: title('error'),
    lines: [
      `E_o1 = ½(t1 − out_o1)² = ½(${t1} − ${fixed9(f.out_o1)})² = ${fixed9(f.E_o1)}`,
      `E_o2 = ½(t2 − out_o2)² = ½(${t2} − ${fixed9(f.out_o2)})² = ${fixed9(f.E_o2)}`,
      `E_total = E_o1 + E_o2 = ${fixed9(f.E_total)}`,
    ],
    frame: frame({ ...none, forward: 4, error: true }),
  });

  // Backward: ∂E/∂w = ∂E/∂out · ∂out/∂net · ∂net/∂w for the neuron the weight feeds.
  BACKWARD_ORDER.forEach((name, k) => {
    const { from, to } = WEIGHTS[name];
    const dOut = to.startsWith('o')
      ? out[to] - targets[to as 'o1' | 'o2']
      : to === 'h1'
        ? deltas.o1 * w.w5 + deltas.o2 * w.w7
        : deltas.o1 * w.w6 + deltas.o2 * w.w8;
    const dNet = out[to] * (1 - out[to]);
    const input = from.startsWith('i') ? String(out[from]) : fixed9(out[from]);
    const symbol = from.startsWith('i') ? from : `out_${from}`;
    const lines = [`∂E/∂${name} = ∂E/∂out_${to} · ∂out_${to}/∂net_${to} · ∂net_${to}/∂${name}`];
    if (to.startsWith('o')) {
      const t = to === 'o1' ? 't1' : 't2';
      lines.push(
        `       = (out_${to} − ${t}) · out_${to}·(1 − out_${to}) · ${symbol}`,
        `       = ${factor(fixed9(dOut))} · ${fixed9(dNet)} · ${input} = ${fixed9(gradients[name])}`,
        `δ_${to} = ∂E/∂net_${to} = ${factor(fixed9(dOut))} · ${fixed9(dNet)} = ${fixed9(deltas[to as 'o1' | 'o2'])}`,
      );
    } else {
      const [wa, wb] = to === 'h1' ? (['w5', 'w7'] as const) : (['w6', 'w8'] as const);
      lines.push(
        `∂E/∂out_${to} = δ_o1·${wa} + δ_o2·${wb} = ${factor(fixed9(deltas.o1))}·${w[wa]} + ${factor(fixed9(deltas.o2))}·${w[wb]} = ${fixed9(dOut)}`,
        `∂E/∂${name} = ${factor(fixed9(dOut))} · ${fixed9(dNet)} · ${input} = ${fixed9(gradients[name])}`,
        `δ_${to} = ∂E/∂net_${to} = ${factor(fixed9(dOut))} · ${fixed9(dNet)} = ${fixed9(deltas[to as 'h1' | 'h2'])}`,
      );
    }
    steps.push({
      title: title('backward', name),
      lines,
      frame: frame({ ...none, forward: 4, error: true, backward: k + 1, active: { edge: name, node: to } }),
    });
  });

  const updateLines = [
    `w ← w − lr·∂E/∂w, lr = ${setup.lr}`,
    ...WEIGHT_NAMES.map(
      (n) => `${n} = ${w[n]} − ${setup.lr}·${factor(fixed9(gradients[n]))} = ${fixed9(updated[n])}`,
    ),
    `E_total: ${fixed9(f.E_total)} → ${fixed9(after.E_total)} (${TEXT.newForward[lang]})`,
  ];
  if (o.autograd !== undefined) {
    const ag = o.autograd;
    const diff = Math.max(...WEIGHT_NAMES.map((n) => Math.abs(ag[n] - gradients[n])));
    updateLines.push(`${TEXT.autograd[lang]} ${diff.toExponential(1)}${lang === 'zh' ? '）' : ')'}`);
  }
  steps.push({
    title: title('update'),
    lines: updateLines,
    frame: frame({ ...none, forward: 4, error: true, backward: 8, updated: true }),
  });
  return steps;
}
