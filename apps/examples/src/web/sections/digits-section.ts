import { noGrad } from '@descent/autograd';
import type { Sequential } from '@descent/nn';
import { DIGITS_OPTIMIZERS, digitsSplit, trainDigits } from '../../chapters/digits-training';
import { label } from '../../chapters/i18n';
import type { LinePoint } from '../../charts/line-chart';
import { h } from '../dom';
import { loadExporter, saveBytes } from '../onnx/exporter';
import type { PlainState } from '../onnx/exporter';
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
    { data?: { values?: LinePoint[] } } | undefined;
  const computed = spec?.data?.values ?? [];
  const select = h(
    'select',
    { 'data-control': 'optimizer', id: 'digits-optimizer' },
    ...DIGITS_OPTIMIZERS.map((o) => h('option', { value: o.name }, o.name)),
  );
  select.value = 'Adam';
  const button = h('button', { type: 'button', 'data-action': 'train-digits' }, ui(lang, 'train'));
  const status = h('span', { class: 'status', 'data-digits-loss': '' });
  const download = h(
    'button',
    { type: 'button', 'data-action': 'download-onnx' },
    ui(lang, 'downloadOnnx'),
  );
  download.disabled = true;
  const onnxStatus = h('span', { class: 'status', 'data-onnx-status': '' });
  let trained: Sequential | undefined;
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
    h('p', { class: 'hint' }, ui(lang, 'onnxHint')),
    h('div', { class: 'controls' }, download, onnxStatus),
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
        onTrained: (model) => {
          trained = model;
        },
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
      download.disabled = trained === undefined;
    })();
  });
  download.addEventListener('click', () => {
    const model = trained;
    if (model === undefined) return;
    void (async () => {
      download.disabled = true;
      try {
        // The exporter is a script of its own, loaded on the first press (not in the page's budget).
        const exporter = await loadExporter();
        const state: PlainState = {};
        for (const [name, t] of Object.entries(model.stateDict()))
          state[name] = {
            shape: [...t.shape],
            data: Float32Array.from(t.contiguous().toTypedArray()),
          };
        const bytes = exporter.exportDigits(state);
        // The page's own predictions on the test digits, to compare with the file's.
        const logits = noGrad(() => model.call(digitsSplit(seed).test.x));
        download.dataset.seed = String(seed);
        download.dataset.predictions = (logits.argmax(1).tolist() as number[]).join('');
        download.dataset.logits = JSON.stringify(logits.select(0, 0).tolist());
        saveBytes(bytes, 'descent-digits-mlp.onnx');
        onnxStatus.textContent = `descent-digits-mlp.onnx ${ui(lang, 'onnxSaved')} (${(bytes.length / 1024).toFixed(1)} KB)`;
        onnxStatus.dataset.done = 'true';
      } catch (error) {
        onnxStatus.textContent = `${ui(lang, 'onnxFailed')}: ${error instanceof Error ? error.message : String(error)}`;
      } finally {
        download.disabled = false;
      }
    })();
  });
};
