/**
 * The convolution kernels split large batches into chunks of samples (a chunk's columns are capped
 * at 2²² elements). A batch spanning several chunks must give what an independent computation
 * gives: im2col of the whole batch times the flattened weight, differentiated through im2col's and
 * matmul's own rules (float64).
 */
import { im2col, manualSeed, randn } from '@descent/autograd';
import { expectAllClose } from '@descent/fixtures';
import { describe, it } from 'vitest';
import { functional as F } from '../src/index';

const values = (t: { contiguous(): { toTypedArray(): ArrayLike<number> } } | null): number[] => Array.from(t!.contiguous().toTypedArray());

describe('conv2d over several chunks of samples', () => {
  it('matches im2col · W for the output and all three gradients', () => {
    manualSeed(3);
    // 64 channels · 3·3 taps · 64·64 positions = 2.36e6 column entries per sample: one sample per chunk.
    const x = randn([2, 64, 64, 64], { dtype: 'float64', requiresGrad: true });
    const w = randn([8, 64, 3, 3], { dtype: 'float64', requiresGrad: true });
    const b = randn([8], { dtype: 'float64', requiresGrad: true });
    const g = randn([2, 8, 64, 64], { dtype: 'float64' });
    const out = F.conv2d(x, w, b, { padding: 1 });
    out.mul(g).sum().backward();
    const [gx, gw, gb] = [x.grad, w.grad, b.grad];
    x.grad = null;
    w.grad = null;
    b.grad = null;
    const cols = im2col(x, { kernel: [3, 3], dilation: [1, 1], padding: [1, 1, 1, 1], stride: [1, 1] });
    const reference = w.reshape([8, 576]).matmul(cols).reshape([2, 8, 64, 64]).add(b.reshape([8, 1, 1]));
    reference.mul(g).sum().backward();
    const tol = { rtol: 1e-10, atol: 1e-10 };
    expectAllClose(values(out), values(reference), tol, 'output');
    expectAllClose(values(gx), values(x.grad), tol, 'input grad');
    expectAllClose(values(gw), values(w.grad), tol, 'weight grad');
    expectAllClose(values(gb), values(b.grad), tol, 'bias grad');
  });
});
