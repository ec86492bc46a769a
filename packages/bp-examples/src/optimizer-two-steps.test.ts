import { loadGolden } from '@descent/fixtures';
import { describe, expect, it } from 'vitest';
import { examplesGolden } from '../test/golden/examples';
import { formatOptimizerTwoSteps, optimizerTwoSteps, sgdSingleStep } from './optimizer-two-steps';
import type { TwoStepLabel } from './optimizer-two-steps';

const golden = loadGolden('seed_examples').examples;

describe('optimizerTwoSteps', () => {
  const runs = optimizerTwoSteps();
  it.each(Object.entries(golden.two_steps))('prints %s exactly as the tutorial, float32 values bit for bit (seed_examples.json)', (label, rows) => {
    const got = runs[label as TwoStepLabel];
    expect(got.map((r) => r.line)).toEqual(rows.map((r) => r.line));
    expect(got.map((r) => [r.grad, r.weight])).toEqual(rows.map((r) => [r.grad, r.weight]));
  });

  it.each(Object.entries(examplesGolden.two_steps))('equals PyTorch 1.13 bit for bit for %s (test/golden/examples.json)', (label, rows) => {
    const got = runs[label as TwoStepLabel];
    expect(got.map((r) => [r.step, r.grad, r.weight, r.line])).toEqual(rows.map((r) => [r.step, r.grad, r.weight, r.line]));
  });

  it('runs SGD(lr 0.1) first, then the four runs of seed_examples.json, in the tutorial order', () => {
    expect(Object.keys(runs)).toEqual(['SGD(lr=0.1)', ...Object.keys(golden.two_steps)]);
  });

  it.each([
    [{ steps: 0 }, 'optimizerTwoSteps: steps must be a positive integer, got 0'],
    [{ w0: Number.NaN }, 'optimizerTwoSteps: w0 must be a finite number, got NaN'],
  ])('rejects %j', (options, message) => {
    expect(() => optimizerTwoSteps(options)).toThrow(new RangeError(message));
  });

  it('takes SGD(lr 0.1) from 1 to 0.9 in float32, as PyTorch', () => {
    expect(sgdSingleStep().weight).toBe(golden.sgd_single_step.w1);
  });

  it('formats every run under its label', () => {
    const text = formatOptimizerTwoSteps(runs);
    expect(text.split('\n')).toContain('第2次: 梯度w.grad: 0.990000, 更新后的权重:0.982965');
    expect(text.split('\n\n')[1]?.split('\n')).toEqual([
      'SGD(lr=0.01, momentum=0.9)',
      ...(golden.two_steps['SGD(lr=0.01, momentum=0.9)'] ?? []).map((r) => r.line),
    ]);
  });
});
