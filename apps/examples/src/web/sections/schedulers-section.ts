import { label } from '../../chapters/i18n';
import { defaultsOf, SCHEDULERS, simulateSchedule } from '../../chapters/scheduler-catalogue';
import type { OptionSpec, OptionValues, SchedulerEntry } from '../../chapters/scheduler-catalogue';
import { EPOCHS } from '../../chapters/schedulers-chapter';
import { lineChart } from '../../charts/line-chart';
import { h, slider } from '../dom';
import { renderChart } from '../render-chart';
import type { LiveChart } from '../render-chart';
import { ui } from '../ui-text';
import type { SectionSetup } from './section';

function input(o: OptionSpec, values: OptionValues, onChange: () => void): HTMLElement {
  const attrs = { 'data-option': o.name };
  let el: HTMLInputElement | HTMLSelectElement;
  if (o.kind === 'select') {
    el = h('select', attrs, ...o.choices.map((c) => h('option', { value: c }, c)));
    el.value = o.value;
    el.addEventListener('change', () => ((values[o.name] = el.value), onChange()));
  } else if (o.kind === 'bool') {
    const box = h('input', { ...attrs, type: 'checkbox' });
    box.checked = o.value;
    box.addEventListener('change', () => ((values[o.name] = box.checked), onChange()));
    el = box;
  } else if (o.kind === 'list') {
    const text = h('input', { ...attrs, type: 'text', value: o.value.join(', '), size: '12' });
    text.addEventListener('change', () => {
      const list = text.value
        .split(/[\s,]+/)
        .filter(Boolean)
        .map(Number);
      if (!list.every((v) => Number.isInteger(v) && v >= 0)) return;
      values[o.name] = list;
      onChange();
    });
    el = text;
  } else {
    const range = h('input', {
      ...attrs,
      type: 'range',
      min: String(o.min),
      max: String(o.max),
      step: String(o.step),
      value: String(o.value),
    });
    const out = h('output', {}, String(+o.value.toPrecision(4)));
    range.addEventListener('input', () => {
      values[o.name] = Number(range.value);
      out.textContent = String(+Number(range.value).toPrecision(4));
      onChange();
    });
    return h('label', {}, o.name, range, out);
  }
  return h('label', {}, o.name, el);
}

/** Chapter 6 on the page: pick any scheduler and change every option; the schedule redraws. */
export const schedulersSection: SectionSetup = async ({ lang, controls }) => {
  const select = h(
    'select',
    { 'data-control': 'scheduler', 'aria-label': label(lang, 'scheduler') },
    ...SCHEDULERS.map((e) => h('option', { value: e.name }, e.name)),
  );
  const options = h('div', { class: 'controls' });
  const status = h('span', { class: 'status' });
  const box = h('div', { class: 'chart', 'data-figure': 'ch6-explore' });

  let chart: LiveChart | undefined;
  let entry: SchedulerEntry = SCHEDULERS[0]!;
  let values: OptionValues = defaultsOf(entry);
  // The optimizer's lr and the run's length, shared by every scheduler.
  const run = { lr: 0.1, epochs: EPOCHS };
  const draw = async (): Promise<void> => {
    try {
      const { lrs, momentum } = simulateSchedule(entry, values, run);
      const cycles = entry.options.some(
        (o) => o.name === 'cycleMomentum' && values.cycleMomentum === true,
      );
      const points = lrs.map((y, x) => ({ x, y, series: 'lr' }));
      if (cycles)
        points.push(...momentum.map((y, x) => ({ x, y: y / 10, series: 'momentum / 10' })));
      status.textContent = '';
      chart = await renderChart(
        box,
        lineChart({
          title: `${entry.name}: lr₀ = ${run.lr}`,
          xTitle: label(lang, 'epoch'),
          yTitle: 'lr',
          points,
        }),
        chart,
      );
    } catch (e) {
      // An option combination the scheduler rejects: show its message, keep the last chart.
      status.textContent = (e as Error).message;
    }
  };
  const common = h(
    'div',
    { class: 'controls' },
    select,
    slider({
      control: 'lr0',
      label: ui(lang, 'lr0'),
      min: 0.01,
      max: 1,
      step: 0.01,
      value: run.lr,
      onInput: (v) => ((run.lr = v), void draw()),
    }),
    slider({
      control: 'epochs',
      label: ui(lang, 'epochs'),
      min: 10,
      max: 500,
      step: 10,
      value: run.epochs,
      onInput: (v) => ((run.epochs = v), void draw()),
    }),
    status,
  );
  controls.append(
    h('h3', {}, ui(lang, 'explorer')),
    h('p', { class: 'hint' }, ui(lang, 'explorerHint')),
    common,
    options,
    box,
  );
  const pick = async (): Promise<void> => {
    entry = SCHEDULERS.find((e) => e.name === select.value) ?? entry;
    values = defaultsOf(entry);
    options.replaceChildren(...entry.options.map((o) => input(o, values, () => void draw())));
    await draw();
  };
  select.addEventListener('change', () => void pick());
  await pick();
};
