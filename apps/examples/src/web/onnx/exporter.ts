/** The lazily loaded ONNX exporter script and what it offers the page. */

/** A tensor as plain data: its shape and its float32 values (row-major). */
export interface PlainTensor {
  shape: number[];
  data: Float32Array;
}

/** A state dict as plain data, by state-dict name. */
export type PlainState = Record<string, PlainTensor>;

/** What `assets/descent-onnx.js` sets as `globalThis.descentOnnx`. */
export interface OnnxExporter {
  /** The `.onnx` bytes of the digits MLP with these weights (input `pixels` [batch, 64], output `logits`). */
  exportDigits(state: PlainState): Uint8Array;
}

/** The script's path relative to the page (the page's assets folder; works over file:// too). */
export const EXPORTER_SCRIPT = './assets/descent-onnx.js';

let loading: Promise<OnnxExporter> | undefined;

/** Loads the exporter script once (a classic script tag) and resolves to its API. */
export function loadExporter(): Promise<OnnxExporter> {
  loading ??= new Promise<OnnxExporter>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = EXPORTER_SCRIPT;
    script.addEventListener('load', () => {
      const api = (globalThis as { descentOnnx?: OnnxExporter }).descentOnnx;
      if (api === undefined) reject(new Error(`${EXPORTER_SCRIPT} did not define descentOnnx`));
      else resolve(api);
    });
    script.addEventListener('error', () => {
      loading = undefined;
      reject(new Error(`could not load ${EXPORTER_SCRIPT}`));
    });
    document.head.append(script);
  });
  return loading;
}

/** Saves `bytes` as a file named `name` (an object URL on a temporary link). */
export function saveBytes(bytes: Uint8Array, name: string): void {
  const url = URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type: 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
