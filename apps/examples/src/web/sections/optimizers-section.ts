import { raceFigure, racePoints, runRace } from '../../chapters/optimizers-chapter';
import { SURFACES } from '../../chapters/surfaces';
import { label } from '../../chapters/i18n';
import { debounce, h, slider } from '../dom';
import { replaceData } from '../render-chart';
import { ui } from '../ui-text';
import type { SectionSetup } from './section';

/** Chapter 4 on the page: the race animated step by step; a momentum slider re-runs it. */
export const optimizersSection: SectionSetup = ({ lang, controls, charts }) => {
  let race = runRace(0.9);
  let step = 0;
  let playing = false;
  const maxSteps = Math.max(...SURFACES.map((s) => s.steps));
  const status = h('span', { class: 'status', 'data-race-step': '0' });
  const play = h('button', { type: 'button', 'data-action': 'race' }, ui(lang, 'play'));

  const draw = async (): Promise<void> => {
    for (const s of SURFACES) {
      const chart = charts.get(raceFigure(lang, s, []).id);
      if (chart) await replaceData(chart, 'paths', racePoints(race.get(s.id) ?? [], step));
    }
    status.dataset.raceStep = String(step);
    status.textContent = `${label(lang, 'iteration')} ${step}`;
  };
  const tick = async (): Promise<void> => {
    if (!playing) return;
    step = Math.min(maxSteps, step + Math.max(1, Math.round(maxSteps / 120)));
    await draw();
    if (step >= maxSteps) {
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
      if (step >= maxSteps) step = 0;
      void tick();
    }
  });
  const momentum = slider({
    control: 'momentum',
    label: ui(lang, 'momentum'),
    min: 0,
    max: 0.99,
    step: 0.01,
    value: 0.9,
    // A re-run takes a few hundred ms: once the slider rests, not on every pixel of a drag.
    onInput: debounce((m: number) => {
      race = runRace(m);
      void draw();
    }, 120),
  });
  // The race charts move up beside their controls (the chapter's printouts and tables follow).
  const raceCharts = h('div', { class: 'grid' });
  for (const s of SURFACES) {
    const chart = charts.get(raceFigure(lang, s, []).id);
    // The whole figure (chart, caption, anchor) moves under the Play button.
    if (chart) raceCharts.append(chart.element.closest('figure') ?? chart.element);
  }
  controls.append(
    h('h3', {}, ui(lang, 'race')),
    h('p', { class: 'hint' }, ui(lang, 'raceHint')),
    h('div', { class: 'controls' }, play, momentum, status),
    raceCharts,
  );
  step = maxSteps;
};
