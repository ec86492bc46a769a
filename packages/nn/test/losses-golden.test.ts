import { readFileSync } from 'node:fs';
import { compareClose } from '@descent/fixtures';
import { gradcheck, tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
import { BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, HuberLoss, L1Loss, MSELoss, NLLLoss, SmoothL1Loss } from '../src/index';
import type { Reduction } from '../src/functional/reduction';

interface LossCase {
  name: string;
  loss: string;
  options: Record<string, number | number[]>;
  optionShapes: Record<string, number[]>;
  input: number[];
  inputShape: number[];
  target: number[];
  targetShape: number[];
  targetDtype: 'float64' | 'int32';
  results: Record<Reduction, { output: number[]; grad: number[] }>;
}

// Written by test/golden/gen_losses.py with PyTorch 1.13 (float64).
const golden = JSON.parse(readFileSync(new URL('./golden/losses.json', import.meta.url), 'utf8')) as {
  tolerance: { rtol: number; atol: number };
  cases: LossCase[];
};

const CLASSES = { MSELoss, L1Loss, SmoothL1Loss, HuberLoss, BCELoss, BCEWithLogitsLoss, NLLLoss, CrossEntropyLoss } as const;

function build(c: LossCase, reduction: Reduction) {
  const options: Record<string, unknown> = { reduction };
  for (const [key, value] of Object.entries(c.options)) {
    options[key] = Array.isArray(value) ? tensor(value, { dtype: 'float64' }).reshape(c.optionShapes[key]!) : value;
  }
  const Loss = CLASSES[c.loss as keyof typeof CLASSES] as unknown as new (o: unknown) => { forward(a: Tensor, b: Tensor): Tensor };
  const module = new Loss(options);
  const target = tensor(c.target, { dtype: c.targetDtype }).reshape(c.targetShape);
  return { module, target };
}

const rows = golden.cases.flatMap((c) => (['none', 'mean', 'sum'] as const).map((r) => [c.name, r, c] as const));

describe.each(['float64'])('losses against PyTorch (%s)', () => {
  it.each(rows)('%s with reduction %s: value and gradient', (_name, reduction, c) => {
    const { module, target } = build(c, reduction);
    const input = tensor(c.input, { dtype: 'float64', requiresGrad: true });
    const out = module.forward(input.reshape(c.inputShape), target);
    expect(compareClose(Array.from(out.contiguous().toTypedArray(), Number), c.results[reduction].output, golden.tolerance)).toBeNull();
    out.sum().backward();
    const got = Array.from(input.grad!.toTypedArray(), Number);
    expect(compareClose(got, c.results[reduction].grad, { rtol: 1e-9, atol: 1e-12 })).toBeNull();
  });

  // Finite differences need a smooth point: bce_log_clamp sits where the log is clamped and
  // smooth_l1 with β = 0 has an element at its kink (x = y).
  const smooth = golden.cases.filter((c) => c.name !== 'bce_log_clamp' && c.name !== 'smooth_l1_beta_0.0');
  it.each(smooth.map((c) => [c.name, c] as const))('%s passes gradcheck', (_name, c) => {
    const { module, target } = build(c, 'sum');
    const input = tensor(c.input, { dtype: 'float64', requiresGrad: true }).reshape(c.inputShape).detach().requiresGrad_();
    expect(gradcheck((x) => module.forward(x, target), [input], { eps: 1e-6, atol: 1e-6, rtol: 1e-4 })).toBe(true);
  });
});
