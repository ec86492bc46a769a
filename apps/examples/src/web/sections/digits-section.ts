import { DIGITS_OPTIMIZERS, trainDigits } from '../../chapters/digits-training';
import { label } from '../../chapters/i18n';
import { lineChart } from '../../charts/line-chart';
import { h } from '../dom';
import { renderChart, replaceData } from '../render-chart';
import { ui } from '../ui-text';
import type { SectionSetup } from './section';

/** Chapter 4 on the page: train the digits MLP with a chosen optimizer, loss drawn live. */
export const digitsSection: SectionSetup = ({ lang, seed, controls }) => {
  const select = h(
    'select',
    { 'data-control': 'optimizer' },
    ...DIGITS_OPTIMIZERS.map((o) => h('option', { value: o.name }, o.name)),
  );
  select.value = 'Adam';
  const button = h('button', { type: 'button', 'data-action': 'train-digits' }, ui(lang, 'train'));
  const status = h('span', { class: 'status', 'data-digits-loss': '' });
  const box = h('div', { class: 'chart', 'data-figure': 'ch4-digits-live' });
  controls.append(
    h('h3', {}, lang === 'zh' ? '在手写数字上训练' : 'Train on digits'),
    h('div', { class: 'controls' }, select, button, status),
    box,
  );
  const chart = renderChart(
    box,
    lineChart({
      title: ui(lang, 'liveDigits'),
      xTitle: label(lang, 'epoch'),
      integerX: true,
      yTitle: label(lang, 'loss'),
      points: [],
      marks: true,
    }),
  );
  button.addEventListener('click', () => {
    void (async () => {
      button.disabled = true;
      const c = await chart;
      const points: { x: number; y: number; series: string }[] = [];
      await trainDigits({
        seed,
        epochs: 8,
        optimizers: [select.value],
        onEpoch: async (run) => {
          const epoch = run.losses.length;
          if (epoch === 1) status.dataset.first = String(run.losses[0]);
          status.dataset.last = String(run.finalLoss);
          points.push({ x: epoch, y: run.finalLoss, series: run.optimizer });
          status.textContent = `${label(lang, 'epoch')} ${epoch}: ${label(lang, 'loss')} ${run.finalLoss.toFixed(4)}, ${label(lang, 'accuracy')} ${(100 * run.testAccuracy).toFixed(1)}%`;
          await replaceData(c, 'points', points);
          await new Promise((r) => requestAnimationFrame(r));
        },
      });
      status.dataset.done = 'true';
      button.disabled = false;
    })();
  });
};
