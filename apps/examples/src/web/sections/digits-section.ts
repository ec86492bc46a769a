import { DIGITS_OPTIMIZERS, trainDigits } from '../../chapters/digits-training';
import { label } from '../../chapters/i18n';
import type { LinePoint } from '../../charts/line-chart';
import { h } from '../dom';
import { replaceData } from '../render-chart';
import { ui } from '../ui-text';
import type { SectionSetup } from './section';

/** The figure the live run is drawn on, beside the runs computed when the page loaded. */
const FIGURE = 'ch4-digits-loss';

/**
 * Chapter 4 on the page: train the digits MLP with a chosen optimizer; its loss is drawn live on
 * the chapter's loss chart, next to the curves computed when the page loaded (so that chart is
 * never empty and the result is not shown twice).
 */
export const digitsSection: SectionSetup = ({ lang, seed, controls, charts, output }) => {
  const chart = charts.get(FIGURE);
  if (chart === undefined) return;
  const spec = output.figures.find((f) => f.id === FIGURE)?.spec as
    | { data?: { values?: LinePoint[] } }
    | undefined;
  const computed = spec?.data?.values ?? [];
  const select = h(
    'select',
    { 'data-control': 'optimizer', id: 'digits-optimizer' },
    ...DIGITS_OPTIMIZERS.map((o) => h('option', { value: o.name }, o.name)),
  );
  select.value = 'Adam';
  const button = h('button', { type: 'button', 'data-action': 'train-digits' }, ui(lang, 'train'));
  const status = h('span', { class: 'status', 'data-digits-loss': '' });
  // The digits figures move under their Train button (as the race's under Play).
  const figures = h('div', { class: 'grid' });
  for (const id of [FIGURE, 'ch4-digits-accuracy']) {
    const el = charts.get(id)?.element;
    if (el !== undefined) figures.append(el.closest('figure') ?? el);
  }
  controls.append(
    h('h3', {}, lang === 'zh' ? '在手写数字上训练' : 'Train on digits'),
    h('p', { class: 'hint' }, ui(lang, 'digitsHint')),
    h(
      'div',
      { class: 'controls' },
      h('label', { for: 'digits-optimizer' }, label(lang, 'optimizer')),
      select,
      button,
      status,
    ),
    figures,
  );
  button.addEventListener('click', () => {
    void (async () => {
      button.disabled = true;
      const live: LinePoint[] = [];
      const series = lang === 'zh' ? `${select.value}（实时）` : `${select.value} (live)`;
      await trainDigits({
        seed,
        epochs: 8,
        optimizers: [select.value],
        onEpoch: async (run) => {
          const epoch = run.losses.length;
          if (epoch === 1) status.dataset.first = String(run.losses[0]);
          status.dataset.last = String(run.finalLoss);
          live.push({ x: epoch, y: run.finalLoss, series });
          status.textContent = `${label(lang, 'epoch')} ${epoch}: ${label(lang, 'loss')} ${run.finalLoss.toFixed(4)}, ${label(lang, 'accuracy')} ${(100 * run.testAccuracy).toFixed(1)}%`;
          await replaceData(chart, 'points', [...computed, ...live]);
          await new Promise((r) => requestAnimationFrame(r));
        },
      });
      status.dataset.done = 'true';
      button.disabled = false;
    })();
  });
};
