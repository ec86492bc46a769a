import { loadGolden } from '@descent/fixtures';
import { describe, expect, it } from 'vitest';
import { chainRuleExample, formatChainRule } from './chain-rule';

describe('chainRuleExample', () => {
  it("gives the tutorial's f = 0.5 and ∂f/∂w = ∂f/∂b = 0.25 at x = 1, w = 0, b = 0", () => {
    const golden = loadGolden('seed_examples').examples.chain_rule;
    const trace = chainRuleExample({ x: golden.x, w: golden.w, b: golden.b });
    expect(trace.f).toBe(golden.f);
    expect(trace.dfdw).toBe(golden.dfdw);
    expect(trace.dfdb).toBe(golden.dfdb);
    expect(trace.dfdx).toBe(golden.dfdx);
    // Hand-worked: h5 = exp(0) + 1 = 2, ∂f/∂h5 = −1/4.
    expect(trace.upstream.h5).toBe(-0.25);
    expect(trace.paths.w).toEqual([-0.25, 1, 1, -1, 1, 1]);
  });

  it.each([
    [2, -0.5, 0.3],
    [-1.2, 1.7, -0.4],
    [0.5, 3, 2],
  ])('agrees with central finite differences at x=%d, w=%d, b=%d', (x, w, b) => {
    const f = (xx: number, ww: number, bb: number): number => 1 / (Math.exp(-(ww * xx + bb)) + 1);
    const h = 1e-6;
    const trace = chainRuleExample({ x, w, b });
    expect(trace.f).toBeCloseTo(f(x, w, b), 15);
    expect(trace.dfdw).toBeCloseTo((f(x, w + h, b) - f(x, w - h, b)) / (2 * h), 8);
    expect(trace.dfdb).toBeCloseTo((f(x, w, b + h) - f(x, w, b - h)) / (2 * h), 8);
    expect(trace.dfdx).toBeCloseTo((f(x + h, w, b) - f(x - h, w, b)) / (2 * h), 8);
  });

  it('prints every step with its local derivatives, then each path product', () => {
    // Worked by hand at x = 1, w = 0, b = 0: h1 = 0, h2 = 0, h3 = 0, h4 = e⁰ = 1, h5 = 2, f = 1/2.
    expect(formatChainRule(chainRuleExample({ x: 1, w: 0, b: 0 })).split('\n')).toEqual([
      'f(x; w, b) = 1 / (exp(−(w·x + b)) + 1) at x = 1, w = 0, b = 0',
      '  h1 = w·x      =          0   ∂h1/∂w = 1, ∂h1/∂x = 0',
      '  h2 = h1 + b   =          0   ∂h2/∂h1 = 1, ∂h2/∂b = 1',
      '  h3 = −h2      =          0   ∂h3/∂h2 = -1',
      '  h4 = exp(h3)  =          1   ∂h4/∂h3 = 1',
      '  h5 = h4 + 1   =          2   ∂h5/∂h4 = 1',
      '  f  = 1 / h5   =        0.5   ∂f/∂h5 = -0.25',
      '  ∂f/∂w = (-0.25) · (1) · (1) · (-1) · (1) · (1) = 0.25',
      '  ∂f/∂b = (-0.25) · (1) · (1) · (-1) · (1) = 0.25',
      '  ∂f/∂x = (-0.25) · (1) · (1) · (-1) · (1) · (0) = 0',
    ]);
  });
});
