/**
 * The fused activation op: float64 gradcheck of its gradient (the fused backward kernel) and of its
 * second derivative (the backward recorded under createGraph), for every kind, at points away from
 * each kind's kinks; both at a few elements (TypeScript kernels) and past 2048 (WebAssembly).
 */
import { describe, expect, it } from 'vitest';
import { activation, gradcheck, grad, tensor } from '../src/index';
import type { ActivationKind, ActivationParams, Tensor } from '../src/index';

const KINDS: [string, ActivationKind, ActivationParams?][] = [
  ['elu α=0.7', 'elu', [0.7, 1, 1]],
  ['celu α=2', 'elu', [2, 1, 0.5]],
  ['selu', 'elu', [1.6732632423543772 * 1.0507009873554805, 1.0507009873554805, 1]],
  ['silu', 'silu'],
  ['mish', 'mish'],
  ['softplus β=2 threshold=3', 'softplus', [2, 3, 0]],
  ['softsign', 'softsign'],
  ['hardtanh [-2.5, 4]', 'hardtanh', [-2.5, 4, 0]],
  ['hardsigmoid', 'hardsigmoid'],
  ['hardswish', 'hardswish'],
  ['logsigmoid', 'logsigmoid'],
  ['gelu', 'gelu'],
  ['gelu tanh', 'geluTanh'],
];
const POINTS = [-4.1, -2.3, -0.7, 0.45, 1.6, 2.4, 3.7, 5.2];
const leaf = (values: number[]): Tensor => tensor(values, { dtype: 'float64', requiresGrad: true });

describe('activation: gradients in float64', () => {
  it.each(KINDS)('%s: gradcheck', (_label, kind, params) => {
    expect(gradcheck((x) => activation(x, kind, params), [leaf(POINTS)])).toBe(true);
  });

  it.each(KINDS)('%s: gradcheck of the gradient (second order)', (_label, kind, params) => {
    const cot = leaf([0.3, -1.2, 0.8, 1.5, -0.4, 0.9, -0.6, 1.1]);
    const first = (x: Tensor, g: Tensor): Tensor => grad(activation(x, kind, params), [x], { gradOutputs: [g], createGraph: true })[0]!;
    expect(gradcheck(first, [leaf(POINTS), cot])).toBe(true);
  });

  it.each(KINDS)('%s: the fused WebAssembly gradient (2400 elements) equals the recorded one', (_label, kind, params) => {
    const values = Array.from({ length: 2400 }, (_, i) => POINTS[i % POINTS.length]! + (i % 7) * 0.01);
    const x = leaf(values);
    const g = tensor(values.map((_, i) => Math.cos(i)), { dtype: 'float64' });
    const fused = grad(activation(x, kind, params), [x], { gradOutputs: [g] })[0]!;
    const recorded = grad(activation(x, kind, params), [x], { gradOutputs: [g], createGraph: true })[0]!;
    const a = fused.toTypedArray();
    const b = recorded.toTypedArray();
    let worst = 0;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)) / (1e-300 + Math.abs(b[i] as number) + 1e-12));
    expect(worst).toBeLessThan(1e-12);
  });

  it('refuses integer input with PyTorch words, and records its node', () => {
    expect(() => activation(tensor([1, 2], { dtype: 'int32' }), 'silu')).toThrow(new TypeError(`"silu" not implemented for 'Int'`));
    expect(activation(leaf([1, 2]), 'silu').gradFn?.name).toBe('SiluBackward0');
  });
});
