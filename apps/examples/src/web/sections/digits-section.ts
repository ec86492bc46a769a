import { noGrad } from '@descent/autograd';
import type { Sequential } from '@descent/nn';
import { DIGITS_OPTIMIZERS, digitsSplit, trainDigits } from '../../chapters/digits-training';
import { label } from '../../chapters/i18n';
import type { LinePoint } from '../../charts/line-chart';
import { deviceSwitch } from '../device-switch';
import { h } from '../dom';
import { gpuAvailability, optimizerGPUReason } from '../gpu-device';
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
  const device = deviceSwitch(lang, 'digits-device');
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
  // Live runs by series, kept side by side (a CPU and a GPU run of one optimizer overlay).
  const liveRuns = new Map<string, LinePoint[]>();
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
      device.element,
      button,
      status,
    ),
    h('p', { class: 'hint' }, ui(lang, 'gpuHint')),
    h('p', { class: 'hint' }, ui(lang, 'onnxHint')),
    h('div', { class: 'controls' }, download, onnxStatus),
    figures,
  );
  // The GPU option: enabled once an adapter is found, and only for optimizers that step on the GPU.
  const gpuReasons = new Map<string, string | null>();
  let adapterReason: string | null = ui(lang, 'lookingForGPU');
  const updateGPU = (): void =>
    device.setGPUReason(adapterReason ?? gpuReasons.get(select.value) ?? null);
  select.addEventListener('change', updateGPU);
  void (async () => {
    const found = await gpuAvailability();
    if (found.available)
      for (const o of DIGITS_OPTIMIZERS) gpuReasons.set(o.name, await optimizerGPUReason(o.make));
    adapterReason = found.available ? null : found.reason;
    updateGPU();
    controls.dataset.gpuChecked = 'true';
  })();
  button.addEventListener('click', () => {
    void (async () => {
      button.disabled = true;
      device.setBusy(true);
      const live: LinePoint[] = [];
      const on = device.device === 'webgpu' ? 'GPU' : 'CPU';
      const where = device.device === 'webgpu' ? (lang === 'zh' ? '，GPU' : ', GPU') : '';
      const series =
        lang === 'zh' ? `${select.value}（实时${where}）` : `${select.value} (live${where})`;
      liveRuns.set(series, live);
      delete status.dataset.done;
      status.dataset.device = device.device;
      await trainDigits({
        seed,
        epochs: 8,
        device: device.device,
        optimizers: [select.value],
        onTrained: (model) => {
          trained = model;
        },
        onEpoch: async (run) => {
          const epoch = run.losses.length;
          if (epoch === 1) status.dataset.first = String(run.losses[0]);
          status.dataset.last = String(run.finalLoss);
          live.push({ x: epoch, y: run.finalLoss, series });
          status.textContent = `${on} · ${label(lang, 'epoch')} ${epoch}: ${label(lang, 'loss')} ${run.finalLoss.toFixed(4)}, ${label(lang, 'accuracy')} ${(100 * run.testAccuracy).toFixed(1)}%`;
          await replaceData(chart, 'points', [...computed, ...[...liveRuns.values()].flat()]);
          await new Promise((r) => requestAnimationFrame(r));
        },
      });
      status.dataset.done = 'true';
      button.disabled = false;
      device.setBusy(false);
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
        // Read asynchronously: a model trained on the GPU has its weights there.
        const state: PlainState = {};
        for (const [name, t] of Object.entries(model.stateDict()))
          state[name] = { shape: [...t.shape], data: Float32Array.from(await t.dataAsync()) };
        const bytes = exporter.exportDigits(state);
        // The page's own predictions on the test digits, to compare with the file's.
        const on = model.parameters()[0]?.device ?? 'cpu';
        const logits = noGrad(() => model.call(digitsSplit(seed).test.x.to(on)));
        download.dataset.seed = String(seed);
        download.dataset.predictions = ((await logits.argmax(1).toArray()) as number[]).join('');
        download.dataset.logits = JSON.stringify(await logits.select(0, 0).toArray());
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
