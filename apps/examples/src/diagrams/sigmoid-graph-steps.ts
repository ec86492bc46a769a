import { chainRuleExample } from '@descent/bp-examples';
import type { Lang } from '../chapters/chapter';
import type { DiagramEdge, DiagramFrame, DiagramNode, DiagramState, DiagramStep } from './diagram';
import { factor, short } from './format-value';

type Op = 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'f';
type Input = 'w' | 'x' | 'b';

const OPS: readonly Op[] = ['h1', 'h2', 'h3', 'h4', 'h5', 'f'];
/** Each operation's symbol in its node, its inputs and its position. */
const LAYOUT: Record<Op, { symbol: string; inputs: readonly (Op | Input)[]; x: number }> = {
  h1: { symbol: '×', inputs: ['w', 'x'], x: 185 },
  h2: { symbol: '+', inputs: ['h1', 'b'], x: 300 },
  h3: { symbol: '−', inputs: ['h2'], x: 415 },
  h4: { symbol: 'exp', inputs: ['h3'], x: 530 },
  h5: { symbol: '+1', inputs: ['h4'], x: 645 },
  f: { symbol: '1/·', inputs: ['h5'], x: 760 },
};
const OP_Y = 110;

const TEXT = {
  graph: { en: 'f = σ(w·x + b) as a graph', zh: 'f = σ(w·x + b) 的计算图' },
  forward: { en: 'Forward', zh: '前向' },
  backward: { en: 'Backward', zh: '反向' },
  inputs: { en: 'The inputs', zh: '输入的梯度' },
  start: { en: 'the gradient of f with respect to itself', zh: 'f 对自身的梯度' },
  split: {
    en: 'f = 1 / (exp(−(w·x + b)) + 1), one elementary operation per node',
    zh: 'f = 1 / (exp(−(w·x + b)) + 1)，每个节点一个基本运算',
  },
  autograd: { en: '@descent/autograd gives', zh: '@descent/autograd 算出' },
} as const;

/**
 * The tutorial's single sigmoid neuron f = σ(w·x + b) = 1/(exp(−(w·x + b)) + 1) as a computational
 * graph, stepped through: the bare graph, the forward pass node by node (h1 = w·x … f = 1/h5, each
 * with its local derivatives), ∂f/∂f = 1, the backward pass node by node (upstream gradient times
 * the local derivative), then ∂f/∂w, ∂f/∂b and ∂f/∂x as products along their paths. Every number
 * comes from `chainRuleExample` of `@descent/bp-examples`.
 *
 * @param o.autograd the same derivatives from `@descent/autograd`, stated on the last step
 * @example
 * sigmoidGraphSteps('en', { x: 1, w: 0, b: 0 }).length; // 14
 */
