/**
 * Wrong-kind and out-of-range inputs on every entry of every optimizer (issues #22 and #25): the
 * constructor, addParamGroup, loadStateDict and step. Each bad input must give an Error that names
 * the argument (never a TypeError from inside, never a silent NaN), and a refused call must leave
 * the optimizer and its parameters byte-identical.
 */
import { describe, expect, it } from 'vitest';
import { Tensor, tensor } from '@descent/autograd';
import { ASGD, Adadelta, Adagrad, Adam, AdamW, Adamax, AveragedModel, LBFGS, Lion, NAdam, RAdam, RMSprop, Rprop, SGD, SWALR } from '../src/index';
import type { OptimizerLike, OptimizerStateDict } from '../src/index';

type Ctor = new (params: never, options?: never) => OptimizerLike;
const CTORS: [string, Ctor, Record<string, unknown>][] = [
  ['SGD', SGD as unknown as Ctor, { lr: 0.1, momentum: 0.9 }],
  ['Adam', Adam, {}],
  ['AdamW', AdamW, { amsgrad: true }],
  ['RMSprop', RMSprop, { momentum: 0.5, centered: true }],
  ['Adagrad', Adagrad, {}],
  ['Adamax', Adamax, {}],
  ['NAdam', NAdam, {}],
  ['RAdam', RAdam, {}],
  ['Adadelta', Adadelta, {}],
  ['ASGD', ASGD, {}],
  ['Rprop', Rprop, {}],
  ['Lion', Lion, {}],
  ['LBFGS', LBFGS, {}],
];

const make = (C: Ctor, params: unknown, options?: unknown): OptimizerLike => new C(params as never, options as never);
const param = (values = [0.5, -1, 2]): Tensor => tensor(values, { requiresGrad: true });

/** JavaScript's own errors, which must never reach the user for a wrong-kind argument. */
const INTERNAL = /is not a function|is not iterable|Cannot read propert|Cannot convert undefined|undefined or null to object|toExponential/;

/** Names a message may use for an option: its own, its snake_case, PyTorch's wording. */
function names(key: string): RegExp {
  const snake = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const torch: Record<string, string> = { lr: 'learning rate', eps: 'epsilon', betas: 'beta', etas: 'eta', lineSearchFn: 'strong_wolfe' };
  return new RegExp([key, snake, torch[key]].filter((x) => x !== undefined).join('|'));
}

function expectNamedError(fn: () => unknown, name: RegExp): void {
  let thrown: unknown = null;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown, 'it must throw').toBeInstanceOf(Error);
  const message = (thrown as Error).message;
  expect(message).not.toMatch(INTERNAL);
  expect(message).toMatch(name);
}

/** The options of an optimizer (its first group's, params aside). */
function optionKeys(C: Ctor, extra: Record<string, unknown>): string[] {
  const opt = make(C, [param()], extra);
  return Object.keys(opt.paramGroups[0] as object).filter((k) => k !== 'params');
}

const BAD_NUMBERS: unknown[] = [null, 'x', '0.1', NaN, {}, [], true];
const BAD_BOOLEANS: unknown[] = [null, 'yes', 1, {}];
const BAD_PAIRS: unknown[] = [null, 'x', 5, [5, 'x'], [0.9], [NaN, 0.9], {}];

function badValues(reference: unknown): unknown[] {
  if (typeof reference === 'boolean') return BAD_BOOLEANS;
  if (Array.isArray(reference)) return BAD_PAIRS;
  if (reference === null) return [5, 'x', {}]; // LBFGS's lineSearchFn
  return BAD_NUMBERS;
}

const CASES = CTORS.flatMap(([name, C, extra]) => {
  const opt = make(C, [param()], extra);
  const group = opt.paramGroups[0] as Record<string, unknown>;
  return optionKeys(C, extra).flatMap((key) =>
    badValues(group[key])
      // LBFGS's maxEval: null is PyTorch's max_eval=None (maxIter · 5/4).
      .filter((value) => !(key === 'maxEval' && value === null))
      .map((value) => ({ name, C, extra, key, value })),
  );
});

