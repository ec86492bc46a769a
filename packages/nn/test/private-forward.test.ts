import { describe, expect, it } from 'vitest';
import { Generator, gradOf, noGrad, randn, tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { installAllocCounter } from '../../optim/test/alloc-counter';
import { watchStorageBirths } from '@descent/tensor';
import { AdaptiveAvgPool2d, AvgPool2d, BatchNorm1d, Conv2d, CrossEntropyLoss, Dropout, ELU, Flatten, GELU, GroupNorm, Hardswish, LayerNorm, MaxPool2d, LeakyReLU, Linear, Mish, Module, ModuleList, ReLU, RMSNorm, Sequential, Sigmoid, SiLU, Softplus, Tanh, functional as F } from '../src/index';

/**
 * Issue #23: the intermediates of a built-in forward (Sequential over built-in layers, cross
 * entropy) go back to the storage pools once a plain backward has used them; what the forward
 * returned, what a user's layer saw, and everything under other kinds of passes is left alone.
 */

/** The same layers driven by a user's module: no episode, nothing recycled (the reference). */
class ByHand extends Module {
  readonly layers: ModuleList;
  constructor(layers: Module[]) {
    super();
    this.layers = new ModuleList(layers);
  }
  override forward(x: Tensor): Tensor {
    let out = x;
    for (const layer of this.layers) out = layer.forward(out) as Tensor;
    return out;
  }
}

/** A user's subclass of a built-in layer that keeps its inputs: not built-in any more. */
class KeepingLinear extends Linear {
  readonly seen: Tensor[] = [];
  override forward(x: Tensor): Tensor {
    this.seen.push(x);
    return super.forward(x);
  }
}

/** Records every input it sees (a user's layer that keeps references). */
class Keeper extends Module {
  readonly seen: Tensor[] = [];
  override forward(x: Tensor): Tensor {
    this.seen.push(x);
    return x.mul(1);
  }
}

function layers(seed: number): Module[] {
  const generator = new Generator().manualSeed(seed);
  return [new Linear(12, 16, { generator }), new Tanh(), new Linear(16, 16, { generator }), new GELU(), new LeakyReLU(0.1), new Linear(16, 16, { generator }), new Sigmoid(), new Linear(16, 5, { generator }), new ReLU()];
}

function data(): { x: Tensor; labels: Tensor } {
  const generator = new Generator().manualSeed(7);
  return { x: randn([24, 12], { generator }), labels: tensor(Array.from({ length: 24 }, (_, i) => (i * 7) % 5), { dtype: 'int32' }) };
}

/** Runs `fn` with episodes off: a birth watcher already running makes `privateForward` just call its body. */
function noEpisodeRun<T>(fn: () => T): T {
  const previous = watchStorageBirths(() => {});
  try {
    return fn();
  } finally {
    watchStorageBirths(previous);
  }
}

/** p ← p − lr·∇p for every parameter (@descent/nn cannot depend on @descent/optim, which sits above it). */
function sgdStep(model: Module, lr: number): void {
  noGrad(() => {
    for (const p of model.parameters()) {
      // In place on the gradient (dropped next step), so the step itself allocates nothing.
      const g = gradOf(p);
      if (g !== null) p.sub_(g.mul_(lr));
    }
  });
}

/** Loss per step and the final parameters of `steps` SGD steps of `model`. */
function train(model: Module, steps: number): { losses: number[]; params: number[][] } {
  const { x, labels } = data();
  const lossFn = new CrossEntropyLoss();
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    model.zeroGrad();
    const loss = lossFn.forward(model.forward(x), labels);
    loss.backward();
    sgdStep(model, 0.5);
    losses.push(loss.item());
  }
  return { losses, params: model.parameters().map((p) => Array.from(p.toTypedArray())) };
}

