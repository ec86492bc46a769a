import { readFileSync } from 'node:fs';
import { manualSeed, tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { expectAllClose } from '@descent/fixtures';
import { describe, expect, it } from 'vitest';
import { LayerNorm, TransformerEncoder, TransformerEncoderLayer } from '../src/index';

interface Recorded {
  shape: number[];
  dtype: 'float32' | 'bool';
  values: (number | boolean)[];
}
interface Case {
  seed: number;
  options: Record<string, number | boolean | string>;
  layers: number;
  finalNorm: boolean;
  training: boolean;
  params: (Recorded & { name: string })[];
  input: Recorded;
  masks: { src_mask?: { causal: number }; mask?: { causal: number }; src_key_padding_mask?: Recorded };
  output: Recorded;
  lossWeights: Recorded;
  inputGrad: Recorded;
  paramGrads: (Recorded & { name: string })[];
}

// Written by test/golden/gen_transformer.py with PyTorch 1.13.
const golden = JSON.parse(readFileSync(new URL('./golden/transformer.json', import.meta.url), 'utf8')) as { cases: Case[] };
const tol = { rtol: 1e-4, atol: 2e-5 };
const leaf = (r: Recorded, requiresGrad = false): Tensor => {
  const t = r.dtype === 'bool' ? tensor(r.values) : tensor(r.values);
  return t.reshape(r.shape).requiresGrad_(requiresGrad);
};
/** The elements in row-major order (views included: their storage may hold more). */
const values = (t: Tensor): number[] => t.reshape([-1]).tolist() as number[];
/** PyTorch's generate_square_subsequent_mask: −∞ above the diagonal. */
const causal = (m: { causal: number } | undefined): Tensor | undefined => {
  if (m === undefined) return undefined;
  const n = m.causal;
  return tensor(Array.from({ length: n * n }, (_v, k) => (k % n > Math.floor(k / n) ? -Infinity : 0))).reshape([n, n]);
};
const camel = (key: string): string => key.replace(/_([a-z])/g, (_m, ch: string) => ch.toUpperCase());

function build(c: Case): TransformerEncoderLayer | TransformerEncoder {
  const { d_model: d, nhead: h, ...rest } = c.options as Record<string, number>;
  const layer = new TransformerEncoderLayer(d!, h!, Object.fromEntries(Object.entries(rest).map(([k, v]) => [camel(k), v])));
  if (c.layers === 0) return layer;
  return new TransformerEncoder(layer, c.layers, { norm: c.finalNorm ? new LayerNorm(d!) : null });
}

const label = (c: Case): string => `${c.layers ? `${c.layers} layers of ` : ''}${JSON.stringify(c.options)}${Object.keys(c.masks).length ? ` masks ${Object.keys(c.masks).join('+')}` : ''}${c.training ? ', training' : ''}`;

describe('TransformerEncoderLayer and TransformerEncoder against PyTorch 1.13', () => {
  it.each(golden.cases.map((c) => [label(c), c] as const))('initialise as torch after the same seed (%s)', (_l, c) => {
    manualSeed(c.seed);
    const named = build(c).namedParameters();
    expect(named.map(([n, p]) => [n, p.shape])).toEqual(c.params.map((p) => [p.name, p.shape]));
    named.forEach(([name, p], i) => expect([name, Array.from(p.storage.data)]).toEqual([name, c.params[i]!.values]));
  });

  it.each(golden.cases.map((c) => [label(c), c] as const))('match the output and every gradient (%s)', (_l, c) => {
    manualSeed(c.seed);
    const model = build(c);
    model.train(c.training);
    const x = leaf(c.input, true);
    const srcKeyPaddingMask = c.masks.src_key_padding_mask && leaf(c.masks.src_key_padding_mask);
    manualSeed(1000 + c.seed);
    const out =
      model instanceof TransformerEncoder
        ? model.forward(x, { mask: causal(c.masks.mask), srcKeyPaddingMask })
        : model.forward(x, { srcMask: causal(c.masks.src_mask), srcKeyPaddingMask });
    expect(out.shape).toEqual(c.output.shape);
    expectAllClose(values(out), c.output.values as number[], tol, 'output');
    out.mul(leaf(c.lossWeights)).sum().backward();
    expectAllClose(values(x.grad!), c.inputGrad.values as number[], tol, 'input grad');
    const named = model.namedParameters();
    c.paramGrads.forEach((g, i) => {
      expect(named[i]![0]).toBe(g.name);
      expectAllClose(values(named[i]![1].grad!), g.values as number[], tol, `${g.name} grad`);
    });
  });

  it('clones layers that train independently and draws nothing from the global generator', () => {
    manualSeed(3);
    const layer = new TransformerEncoderLayer(4, 2, { dimFeedforward: 8 });
    manualSeed(5);
    const encoder = new TransformerEncoder(layer, 2);
    const first = encoder.namedParameters().find(([n]) => n === 'layers.1.linear1.weight')![1];
    expect(Array.from(first.storage.data)).toEqual(Array.from(layer.linear1.weight.storage.data));
    expect(first).not.toBe(layer.linear1.weight);
    expect(() => new TransformerEncoderLayer(4, 2, { activation: 'tanh' as 'relu' })).toThrow('activation should be relu/gelu, not tanh');
  });
});
