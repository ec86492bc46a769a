import { gradientDescentFigures, runThreeModes } from '../../chapters/gradient-descent-chapter';
import {
  makeRegressionData,
  meanSquaredError,
  runGradientDescent,
} from '../../chapters/gradient-descent-run';
import { formatCell } from '../../chapters/format-cell';
import { label } from '../../chapters/i18n';
import { lineChart } from '../../charts/line-chart';
import { debounce, h, slider } from '../dom';
import { renderChart, replaceData } from '../render-chart';
import { ui } from '../ui-text';
import type { SectionSetup } from './section';

/** Samples in the page's runs (the CLI uses the tutorial's 50,000). */
const PAGE_N = 10_000;

/** Chapter 1 on the page: lr and batch-size sliders re-run the three modes; a live training run. */
export const gradientDescentSection: SectionSetup = ({ lang, seed, controls, charts }) => {
  const state = { lr: 0.05, batchSize: 256 };
  const rerun = debounce(() => {
    const runs = runThreeModes(
      { lang, seed },
      { n: PAGE_N, batchSize: state.batchSize, epochs: 10, lr: state.lr },
    );
    for (const f of gradientDescentFigures(lang, runs)) {
      const chart = charts.get(f.id);
      if (chart) void renderChart(chart.element, f.spec, chart).then((c) => charts.set(f.id, c));
    }
  }, 150);
  const lrSlider = slider({
    control: 'lr',
    label: label(lang, 'lr'),
    min: 0.005,
    max: 0.3,
    step: 0.005,
    value: state.lr,
    onInput: (v) => ((state.lr = v), rerun()),
  });
  const bsSlider = slider({
    control: 'batch-size',
    label: label(lang, 'batchSize'),
    min: 0,
    max: 12,
    step: 1,
    value: 8,
    format: (k) => formatCell(2 ** k),
    onInput: (k) => ((state.batchSize = 2 ** k), rerun()),
  });

  const status = h('span', { class: 'status', 'data-live-loss': '' });
  const button = h('button', { type: 'button', 'data-action': 'train' }, ui(lang, 'train'));
  const liveBox = h('div', {
    class: 'chart',
    'data-figure': 'ch1-live',
    role: 'img',
    'aria-label': ui(lang, 'liveLoss'),
  });
  controls.append(
    h('div', { class: 'controls' }, lrSlider, bsSlider, button, status),
    h('p', { class: 'hint' }, ui(lang, 'liveHint')),
    h(
      'figure',
      { class: 'figure', id: 'ch1-live' },
      liveBox,
      h('figcaption', {}, h('a', { href: '#ch1-live', class: 'anchor' }, ui(lang, 'liveLoss'))),
    ),
  );

  const spec = lineChart({
    title: ui(lang, 'liveLoss'),
    xTitle: label(lang, 'epoch'),
    integerX: true,
    yTitle: `${label(lang, 'loss')} (MSE)`,
    yScale: 'log',
    marks: true,
    points: [],
    dataName: 'points',
  });
  const live = renderChart(liveBox, spec);

  const train = (): void => {
    void (async () => {
      button.disabled = true;
      const chart = await live;
      const data = makeRegressionData(PAGE_N, seed);
      let start: { weights: Float64Array; bias: number } = {
        weights: new Float64Array(data.d),
        bias: 0,
      };
      const first = meanSquaredError(data, start.weights, start.bias);
      const points = [{ x: 0, y: first, series: label(lang, 'minibatch') }];
      status.dataset.first = String(first);
      await replaceData(chart, 'points', points);
      for (let epoch = 1; epoch <= 15; epoch++) {
        const run = runGradientDescent(data, {
          mode: 'minibatch',
          batchSize: state.batchSize,
          epochs: 1,
          lr: state.lr,
          seed: seed + epoch,
          start,
        });
        start = { weights: run.weights, bias: run.bias };
        points.push({ x: epoch, y: run.finalLoss, series: label(lang, 'minibatch') });
        status.textContent = `${label(lang, 'epoch')} ${epoch}: ${label(lang, 'loss')} ${run.finalLoss.toPrecision(4)}`;
        status.dataset.last = String(run.finalLoss);
        await replaceData(chart, 'points', points);
        await new Promise((r) => requestAnimationFrame(r));
      }
      status.dataset.done = 'true';
      button.disabled = false;
    })();
  };
  button.addEventListener('click', train);
  // No empty chart: the first run starts by itself as soon as the chart is in view.
  const seen = new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    seen.disconnect();
    if (!button.disabled) train();
  });
  seen.observe(liveBox);
};
