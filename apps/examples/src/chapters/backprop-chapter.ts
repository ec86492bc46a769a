import {
  chainRuleExample,
  formatChainRule,
  formatTwoLayerNetwork,
  twoLayerNetworkExample,
  WEIGHT_NAMES,
} from '@descent/bp-examples';
import type { TwoLayerTrace } from '@descent/bp-examples';
import type { Chapter, ChapterContext, ChapterOutput, Figure, Table } from './chapter';
import { lineChart } from '../charts/line-chart';
import { chainRuleByAutograd } from './chain-rule-autograd';
import { label } from './i18n';
import type { Lang } from './chapter';

/** The tutorial's 10,000 updates of the 2-2-2 network. */
export const BACKPROP_ITERATIONS = 10_000;

/** Forward values, gradients and updated weights of the first pass, as tables. */
export function backpropTables(lang: Lang, trace: TwoLayerTrace): Table[] {
  const f = trace.forward;
  const fw: [string, number][] = [
    ['net_h1', f.net_h1],
    ['out_h1', f.out_h1],
    ['net_h2', f.net_h2],
    ['out_h2', f.out_h2],
    ['net_o1', f.net_o1],
    ['out_o1', f.out_o1],
    ['net_o2', f.net_o2],
    ['out_o2', f.out_o2],
    ['E_o1', f.E_o1],
    ['E_o2', f.E_o2],
    ['E_total', f.E_total],
  ];
  return [
    {
      title: lang === 'zh' ? '前向传播' : 'Forward pass',
      columns: [label(lang, 'quantity'), label(lang, 'value')],
      rows: fw.map(([k, v]) => [k, v.toFixed(9)]),
    },
    {
      title:
        lang === 'zh'
          ? `反向传播 (lr = ${trace.setup.lr})`
          : `Backward pass (lr = ${trace.setup.lr})`,
      columns: [label(lang, 'weight'), label(lang, 'gradient'), label(lang, 'updated')],
      rows: WEIGHT_NAMES.map((w) => [
        w,
        trace.gradients[w].toFixed(9),
        trace.updatedWeights[w].toFixed(9),
      ]),
    },
  ];
}

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

function run(ctx: ChapterContext): ChapterOutput {
  const { lang } = ctx;
  const chain = chainRuleExample({ x: 1, w: 0, b: 0 });
  const trace = twoLayerNetworkExample({ iterations: BACKPROP_ITERATIONS });
  const auto = chainRuleByAutograd({ x: 1, w: 0, b: 0 });
  const chainTable: Table = {
    title: lang === 'zh' ? '链式法则：手算与 autograd' : 'The chain rule: by hand and by autograd',
    columns: ['', 'f', '∂f/∂w', '∂f/∂b', '∂f/∂x'],
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
      { title: lang === 'zh' ? '链式法则' : 'The chain rule', text: formatChainRule(chain) },
      {
        title: lang === 'zh' ? '2-2-2 网络' : 'The 2-2-2 network',
        text: formatTwoLayerNetwork(trace),
      },
    ],
    tables: [chainTable, ...backpropTables(lang, trace)],
    figures: backpropFigures(lang, trace),
    results: {
      chainRule: { f: chain.f, dfdw: chain.dfdw, dfdb: chain.dfdb, dfdx: chain.dfdx },
      chainRuleAutograd: auto,
      forward: trace.forward,
      gradients: trace.gradients,
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
