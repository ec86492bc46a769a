/**
 * No GPU kernel drops a gradient. The list of methods comes from the dispatch tables themselves
 * (`gpuMethodNames()`), so a new kernel is covered the moment it is added: every name must have a
 * case below (run on a small float32 input requiring grad, weighted-summed, backward; the GPU
 * gradients must equal the CPU's and the GPU result must have a grad_fn whenever the CPU one does)
 * or sit in the commented exclusions, whose CPU results are checked to carry no gradient.
 */
import { describe, expect, it, vi } from 'vitest';
import { checkGradientCoverage, gpuMethodNames, GPU_COMPOSED, GPU_NON_DIFFERENTIABLE, registerRecordingClass, Tensor as BaseTensor } from '@descent/tensor';
import { noGrad, tensor, Tensor } from '../../src/index';
import { expectClose, hasGPU } from './gpu-device';

type Domain = 'real' | 'positive' | 'aboveOne';

/** Fixed non-differentiable operands (indices and masks), on the device of the run. */
interface Fixed {
  index: Tensor;
  rows: Tensor;
  mask: Tensor;
}

interface Case {
  /** What `run` is applied to: x and y leaves of shape [3, 4] in these domains (default real). */
  x?: Domain;
  y?: Domain;
  run: (x: Tensor, y: Tensor, k: Fixed) => Tensor;
  /** rtol, atol (default 1e-4, 1e-5). */
  tol?: readonly [number, number];
}

/** Distinct values in (−0.8, 0.8) away from 0 (no ties for max/min, no kinks for abs/relu at 0). */
function values(seed: number, domain: Domain): number[][] {
  const rows: number[][] = [];
  for (let r = 0; r < 3; r++) {
    const row: number[] = [];
    for (let c = 0; c < 4; c++) {
      const i = r * 4 + c;
      let v = (((i * seed) % 23) / 23) * 1.6 - 0.8;
      if (Math.abs(v) < 0.05) v += 0.1;
      row.push(domain === 'real' ? v : domain === 'positive' ? Math.abs(v) + 0.2 : Math.abs(v) + 1.2);
    }
    rows.push(row);
  }
  return rows;
}

const unary = (f: (x: Tensor) => Tensor, x: Domain = 'real', tol?: readonly [number, number]): Case => ({ x, run: (t) => f(t), tol });

