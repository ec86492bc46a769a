import { convNetPoints, filterRows } from '../../chapters/convnet-chapter';
import { CONVNET_OPTIMIZERS, ConvNetTrainer, digitsImages } from '../../chapters/convnet';
import { label } from '../../chapters/i18n';
import { filterCells } from '../../charts/filter-grid';
import type { LinePoint } from '../../charts/line-chart';
import { deviceSwitch } from '../device-switch';
import { h } from '../dom';
import { convLayersGPUReason, gpuAvailability, optimizerGPUReason } from '../gpu-device';
import { replaceData } from '../render-chart';
import { ui } from '../ui-text';
import type { SectionSetup } from './section';

/**
 * Chapter 9 on the page: train the convnet live with the chosen optimizers, side by side (one step
 * of each in turn, the page painting between steps), for the chosen number of epochs. The loss and
 * accuracy curves grow on the chapter's charts (which show the runs computed at load until then),
 * a progress bar counts the updates, and the filters are redrawn as they learn.
 */
export const convNetSection: SectionSetup = ({ lang, seed, controls, charts }) => {
  const boxes = CONVNET_OPTIMIZERS.map((o) =>
    h('input', {
      type: 'checkbox',
      checked: '',
      'data-convnet-optimizer': o.name,
      id: `convnet-${o.name}`,
    }),
  );
  const epochs = h('input', {
    type: 'range',
    id: 'convnet-epochs',
    min: '1',
    max: '6',
    step: '1',
    value: '2',
    'data-control': 'convnet-epochs',
  });
  const shown = h('output', { for: 'convnet-epochs' }, epochs.value);
  epochs.addEventListener('input', () => (shown.textContent = epochs.value));
  const button = h('button', { type: 'button', 'data-action': 'train-convnet' }, ui(lang, 'train'));
  const stop = h(
    'button',
    { type: 'button', 'data-action': 'stop-convnet', disabled: '' },
    ui(lang, 'stop'),
  );
  const bar = h('progress', {
    max: '1',
    value: '0',
    'aria-label': ui(lang, 'progress'),
    'data-convnet-progress': '',
  });
  const status = h('span', { class: 'status', 'data-convnet-status': '' });
  const device = deviceSwitch(lang, 'convnet-device');
  controls.append(
    h('h3', {}, lang === 'zh' ? '实时训练' : 'Train it live'),
    h('p', { class: 'hint' }, ui(lang, 'convnetHint')),
    h(
      'div',
      { class: 'controls' },
      ...CONVNET_OPTIMIZERS.flatMap((o, i) => [
        h('label', { for: `convnet-${o.name}` }, boxes[i]!, ` ${o.name} (lr ${o.lr})`),
      ]),
    ),
    h(
      'div',
      { class: 'controls' },
      h('label', { for: 'convnet-epochs' }, ui(lang, 'epochs')),
      epochs,
      shown,
      device.element,
      button,
      stop,
      bar,
      status,
    ),
  );
  // The GPU option: enabled when an adapter is found and the layers run there (a convolution and
  // max pooling, forward and backward, are tried), else it says why. On the GPU, the optimizers
  // whose step does not run there are unticked and disabled, with the reason as their tooltip.
  const optimizerReasons = new Map<string, string>();
  const limitOptimizers = (): void => {
    for (const [i, o] of CONVNET_OPTIMIZERS.entries()) {
      const box = boxes[i]!;
      const reason = device.device === 'webgpu' ? optimizerReasons.get(o.name) : undefined;
      if (reason !== undefined && box.checked) box.checked = false;
      box.disabled = reason !== undefined;
      if (reason === undefined) box.parentElement?.removeAttribute('title');
      else box.parentElement?.setAttribute('title', `GPU: ${reason}`);
    }
  };
  device.onChange(limitOptimizers);
  void (async () => {
    const found = await gpuAvailability();
    const layers = found.available ? await convLayersGPUReason() : null;
    if (found.available && layers === null)
      for (const o of CONVNET_OPTIMIZERS) {
        const reason = await optimizerGPUReason((p) => o.make(p, o.lr));
        if (reason !== null) optimizerReasons.set(o.name, reason);
      }
    device.setGPUReason(
      !found.available
        ? found.reason
        : layers === null
          ? null
          : `${ui(lang, 'convLayersCPU')} (${layers})`,
    );
    limitOptimizers();
    controls.dataset.gpuChecked = 'true';
  })();
  let stopped = false;
  stop.addEventListener('click', () => (stopped = true));
  button.addEventListener('click', () => {
    void (async () => {
      const names = CONVNET_OPTIMIZERS.filter((_, i) => boxes[i]!.checked).map((o) => o.name);
      if (names.length === 0) {
        status.textContent = ui(lang, 'pickOne');
        return;
      }
      button.disabled = true;
      device.setBusy(true);
      stop.disabled = false;
      stopped = false;
      delete status.dataset.done;
      const data = digitsImages(seed);
      const plan = { ...data.plan, epochs: Number(epochs.value) };
      const on = device.device;
      const trainers = names.map((n) => new ConvNetTrainer(data, n, { seed, ...plan, device: on }));
      status.dataset.device = on;
      const total = trainers.reduce((s, t) => s + t.totalSteps, 0);
      const gpu = on === 'webgpu' ? (lang === 'zh' ? '，GPU' : ', GPU') : '';
      const suffix = lang === 'zh' ? `（实时${gpu}）` : ` (live${gpu})`;
      const draw = async (): Promise<void> => {
        const runs = trainers.map((t) => t.run);
        const loss = charts.get('ch9-loss');
        const accuracy = charts.get('ch9-accuracy');
        const filters = charts.get('ch9-filters');
        const points = (which: 'loss' | 'accuracy'): LinePoint[] =>
          convNetPoints(runs, which, suffix);
        if (loss) await replaceData(loss, 'convnetLoss', points('loss'));
        if (accuracy) await replaceData(accuracy, 'convnetAccuracy', points('accuracy'));
        if (filters) await replaceData(filters, 'filters', filterCells(filterRows(lang, runs), 3));
      };
      let done = 0;
      let lastPoints = 0;
      while (!stopped && trainers.some((t) => !t.done)) {
        for (const t of trainers) {
          if (t.done) continue;
          if (on === 'cpu') t.step();
          else await t.stepAsync();
        }
        done = trainers.reduce((s, t) => s + t.steps, 0);
        bar.value = done / total;
        const lead = trainers[0]!;
        status.textContent = `${label(lang, 'epoch')} ${Math.ceil(lead.steps / lead.stepsPerEpoch)} / ${plan.epochs}: ${done} / ${total} ${ui(lang, 'updates')}`;
        status.dataset.steps = String(done);
        const pointsNow = trainers.reduce((s, t) => s + t.run.points.length, 0);
        if (pointsNow !== lastPoints) {
          lastPoints = pointsNow;
          await draw();
        }
        // Let the page paint and take input between steps.
        await new Promise((r) => setTimeout(r, 0));
      }
      await draw();
      status.dataset.done = 'true';
      status.dataset.accuracy = JSON.stringify(
        Object.fromEntries(
          trainers.map((t) => [t.run.optimizer, t.run.points.at(-1)?.accuracy ?? null]),
        ),
      );
      button.disabled = false;
      device.setBusy(false);
      stop.disabled = true;
    })();
  });
};