describe('every option of every optimizer refuses wrong kinds and NaN, naming the option', () => {
  it.each(CASES)('$name { $key: $value } in the constructor', ({ C, extra, key, value }) => {
    expectNamedError(() => make(C, [param()], { ...extra, [key]: value }), names(key));
  });

  it.each(CASES.filter((c) => c.name !== 'LBFGS'))('$name { $key: $value } in a group and in addParamGroup', ({ C, extra, key, value }) => {
    expectNamedError(() => make(C, [{ params: [param()], [key]: value }], extra), names(key));
    const opt = make(C, [param()], extra);
    const before = JSON.stringify(opt.paramGroups.map((g) => ({ ...g, params: g.params.length })));
    expectNamedError(() => (opt as unknown as Adam).addParamGroup({ params: [param()], [key]: value }), names(key));
    expect(JSON.stringify(opt.paramGroups.map((g) => ({ ...g, params: g.params.length })))).toBe(before);
  });

  it('Adam { lr: null } (the issue\'s case) is refused, where it used to never update', () => {
    expect(() => new Adam([param()], { lr: null as never })).toThrow(new TypeError('Adam: lr must be a number, got null'));
  });

  it.each([
    [() => new SGD([param()], { lr: 0.1, dampening: NaN }), 'SGD: dampening must be a number, got NaN'],
    [() => new Adam([param()], { lr: NaN }), 'Invalid learning rate: nan'],
    [() => new Adam([param()], { betas: [0.9, Infinity] }), 'Invalid beta parameter at index 1: inf'],
    [() => new Adam([param()], { betas: [5, 'x'] as never }), 'Adam: betas must be an array of 2 numbers, got [5, "x"]'],
    [() => new Adam([param()], { amsgrad: 'yes' as never }), 'Adam: amsgrad must be a boolean, got "yes"'],
    [() => new Adam([param()], { eps: -Infinity }), 'Invalid epsilon value: -inf'],
    [() => new Rprop([param()], { stepSizes: [1e-6, NaN] }), 'Rprop: stepSizes must be a number, got [0.000001, NaN]'],
    [() => new LBFGS([param()], { maxIter: 2.5 }), 'LBFGS: maxIter must be a whole number > 0, got 2.5'],
    [() => new LBFGS([param()], { lineSearchFn: 'armijo' as never }), 'only \'strong_wolfe\' is supported, got lineSearchFn "armijo"'],
  ])('%#: the exact message', (fn, message) => {
    expect(fn).toThrow(message);
  });
});

describe('wrong kinds of the constructor arguments name the argument', () => {
  it.each(CTORS)('%s', (_name, C, extra) => {
    const paramsArg = /params/;
    for (const bad of [null, undefined, 5, 'abc', true]) expectNamedError(() => make(C, bad, extra), paramsArg);
    // Not tensors: PyTorch's message, with the kind given.
    expectNamedError(() => make(C, [5], extra), /optimizer can only optimize Tensors, but one of the params is number/);
    expectNamedError(() => make(C, [null], extra), /optimizer can only optimize Tensors, but one of the params is null/);
    expectNamedError(() => make(C, [{ lr: 0.1 }], extra), /params must be a Tensor or an iterable of Tensors, got undefined/);
    expectNamedError(() => make(C, [{ params: 5 }], extra), /params must be a Tensor or an iterable of Tensors, got 5/);
    expectNamedError(() => make(C, [{ params: [param()] }, 7], extra), /param group must be an object \{ params, \.\.\.options \}, got 7/);
    for (const bad of ['x', null, [], true, tensor([1])]) expectNamedError(() => make(C, [param()], bad), /options must be an object of options/);
  });

  it('new SGD([w]) without options asks for lr, as PyTorch', () => {
    expect(() => new SGD([param()], undefined as never)).toThrow(
      new Error("parameter group didn't specify a value of required optimization parameter lr"),
    );
  });

  it('a snake_case option gets the camelCase hint (every optimizer)', () => {
    expect(() => new Adagrad([param()], { lr_decay: 0.1 } as never)).toThrow(/unknown option lr_decay \(did you mean lrDecay\? options are camelCase\)/);
    expect(() => new LBFGS([param()], { max_iter: 3 } as never)).toThrow(/did you mean maxIter\?/);
    expect(() => new SGD([param()], { lr: 0.1, foo: 1 } as never)).toThrow(
      new TypeError('SGD: unknown option foo; the options are lr, momentum, dampening, weightDecay, nesterov, maximize'),
    );
  });
});

