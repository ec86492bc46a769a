import { tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
import {
  ASGD,
  Adadelta,
  Adagrad,
  Adam,
  AdamW,
  Adamax,
  LBFGS,
  Lion,
  NAdam,
  RAdam,
  RMSprop,
  Rprop,
  SGD,
} from '../src/index';
import type { OptimizerLike } from '../src/index';

// Expected texts: PyTorch 1.13's messages (torch/optim/*.py) with our values, printed as Python does.
describe('validation worded as PyTorch', () => {
  const p = (): Tensor => tensor([1], { requiresGrad: true });
  it.each([
    [() => new SGD([p()], { lr: -1 }), RangeError, 'Invalid learning rate: -1'],
    [() => new SGD([p()], { lr: 0.1, momentum: -0.5 }), RangeError, 'Invalid momentum value: -0.5'],
    [
      () => new SGD([p()], { lr: 0.1, nesterov: true }),
      RangeError,
      'Nesterov momentum requires a momentum and zero dampening',
    ],
    // betas are floats in PyTorch's signature, so 1 prints as Python prints 1.0.
    [
      () => new Adam([p()], { betas: [1, 0.999] }),
      RangeError,
      'Invalid beta parameter at index 0: 1.0',
    ],
    [() => new NAdam([p()], { betas: [0.9, 1] }), RangeError, 'Invalid beta parameter at index 1: 1.0'],
    [() => new Lion([p()], { betas: [-1, 0.99] }), RangeError, 'Invalid beta parameter at index 0: -1.0'],
    [() => new RMSprop([p()], { eps: -1e-8 }), RangeError, 'Invalid epsilon value: -1e-08'],
    [() => new Adagrad([p()], { eps: -1e-10 }), RangeError, 'Invalid epsilon value: -1e-10'],
    [() => new Adadelta([p()], { lr: -0.5 }), RangeError, 'Invalid learning rate: -0.5'],
    [() => new LBFGS([p()], { lr: -1 }), RangeError, 'Invalid learning rate: -1'],
    [() => new Adam([p()], { eps: -1e-8 }), RangeError, 'Invalid epsilon value: -1e-08'],
    [() => new AdamW([p()], { weightDecay: -1 }), RangeError, 'Invalid weight_decay value: -1'],
    [() => new Adagrad([p()], { lrDecay: -1 }), RangeError, 'Invalid lr_decay value: -1'],
    [
      () => new Adagrad([p()], { initialAccumulatorValue: -1 }),
      RangeError,
      'Invalid initial_accumulator_value value: -1',
    ],
    [() => new Adadelta([p()], { rho: 1.1 }), RangeError, 'Invalid rho value: 1.1'],
    [() => new RMSprop([p()], { alpha: -1 }), RangeError, 'Invalid alpha value: -1'],
    [() => new NAdam([p()], { momentumDecay: -1 }), RangeError, 'Invalid momentum_decay value: -1'],
    [() => new Rprop([p()], { etas: [1.2, 0.5] }), RangeError, 'Invalid eta values: 1.2, 0.5'],
    [() => new SGD([], { lr: 0.1 }), RangeError, 'optimizer got an empty parameter list'],
    [
      () => new SGD([p()], { lr: 0.1, weightDecay: -1 }),
      RangeError,
      'Invalid weight_decay value: -1',
    ],
    [
      () => new Adam([p()], { betas: [0.9, -0.1] }),
      RangeError,
      'Invalid beta parameter at index 1: -0.1',
    ],
    [() => new RMSprop([p()], { momentum: -0.5 }), RangeError, 'Invalid momentum value: -0.5'],
    [() => new Adamax([p()], { lr: -1e-5 }), RangeError, 'Invalid learning rate: -1e-05'],
    [() => new Rprop([p()], { etas: [0.5, 0.9] }), RangeError, 'Invalid eta values: 0.5, 0.9'],
    [() => new RAdam([p()], { eps: -1 }), RangeError, 'Invalid epsilon value: -1'],
    [() => new ASGD([p()], { weightDecay: -2 }), RangeError, 'Invalid weight_decay value: -2'],
  ])('%#: %s', (fn, cls, message) => {
    expect(fn).toThrow(new cls(message));
  });

  it('rejects a parameter in two groups, and a Set', () => {
    const a = p();
    expect(() => new SGD([{ params: [a] }, { params: [a] }], { lr: 0.1 })).toThrow(
      new Error('some parameters appear in more than one parameter group'),
    );
    const opt = new SGD([a], { lr: 0.1 });
    expect(() => opt.addParamGroup({ params: [a] })).toThrow(
      new Error('some parameters appear in more than one parameter group'),
    );
    expect(opt.paramGroups).toHaveLength(1);
    expect(() => new SGD(new Set([p()]), { lr: 0.1 })).toThrow(
      new TypeError(
        'params argument given to the optimizer should be an iterable of Tensors or dicts, but got Set (its order is not stable)',
      ),
    );
    expect(() => new SGD([{ params: new Set([p()]) }], { lr: 0.1 })).toThrow(
      new TypeError(
        'optimizer parameters need to be organized in ordered collections, but the ordering of tensors in sets will change between runs. Please use a list instead.',
      ),
    );
    expect(() => new SGD([p(), 3 as unknown as Tensor], { lr: 0.1 })).toThrow(
      new TypeError('optimizer can only optimize Tensors, but one of the params is number'),
    );
  });

  it('leaves the optimizer unchanged when addParamGroup fails', () => {
    const a = p();
    const opt = new SGD([a], { lr: 0.1 });
    expect(() => opt.addParamGroup({ params: [p(), a] })).toThrow(Error);
    expect(() => opt.addParamGroup({ params: [] })).not.toThrow(); // PyTorch allows an empty extra group
    expect(opt.paramGroups.map((g) => g.params.length)).toEqual([1, 0]);
  });

  it("fills group options from the defaults without touching the caller's objects", () => {
    const group = { params: [p()], lr: 0.5 };
    const opt = new SGD([group, { params: [p()] }], { lr: 0.1, momentum: 0.9 });
    expect(opt.paramGroups.map((g) => [g.lr, g.momentum, g.dampening])).toEqual([
      [0.5, 0.9, 0],
      [0.1, 0.9, 0],
    ]);
    opt.paramGroups[0]!.lr = 7;
    expect(group).toEqual({ params: group.params, lr: 0.5 });
    expect(opt.paramGroups[0]!.params).not.toBe(group.params);
  });
});

describe('group options', () => {
  const p = (): Tensor => tensor([1], { requiresGrad: true });

  // PyTorch 1.13 checks only the constructor's options; a bad group option is the same mistake, so
  // it gets the same message here, and nothing is added.
  it.each([
    ['SGD lr', () => new SGD([{ params: [p()], lr: -1 }], { lr: 0.1 }), 'Invalid learning rate: -1'],
    ['SGD momentum', () => new SGD([{ params: [p()], momentum: -0.9 }], { lr: 0.1 }), 'Invalid momentum value: -0.9'],
    [
      'Adam betas',
      () => new Adam([{ params: [p()] }, { params: [p()], betas: [0.9, 1] }]),
      'Invalid beta parameter at index 1: 1.0',
    ],
    ['AdamW eps', () => new AdamW([{ params: [p()], eps: -1 }]), 'Invalid epsilon value: -1'],
    ['Adadelta rho', () => new Adadelta([{ params: [p()], rho: 2 }]), 'Invalid rho value: 2'],
    ['Rprop etas', () => new Rprop([{ params: [p()], etas: [0.5, 1] }]), 'Invalid eta values: 0.5, 1'],
    ['ASGD weight decay', () => new ASGD([{ params: [p()], weightDecay: -1 }]), 'Invalid weight_decay value: -1'],
  ] as const)('%s is checked per group', (_n, make, message) => {
    expect(make).toThrow(new RangeError(message));
  });

  it('checks Nesterov only on the constructor options, as PyTorch: a group may turn momentum off', () => {
    const w = tensor([1], { dtype: 'float64', requiresGrad: true });
    const opt = new SGD([{ params: [w], momentum: 0 }], { lr: 0.1, momentum: 0.9, nesterov: true });
    w.grad = tensor([2], { dtype: 'float64' });
    opt.step();
    opt.step();
    expect(w.item()).toBeCloseTo(1 - 2 * 0.1 * 2, 15); // plain SGD steps: no buffer in that group
    expect(opt.state.get(w)?.momentumBuffer).toBeNull();
  });

  it('checks a group added later and leaves the optimizer as it was', () => {
    const opt = new RMSprop([p()]);
    expect(() => opt.addParamGroup({ params: [p()], alpha: -0.1 })).toThrow(
      new RangeError('Invalid alpha value: -0.1'),
    );
    expect(opt.paramGroups).toHaveLength(1);
  });

  it('takes an undefined option as "not given", in the constructor and in groups', () => {
    const opt = new Adam([{ params: [p()], lr: undefined }, { params: [p()], eps: 1e-6 }], {
      lr: undefined,
      betas: undefined,
    });
    expect(opt.paramGroups.map((g) => [g.lr, g.betas, g.eps])).toEqual([
      [1e-3, [0.9, 0.999], 1e-8],
      [1e-3, [0.9, 0.999], 1e-6],
    ]);
    expect(new LBFGS([p()], { maxIter: 8, maxEval: null }).paramGroups[0]?.maxEval).toBe(10);
  });

  it('gives each group its own copy of pair options', () => {
    const betas: [number, number] = [0.8, 0.9];
    const opt = new Adam([{ params: [p()] }, { params: [p()] }], { betas });
    (opt.paramGroups[0]?.betas as number[])[0] = 0.5;
    expect(opt.paramGroups[1]?.betas).toEqual([0.8, 0.9]);
    expect(betas).toEqual([0.8, 0.9]);
  });

  it('refuses an option the optimizer does not have, as Python refuses an unexpected keyword', () => {
    // PyTorch 1.13's NAdam has no maximize (2.0 added it); a snake_case name is a likely port slip.
    expect(() => new NAdam([p()], { maximize: true } as never)).toThrow(
      new TypeError('NAdam: unknown option maximize; the options are lr, betas, eps, weightDecay, momentumDecay'),
    );
    expect(() => new Adam([p()], { weight_decay: 0.1 } as never)).toThrow(
      new TypeError(
        'Adam: unknown option weight_decay (did you mean weightDecay? options are camelCase); the options are lr, betas, eps, weightDecay, amsgrad, maximize',
      ),
    );
    // Groups may carry keys of their own (PyTorch's param-group dicts do), e.g. a name.
    const opt = new Adam([{ params: [p()], name: 'head' } as never]);
    expect(opt.paramGroups[0]?.name).toBe('head');
  });

  it("needs SGD's lr in every group when the constructor gives none, as PyTorch's `required`", () => {
    const options = {} as { lr: number };
    expect(() => new SGD([p()], options)).toThrow(
      new Error("parameter group didn't specify a value of required optimization parameter lr"),
    );
    const opt = new SGD([{ params: [p()], lr: 0.3 }], options);
    expect(opt.paramGroups[0]?.lr).toBe(0.3);
  });

  it('refuses a parameter twice in one group (PyTorch 1.13 warns, then steps it twice)', () => {
    const a = p();
    const message = 'optimizer contains a parameter group with duplicate parameters';
    expect(() => new SGD([a, a], { lr: 0.1 })).toThrow(new Error(message));
    const opt = new SGD([p()], { lr: 0.1 });
    expect(() => opt.addParamGroup({ params: [a, a] })).toThrow(new Error(message));
    expect(opt.paramGroups).toHaveLength(1);
  });

  it('LBFGS refuses a second group, at construction and later', () => {
    const message = "LBFGS doesn't support per-parameter options (parameter groups)";
    expect(() => new LBFGS([{ params: [p()] }, { params: [p()] }])).toThrow(new RangeError(message));
    const opt: OptimizerLike & LBFGS = new LBFGS([p()]);
    expect(() => opt.addParamGroup({ params: [p()] })).toThrow(new RangeError(message));
    expect(opt.paramGroups).toHaveLength(1);
  });
});

describe('defaults', () => {
  // PyTorch 1.13's `optimizer.defaults` (printed by torch, camelCased; foreach/differentiable/
  // capturable/fused left out), with SGD given lr 0.1 since it has none.
  const p = (): Tensor => tensor([1], { requiresGrad: true });
  it.each([
    ['SGD', () => new SGD([p()], { lr: 0.1 }), { lr: 0.1, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false }],
    ['Adagrad', () => new Adagrad([p()]), { lr: 0.01, lrDecay: 0, eps: 1e-10, weightDecay: 0, initialAccumulatorValue: 0, maximize: false }],
    ['RMSprop', () => new RMSprop([p()]), { lr: 0.01, momentum: 0, alpha: 0.99, eps: 1e-8, centered: false, weightDecay: 0, maximize: false }],
    ['Adam', () => new Adam([p()]), { lr: 0.001, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false }],
    ['AdamW', () => new AdamW([p()]), { lr: 0.001, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0.01, amsgrad: false, maximize: false }],
    ['Adamax', () => new Adamax([p()]), { lr: 0.002, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, maximize: false }],
    ['NAdam', () => new NAdam([p()]), { lr: 0.002, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, momentumDecay: 0.004 }],
    ['RAdam', () => new RAdam([p()]), { lr: 0.001, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0 }],
    ['Adadelta', () => new Adadelta([p()]), { lr: 1, rho: 0.9, eps: 1e-6, weightDecay: 0, maximize: false }],
    ['Rprop', () => new Rprop([p()]), { lr: 0.01, etas: [0.5, 1.2], stepSizes: [1e-6, 50], maximize: false }],
    ['ASGD', () => new ASGD([p()]), { lr: 0.01, lambd: 0.0001, alpha: 0.75, t0: 1e6, weightDecay: 0, maximize: false }],
    ['LBFGS', () => new LBFGS([p()]), { lr: 1, maxIter: 20, maxEval: 25, toleranceGrad: 1e-7, toleranceChange: 1e-9, historySize: 100, lineSearchFn: null }],
  ] as const)('%s has PyTorch 1.13 defaults', (_n, make, want) => {
    const opt: OptimizerLike = make();
    const { params: _params, ...group } = opt.paramGroups[0] as Record<string, unknown>;
    expect(group).toEqual(want);
  });
});
