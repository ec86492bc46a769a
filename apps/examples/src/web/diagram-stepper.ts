import type { Lang } from '../chapters/chapter';
import { diagramSvg } from '../diagrams/diagram';
import type { Diagram } from '../diagrams/diagram';
import { h } from './dom';

const TEXT = {
  back: { en: '◀ Back', zh: '◀ 上一步' },
  next: { en: 'Next ▶', zh: '下一步 ▶' },
  restart: { en: 'Start over', zh: '从头开始' },
  step: { en: 'Step', zh: '第' },
  of: { en: 'of', zh: '步，共' },
  hint: {
    en: 'Step with ← and → (or the buttons); Home and End jump to the first and last step.',
    zh: '用 ← 和 → 键（或按钮）逐步前进；Home 和 End 跳到第一步和最后一步。',
  },
} as const;

/**
 * A diagram with a stepper: the picture of the current step, its arithmetic under it (announced to
 * screen readers), and Back / Next / Start over. The figure is focusable; ← and → step, Home and
 * End jump. `data-step` on the figure holds the current step (0 = the bare diagram).
 */
export function diagramStepper(d: Diagram, lang: Lang): HTMLElement {
  let k = 0;
  const last = d.steps.length - 1;
  const picture = h('div', { class: 'diagram-picture' });
  const title = h('strong', { 'data-step-title': '' });
  const lines = h('div', { class: 'diagram-lines', 'data-step-lines': '' });
  const counter = h('span', { class: 'status', 'data-step-counter': '' });
  const caption = h('div', { class: 'diagram-caption', 'aria-live': 'polite' }, title, lines);
  const back = h('button', { type: 'button', 'data-action': 'step-back' }, TEXT.back[lang]);
  const next = h('button', { type: 'button', 'data-action': 'step-next' }, TEXT.next[lang]);
  const restart = h(
    'button',
    { type: 'button', 'data-action': 'step-restart' },
    TEXT.restart[lang],
  );
  const figure = h(
    'figure',
    {
      class: 'diagram',
      id: d.id,
      'data-figure': d.id,
      'data-stepper': '',
      tabindex: '0',
      'aria-label': d.title,
    },
    h('figcaption', {}, h('a', { href: `#${d.id}`, class: 'anchor' }, d.title)),
    h('div', { class: 'controls' }, back, next, restart, counter),
    picture,
    caption,
    h('p', { class: 'hint' }, TEXT.hint[lang]),
  );

  const show = (to: number): void => {
    k = Math.max(0, Math.min(last, to));
    const step = d.steps[k];
    if (step === undefined) return;
    picture.innerHTML = diagramSvg(step.frame, {
      lang,
      title: `${d.title} — ${step.title}`,
      idPrefix: d.id,
    });
    title.textContent = step.title;
    lines.replaceChildren(...step.lines.map((l) => h('div', {}, l)));
    counter.textContent =
      lang === 'zh'
        ? `${TEXT.step.zh} ${k + 1} ${TEXT.of.zh} ${last + 1} 步`
        : `${TEXT.step.en} ${k + 1} ${TEXT.of.en} ${last + 1}`;
    figure.dataset.step = String(k);
    back.disabled = k === 0;
    next.disabled = k === last;
  };
  back.addEventListener('click', () => show(k - 1));
  next.addEventListener('click', () => show(k + 1));
  restart.addEventListener('click', () => show(0));
  figure.addEventListener('keydown', (e) => {
    const to =
      e.key === 'ArrowRight'
        ? k + 1
        : e.key === 'ArrowLeft'
          ? k - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? last
              : undefined;
    if (to === undefined) return;
    e.preventDefault();
    show(to);
  });
  show(0);
  return figure;
}