describe("PyTorch's positional lr: new Adam([w], 0.01) is { lr: 0.01 }", () => {
  it.each(CTORS)('%s', (_name, C) => {
    const a = param();
    const b = param();
    const positional = make(C, [a], 0.0123);
    const named = make(C, [b], { lr: 0.0123 });
    expect(positional.paramGroups[0]?.lr).toBe(0.0123);
    const closure = (p: Tensor, opt: OptimizerLike) => (): Tensor => {
      opt.zeroGrad();
      const loss = p.mul(p).sum();
      loss.backward();
      return loss;
    };
    for (let s = 0; s < 3; s++) {
      positional.step(closure(a, positional));
      named.step(closure(b, named));
    }
    expect(Array.from(a.toTypedArray())).toEqual(Array.from(b.toTypedArray()));
    // And it did train at 0.0123: the default lr gives other numbers.
    const c = param();
    const byDefault = make(C, [c], C === (SGD as unknown as Ctor) ? { lr: 0.1 } : {});
    for (let s = 0; s < 3; s++) byDefault.step(closure(c, byDefault));
    expect(Array.from(c.toTypedArray())).not.toEqual(Array.from(a.toTypedArray()));
  });

  it('a negative positional lr gets the same message as { lr }', () => {
    expect(() => new Adam([param()], -1)).toThrow(new RangeError('Invalid learning rate: -1'));
  });
});

/** Everything an optimizer holds, and its parameters, as plain values (bits compared exactly). */
function snapshot(opt: OptimizerLike): string {
  const plain = (v: unknown): unknown =>
    v instanceof Tensor ? { tensor: Array.from(v.toTypedArray()), shape: v.shape, dtype: v.dtype } : ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : Array.isArray(v) ? v.map(plain) : Number.isNaN(v) ? 'NaN' : v;
  return JSON.stringify({
    groups: opt.paramGroups.map((g) => Object.fromEntries(Object.entries(g).map(([k, v]) => [k, k === 'params' ? (v as Tensor[]).map(plain) : plain(v)]))),
    state: [...opt.state.entries()].map(([p, s]) => [plain(p), Object.fromEntries(Object.entries(s).map(([k, v]) => [k, plain(v)]))]),
  });
}

/** An optimizer over two parameters after two steps (state created). */
function trained(C: Ctor, extra: Record<string, unknown>): { opt: OptimizerLike; params: Tensor[] } {
  const params = [param([0.5, -1, 2]), param([1.5, 0.25])];
  const opt = make(C, params, extra);
  for (let s = 0; s < 2; s++) {
    opt.step(() => {
      opt.zeroGrad();
      const loss = params[0]!.mul(params[0]!).sum().add(params[1]!.pow(3).sum());
      loss.backward();
      return loss;
    });
  }
  return { opt, params };
}

