/**
 * Run by runtime.test.ts in a child process: finds the adapter, runs one kernel, reads it back,
 * releases the device and returns. The process must then exit by itself (a held device would keep
 * it alive).
 */
import { initWebGPU, releaseWebGPU } from '../../src/webgpu-node';
import { webgpuContext } from '../../src/webgpu/runtime';
import { readback, upload, viewOf } from '../../src/webgpu/array';
import { unary } from '../../src/webgpu/elementwise';

if (await initWebGPU()) {
  const ctx = webgpuContext();
  const out = unary(ctx, 'square', viewOf(upload(ctx, new Float32Array([1, 2, 3]), 'float32'), [3]));
  process.stdout.write(`values ${Array.from(await readback(ctx, out)).join(',')}\n`);
  releaseWebGPU();
} else {
  process.stdout.write('no adapter\n');
}
