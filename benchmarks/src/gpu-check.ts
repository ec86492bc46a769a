/**
 * `pnpm --filter @descent/benchmarks check:webgpu`: checks that the GPU run measures the CPU run's
 * workloads. Each training step is built twice by the same code (`mlpTraining`, `lenetTraining`),
 * on 'cpu' and on 'webgpu'; the losses of the first two steps (the second one after an optimizer
 * update) must agree within float32 tolerance. Exits with 1 on a mismatch or an error, and when no
 * adapter is found under CI=true; without CI it says so and exits 0.
 *
 * A workload whose GPU side throws "<op>() is not implemented on webgpu" (LeNet-5 until conv2d and
 * max pooling run on the GPU) is reported as not checked, by name, and does not fail the check.
 */
import { initWebGPU, releaseWebGPU } from '@descent/tensor/webgpu-node';
import type { Tensor } from '@descent/autograd';
import { lenetTraining, mlpTraining } from './ours';

/** |gpu − cpu| ≤ ATOL + RTOL·|cpu| for each loss. */
const RTOL = 1e-4, ATOL = 1e-5;
const STEPS = 2;

const checks: { name: string; build: (device: 'cpu' | 'webgpu') => () => Tensor }[] = [
  { name: 'MLP 784-256-10 b128 step (Adam)', build: (d) => mlpTraining('adam', d) },
  { name: 'MLP SGD step', build: (d) => mlpTraining('sgd', d) },
  { name: 'LeNet-5 b64 step (Adam)', build: (d) => lenetTraining(d) },
];

if (!(await initWebGPU())) {
  const message = 'check:webgpu: no WebGPU adapter (set VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json for SwiftShader)';
  if (process.env.CI === 'true') throw new Error(`${message}; under CI=true an adapter is required`);
  console.warn(`${message}: nothing checked`);
  process.exit(0);
}

let failures = 0;
for (const { name, build } of checks) {
  const cpuStep = build('cpu');
  const cpu = Array.from({ length: STEPS }, () => cpuStep().item());
  let gpu: number[];
  try {
    const gpuStep = build('webgpu');
    gpu = [];
    for (let i = 0; i < STEPS; i++) gpu.push(await gpuStep().itemAsync());
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/is not implemented on webgpu/.test(message)) {
      console.log(`not checked  ${name}: ${message}`);
      continue;
    }
    console.log(`FAILED  ${name}: ${message}`);
    failures++;
    continue;
  }
  const bad = cpu.findIndex((c, i) => !(Math.abs((gpu[i] as number) - c) <= ATOL + RTOL * Math.abs(c)));
  const losses = cpu.map((c, i) => `step ${i + 1}: cpu ${c.toPrecision(8)}, webgpu ${(gpu[i] as number).toPrecision(8)}`).join('; ');
  console.log(`${bad < 0 ? 'ok' : 'FAILED'}  ${name}: ${losses}`);
  if (bad >= 0) failures++;
}
releaseWebGPU();
if (failures > 0) {
  console.log(`check:webgpu: ${failures} workload(s) differ between cpu and webgpu`);
  process.exit(1);
}
process.exit(0);