describe('loadStateDict refuses what the constructor refuses, and then nothing has changed', () => {
  it.each(CTORS)('%s: wrong kinds of the whole dict', (_name, C, extra) => {
    const { opt } = trained(C, extra);
    const before = snapshot(opt);
    const load = (sd: unknown) => () => opt.loadStateDict(sd as OptimizerStateDict);
    for (const bad of [null, undefined, 5, 'x', [], tensor([1])]) expectNamedError(load(bad), /expected a state dict \{ state, paramGroups \}/);
    expectNamedError(load({}), /paramGroups must be an array of parameter groups, got undefined/);
    expectNamedError(load({ paramGroups: 'x', state: {} }), /paramGroups must be an array/);
    expectNamedError(load({ paramGroups: [], state: null }), /state must be an object of parameter states by index, got null/);
    expectNamedError(load({ ...opt.stateDict(), paramGroups: [5] }), /paramGroups\[0\] must be a parameter group, got 5/);
    const sd = opt.stateDict();
    (sd.paramGroups[0] as { params: unknown[] }).params = ['a', 'b'];
    expectNamedError(load(sd), /paramGroups\[0\]\.params must hold distinct parameter indices/);
    const dup = opt.stateDict();
    (dup.paramGroups[0] as { params: unknown[] }).params = [0, 0];
    expectNamedError(load(dup), /distinct parameter indices/);
    const badState = opt.stateDict();
    (badState.state as Record<number, unknown>)[0] = 'x';
    expectNamedError(load(badState), /state\[0\] must be an object of state entries, got "x"/);
    expect(snapshot(opt)).toBe(before);
  });

  const optionCases = CASES.map((c) => ({ ...c, label: `${c.name}.${c.key} = ${String(c.value)}` }));
  it.each(optionCases)('$label in a loaded group', ({ C, extra, key, value }) => {
    const { opt } = trained(C, extra);
    const before = snapshot(opt);
    const sd = opt.stateDict();
    (sd.paramGroups[0] as Record<string, unknown>)[key] = value;
    expectNamedError(() => opt.loadStateDict(sd), names(key));
    expect(snapshot(opt)).toBe(before);
  });

  it.each([
    ['lr NaN', (g: Record<string, unknown>): unknown => (g.lr = NaN), new RangeError('Invalid learning rate: nan')],
    ['eps -1', (g: Record<string, unknown>): unknown => (g.eps = -1), new RangeError('Invalid epsilon value: -1')],
    ['betas [5, "x"]', (g: Record<string, unknown>): unknown => (g.betas = [5, 'x']), new TypeError('Adam.loadStateDict: paramGroups[0]: betas must be an array of 2 numbers, got [5, "x"]')],
    ['betas [5, 0.9]', (g: Record<string, unknown>): unknown => (g.betas = [5, 0.9]), new RangeError('Invalid beta parameter at index 0: 5.0')],
    ['lr missing', (g: Record<string, unknown>): unknown => delete g.lr, null],
  ] as const)("Adam: the issue's %s, with the constructor's message", (_n, edit, error) => {
    const { opt, params } = trained(Adam, {});
    const before = snapshot(opt);
    const sd = opt.stateDict();
    edit(sd.paramGroups[0] as Record<string, unknown>);
    if (error === null) {
      // A group without lr keeps its own (PyTorch would fail); loading the rest works.
      opt.loadStateDict(sd);
      expect(opt.paramGroups[0]?.lr).toBe(1e-3);
      return;
    }
    expect(() => opt.loadStateDict(sd)).toThrow(error);
    expect(snapshot(opt)).toBe(before);
    expect(params.every((p) => Array.from(p.toTypedArray()).every(Number.isFinite))).toBe(true);
  });

  /** The state entries an optimizer keeps per parameter (after two steps). */
  const stateCases = CTORS.filter(([name]) => name !== 'LBFGS').flatMap(([name, C, extra]) => {
    const { opt, params } = trained(C, extra);
    const entries = Object.entries(opt.state.get(params[0]!) ?? {});
    return entries.flatMap(([key, value]) => {
      const bads: [string, unknown][] = value instanceof Tensor || value === null
        ? [['[1, 2]', [1, 2]], ['"x"', 'x'], ['a tensor of shape [2]', tensor([1, 2])], ['a scalar', 5]]
        : [['"x"', 'x'], ['NaN', NaN], ['-1', -1], ['a tensor', tensor([1, 2, 3])], ['null', null], ['Infinity', Infinity]];
      return bads
        .filter(([, bad]) => !(key === 'momentumBuffer' && bad === null))
        .filter(([, bad]) => !(typeof value === 'number' && key !== 'step' && bad === -1)) // eta, mu may be any finite number
        .map(([label, bad]) => ({ name, C, extra, key, label, bad }));
    });
  });
  it.each(stateCases)('$name: state[0].$key = $label is refused', ({ C, extra, key, bad }) => {
    const { opt } = trained(C, extra);
    const before = snapshot(opt);
    const sd = opt.stateDict();
    (sd.state[0] as Record<string, unknown>)[key] = bad;
    expectNamedError(() => opt.loadStateDict(sd), new RegExp(`${key}`));
    expect(snapshot(opt)).toBe(before);
  });

  // (Lion's only entry: without it the record is empty, a fresh state, as PyTorch's defaultdict.)
  it.each(stateCases.filter((c) => c.label === '"x"' && c.key !== 'momentumBuffer' && c.name !== 'Lion'))('$name: state[1] without $key is refused', ({ C, extra, key }) => {
    const { opt } = trained(C, extra);
    const before = snapshot(opt);
    const sd = opt.stateDict();
    delete (sd.state[1] as Record<string, unknown>)[key];
    expectNamedError(() => opt.loadStateDict(sd), new RegExp(`state\\[1\\]\\.${key} must be`));
    expect(snapshot(opt)).toBe(before);
  });

  it('loads a valid dict after all these (the checks refuse only what is wrong)', () => {
    for (const [, C, extra] of CTORS) {
      const { opt } = trained(C, extra);
      const { opt: other } = trained(C, extra);
      other.loadStateDict(opt.stateDict());
      expect(snapshot(other).replace(/"params":\[[^\]]*\]/g, '')).toBe(snapshot(opt).replace(/"params":\[[^\]]*\]/g, ''));
    }
  });
});