export function sigmoidGraphSteps(
  lang: Lang,
  inputs: { x: number; w: number; b: number },
  o: { autograd?: { dfdw: number; dfdb: number; dfdx: number } } = {},
): DiagramStep[] {
  const trace = chainRuleExample(inputs);
  const value: Record<Op | Input, number> = {
    ...inputs,
    ...(Object.fromEntries(trace.steps.map((s) => [s.name, s.value])) as Record<Op, number>),
  };
  const local = Object.fromEntries(trace.steps.map((s) => [s.name, s.local])) as Record<
    Op,
    Record<string, number>
  >;
  const inputGrad: Record<Input, number> = { w: trace.dfdw, b: trace.dfdb, x: trace.dfdx };

  interface Progress {
    forward: number;
    /** Operations whose upstream gradient is known, counted from f back. */
    backward: number;
    inputs: boolean;
    active?: Op | 'inputs';
  }
  const frame = (p: Progress): DiagramFrame => {
    const computed = new Set(OPS.slice(0, p.forward));
    const graded = new Set(OPS.slice(OPS.length - p.backward));
    const state = (done: boolean, active: boolean): DiagramState =>
      active ? 'active' : done ? 'done' : 'pending';
    const op = (id: Op): DiagramNode => {
      const lines: string[] = [];
      if (computed.has(id)) lines.push(`${id} = ${short(value[id])}`);
      if (graded.has(id)) lines.push(`∂f/∂${id} = ${short(trace.upstream[id])}`);
      return {
        id,
        x: LAYOUT[id].x,
        y: OP_Y,
        label: LAYOUT[id].symbol,
        shape: 'circle',
        lines,
        linesAt: 'below',
        state: state(computed.has(id), p.active === id),
      };
    };
    const input = (id: Input, x: number, y: number, linesAt: DiagramNode['linesAt']): DiagramNode => ({
      id,
      x,
      y,
      label: id,
      shape: 'box',
      lines: [`${id} = ${short(value[id])}`, ...(p.inputs ? [`∂f/∂${id} = ${short(inputGrad[id])}`] : [])],
      linesAt,
      state: p.active === 'inputs' ? 'active' : 'done',
    });
    const nodes = [
      input('w', 60, 70, 'above'),
      input('x', 60, 160, 'below'),
      input('b', 185, 225, 'right'),
      ...OPS.map(op),
    ];
    const edges: DiagramEdge[] = OPS.flatMap((to) =>
      LAYOUT[to].inputs.map((from) => ({
        id: `${from}-${to}`,
        from,
        to,
        lines: [],
        state: state(computed.has(to), p.active === to || (p.active === 'inputs' && !OPS.includes(from as Op))),
      })),
    );
    return { width: 820, height: 260, nodes, edges };
  };

  const steps: DiagramStep[] = [];
  const title = (key: keyof typeof TEXT, what?: string): string =>
    what === undefined ? TEXT[key][lang] : `${TEXT[key][lang]}: ${what}`;
  const { x, w, b } = inputs;
  steps.push({
    title: title('graph'),
    lines: [TEXT.split[lang], `x = ${short(x)}, w = ${short(w)}, b = ${short(b)}`],
    frame: frame({ forward: 0, backward: 0, inputs: false }),
  });
  const formula: Record<Op, string> = {
    h1: `h1 = w·x = ${factor(short(w))}·${factor(short(x))}`,
    h2: `h2 = h1 + b = ${short(value.h1)} + ${factor(short(b))}`,
    h3: `h3 = −h2 = −${factor(short(value.h2))}`,
    h4: `h4 = exp(h3) = exp(${short(value.h3)})`,
    h5: `h5 = h4 + 1 = ${short(value.h4)} + 1`,
    f: `f = 1 / h5 = 1 / ${factor(short(value.h5))}`,
  };
  OPS.forEach((id, k) => {
    const locals = Object.entries(local[id]).map(([v, d]) => `∂${id}/∂${v} = ${short(d)}`);
    steps.push({
      title: title('forward', id),
      lines: [`${formula[id]} = ${short(value[id])}`, locals.join(', ')],
      frame: frame({ forward: k + 1, backward: 0, inputs: false, active: id }),
    });
  });
  // Backward from f: each node's gradient is the one above it times its local derivative.
  [...OPS].reverse().forEach((id, k) => {
    const above = OPS[OPS.indexOf(id) + 1];
    const lines =
      above === undefined
        ? [`∂f/∂f = 1 (${TEXT.start[lang]})`]
        : [
            `∂f/∂${id} = ∂f/∂${above} · ∂${above}/∂${id} = ${factor(short(trace.upstream[above]))} · ${factor(short(local[above][id] ?? Number.NaN))} = ${short(trace.upstream[id])}`,
          ];
    steps.push({
      title: title('backward', id),
      lines,
      frame: frame({ forward: OPS.length, backward: k + 1, inputs: false, active: id }),
    });
  });
  const names: Record<Input, 'dfdw' | 'dfdb' | 'dfdx'> = { w: 'dfdw', b: 'dfdb', x: 'dfdx' };
  const inputLines = (['w', 'b', 'x'] as const).map((id) => {
    const via = id === 'b' ? 'h2' : 'h1';
    const path = trace.paths[id].map((v) => factor(short(v))).join('·');
    const last = factor(short(local[via][id] ?? Number.NaN));
    return `∂f/∂${id} = ∂f/∂${via} · ∂${via}/∂${id} = ${factor(short(trace.upstream[via]))}·${last} = ${path} = ${short(trace[names[id]])}`;
  });
  if (o.autograd !== undefined) {
    const a = o.autograd;
    inputLines.push(
      `${TEXT.autograd[lang]} ∂f/∂w = ${short(a.dfdw)}, ∂f/∂b = ${short(a.dfdb)}, ∂f/∂x = ${short(a.dfdx)}`,
    );
  }
  steps.push({
    title: title('inputs'),
    lines: inputLines,
    frame: frame({ forward: OPS.length, backward: OPS.length, inputs: true, active: 'inputs' }),
  });
  return steps;
}
