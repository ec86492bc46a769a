import { loadGolden } from '@descent/fixtures';
import { describe, expect, it } from 'vitest';
import { chainRuleByAutograd } from '../chapters/chain-rule-autograd';
import { sigmoidGraphSteps } from './sigmoid-graph-steps';

// PyTorch 1.13's f and gradients at x = 1, w = 0, b = 0 (fixtures/golden).
const golden = loadGolden('seed_examples').examples.chain_rule;
const inputs = { x: golden.x, w: golden.w, b: golden.b };

describe('sigmoidGraphSteps', () => {
  const steps = sigmoidGraphSteps('en', inputs, { autograd: chainRuleByAutograd(inputs) });

  it('walks the graph, six operations forward, six back and the three inputs', () => {
    expect(steps.map((s) => s.title)).toEqual([
      'f = σ(w·x + b) as a graph',
      ...['h1', 'h2', 'h3', 'h4', 'h5', 'f'].map((n) => `Forward: ${n}`),
      ...['f', 'h5', 'h4', 'h3', 'h2', 'h1'].map((n) => `Backward: ${n}`),
      'The inputs',
    ]);
  });

  it('computes the worked values: h5 = exp(0) + 1 = 2, f = 1/2, ∂f/∂h5 = −1/h5² = −0.25', () => {
    expect(steps[5]?.lines[0]).toBe('h5 = h4 + 1 = 1 + 1 = 2');
    expect(steps[6]?.lines).toEqual(['f = 1 / h5 = 1 / 2 = 0.5', '∂f/∂h5 = −0.25']);
    expect(steps[6]?.frame.nodes.find((n) => n.id === 'f')?.lines).toEqual([`f = ${golden.f}`]);
    expect(steps[8]?.lines).toEqual(['∂f/∂h5 = ∂f/∂f · ∂f/∂h5 = 1 · (−0.25) = −0.25']);
    // Through the negation the sign flips: (−0.25)·(−1) = 0.25.
    expect(steps[11]?.lines).toEqual(['∂f/∂h2 = ∂f/∂h3 · ∂h3/∂h2 = (−0.25) · (−1) = 0.25']);
  });

  it("ends on PyTorch's ∂f/∂w, ∂f/∂b, ∂f/∂x, each as the product along its path", () => {
    const last = steps[13];
    expect(last?.lines.slice(0, 3)).toEqual([
      `∂f/∂w = ∂f/∂h1 · ∂h1/∂w = 0.25·1 = (−0.25)·1·1·(−1)·1·1 = ${golden.dfdw}`,
      `∂f/∂b = ∂f/∂h2 · ∂h2/∂b = 0.25·1 = (−0.25)·1·1·(−1)·1 = ${golden.dfdb}`,
      `∂f/∂x = ∂f/∂h1 · ∂h1/∂x = 0.25·0 = (−0.25)·1·1·(−1)·1·0 = ${golden.dfdx}`,
    ]);
    expect(last?.lines[3]).toBe('@descent/autograd gives ∂f/∂w = 0.25, ∂f/∂b = 0.25, ∂f/∂x = 0');
    const w = last?.frame.nodes.find((n) => n.id === 'w');
    expect(w?.lines).toEqual(['w = 0', `∂f/∂w = ${golden.dfdw}`]);
  });

  it('marks the current node and leaves later ones pending', () => {
    const states = (k: number): string[] =>
      steps[k]?.frame.nodes.filter((n) => n.shape === 'circle').map((n) => n.state) ?? [];
    expect(states(0)).toEqual(Array(6).fill('pending'));
    expect(states(3)).toEqual(['done', 'done', 'active', 'pending', 'pending', 'pending']);
    expect(states(9)).toEqual(['done', 'done', 'done', 'active', 'done', 'done']);
  });
});
