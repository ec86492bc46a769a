/**
 * A small CNN for the GPU training suites, written with autograd's ops (optim does not depend on
 * nn): conv 3×3 (1→6, padding 1) → relu → max-pool 2 → conv 3×3 (6→12, padding 1) → relu →
 * adaptive average pool to 1×1 → flatten → linear 12→10, on [N, 1, 8, 8] images.
 */
import { adaptiveAvgPool2dOp, conv2d, manualSeed, maxPool2dWithIndices, randint, randn } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import type { Device } from '@descent/tensor';

const CONV = { kernel: [3, 3], dilation: [1, 1], padding: [1, 1, 1, 1], stride: [1, 1] } as const;

/** The parameters (the same values on every device, from seed 7) and a fixed batch of `n` images with labels. */
export function cnnSetup(device: Device, n = 16): { params: Tensor[]; x: Tensor; y: Tensor } {
  manualSeed(7);
  const make = (shape: number[], scale: number): Tensor => {
    const t = randn(shape).mul(scale).to(device);
    t.requiresGrad = true;
    return t;
  };
  const params = [make([6, 1, 3, 3], 0.3), make([6], 0.1), make([12, 6, 3, 3], 0.15), make([12], 0.1), make([10, 12], 0.3), make([10], 0.1)];
  const x = randn([n, 1, 8, 8]).to(device);
  const y = randint(0, 10, [n]).to(device);
  return { params, x, y };
}

/** Mean cross-entropy of the CNN's logits on (x, y). */
export function cnnLoss(params: Tensor[], x: Tensor, y: Tensor): Tensor {
  const [w1, b1, w2, b2, w3, b3] = params as [Tensor, Tensor, Tensor, Tensor, Tensor, Tensor];
  const n = x.shape[0] as number;
  const h1 = conv2d(x, w1, b1, CONV, 1).relu();
  const [p1] = maxPool2dWithIndices(h1, { kernel: [2, 2], stride: [2, 2], padding: [0, 0], dilation: [1, 1], outH: 4, outW: 4 });
  const h2 = conv2d(p1, w2, b2, CONV, 1).relu();
  const features = adaptiveAvgPool2dOp(h2, 1, 1).reshape([n, 12]);
  const logits = features.matmul(w3.t()).add(b3);
  return logits.logSoftmax(1).gather(1, y.unsqueeze(1)).neg().mean();
}
