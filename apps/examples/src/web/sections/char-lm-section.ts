import { CHAR_LM_DEFAULTS } from '../../chapters/char-lm-chapter';
import { CharLMTrainer } from '../../chapters/char-lm';
import { SONNETS } from '../../chapters/char-lm-text';
import { label } from '../../chapters/i18n';
import { h } from '../dom';
import { replaceData } from '../render-chart';
import { ui } from '../ui-text';
import type { SectionSetup } from './section';

const FIGURE = 'ch8-char-lm-loss';

/**
 * Chapter 8 on the page: train the character-level model live. The loss streams into the
 * chapter's loss chart (which shows the run computed at load until then) and a sample is drawn
 * every 50 steps at the chosen temperature, so the text can be watched turning into words.
 */
export const charLMSection: SectionSetup = ({ lang, seed, controls, charts }) => {
  const chart = charts.get(FIGURE);
  const button = h('button', { type: 'button', 'data-action': 'train-char-lm' }, ui(lang, 'train'));
  const slider = h('input', {
    type: 'range',
    id: 'char-lm-temperature',
    min: '0.2',
    max: '1.5',
    step: '0.1',
    value: String(CHAR_LM_DEFAULTS.temperature),
  });
  const shown = h('output', { for: 'char-lm-temperature' }, String(CHAR_LM_DEFAULTS.temperature));
  slider.addEventListener('input', () => (shown.textContent = slider.value));
  const status = h('span', { class: 'status', 'data-char-lm-step': '0' });
  const sample = h('pre', { class: 'printout', 'data-char-lm-sample': '' });
  controls.append(
    h('h3', {}, lang === 'zh' ? '实时训练' : 'Train it live'),
    h('p', { class: 'hint' }, ui(lang, 'charLmHint')),
    h(
      'div',
      { class: 'controls' },
      h('label', { for: 'char-lm-temperature' }, ui(lang, 'temperature')),
      slider,
      shown,
      button,
      status,
    ),
    sample,
  );
  button.addEventListener('click', () => {
    void (async () => {
      button.disabled = true;
      const trainer = new CharLMTrainer(SONNETS, {
        ...CHAR_LM_DEFAULTS,
        seed,
        temperature: Number(slider.value),
      });
      const series = lang === 'zh' ? '损失（实时）' : 'loss (live)';
      sample.textContent = trainer.samples[0]!.text;
      while (!trainer.done) {
        trainer.step();
        const step = trainer.steps;
        status.dataset.charLmStep = String(step);
        status.textContent = `${label(lang, 'iteration')} ${step} / ${CHAR_LM_DEFAULTS.steps}: ${label(lang, 'loss')} ${trainer.losses[step - 1]!.toFixed(3)}`;
        if (step % CHAR_LM_DEFAULTS.sampleEvery === 0) {
          const latest = trainer.sample(Number(slider.value));
          sample.textContent = `${label(lang, 'iteration')} ${latest.step}:\n${latest.text}`;
        }
        if (chart && (step % 5 === 0 || trainer.done)) {
          await replaceData(
            chart,
            'charLmLoss',
            trainer.losses.map((y, i) => ({ x: i + 1, y, series })),
          );
        }
        await new Promise((r) => requestAnimationFrame(r));
      }
      status.dataset.done = 'true';
      button.disabled = false;
    })();
  });
};
