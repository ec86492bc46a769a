import { EWA_BETAS, ewaLines } from '../../chapters/ewa-chapter';
import { h, slider } from '../dom';
import { replaceData } from '../render-chart';
import { ui } from '../ui-text';
import type { SectionSetup } from './section';

/** Chapter 3 on the page: a β slider adds a third EWA line to the temperature chart. */
export const ewaSection: SectionSetup = ({ lang, output, controls, charts }) => {
  const series = (output.results as { series: number[] }).series;
  const draw = (beta: number): void => {
    const chart = charts.get('ch3-ewa');
    if (chart) void replaceData(chart, 'lines', ewaLines(series, [...EWA_BETAS, beta]));
  };
  controls.append(
    h('p', { class: 'hint' }, ui(lang, 'ewaHint')),
    h(
      'div',
      { class: 'controls' },
      slider({
        control: 'beta',
        label: 'β',
        min: 0,
        max: 0.98,
        step: 0.01,
        value: 0.7,
        onInput: draw,
      }),
    ),
  );
  draw(0.7);
};
