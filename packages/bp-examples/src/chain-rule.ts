/**
 * The chain rule on f(x; w, b) = 1 / (exp(−(w·x + b)) + 1), the sigmoid of a linear unit, split into
 * elementary steps whose local derivatives are multiplied along each path from f back to an input:
 *
 *   h1 = w·x        ∂h1/∂w = x, ∂h1/∂x = w
 *   h2 = h1 + b     ∂h2/∂h1 = 1, ∂h2/∂b = 1
 *   h3 = −h2        ∂h3/∂h2 = −1
 *   h4 = exp(h3)    ∂h4/∂h3 = exp(h3) = h4
 *   h5 = h4 + 1     ∂h5/∂h4 = 1
 *   f  = 1 / h5     ∂f/∂h5 = −1 / h5²
 *
 *   ∂f/∂w = ∂f/∂h5 · ∂h5/∂h4 · ∂h4/∂h3 · ∂h3/∂h2 · ∂h2/∂h1 · ∂h1/∂w
 *
 * At x = 1, w = 0, b = 0: h5 = 2, so ∂f/∂h5 = −1/4 and ∂f/∂w = (−1/4)·1·1·(−1)·1·1 = 1/4.
 */

/** One elementary step of the forward pass. */
export interface ChainRuleStep {
  name: 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'f';
  /** The step as a formula of the previous ones. */
  formula: string;
  value: number;
  /** Local derivative(s) of this step with respect to its inputs. */
  local: Record<string, number>;
}

/** What {@link chainRuleExample} returns: every intermediate value and derivative. */
export interface ChainRuleTrace {
  inputs: { x: number; w: number; b: number };
  steps: ChainRuleStep[];
  f: number;
  /** ∂f/∂h for every intermediate h, from f back to h1 (the "upstream" gradients). */
  upstream: Record<'f' | 'h5' | 'h4' | 'h3' | 'h2' | 'h1', number>;
  /** The products along each path, as factors, from ∂f/∂h5 down to the input. */
  paths: Record<'w' | 'b' | 'x', number[]>;
  dfdw: number;
  dfdb: number;
  dfdx: number;
}

const product = (factors: readonly number[]): number => factors.reduce((acc, v) => acc * v, 1);

/**
 * The chain rule by hand: f(x; w, b) = 1/(exp(−(w·x + b)) + 1) is split into six elementary steps
 * (h1 = w·x, h2 = h1 + b, h3 = −h2, h4 = exp(h3), h5 = h4 + 1, f = 1/h5), each with a local
 * derivative that is easy to write down. The derivative of f in an input is the product of the local
 * derivatives along the path from f back to that input — that is all back-propagation does.
 *
 * @param inputs the input `x`, the weight `w` and the bias `b`
 *
 * @example
 * chainRuleExample({ x: 1, w: 0, b: 0 }); // { f: 0.5, dfdw: 0.25, dfdb: 0.25, dfdx: 0, … }
 */
export function chainRuleExample({ x, w, b }: { x: number; w: number; b: number }): ChainRuleTrace {
  const h1 = w * x;
  const h2 = h1 + b;
  const h3 = -h2;
  const h4 = Math.exp(h3);
  const h5 = h4 + 1;
  const f = 1 / h5;

  const dfdh5 = -1 / (h5 * h5);
  const dh5dh4 = 1;
  const dh4dh3 = h4;
  const dh3dh2 = -1;
  const dh2dh1 = 1;
  const dh2db = 1;
  const dh1dw = x;
  const dh1dx = w;

  const toH2 = [dfdh5, dh5dh4, dh4dh3, dh3dh2];
  const paths = {
    w: [...toH2, dh2dh1, dh1dw],
    b: [...toH2, dh2db],
    x: [...toH2, dh2dh1, dh1dx],
  };
  return {
    inputs: { x, w, b },
    steps: [
      { name: 'h1', formula: 'w·x', value: h1, local: { w: dh1dw, x: dh1dx } },
      { name: 'h2', formula: 'h1 + b', value: h2, local: { h1: dh2dh1, b: dh2db } },
      { name: 'h3', formula: '−h2', value: h3, local: { h2: dh3dh2 } },
      { name: 'h4', formula: 'exp(h3)', value: h4, local: { h3: dh4dh3 } },
      { name: 'h5', formula: 'h4 + 1', value: h5, local: { h4: dh5dh4 } },
      { name: 'f', formula: '1 / h5', value: f, local: { h5: dfdh5 } },
    ],
    f,
    upstream: {
      f: 1,
      h5: dfdh5,
      h4: dfdh5 * dh5dh4,
      h3: dfdh5 * dh5dh4 * dh4dh3,
      h2: product(toH2),
      h1: product(toH2) * dh2dh1,
    },
    paths,
    dfdw: product(paths.w),
    dfdb: product(paths.b),
    dfdx: product(paths.x),
  };
}

const fmt = (v: number): string => (Number.isInteger(v) ? String(v) : v.toPrecision(6).replace(/\.?0+$/, ''));

/**
 * Prints the trace as the tutorial does: each forward step with its value and local derivatives,
 * then each input's derivative as the product of the factors along its path.
 *
 * @example
 * formatChainRule(chainRuleExample({ x: 1, w: 0, b: 0 })); // "… ∂f/∂w = (-0.25) · (1) · (1) · (-1) · (1) · (1) = 0.25 …"
 */
export function formatChainRule(trace: ChainRuleTrace): string {
  const { x, w, b } = trace.inputs;
  const lines = [`f(x; w, b) = 1 / (exp(−(w·x + b)) + 1) at x = ${fmt(x)}, w = ${fmt(w)}, b = ${fmt(b)}`];
  for (const step of trace.steps) {
    const locals = Object.entries(step.local)
      .map(([k, v]) => `∂${step.name}/∂${k} = ${fmt(v)}`)
      .join(', ');
    lines.push(`  ${step.name.padEnd(2)} = ${step.formula.padEnd(8)} = ${fmt(step.value).padStart(10)}   ${locals}`);
  }
  for (const input of ['w', 'b', 'x'] as const) {
    const factors = trace.paths[input].map((v) => `(${fmt(v)})`).join(' · ');
    const total = input === 'w' ? trace.dfdw : input === 'b' ? trace.dfdb : trace.dfdx;
    lines.push(`  ∂f/∂${input} = ${factors} = ${fmt(total)}`);
  }
  return lines.join('\n');
}