describe('built-in forwards recycle their intermediates (issue #23)', () => {
  it('trains bit for bit as the same layers driven by a user module, which recycles nothing', () => {
    const recycled = train(new Sequential(...layers(3)), 60);
    const reference = train(new ByHand(layers(3)), 60);
    expect(recycled.losses).toEqual(reference.losses);
    expect(recycled.params).toEqual(reference.params);
    expect(reference.losses.at(-1)).toBeLessThan(reference.losses[0]!);
  });

  it('a small convnet trains bit for bit as the same layers driven by a user module', () => {
    const convnet = (): Module[] => {
      const generator = new Generator().manualSeed(11);
      return [new Conv2d(1, 4, 3, { padding: 1, generator }), new ReLU(), new MaxPool2d(2), new Conv2d(4, 6, 3, { generator }), new Tanh(), new AvgPool2d(2), new AdaptiveAvgPool2d(1), new Flatten(), new Linear(6, 5, { generator })];
    };
    const run = (model: Module): number[] => {
      const x = randn([8, 1, 10, 10], { generator: new Generator().manualSeed(2) });
      const labels = tensor([0, 1, 2, 3, 4, 0, 1, 2], { dtype: 'int32' });
      const losses: number[] = [];
      for (let i = 0; i < 25; i++) {
        model.zeroGrad();
        const loss = F.crossEntropy(model.forward(x), labels);
        loss.backward();
        sgdStep(model, 0.3);
        losses.push(loss.item());
      }
      return [...losses, ...model.parameters().flatMap((p) => Array.from(p.toTypedArray()))];
    };
    const recycled = run(new Sequential(...convnet()));
    const reference = run(new ByHand(convnet()));
    expect(recycled).toEqual(reference);
    expect(reference[24]).toBeLessThan(reference[0]!);
  });

  it('an MSE regression trains bit for bit as the same layers and loss written by hand, allocating only its results', () => {
    const regression = (): Module[] => {
      const generator = new Generator().manualSeed(4);
      return [new Linear(12, 16, { generator }), new Tanh(), new Linear(16, 3, { generator })];
    };
    const { x } = data();
    const y = randn([24, 3], { generator: new Generator().manualSeed(9) });
    const run = (model: Module, loss: (out: Tensor) => Tensor, steps: number): { losses: number[]; bytes: number } => {
      const counter = installAllocCounter();
      const losses: number[] = [];
      for (let i = 0; i < steps; i++) {
        if (i === 10) counter.reset();
        model.zeroGrad();
        const l = loss(model.forward(x));
        l.backward();
        sgdStep(model, 0.05);
        losses.push(l.item());
      }
      return { losses: [...losses, ...model.parameters().flatMap((p) => Array.from(p.toTypedArray()))], bytes: counter.read().bytes / (steps - 10) };
    };
    const recycled = run(new Sequential(...regression()), (out) => F.mseLoss(out, y), 40);
    const reference = run(new ByHand(regression()), (out) => {
      const d = out.sub(y);
      return d.mul(d).mean();
    }, 40);
    expect(recycled.losses).toEqual(reference.losses);
    expect(reference.losses[39]).toBeLessThan(reference.losses[0]!);
    // A step leaves the output [24, 3] (288 bytes) and the loss (4); backward's seed goes back
    // with the pass's gradients. The reference also leaves the hidden activations, the
    // difference and its square.
    expect(recycled.bytes).toBe(288 + 4);
    expect(reference.bytes).toBeGreaterThan(recycled.bytes + 2 * 24 * 16 * 4);
  });

  it('normalizations, dropout, the activation zoo and every other loss train bit for bit as with no episode, leaving only output and loss', () => {
    const zoo = (): Module[] => {
      const generator = new Generator().manualSeed(5);
      return [
        new Linear(12, 16, { generator }), new LayerNorm(16), new SiLU(), new Dropout(0.25, { generator: new Generator().manualSeed(6) }),
        new Linear(16, 16, { generator }), new BatchNorm1d(16), new Mish(), new RMSNorm(16), new Softplus({ beta: 2 }),
        new Linear(16, 16, { generator }), new GroupNorm(4, 16), new Hardswish(), new ELU(), new Linear(16, 3, { generator }),
      ];
    };
    const x = randn([24, 12], { generator: new Generator().manualSeed(9) });
    const y = randn([24, 3], { generator: new Generator().manualSeed(10) });
    const labels = y.gt(0).to('float32');
    const [w1, w2, pos] = [tensor([1, 2, 0.5]), tensor([1, 0.5, 2]), tensor([3, 1, 0.5])];
    const losses: Record<string, (out: Tensor) => Tensor> = {
      l1: (out) => F.l1Loss(out, y),
      smoothL1: (out) => F.smoothL1Loss(out, y, { beta: 0.5 }),
      smoothL1Beta0: (out) => F.smoothL1Loss(out, y, { beta: 0 }),
      // Unreduced: the per-element losses are the result, so they escape, and the mean is the user's.
      huberNone: (out) => F.huberLoss(out, y, { reduction: 'none' }).mean(),
      huber: (out) => F.huberLoss(out, y, { delta: 0.7 }),
      bce: (out) => F.binaryCrossEntropy(out.sigmoid(), labels, { weight: w1 }),
      bceWithLogits: (out) => F.binaryCrossEntropyWithLogits(out, labels, { posWeight: pos, weight: w2 }),
    };
    const run = (model: Module, loss: (out: Tensor) => Tensor, episodes: boolean): { trace: number[]; bytes: number } => {
      const counter = installAllocCounter();
      const trace: number[] = [];
      for (let i = 0; i < 30; i++) {
        if (i === 10) counter.reset();
        model.zeroGrad();
        const l = episodes ? loss(model.forward(x)) : noEpisodeRun(() => loss(model.forward(x)));
        l.backward();
        sgdStep(model, 0.05);
        trace.push(l.item());
      }
      const bytes = counter.read().bytes / 20;
      return { trace: [...trace, ...model.parameters().flatMap((p) => Array.from(p.toTypedArray())), ...model.buffers().flatMap((b) => Array.from(b.toTypedArray()))], bytes };
    };
    for (const [name, loss] of Object.entries(losses)) {
      const recycled = run(new Sequential(...zoo()), loss, true);
      const reference = run(new Sequential(...zoo()), loss, false);
      expect({ name, trace: recycled.trace }).toEqual({ name, trace: reference.trace });
      expect(reference.trace[29]).toBeLessThan(reference.trace[0]!);
      // What a step leaves: the output [24, 3] (288 bytes) and the loss (4), plus the sigmoid the
      // BCE case computes outside the loss, or the unreduced losses (288 each). Without episodes
      // every intermediate is left too.
      expect({ name, bytes: recycled.bytes }).toEqual({ name, bytes: 288 + 4 + (name === 'bce' || name === 'huberNone' ? 288 : 0) });
      expect(reference.bytes).toBeGreaterThan(recycled.bytes + 10 * 24 * 16 * 4);
    }
  });

  it("attention in a user's module trains bit for bit as with no episode, and leaves only what it returns", () => {
    class Attention extends Module {
      readonly q: Linear;
      readonly k: Linear;
      readonly v: Linear;
      readonly out: Linear;
      constructor() {
        super();
        const generator = new Generator().manualSeed(12);
        [this.q, this.k, this.v, this.out] = [0, 1, 2, 3].map(() => new Linear(8, 8, { generator })) as [Linear, Linear, Linear, Linear];
      }
      override forward(x: Tensor): Tensor {
        const a = F.scaledDotProductAttention(this.q.forward(x), this.k.forward(x), this.v.forward(x), { isCausal: true, dropoutP: 0.1, generator: this.dropGen });
        return this.out.forward(a);
      }
      readonly dropGen = new Generator().manualSeed(13);
    }
    const x = randn([2, 6, 8], { generator: new Generator().manualSeed(14) });
    const y = randn([2, 6, 8], { generator: new Generator().manualSeed(15) });
    const run = (episodes: boolean): { trace: number[]; bytes: number } => {
      const model = new Attention();
      const counter = installAllocCounter();
      const trace: number[] = [];
      for (let i = 0; i < 30; i++) {
        if (i === 10) counter.reset();
        model.zeroGrad();
        const step = (): Tensor => F.mseLoss(model.forward(x), y);
        const l = episodes ? step() : noEpisodeRun(step);
        l.backward();
        sgdStep(model, 0.05);
        trace.push(l.item());
      }
      return { trace: [...trace, ...model.parameters().flatMap((p) => Array.from(p.toTypedArray()))], bytes: counter.read().bytes / 20 };
    };
    const recycled = run(true);
    const reference = run(false);
    expect(recycled.trace).toEqual(reference.trace);
    expect(reference.trace[29]).toBeLessThan(reference.trace[0]!);
    // Left a step: the four projections' outputs and the attention's result (5 × 2 × 6 × 8 × 4 =
    // 1,920 bytes), and the loss (4). The scores, the causal mask, the weights and the dropout mask
    // ([2, 6, 6] each) go back to the pools.
    expect(recycled.bytes).toBe(5 * 2 * 6 * 8 * 4 + 4);
    expect(reference.bytes).toBeGreaterThan(recycled.bytes + 4 * 2 * 6 * 6 * 4);
  });

  it('after warm-up a step allocates only what the forward and the loss return (5 intermediates recycled)', () => {
    const counter = installAllocCounter();
    const model = new Sequential(new Linear(12, 32), new ReLU(), new Linear(32, 5));
    const { x, labels } = data();
    const lossFn = new CrossEntropyLoss();
    const step = (): void => {
      model.zeroGrad();
      lossFn.forward(model.forward(x), labels).backward();
      sgdStep(model, 0.1);
    };
    for (let i = 0; i < 20; i++) step();
    counter.reset();
    const steps = 200;
    for (let i = 0; i < steps; i++) step();
    const { bytes, buffers } = counter.read();
    // What escapes each step: the logits [24, 5] float32 (480 bytes) and the 0-d loss (4 bytes).
    // The hidden [24, 32] activations (3,072 bytes each, twice), the log-probabilities, cross
    // entropy's masks and backward's seed of ones all come back from the pools.
    expect(bytes / steps).toBe(480 + 4);
    expect(buffers / steps).toBe(2);
  });

  it('keeps what the forward returned, also as a view, and what a user layer inside it kept', () => {
    const keeper = new Keeper();
    // Flatten(0) returns a view of the last ReLU's output: its storage is the ReLU's.
    const keepingLinear = new KeepingLinear(8, 3);
    const model = new Sequential(new Linear(12, 8), new ReLU(), keeper, new Tanh(), keepingLinear, new ReLU(), new Flatten(0));
    const { x } = data();
    const out = model.forward(x);
    expect(out.shape).toEqual([72]);
    const expectedOut = Array.from(out.toTypedArray());
    const seen = keeper.seen[0]!;
    const expectedSeen = Array.from(seen.toTypedArray());
    const seenBySubclass = keepingLinear.seen[0]!;
    const expectedBySubclass = Array.from(seenBySubclass.toTypedArray());
    out.sum().backward();
    // Allocate the same sizes again: a recycled array would now hold other values.
    for (let i = 0; i < 3; i++) model.forward(x.mul(2)).sum().backward();
    expect(Array.from(out.toTypedArray())).toEqual(expectedOut);
    expect(Array.from(seen.toTypedArray())).toEqual(expectedSeen);
    expect(Array.from(seenBySubclass.toTypedArray())).toEqual(expectedBySubclass);
  });

  it('recycles the intermediates of a forward under noGrad when it returns', () => {
    const model = new Sequential(new Linear(12, 64), new ReLU(), new Linear(64, 64), new Tanh(), new Linear(64, 2));
    const { x } = data();
    const counter = installAllocCounter();
    noGrad(() => model.forward(x));
    counter.reset();
    const first = noGrad(() => model.forward(x));
    for (let i = 0; i < 10; i++) noGrad(() => model.forward(x.mul(i)));
    // At most the returned [24, 2] float32 outputs and the inputs x·i are new (fewer when the
    // pools already hold arrays of their sizes); the [24, 64] intermediates (6,144 bytes each,
    // four a call) come back from the pools.
    expect(counter.read().bytes).toBeLessThanOrEqual(11 * 24 * 2 * 4 + 10 * 24 * 12 * 4);
    const again = noGrad(() => model.forward(x));
    expect(Array.from(first.toTypedArray())).toEqual(Array.from(again.toTypedArray()));
  });

  /**
   * Gradients after: a backward that keeps the graph, other steps, a second backward through it;
   * then a gradient built with createGraph, other steps, and the gradient penalty's backward, which
   * reads the forward's saved tensors again (through the forward's graph and the one createGraph built).
   */
  function keptGraphs(model: Module): number[][] {
    const { x } = data();
    const w = model.parameters()[0]!;
    const clear = (): void => {
      for (const p of model.parameters()) p.grad = null;
    };
    const others = (): void => {
      for (let i = 0; i < 3; i++) model.forward(x.mul(3 + i)).sum().backward();
      clear();
    };
    const y = model.forward(x).sum();
    y.backward(null, { retainGraph: true });
    const first = Array.from(gradOf(w)!.toTypedArray());
    clear();
    others();
    y.backward();
    const second = Array.from(gradOf(w)!.toTypedArray());
    clear();
    const z = model.forward(x).sum();
    z.backward(null, { createGraph: true });
    const g = w.grad!;
    const penalty = g.mul(g).sum();
    clear();
    others();
    penalty.backward();
    return [first, second, Array.from(w.grad!.toTypedArray())];
  }

  it('recycles nothing while the graph is kept (retainGraph) or differentiated again (createGraph)', () => {
    const recycled = keptGraphs(new Sequential(...layers(5)));
    const reference = keptGraphs(new ByHand(layers(5)));
    expect(recycled).toEqual(reference);
    expect(reference[1]).toEqual(reference[0]);
  });

  it('crossEntropy alone recycles its log-probabilities, and its result stays valid', () => {
    const { labels } = data();
    const logits = randn([24, 5], { generator: new Generator().manualSeed(1), requiresGrad: true });
    const loss = F.crossEntropy(logits, labels);
    const value = loss.item();
    loss.backward();
    const grad = Array.from(logits.grad!.toTypedArray());
    for (let i = 0; i < 3; i++) F.crossEntropy(logits.mul(2), labels).backward();
    expect(loss.item()).toBe(value);
    // ∂/∂logits of the mean cross entropy: (softmax − onehot) / N, checked in float64.
    const l = Array.from(logits.toTypedArray());
    for (let r = 0; r < 24; r++) {
      const row = l.slice(r * 5, r * 5 + 5);
      const m = Math.max(...row);
      const e = row.map((v) => Math.exp(v - m));
      const s = e.reduce((a, b) => a + b, 0);
      for (let c = 0; c < 5; c++) {
        const want = (e[c]! / s - (c === (r * 7) % 5 ? 1 : 0)) / 24;
        expect(grad[r * 5 + c]).toBeCloseTo(want, 6);
      }
    }
  });
});