/** One case per differentiable method with a GPU kernel. */
const CASES: Record<string, Case> = {
  add: { run: (x, y) => x.add(y).add(0.5) },
  sub: { run: (x, y) => x.sub(y) },
  mul: { run: (x, y) => x.mul(y).mul(3) },
  div: { y: 'positive', run: (x, y) => x.div(y).div(2) },
  pow: { x: 'positive', run: (x, y) => x.pow(y).add(x.pow(2)) },
  maximum: { run: (x, y) => x.maximum(y) },
  minimum: { run: (x, y) => x.minimum(y) },
  neg: unary((x) => x.neg()),
  abs: unary((x) => x.abs()),
  sign: unary((x) => x.sign()),
  square: unary((x) => x.square()),
  exp: unary((x) => x.exp()),
  log: unary((x) => x.log(), 'positive'),
  sqrt: unary((x) => x.sqrt(), 'positive'),
  rsqrt: unary((x) => x.rsqrt(), 'positive'),
  reciprocal: unary((x) => x.reciprocal(), 'positive'),
  // WGSL's sin and cos (the gradients' factors) may be 2⁻¹¹ off in absolute terms.
  sin: unary((x) => x.sin(), 'real', [1e-3, 5e-4]),
  cos: unary((x) => x.cos(), 'real', [1e-3, 5e-4]),
  tanh: unary((x) => x.tanh()),
  sigmoid: unary((x) => x.sigmoid()),
  relu: unary((x) => x.relu()),
  floor: unary((x) => x.floor()),
  ceil: unary((x) => x.ceil()),
  where: { run: (x, y, k) => x.where(k.mask, y) },
  maskedFill: { run: (x, _y, k) => x.maskedFill(k.mask, 0.5) },
  to: unary((x) => x.mul(2).to('float32')),
  add_: { run: (x, y) => x.mul(1).add_(y) },
  sub_: { run: (x, y) => x.mul(1).sub_(y) },
  mul_: { run: (x, y) => x.mul(1).mul_(y) },
  div_: { y: 'positive', run: (x, y) => x.mul(1).div_(y) },
  fill_: unary((x) => x.mul(2).fill_(0.5).mul(x)),
  zero_: unary((x) => x.mul(2).zero_().add(x.square())),
  copy_: { run: (x, y) => x.mul(2).copy_(y).mul(x) },
  maskedFill_: { run: (x, _y, k) => x.mul(1).maskedFill_(k.mask, 0.5) },
  relu_: unary((x) => x.mul(1).relu_()),
  neg_: unary((x) => x.mul(1).neg_()),
  sum: unary((x) => x.sum(1).add(x.sum()).add(x.sum([0, 1], true).sum())),
  mean: unary((x) => x.mean(0).add(x.mean())),
  max: unary((x) => x.max(1).values.add(x.max())),
  min: unary((x) => x.min(0).values.add(x.min())),
  amax: unary((x) => x.amax(1).add(x.amax())),
  amin: unary((x) => x.amin(0).add(x.amin())),
  softmax: unary((x) => x.softmax(1).add(x.softmax(0))),
  logSoftmax: unary((x) => x.logSoftmax(1).add(x.logSoftmax(0))),
  matmul: { run: (x, y) => x.matmul(y.t()).add(x.matmul(y.select(0, 1)).unsqueeze(1)) },
  mm: { run: (x, y) => x.mm(y.t()) },
  bmm: { run: (x, y) => x.unsqueeze(0).bmm(y.t().unsqueeze(0)) },
  gather: { run: (x, _y, k) => x.gather(1, k.index) },
  indexSelect: { run: (x, _y, k) => x.indexSelect(0, k.rows).add(x.indexSelect(1, k.rows).sum()) },
  // Strided input: a contiguous one is returned as itself (the leaf, no grad_fn on either device).
  contiguous: unary((x) => x.t().contiguous()),
  clone: unary((x) => x.clone()),
  flip: unary((x) => x.flip(0).add(x.flip([0, 1]))),
  log1p: unary((x) => x.log1p(), 'positive'),
  expm1: unary((x) => x.expm1()),
  erf: unary((x) => x.erf()),
  tan: unary((x) => x.tan(), 'real', [1e-3, 5e-4]),
  asin: unary((x) => x.asin()),
  acos: unary((x) => x.acos()),
  atan: unary((x) => x.atan()),
  sinh: unary((x) => x.sinh()),
  cosh: unary((x) => x.cosh()),
  asinh: unary((x) => x.asinh()),
  acosh: unary((x) => x.acosh(), 'aboveOne'),
  atanh: unary((x) => x.atanh()),
  exp2: unary((x) => x.exp2()),
  log2: unary((x) => x.log2(), 'positive'),
  log10: unary((x) => x.log10(), 'positive'),
  trunc: unary((x) => x.trunc()),
  round: unary((x) => x.round()),
  clamp: unary((x) => x.clamp(-0.3, 0.4).add(x.clamp(undefined, 0.1))),
  var: unary((x) => x.var(1).add(x.var())),
  std: unary((x) => x.std(0).add(x.std())),
  norm: unary((x) => x.norm().add(x.norm(1, 1).sum()).add(x.norm(3, 0).sum())),
};

/**
 * Methods with a GPU kernel that are not differentiable for float inputs, each checked below to give
 * a result without a gradient on the CPU too (the sync reads excepted: they throw on the GPU).
 */
const EXCLUDED: Record<string, string> = {
  eq: 'comparison: bool result',
  ne: 'comparison: bool result',
  lt: 'comparison: bool result',
  le: 'comparison: bool result',
  gt: 'comparison: bool result',
  ge: 'comparison: bool result',
  logicalAnd: 'bool result',
  logicalOr: 'bool result',
  logicalNot: 'bool result',
  argmax: 'index result',
  argmin: 'index result',
  any: 'bool result',
  all: 'bool result',
  item: 'synchronous read: throws on webgpu (itemAsync)',
  tolist: 'synchronous read: throws on webgpu (toArray)',
  toTypedArray: 'synchronous read: throws on webgpu (dataAsync)',
  dataSync: 'synchronous read: throws on webgpu (dataAsync)',
};

/** The non-differentiable exclusions, run on the CPU. */
const EXCLUDED_RUNS: Record<string, (x: Tensor, y: Tensor) => unknown> = {
  eq: (x, y) => x.eq(y),
  ne: (x, y) => x.ne(y),
  lt: (x, y) => x.lt(y),
  le: (x, y) => x.le(y),
  gt: (x, y) => x.gt(y),
  ge: (x, y) => x.ge(y),
  logicalAnd: (x, y) => x.logicalAnd(y),
  logicalOr: (x, y) => x.logicalOr(y),
  logicalNot: (x) => x.logicalNot(),
  argmax: (x) => x.argmax(1),
  argmin: (x) => x.argmin(),
  any: (x) => x.any(),
  all: (x) => x.all(1),
  item: (x) => x.sum().item(),
  tolist: (x) => x.tolist(),
  toTypedArray: (x) => x.toTypedArray(),
  dataSync: (x) => x.dataSync(),
};