describe('a step never half-updates', () => {
  it("Adam: a state without expAvgSq for one parameter (the issue's repro) throws before any write", () => {
    const { opt, params } = trained(Adam, {});
    // loadStateDict refuses it …
    const sd = opt.stateDict();
    delete (sd.state[1] as Record<string, unknown>).expAvgSq;
    expect(() => opt.loadStateDict(sd)).toThrow(new TypeError('Adam.loadStateDict: state[1].expAvgSq must be a tensor of shape [2], got undefined'));
    // … and a state damaged by hand is caught by step before the first parameter is written.
    delete (opt.state.get(params[1]!) as Record<string, unknown>).expAvgSq;
    const before = params.map((p) => Array.from(p.toTypedArray()));
    const versions = params.map((p) => p.storage.version);
    for (const p of params) p.grad = tensor(new Array<number>(p.numel()).fill(1));
    expect(() => opt.step()).toThrow(
      'Adam.step: the state of parameter 1 of group 0 needs expAvgSq to be a tensor of shape [2], got undefined (the state was changed by hand or made for other options); nothing was updated',
    );
    expect(params.map((p) => Array.from(p.toTypedArray()))).toEqual(before);
    expect(params.map((p) => p.storage.version)).toEqual(versions);
  });

  it.each(CTORS.filter(([name]) => name !== 'LBFGS' && name !== 'Lion'))('%s: a state entry replaced by hand with a wrong kind stops the step before any write', (_name, C, extra) => {
    const { opt, params } = trained(C, extra);
    const state = opt.state.get(params[1]!) as Record<string, unknown>;
    const key = Object.keys(state).find((k) => k === 'step') ?? (Object.keys(state)[0] as string);
    state[key] = 'x';
    const before = params.map((p) => Array.from(p.toTypedArray()));
    for (const p of params) p.grad = tensor(new Array<number>(p.numel()).fill(1));
    expectNamedError(() => opt.step(), new RegExp(`needs ${key} to be`));
    expect(params.map((p) => Array.from(p.toTypedArray()))).toEqual(before);
  });

  it('Adam: amsgrad switched on after the state was made is refused clearly, not with a TypeError from inside', () => {
    const { opt, params } = trained(Adam, {});
    (opt.paramGroups[0] as unknown as { amsgrad: boolean }).amsgrad = true;
    for (const p of params) p.grad = tensor(new Array<number>(p.numel()).fill(1));
    expect(() => opt.step()).toThrow(/needs maxExpAvgSq to be a tensor of shape \[3\], got undefined/);
  });
});

