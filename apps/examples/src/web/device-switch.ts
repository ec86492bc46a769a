import type { Device } from '@descent/tensor';
import type { Lang } from '../chapters/chapter';
import { h } from './dom';
import { ui } from './ui-text';

/** A training demo's CPU / GPU switch. */
export interface DeviceSwitch {
  /** The label, the select and the line saying why the GPU is unavailable. */
  readonly element: HTMLElement;
  /** The device chosen. */
  readonly device: Device;
  /**
   * Enables the GPU option (`null`) or disables it with the reason, shown under the switch and as
   * its tooltip; a disabled GPU that was chosen falls back to the CPU.
   */
  setGPUReason(reason: string | null): void;
  /** Locks the switch while a run is going (a run stays on the device it started on). */
  setBusy(busy: boolean): void;
  /** Called when the user picks another device. */
  onChange(listener: (device: Device) => void): void;
}

/**
 * A CPU / GPU switch for a training demo: the GPU option starts disabled ("looking for an
 * adapter") until the page knows whether WebGPU runs here, then is enabled or says why not.
 */
export function deviceSwitch(lang: Lang, id: string): DeviceSwitch {
  const cpu = h('option', { value: 'cpu' }, 'CPU');
  const gpu = h('option', { value: 'webgpu', 'data-gpu-option': '' }, 'GPU (WebGPU)');
  const select = h('select', { id, 'data-control': 'device' }, cpu, gpu);
  const reasonLine = h('span', { class: 'device-reason', 'data-device-reason': '' });
  const element = h(
    'span',
    { class: 'device-switch' },
    h('label', { for: id }, ui(lang, 'device')),
    select,
    reasonLine,
  );
  let gpuReason: string | null = null;
  let busy = false;
  const refresh = (): void => {
    gpu.disabled = gpuReason !== null;
    if (gpuReason !== null && select.value === 'webgpu') select.value = 'cpu';
    select.disabled = busy;
    const text = gpuReason === null ? '' : `${ui(lang, 'gpuUnavailable')}: ${gpuReason}`;
    reasonLine.textContent = text;
    if (gpuReason === null) {
      gpu.removeAttribute('title');
      select.removeAttribute('title');
      element.removeAttribute('title');
    } else {
      // Tooltips on the option, the select and the whole switch (browsers differ in which they show).
      gpu.title = text;
      select.title = text;
      element.title = text;
    }
  };
  const sw: DeviceSwitch = {
    element,
    get device(): Device {
      return select.value === 'webgpu' ? 'webgpu' : 'cpu';
    },
    setGPUReason(reason) {
      gpuReason = reason;
      refresh();
    },
    setBusy(flag) {
      busy = flag;
      refresh();
    },
    onChange(listener) {
      select.addEventListener('change', () => listener(sw.device));
    },
  };
  sw.setGPUReason(ui(lang, 'lookingForGPU'));
  return sw;
}