function fixed(device: 'cpu' | 'webgpu'): Fixed {
  const on = (t: Tensor): Tensor => (device === 'cpu' ? t : t.to('webgpu'));
  return {
    index: on(tensor([[0, 3], [2, 2], [1, 0]], { dtype: 'int32' })),
    rows: on(tensor([2, 0, 2], { dtype: 'int32' })),
    mask: on(tensor([[true, false, false, true], [false, false, true, false], [true, true, false, false]])),
  };
}

/** A fixed weight of `shape` on the device of `like` (the loss is Σ w·out). */
function weight(like: Tensor): Tensor {
  const n = like.numel();
  const w = tensor(Array.from({ length: n }, (_, i) => 0.5 + ((i * 7) % 5) / 4)).reshape([...like.shape]);
  return like.device === 'cpu' ? w : w.to('webgpu');
}

interface Run {
  gradFn: string | null;
  grads: (Float32Array | null)[];
}

async function run(c: Case, device: 'cpu' | 'webgpu'): Promise<Run> {
  const leaf = (seed: number, domain: Domain): Tensor => {
    const t = tensor(values(seed, domain));
    return (device === 'cpu' ? t : t.to('webgpu')).requiresGrad_();
  };
  const x = leaf(37, c.x ?? 'real');
  const y = leaf(53, c.y ?? 'real');
  const out = c.run(x, y, fixed(device));
  expect(out.device).toBe(device);
  const gradFn = out.gradFn?.name ?? null;
  out.mul(weight(out)).sum().backward();
  const read = async (g: Tensor | null): Promise<Float32Array | null> => (g === null ? null : Float32Array.from(await g.dataAsync()));
  return { gradFn, grads: [await read(x.grad), await read(y.grad)] };
}

