import {
  chainRuleExample,
  formatChainRule,
  formatTwoLayerNetwork,
  twoLayerNetworkExample,
} from '@descent/bp-examples';
import type { TwoLayerTrace } from '@descent/bp-examples';
import type { Chapter, ChapterContext, ChapterOutput, Figure, Table } from './chapter';
import type { Diagram } from '../diagrams/diagram';
import { networkSteps } from '../diagrams/network-steps';
import { sigmoidGraphSteps } from '../diagrams/sigmoid-graph-steps';
import { twoLayerByAutograd } from './two-layer-autograd';
import { lineChart } from '../charts/line-chart';
import { chainRuleByAutograd } from './chain-rule-autograd';
import { label } from './i18n';
import type { Lang } from './chapter';

/** The tutorial's 10,000 updates of the 2-2-2 network. */
export const BACKPROP_ITERATIONS = 10_000;

/** The error curve's points (every update for the first 100, then every 50th). */
export function errorCurve(trace: TwoLayerTrace): { x: number; y: number; series: string }[] {
  return trace.errorHistory
    .map((y, x) => ({ x, y, series: 'E_total' }))
    .filter((p) => p.x <= 100 || p.x % 50 === 0 || p.x === trace.errorHistory.length - 1);
}

/** The error figure. */
export function backpropFigures(lang: Lang, trace: TwoLayerTrace): Figure[] {
  return [
    {
      id: 'ch2-error',
      title: lang === 'zh' ? '一万次迭代的误差' : 'Error over 10,000 iterations',
      spec: lineChart({
        title:
          lang === 'zh'
            ? '2-2-2 网络：总误差与迭代次数'
            : '2-2-2 network: total error against iterations',
        xTitle: label(lang, 'iteration'),
        yTitle: label(lang, 'error'),
        yScale: 'log',
        points: errorCurve(trace),
      }),
    },
  ];
}

/** The tutorial's chain-rule example: f = σ(w·x + b) at x = 1, w = 0, b = 0. */
export const CHAIN_RULE_INPUTS = { x: 1, w: 0, b: 0 } as const;

const PRINTOUT_TITLES = {
  chain: { en: 'The chain rule', zh: '链式法则' },
  network: { en: 'The 2-2-2 network', zh: '2-2-2 网络' },
} as const;

/**
 * The chapter's two diagrams: the sigmoid neuron as a computational graph and the 2-2-2 network,
 * each with its steps (values from `@descent/bp-examples`, checked against `@descent/autograd`).
 */
export function backpropDiagrams(lang: Lang): Diagram[] {
  return [
    {
      id: 'ch2-sigmoid-graph',
      title:
        lang === 'zh'
          ? '单个 sigmoid 神经元的计算图：前向与反向'
          : 'One sigmoid neuron as a computational graph: forward and backward',
      steps: sigmoidGraphSteps(lang, CHAIN_RULE_INPUTS, {
        autograd: chainRuleByAutograd(CHAIN_RULE_INPUTS),
      }),
      presents: PRINTOUT_TITLES.chain[lang],
    },
    {
      id: 'ch2-network',
      title:
        lang === 'zh'
          ? '2-2-2 网络：前向传播、误差、反向传播与更新'
          : 'The 2-2-2 network: forward pass, error, backward pass and update',
      steps: networkSteps(lang, { autograd: twoLayerByAutograd().gradients }),
      presents: PRINTOUT_TITLES.network[lang],
    },
  ];
}

function run(ctx: ChapterContext): ChapterOutput {
  const { lang } = ctx;
  const chain = chainRuleExample(CHAIN_RULE_INPUTS);
  const trace = twoLayerNetworkExample({ iterations: BACKPROP_ITERATIONS });
  const auto = chainRuleByAutograd(CHAIN_RULE_INPUTS);
  const autoNetwork = twoLayerByAutograd();
  const chainTable: Table = {
    title: lang === 'zh' ? '链式法则：手算与 autograd' : 'The chain rule: by hand and by autograd',
    columns: [label(lang, 'method'), 'f', '∂f/∂w', '∂f/∂b', '∂f/∂x'],
    rows: [
      [lang === 'zh' ? '手算' : 'by hand', chain.f, chain.dfdw, chain.dfdb, chain.dfdx],
      ['@descent/autograd', auto.f, auto.dfdw, auto.dfdb, auto.dfdx],
    ],
  };
  return {
    number: 2,
    id: 'backprop',
    title: backpropChapter.title[lang],
    printouts: [
      { title: PRINTOUT_TITLES.chain[lang], text: formatChainRule(chain) },
      { title: PRINTOUT_TITLES.network[lang], text: formatTwoLayerNetwork(trace) },
    ],
    // The 2-2-2 network's values are in its printout (terminal) and its diagram (files, page):
    // no table repeats them.
    tables: [chainTable],
    figures: backpropFigures(lang, trace),
    diagrams: backpropDiagrams(lang),
    results: {
      chainRule: { f: chain.f, dfdw: chain.dfdw, dfdb: chain.dfdb, dfdx: chain.dfdx },
      chainRuleAutograd: auto,
      forward: trace.forward,
      gradients: trace.gradients,
      gradientsAutograd: autoNetwork.gradients,
      updatedWeights: trace.updatedWeights,
      errorAfter1: trace.errorHistory[1],
      errorAfter10000: trace.errorAfter,
    },
  };
}

/** Chapter 2: back-propagation by hand, from the chain rule to the 2-2-2 network. */
export const backpropChapter: Chapter = {
  number: 2,
  id: 'backprop',
  title: { en: 'Back-propagation', zh: '反向传播' },
  unavailable: null,
  run,
};
