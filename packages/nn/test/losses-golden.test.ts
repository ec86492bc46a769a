import { readFileSync } from 'node:fs';
import { compareClose } from '@descent/fixtures';
import { gradcheck, tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
import { BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, functional, HuberLoss, L1Loss, MSELoss, NLLLoss, SmoothL1Loss } from '../src/index';
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

// The functional form of each loss (torch.nn.functional's), called with the same options.
const FUNCTIONS: Record<keyof typeof CLASSES, (input: Tensor, target: Tensor, options: never) => Tensor> = {
  MSELoss: functional.mseLoss,
  L1Loss: functional.l1Loss,
  SmoothL1Loss: functional.smoothL1Loss,
  HuberLoss: functional.huberLoss,
  BCELoss: functional.binaryCrossEntropy,
  BCEWithLogitsLoss: functional.binaryCrossEntropyWithLogits,
  NLLLoss: functional.nllLoss,
  CrossEntropyLoss: functional.crossEntropy,
};

function build(c: LossCase, reduction: Reduction) {
  const options: Record<string, unknown> = { reduction };
  for (const [key, value] of Object.entries(c.options)) {
    options[key] = Array.isArray(value) ? tensor(value, { dtype: 'float64' }).reshape(c.optionShapes[key]!) : value;
  }
  const Loss = CLASSES[c.loss as keyof typeof CLASSES] as unknown as new (o: unknown) => { forward(a: Tensor, b: Tensor): Tensor };
  const module = new Loss(options);
  const target = tensor(c.target, { dtype: c.targetDtype }).reshape(c.targetShape);
  const fn = FUNCTIONS[c.loss as keyof typeof CLASSES];
  return { module, target, functionalForm: (input: Tensor) => fn(input, target, options as never) };
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

  // float32 inputs (PyTorch's default dtype) against the float64 references: rounding the inputs
  // moves each result by a few float32 ulps. bce_log_clamp is left out: 1 − 1e-15 is 1 in float32,
  // so its log is clamped there and not in float64.
  const float32Rows = rows.filter(([name]) => name !== 'bce_log_clamp');
  it.each(float32Rows)('%s with reduction %s: float32 value and gradient', (_name, reduction, c) => {
    const options: Record<string, unknown> = { reduction };
    for (const [key, value] of Object.entries(c.options)) options[key] = Array.isArray(value) ? tensor(value).reshape(c.optionShapes[key]!) : value;
    const Loss = CLASSES[c.loss as keyof typeof CLASSES] as unknown as new (o: unknown) => { forward(a: Tensor, b: Tensor): Tensor };
    const target = tensor(c.target, { dtype: c.targetDtype === 'int32' ? 'int32' : 'float32' }).reshape(c.targetShape);
    const input = tensor(c.input, { requiresGrad: true });
    const out = new Loss(options).forward(input.reshape(c.inputShape), target);
    expect(out.dtype).toBe('float32');
    const tol = { rtol: 2e-5, atol: 2e-6 };
    expect(compareClose(Array.from(out.contiguous().toTypedArray(), Number), c.results[reduction].output, tol)).toBeNull();
    out.sum().backward();
    expect(compareClose(Array.from(input.grad!.toTypedArray(), Number), c.results[reduction].grad, tol)).toBeNull();
  });

  it.each(rows)('%s with reduction %s: the functional form gives the same value', (_name, reduction, c) => {
    const { functionalForm } = build(c, reduction);
    const out = functionalForm(tensor(c.input, { dtype: 'float64' }).reshape(c.inputShape));
    expect(compareClose(Array.from(out.contiguous().toTypedArray(), Number), c.results[reduction].output, golden.tolerance)).toBeNull();
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