describe('every GPU kernel is covered', () => {
  const names = gpuMethodNames();

  it('each method of the dispatch tables has a gradient case or a commented exclusion, not both', () => {
    const unaccounted = names.filter((n) => !(n in CASES) && !(n in EXCLUDED));
    expect(unaccounted, 'GPU kernels with neither a gradient case nor an exclusion').toEqual([]);
    expect(names.filter((n) => n in CASES && n in EXCLUDED)).toEqual([]);
    // No stale entries: every case and exclusion names a kernel.
    expect([...Object.keys(CASES), ...Object.keys(EXCLUDED)].filter((n) => !names.includes(n))).toEqual([]);
    expect(Object.keys(EXCLUDED_RUNS).sort()).toEqual(Object.keys(EXCLUDED).sort());
  });

  it('autograd’s Tensor passes the install-time check against the real tables', () => {
    expect(() => checkGradientCoverage(names, Tensor)).not.toThrow();
    // Every kernel autograd inherits is declared (the check's premise, spelled out).
    const inherited = names.filter((n) => (Tensor.prototype as unknown as Record<string, unknown>)[n] === (BaseTensor.prototype as unknown as Record<string, unknown>)[n]);
    expect(inherited.filter((n) => !GPU_NON_DIFFERENTIABLE.has(n) && !GPU_COMPOSED.has(n))).toEqual([]);
  });

  it('the check throws, naming the method, for a kernel autograd inherits without a declaration', () => {
    expect(() => checkGradientCoverage([...names, 'fakeFusedKernel'], Tensor)).toThrow(/^fakeFusedKernel\(\) has a direct webgpu kernel but Tensor does not override it/);
    // A real inherited method that is neither composed nor non-differentiable (isnan has no kernel today).
    expect(() => checkGradientCoverage(['add', 'isnan'], Tensor)).toThrow(/^isnan\(\) has a direct webgpu kernel but Tensor does not override it, so on the GPU it would skip Tensor's graph recording and drop the gradient/);
  });

  it.each(Object.keys(EXCLUDED))('%s: excluded as non-differentiable; its CPU result carries no gradient', (name) => {
    const x = tensor(values(37, 'real'), { requiresGrad: true });
    const y = tensor(values(53, 'real'), { requiresGrad: true });
    const out = (EXCLUDED_RUNS[name] as (x: Tensor, y: Tensor) => unknown)(x, y);
    if (out instanceof Tensor) {
      expect(out.requiresGrad).toBe(false);
      expect(out.gradFn).toBeNull();
    } else expect(out instanceof BaseTensor).toBe(false);
  });
});

describe.runIf(hasGPU)('GPU gradients equal the CPU gradients for every differentiable kernel', () => {
  it.each(Object.keys(CASES))('%s', async (name) => {
    const c = CASES[name] as Case;
    const cpu = await run(c, 'cpu');
    const gpu = await run(c, 'webgpu');
    expect(cpu.gradFn, 'the CPU result records a node').not.toBeNull();
    expect(gpu.gradFn, 'the GPU result records the same node').toBe(cpu.gradFn);
    const [rtol, atol] = c.tol ?? [1e-4, 1e-5];
    for (const [i, g] of cpu.grads.entries()) {
      const h = gpu.grads[i] ?? null;
      expect(h === null, `${'xy'[i]}.grad is null on the GPU iff on the CPU`).toBe(g === null);
      if (g !== null && h !== null) expectClose(h, g, rtol, atol, `${name}: ${'xy'[i]}.grad`);
    }
  });

  // Methods autograd inherits that have no kernel: the dispatch runs their composing body on every device.
  const AGNOSTIC: Record<string, Case> = {
    clip: unary((x) => x.clip(-0.3, 0.4)),
    flatten: unary((x) => x.flatten().mul(2)),
    unflatten: unary((x) => x.unflatten(1, [2, 2]).mul(2)),
    split: unary((x) => (x.split(3, 1)[1] as Tensor).mul(2)),
    chunk: unary((x) => (x.chunk(2, 0)[1] as Tensor).mul(2)),
    unbind: unary((x) => (x.unbind(1)[2] as Tensor).mul(2)),
    expandAs: unary((x) => x.select(0, 1).expandAs(x)),
  };
  it.each(Object.keys(AGNOSTIC))('%s (inherited, no kernel: its composing body) keeps its gradient too', async (name) => {
    const c = AGNOSTIC[name] as Case;
    const cpu = await run(c, 'cpu');
    const gpu = await run(c, 'webgpu');
    expect(cpu.gradFn).not.toBeNull();
    expect(gpu.gradFn).toBe(cpu.gradFn);
    expectClose(gpu.grads[0] as Float32Array, cpu.grads[0] as Float32Array, 1e-6, 1e-7, `${name}: x.grad`);
  });

  it('square and contiguous run their direct kernels when no graph is needed, and record nothing', async () => {
    const x = tensor(values(37, 'real')).to('webgpu');
    const w = tensor(values(37, 'real')).to('webgpu').requiresGrad_();
    for (const out of [x.square(), x.t().contiguous(), noGrad(() => w.square()), noGrad(() => w.t().contiguous())]) {
      expect(out.gradFn).toBeNull();
      expect(out.requiresGrad).toBe(false);
    }
    // The composing methods (autograd's mul and clone) run only when a graph is needed.
    const mul = vi.spyOn(Tensor.prototype, 'mul');
    const clone = vi.spyOn(Tensor.prototype, 'clone');
    try {
      noGrad(() => [w.square(), w.t().contiguous()]);
      x.square();
      x.t().contiguous();
      expect([mul.mock.calls.length, clone.mock.calls.length]).toEqual([0, 0]);
      expect(w.square().gradFn?.name).toBe('MulBackward0');
      expect(w.t().contiguous().gradFn?.name).toBe('CloneBackward0');
      expect([mul.mock.calls.length, clone.mock.calls.length]).toEqual([1, 1]);
    } finally {
      mul.mockRestore();
      clone.mockRestore();
    }
    const xs = values(37, 'real').flat();
    expectClose(await x.square().dataAsync(), xs.map((v) => Math.fround(v) * Math.fround(v)), 1e-7, 0, 'square');
    expectClose(await x.t().contiguous().dataAsync(), [0, 1, 2, 3].flatMap((c) => [0, 1, 2].map((r) => Math.fround(xs[r * 4 + c] as number))), 0, 0, 'contiguous');
  });

  it('a recording class that inherits a kernel throws when it registers after the dispatch is installed, naming the method', () => {
    expect(tensor([1]).to('webgpu').device).toBe('webgpu');
    class Inheriting extends BaseTensor {}
    expect(() => registerRecordingClass({ cls: Inheriting, needsGraph: () => true })).toThrow(/^add\(\) has a direct webgpu kernel but Inheriting does not override it/);
  });
});
