import { ZOO_FUNCTIONS } from '../../chapters/zoo-functions';
import type { ZooFunction } from '../../chapters/zoo-functions';
import { ZOO_OPTIMIZERS, zooRun } from '../../chapters/zoo-optimizers';
import type { ZooFamily } from '../../chapters/zoo-optimizers';
import { ZOO_SEARCHED } from '../../chapters/zoo-searched';
import {
  zooFigureIds,
  zooFigures,
  zooLossPoints,
  zooPathPoints,
} from '../../chapters/optimizer-zoo-chapter';
import type { ZooTrace } from '../../chapters/optimizer-zoo-chapter';
import { label } from '../../chapters/i18n';
import { h } from '../dom';
import { renderChart, replaceData } from '../render-chart';
import type { LiveChart } from '../render-chart';
import { ui } from '../ui-text';
import type { SectionSetup } from './section';

const FAMILY_TITLE: Record<ZooFamily, { en: string; zh: string }> = {
  tutorial: { en: 'the tutorial’s five', zh: '教程中的五种' },
  'torch.optim': { en: 'the rest of torch.optim', zh: 'torch.optim 的其余部分' },
  beyond: { en: 'beyond torch.optim', zh: 'torch.optim 之外' },
};

/**
 * Chapter 7 on the page: pick a function and optimizers, watch them race with the searched
 * learning rates. The chapter draws the first function's two charts; picking another function
 * redraws them with its contours.
 */
export const zooSection: SectionSetup = ({ lang, controls, charts }) => {
  let fn: ZooFunction = ZOO_FUNCTIONS[0] as ZooFunction;
  const first = zooFigureIds(fn);
  let paths = charts.get(first.paths);
  let loss = charts.get(first.loss);
  const picked = new Set(ZOO_OPTIMIZERS.filter((o) => o.family === 'tutorial').map((o) => o.name));
  let traces: ZooTrace[] = [];
  let step = 0;
  let playing = false;
  const status = h('span', { class: 'status', 'data-zoo-step': '0' });
  const play = h('button', { type: 'button', 'data-action': 'zoo-race' }, ui(lang, 'play'));
  const holder = h('div', { class: 'grid' });
  holder.append(...[paths, loss].flatMap((c) => (c ? [c.element] : [])));

  const rerun = (): void => {
    traces = ZOO_OPTIMIZERS.filter((o) => picked.has(o.name)).map((o) => ({
      optimizer: o.name,
      points: zooRun(fn, o, ZOO_SEARCHED[fn.id]?.[o.name]?.lr ?? o.lr).points,
    }));
  };
  const draw = async (): Promise<void> => {
    if (paths) await replaceData(paths, 'paths', zooPathPoints(traces, step));
    if (loss) await replaceData(loss, 'points', zooLossPoints(fn, traces, step));
    status.dataset.zooStep = String(step);
    status.textContent = `${label(lang, 'iteration')} ${step} / ${fn.steps}`;
  };
  /** Redraws a chart with another function's figure (its contours and domain are in the spec). */
  const redraw = async (
    chart: LiveChart | undefined,
    figure: { id: string; spec: Parameters<typeof renderChart>[1] },
  ): Promise<LiveChart | undefined> => {
    if (chart === undefined) return undefined;
    chart.element.dataset.figure = figure.id;
    return renderChart(chart.element, figure.spec, chart);
  };
  const tick = async (): Promise<void> => {
    if (!playing) return;
    step = Math.min(fn.steps, step + Math.max(1, Math.round(fn.steps / 120)));
    await draw();
    if (step >= fn.steps) {
      playing = false;
      play.textContent = ui(lang, 'play');
      return;
    }
    requestAnimationFrame(() => void tick());
  };
  play.addEventListener('click', () => {
    playing = !playing;
    play.textContent = ui(lang, playing ? 'pause' : 'play');
    if (playing) {
      if (step >= fn.steps) step = 0;
      void tick();
    }
  });

  const select = h('select', { 'data-control': 'zoo-function' });
  for (const f of ZOO_FUNCTIONS) select.append(h('option', { value: f.id }, f.name[lang]));
  select.addEventListener('change', () => {
    fn = ZOO_FUNCTIONS.find((f) => f.id === select.value) ?? fn;
    playing = false;
    play.textContent = ui(lang, 'play');
    rerun();
    step = fn.steps;
    const [pathsFigure, lossFigure] = zooFigures(lang, fn, traces);
    void (async () => {
      if (pathsFigure) paths = await redraw(paths, pathsFigure);
      if (lossFigure) loss = await redraw(loss, lossFigure);
      await draw();
    })();
  });

  const boxes = (['tutorial', 'torch.optim', 'beyond'] as const).map((family) => {
    const row = h('fieldset', { class: 'controls' }, h('legend', {}, FAMILY_TITLE[family][lang]));
    for (const o of ZOO_OPTIMIZERS.filter((x) => x.family === family)) {
      const box = h('input', { type: 'checkbox', 'data-optimizer': o.name });
      box.checked = picked.has(o.name);
      box.addEventListener('change', () => {
        if (box.checked) picked.add(o.name);
        else picked.delete(o.name);
        rerun();
        void draw();
      });
      row.append(h('label', {}, box, o.name));
    }
    return row;
  });

  controls.append(
    h('h3', {}, ui(lang, 'zoo')),
    h('div', { class: 'controls' }, h('label', {}, ui(lang, 'testFunction'), select), play, status),
    ...boxes,
    holder,
  );
  rerun();
  step = fn.steps;
  void draw();
};
