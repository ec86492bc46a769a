import { expectAllClose, loadGolden } from '@descent/fixtures';
import { describe, expect, it } from 'vitest';
import { backpropChapter, errorCurve } from './backprop-chapter';
import { twoLayerNetworkExample } from '@descent/bp-examples';

const golden = loadGolden('seed_examples').examples;
const tol = { rtol: 1e-12, atol: 1e-12 };

describe('backpropChapter', () => {
  const out = backpropChapter.run({ lang: 'en', seed: 0 }) as Awaited<
    ReturnType<typeof backpropChapter.run>
  >;
  const results = out.results as {
    chainRule: { f: number; dfdw: number; dfdb: number; dfdx: number };
    chainRuleAutograd: { f: number; dfdw: number; dfdb: number; dfdx: number };
    forward: Record<string, number>;
    gradients: Record<string, number>;
    updatedWeights: Record<string, number>;
    errorAfter10000: number;
  };

  it("reports PyTorch's chain-rule values", () => {
    const g = golden.chain_rule;
    expectAllClose(
      [results.chainRule.f, results.chainRule.dfdw, results.chainRule.dfdb, results.chainRule.dfdx],
      [g.f, g.dfdw, g.dfdb, g.dfdx],
      tol,
    );
  });

  it("differentiates the chain-rule example with @descent/autograd to PyTorch's values", () => {
    const g = golden.chain_rule;
    const a = results.chainRuleAutograd;
    expectAllClose([a.f, a.dfdw, a.dfdb, a.dfdx], [g.f, g.dfdw, g.dfdb, g.dfdx], tol);
  });

  it.each(['forward', 'gradients', 'updatedWeights'] as const)(
    'reports the golden %s of the 2-2-2 network',
    (key) => {
      const want =
        key === 'updatedWeights'
          ? golden.two_layer_network.updated_weights
          : golden.two_layer_network[key];
      const names = Object.keys(want);
      expectAllClose(
        names.map((n) => results[key][n] as number),
        names.map((n) => want[n] as number),
        tol,
      );
    },
  );

  it('reports the golden error after 10,000 updates', () => {
    const last = golden.two_layer_network.errors_after_updates.find((e) => e.updates === 10_000);
    expectAllClose(results.errorAfter10000, last?.E_total ?? Number.NaN, {
      rtol: 1e-10,
      atol: 1e-12,
    });
  });

  it('keeps one presentation per result: the 2-2-2 values are in the printout and the diagram, not a table', () => {
    expect(out.tables.map((t) => t.title)).toEqual(['The chain rule: by hand and by autograd']);
    expect(out.diagrams?.map((d) => [d.id, d.presents])).toEqual([
      ['ch2-sigmoid-graph', 'The chain rule'],
      ['ch2-network', 'The 2-2-2 network'],
    ]);
    expect(out.printouts.map((p) => p.title)).toEqual(['The chain rule', 'The 2-2-2 network']);
  });

  it("differentiates the 2-2-2 network with @descent/autograd to PyTorch's gradients", () => {
    const want = golden.two_layer_network.gradients;
    const got = (out.results as { gradientsAutograd: Record<string, number> }).gradientsAutograd;
    const names = Object.keys(want);
    expectAllClose(
      names.map((n) => got[n] as number),
      names.map((n) => want[n] as number),
      tol,
    );
  });

  it('draws the golden error at 1, 10, 100, 1,000 and 10,000 updates', () => {
    const curve = errorCurve(twoLayerNetworkExample({ iterations: 10_000 }));
    for (const e of golden.two_layer_network.errors_after_updates) {
      const point = curve.find((p) => p.x === e.updates);
      expectAllClose(
        point?.y ?? Number.NaN,
        e.E_total,
        { rtol: 1e-10, atol: 1e-12 },
        `after ${e.updates}`,
      );
    }
  });

  it('draws one figure whose spec holds the curve', () => {
    expect(out.figures.map((f) => f.id)).toEqual(['ch2-error']);
    const zh = backpropChapter.run({ lang: 'zh', seed: 0 }) as typeof out;
    expect(zh.figures[0]?.title).toBe('一万次迭代的误差');
  });
});
