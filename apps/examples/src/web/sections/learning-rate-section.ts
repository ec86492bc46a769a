import { learningRateExperiment } from '@descent/bp-examples';
import { label } from '../../chapters/i18n';
import { FIGURE_ITERATIONS, learningRateFigure } from '../../chapters/learning-rate-chapter';
import { h, slider } from '../dom';
import { renderChart } from '../render-chart';
import type { LiveChart } from '../render-chart';
import { ui } from '../ui-text';
import type { SectionSetup } from './section';

/** Chapter 5 on the page: an lr slider redraws the descent on y = 4x². */
export const learningRateSection: SectionSetup = async ({ lang, controls }) => {
  const box = h('div', { class: 'chart', 'data-figure': 'ch5-explore' });
  const figureFor = (lr: number) =>
    learningRateFigure(
      lang,
      learningRateExperiment({ lrs: [lr], x0: 2, iterations: FIGURE_ITERATIONS })[0]!,
    );
  let chart: LiveChart | undefined;
  const draw = async (lr: number): Promise<void> => {
    chart = await renderChart(box, figureFor(lr).spec, chart);
  };
  controls.append(
    h('h3', {}, ui(lang, 'tryIt')),
    h('p', { class: 'hint' }, ui(lang, 'lrHint')),
    h(
      'div',
      { class: 'controls' },
      slider({
        control: 'lr',
        label: label(lang, 'lr'),
        min: 0.005,
        max: 0.3,
        step: 0.005,
        value: 0.1,
        onInput: (v) => void draw(v),
      }),
    ),
    box,
  );
  await draw(0.1);
};
