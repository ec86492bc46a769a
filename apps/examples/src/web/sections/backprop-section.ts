import {
  TWO_LAYER_SETUP,
  twoLayerBackward,
  twoLayerForward,
  WEIGHT_NAMES,
} from '@descent/bp-examples';
import type { WeightName } from '@descent/bp-examples';
import { label } from '../../chapters/i18n';
import { lineChart } from '../../charts/line-chart';
import { tableElement } from '../chapter-view';
import { h } from '../dom';
import { renderChart, replaceData } from '../render-chart';
import { ui } from '../ui-text';
import type { SectionSetup } from './section';

/**
 * Chapter 2 on the page: one update of the 2-2-2 network per click, showing that update's forward
 * values, δs, gradients and new weights, and the error so far.
 */
export const backpropSection: SectionSetup = ({ lang, controls }) => {
  const setup = TWO_LAYER_SETUP;
  let weights: Record<WeightName, number> = { ...setup.weights };
  let k = 0;
  const errors = [{ x: 0, y: twoLayerForward(setup, weights).E_total, series: 'E_total' }];
  const tables = h('div', { class: 'grid', 'data-backprop-step': '0' });
  const next = h('button', { type: 'button', 'data-action': 'bp-step' }, ui(lang, 'step'));
  const reset = h('button', { type: 'button' }, ui(lang, 'reset'));
  const status = h('span', { class: 'status' });
  const chartBox = h('div', { class: 'chart', 'data-figure': 'ch2-step' });
  controls.append(
    h('h3', {}, ui(lang, 'stepThrough')),
    h('div', { class: 'controls' }, next, reset, status),
    tables,
    chartBox,
  );
  const chart = renderChart(
    chartBox,
    lineChart({
      title: label(lang, 'error'),
      xTitle: label(lang, 'iteration'),
      integerX: true,
      yTitle: label(lang, 'error'),
      points: errors,
      marks: true,
      height: 160,
    }),
  );

  const show = (): void => {
    const f = twoLayerForward(setup, weights);
    const { deltas, gradients } = twoLayerBackward(setup, weights, f);
    const updated = Object.fromEntries(
      WEIGHT_NAMES.map((w) => [w, weights[w] - setup.lr * gradients[w]]),
    ) as Record<WeightName, number>;
    tables.dataset.backpropStep = String(k);
    tables.replaceChildren(
      tableElement({
        title: `${ui(lang, 'updates')}: ${k} — forward`,
        columns: ['', label(lang, 'value')],
        rows: (
          [
            'net_h1',
            'out_h1',
            'net_h2',
            'out_h2',
            'net_o1',
            'out_o1',
            'net_o2',
            'out_o2',
            'E_total',
          ] as const
        ).map((n) => [n, f[n].toFixed(9)]),
      }),
      tableElement({
        title: 'δ',
        columns: ['', label(lang, 'value')],
        rows: Object.entries(deltas).map(([n, v]) => [`δ_${n}`, v.toFixed(9)]),
      }),
      tableElement({
        title: `lr = ${setup.lr}`,
        columns: [label(lang, 'weight'), label(lang, 'gradient'), label(lang, 'updated')],
        rows: WEIGHT_NAMES.map((w) => [w, gradients[w].toFixed(9), updated[w].toFixed(9)]),
      }),
    );
    status.textContent = `E_total = ${f.E_total.toFixed(9)}`;
  };

  next.addEventListener('click', () => {
    const f = twoLayerForward(setup, weights);
    const { gradients } = twoLayerBackward(setup, weights, f);
    weights = Object.fromEntries(
      WEIGHT_NAMES.map((w) => [w, weights[w] - setup.lr * gradients[w]]),
    ) as Record<WeightName, number>;
    k++;
    errors.push({ x: k, y: twoLayerForward(setup, weights).E_total, series: 'E_total' });
    show();
    void chart.then((c) => replaceData(c, 'points', errors));
  });
  reset.addEventListener('click', () => {
    weights = { ...setup.weights };
    k = 0;
    errors.splice(1);
    show();
    void chart.then((c) => replaceData(c, 'points', errors));
  });
  show();
};