describe('SWALR and AveragedModel refuse wrong kinds, naming the argument', () => {
  const groups = (): { paramGroups: { lr: number }[] } => ({ paramGroups: [{ lr: 0.1 }] });

  it.each([
    [() => new SWALR(groups(), { swaLr: NaN }), /swaLr must be a finite number >= 0 or a list of one per group, got NaN/],
    [() => new SWALR(groups(), { swaLr: 'x' as never }), /swaLr must be a finite number/],
    [() => new SWALR(groups(), { swaLr: 0.05, annealEpochs: 'x' as never }), /anneal_epochs must be equal or greater than 0, got x/],
    [() => new SWALR(groups(), { swaLr: 0.05, anneal_epochs: 3 } as never), /unknown option anneal_epochs \(did you mean annealEpochs\?/],
    [() => new SWALR(groups(), 0.05 as never), /SWALR: options must be an object \{ swaLr, annealEpochs, annealStrategy \}, got 0.05/],
    [() => new SWALR({} as never, { swaLr: 0.05 }), /SWALR: optimizer must be an optimizer/],
    [() => new AveragedModel({ parameters: () => [param()] }, { decay: '0.5' as never }), /AveragedModel: decay must be a number, got "0.5"/],
    [() => new AveragedModel({ parameters: () => [param()] }, { use_buffers: true } as never), /unknown option use_buffers \(did you mean useBuffers\?/],
    [() => new AveragedModel(null as never), /AveragedModel: model must have parameters\(\), got null/],
  ])('%#', (fn, message) => expectNamedError(fn, message));

  it('SWALR.step refuses an argument, loadStateDict checks before changing anything', () => {
    const o = groups();
    const s = new SWALR(o, { swaLr: 0.05, annealEpochs: 3 });
    s.step();
    const before = JSON.stringify([s.stateDict(), o.paramGroups]);
    expectNamedError(() => (s.step as (e: unknown) => void)('3'), /SWALR.step takes no arguments, got \["3"\]/);
    for (const [sd, message] of [
      [null, /expected a state dict/],
      [{ lastEpoch: 'x' }, /lastEpoch must be an integer >= -1, got "x"/],
      [{ annealEpochs: NaN }, /annealEpochs must be an integer >= 0, got NaN/],
      [{ annealStrategy: 'exp' }, /anneal_strategy must by one of 'cos' or 'linear', instead got "exp"/],
      [{ lastLr: [NaN] }, /lastLr must be an array of finite numbers/],
    ] as const) expectNamedError(() => s.loadStateDict(sd as never), message);
    expect(JSON.stringify([s.stateDict(), o.paramGroups])).toBe(before);
  });

  it('AveragedModel.loadStateDict refuses wrong kinds and changes nothing', () => {
    const p = param();
    const swa = new AveragedModel({ parameters: () => [p] });
    swa.updateParameters({ parameters: () => [p] });
    const before = JSON.stringify(swa.stateDict(), (_k, v: unknown) => (v instanceof Tensor ? v.tolist() : v));
    expectNamedError(() => swa.loadStateDict(null as never), /expected a state dict/);
    expectNamedError(() => swa.loadStateDict({ numAveraged: 1, averaged: [[1, 2, 3]], buffers: [] } as never), /averaged must be an array of tensors, got \[\[1, 2, 3\]\]/);
    expectNamedError(() => swa.loadStateDict({ numAveraged: 'x', averaged: [tensor([1, 2, 3])], buffers: [] } as never), /numAveraged must be an integer ≥ 0, got "x"/);
    expect(JSON.stringify(swa.stateDict(), (_k, v: unknown) => (v instanceof Tensor ? v.tolist() : v))).toBe(before);
  });
});
