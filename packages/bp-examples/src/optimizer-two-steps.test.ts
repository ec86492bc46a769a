import { loadGolden } from '@descent/fixtures';
import { describe, expect, it } from 'vitest';
import { formatOptimizerTwoSteps, optimizerTwoSteps, sgdSingleStep } from './optimizer-two-steps';
import type { TwoStepLabel } from './optimizer-two-steps';

const golden = loadGolden('seed_examples').examples;

describe('optimizerTwoSteps', () => {
  const runs = optimizerTwoSteps();
  it.each(Object.entries(golden.two_steps))('prints %s exactly as the tutorial', (label, rows) => {
    const got = runs[label as TwoStepLabel];
    expect(got.map((r) => r.line)).toEqual(rows.map((r) => r.line));
    got.forEach((r, i) => {
      expect(Math.abs(r.weight - (rows[i]?.weight as number))).toBeLessThanOrEqual(1e-6 * Math.abs(rows[i]?.weight as number));
      expect(Math.abs(r.grad - (rows[i]?.grad as number))).toBeLessThanOrEqual(1e-6 * Math.abs(rows[i]?.grad as number));
    });
  });

  it('takes SGD(lr 0.1) from 1 to 0.9 in float32, as PyTorch', () => {
    expect(sgdSingleStep().weight).toBe(golden.sgd_single_step.w1);
  });

  it('formats every run under its label', () => {
    const text = formatOptimizerTwoSteps(runs);
    expect(text.split('\n')).toContain('第2次: 梯度w.grad: 0.990000, 更新后的权重:0.982965');
    expect(text.startsWith('SGD(lr=0.01, momentum=0.9)\n第1次')).toBe(true);
  });
});
