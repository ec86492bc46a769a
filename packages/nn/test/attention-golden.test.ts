import { readFileSync } from 'node:fs';
import { manualSeed, tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { expectAllClose } from '@descent/fixtures';
import { describe, expect, it } from 'vitest';
import { functional, MultiheadAttention } from '../src/index';

interface Recorded {
  shape: number[];
  dtype: 'float32' | 'bool';
  values: (number | boolean)[];
}
interface SdpaCase {
  seed: number;
  isCausal: boolean;
  scale: number | null;
  q: Recorded;
  k: Recorded;
  v: Recorded;
  mask: Recorded | null;
  output: Recorded;
  lossWeights: Recorded;
  qGrad: Recorded;
  kGrad: Recorded;
  vGrad: Recorded;
  maskGrad: Recorded | null;
}
interface MhaCase {
  seed: number;
  options: Record<string, number | boolean>;
  training: boolean;
  forward: { need_weights?: boolean; average_attn_weights?: boolean };
  selfAttention: boolean;
  valueIsKey: boolean;
  params: (Recorded & { name: string })[];
  query: Recorded;
  key: Recorded | null;
  value: Recorded | null;
  keyPaddingMask: Recorded | null;
  attnMask: Recorded | null;
  output: Recorded;
  weights: Recorded | null;
  lossWeights: Recorded[];
  queryGrad: Recorded;
  keyGrad: Recorded | null;
  valueGrad: Recorded | null;
  paramGrads: (Recorded & { name: string })[];
}

// Written by test/golden/gen_attention.py with PyTorch 1.13.
const golden = JSON.parse(readFileSync(new URL('./golden/attention.json', import.meta.url), 'utf8')) as {
  sdpa: SdpaCase[];
  mha: MhaCase[];
  errors: { label: string; message: string }[];
};
const tol = { rtol: 1e-4, atol: 1e-5 };
const leaf = (r: Recorded, requiresGrad = false): Tensor => {
  const t = r.dtype === 'bool' ? tensor(r.values) : tensor(r.values);
  return t.reshape(r.shape).requiresGrad_(requiresGrad && r.dtype !== 'bool');
};
/** The elements in row-major order (views included: their storage may hold more). */
const values = (t: Tensor): number[] => t.reshape([-1]).tolist() as number[];

describe('scaledDotProductAttention against the PyTorch 2.x reference formula (run on 1.13)', () => {
  it.each(golden.sdpa.map((c) => [`seed ${c.seed}, q ${JSON.stringify(c.q.shape)}${c.isCausal ? ', causal' : ''}${c.mask ? `, ${c.mask.dtype} mask` : ''}`, c] as const))(
    'matches the output and the gradients of q, k, v and a float mask (%s)',
    (_l, c) => {
      const [q, k, v] = [leaf(c.q, true), leaf(c.k, true), leaf(c.v, true)];
      const mask = c.mask === null ? undefined : leaf(c.mask, true);
      const out = functional.scaledDotProductAttention(q, k, v, { attnMask: mask, isCausal: c.isCausal, scale: c.scale ?? undefined });
      expect(out.shape).toEqual(c.output.shape);
      expectAllClose(values(out), c.output.values as number[], tol, 'output');
      out.mul(leaf(c.lossWeights)).sum().backward();
      expectAllClose(values(q.grad!), c.qGrad.values as number[], tol, 'q grad');
      expectAllClose(values(k.grad!), c.kGrad.values as number[], tol, 'k grad');
      expectAllClose(values(v.grad!), c.vGrad.values as number[], tol, 'v grad');
      if (c.maskGrad !== null) expectAllClose(values(mask!.grad!), c.maskGrad.values as number[], tol, 'mask grad');
    },
  );

  it('refuses a mask together with isCausal, and unknown options', () => {
    const q = tensor([[1, 2]]);
    expect(() => functional.scaledDotProductAttention(q, q, q, { isCausal: true, attnMask: tensor([[0]]) })).toThrow('Explicit attn_mask should not be set when is_causal=True');
    expect(() => functional.scaledDotProductAttention(q, q, q, { is_causal: true } as never)).toThrow("unknown option 'is_causal' (did you mean 'isCausal'?)");
  });
});

describe('MultiheadAttention against torch.nn.MultiheadAttention 1.13', () => {
  const camel = (key: string): string => key.replace(/_([a-z])/g, (_m, ch: string) => ch.toUpperCase());
  const build = (c: MhaCase): MultiheadAttention => {
    const { embed_dim: e, num_heads: h, ...rest } = c.options as Record<string, number>;
    return new MultiheadAttention(e!, h!, Object.fromEntries(Object.entries(rest).map(([k, v]) => [camel(k), v])));
  };
  const label = (c: MhaCase): string => `${JSON.stringify(c.options)}${c.keyPaddingMask ? ', key padding' : ''}${c.attnMask ? `, ${c.attnMask.dtype} attn mask` : ''}${c.training ? ', training' : ''}`;

  it.each(golden.mha.map((c) => [label(c), c] as const))('initialises as torch after the same seed (%s)', (_l, c) => {
    manualSeed(c.seed);
    const named = build(c).namedParameters();
    expect(named.map(([n, p]) => [n, p.shape])).toEqual(c.params.map((p) => [p.name, p.shape]));
    named.forEach(([name, p], i) => expect([name, Array.from(p.storage.data)]).toEqual([name, c.params[i]!.values]));
  });

  it.each(golden.mha.map((c) => [label(c), c] as const))('matches output, weights and every gradient (%s)', (_l, c) => {
    manualSeed(c.seed);
    const mha = build(c);
    mha.train(c.training);
    const query = leaf(c.query, true);
    const key = c.selfAttention ? query : leaf(c.key!, true);
    const value = c.selfAttention ? query : c.valueIsKey ? key : leaf(c.value!, true);
    manualSeed(200 + c.seed - 100);
    const [out, weights] = mha.forward(query, key, value, {
      keyPaddingMask: c.keyPaddingMask === null ? undefined : leaf(c.keyPaddingMask),
      attnMask: c.attnMask === null ? undefined : leaf(c.attnMask),
      needWeights: c.forward.need_weights,
      averageAttnWeights: c.forward.average_attn_weights,
    });
    expect(out.shape).toEqual(c.output.shape);
    expectAllClose(values(out), c.output.values as number[], tol, 'output');
    if (c.weights === null) expect(weights).toBeNull();
    else {
      expect(weights!.shape).toEqual(c.weights.shape);
      expectAllClose(values(weights!), c.weights.values as number[], tol, 'weights');
    }
    let loss = out.mul(leaf(c.lossWeights[0]!)).sum();
    if (weights !== null) loss = loss.add(weights.mul(leaf(c.lossWeights[1]!)).sum());
    loss.backward();
    expectAllClose(values(query.grad!), c.queryGrad.values as number[], tol, 'query grad');
    if (c.keyGrad !== null) expectAllClose(values(key.grad!), c.keyGrad.values as number[], tol, 'key grad');
    if (c.valueGrad !== null) expectAllClose(values(value.grad!), c.valueGrad.values as number[], tol, 'value grad');
    const named = mha.namedParameters();
    c.paramGrads.forEach((g, i) => {
      expect(named[i]![0]).toBe(g.name);
      expectAllClose(values(named[i]![1].grad!), g.values as number[], tol, `${g.name} grad`);
    });
  });

  it('refuses bad shapes and options with PyTorch messages', () => {
    const message = (label: string): string => golden.errors.find((e) => e.label === label)!.message;
    const x = (...shape: number[]): Tensor => tensor(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_v, i) => Math.cos(i))).reshape(shape);
    const mha = new MultiheadAttention(4, 2);
    expect(() => mha.forward(x(3, 1, 4), x(3, 1, 4), x(3, 1, 4), { attnMask: x(2, 3) })).toThrow(message('mha 2d mask shape').replace('torch.Size([2, 3])', '[2, 3]'));
    expect(() => mha.forward(x(3, 1, 4), x(3, 1, 4), x(3, 1, 4), { attnMask: x(1, 3, 3) })).toThrow(message('mha 3d mask shape').replace('torch.Size([1, 3, 3])', '[1, 3, 3]'));
    expect(() => mha.forward(x(3, 1, 5), x(3, 1, 5), x(3, 1, 5))).toThrow(message('mha embed dim'));
    expect(() => new MultiheadAttention(10, 3)).toThrow('embed_dim must be divisible by num_heads, got embed_dim=10 and num_heads=3');
    expect(() => mha.forward(x(3, 4), x(3, 1, 4), x(3, 1, 4))).toThrow('For unbatched (2-D) `query`, expected `key` and `value` to be 2-D but found 3-D and 3-D tensors respectively');
  });
});
