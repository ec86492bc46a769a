/**
 * saveCheckpoint / loadCheckpoint with a module, a Generator and small local stateful objects
 * (nn may not depend on optim or lr-scheduler: the kill test with Adam and StepLR is in
 * bp-examples/test/checkpoint-kill.test.ts). The expected values are the objects' own state
 * before saving: a round trip must give it back exactly.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manualSeed, ones, tensor } from '@descent/autograd';
import type { Tensor } from '@descent/autograd';
import { Generator, rand } from '@descent/tensor';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Linear, Sequential, Tanh, parseSafetensors } from '../index';
import { loadCheckpoint, loadFile, saveCheckpoint, saveFile } from '../node';

/** An object with optimizer-like state: tensors under numbered keys, numbers JSON cannot hold. */
class Holder {
  state: Record<string, unknown>;
  constructor(state: Record<string, unknown>) {
    this.state = state;
  }
  stateDict(): Record<string, unknown> {
    return this.state;
  }
  loadStateDict(sd: Record<string, unknown>): void {
    if (typeof sd.refuse === 'string') throw new RangeError(sd.refuse);
    this.state = sd;
  }
}

let folder = '';
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'descent-ckpt-'));
});
afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

const bits = (t: Tensor): number[] => [...new Uint8Array(t.contiguous().toTypedArray().buffer)];

describe('saveCheckpoint / loadCheckpoint', () => {
  it('round-trips a model, a generator and arbitrary state exactly (NaN, ±Infinity, −0, undefined, bigint, float64)', () => {
    manualSeed(3);
    const model = new Sequential(new Linear(3, 4), new Tanh(), new Linear(4, 2));
    const generator = new Generator().manualSeed(5);
    rand([3], { generator });
    const holder = new Holder({
      state: { 0: { step: 7, expAvg: tensor([0.1, -0.2], { dtype: 'float64' }), counts: tensor([1, 2], { dtype: 'int32' }) } },
      paramGroups: [{ lr: 0.01, betas: [0.9, 0.999], params: [0, 1], best: Infinity, worst: -Infinity, nan: NaN, zero: -0, none: null, unset: undefined, big: 2n ** 70n, flag: true, name: 'x' }],
    });
    const path = join(folder, 'run.safetensors');
    saveCheckpoint(path, { model, generator, holder }, { metadata: { epoch: '3' } });

    manualSeed(4);
    const model2 = new Sequential(new Linear(3, 4), new Tanh(), new Linear(4, 2));
    const generator2 = new Generator();
    const holder2 = new Holder({});
    const result = loadCheckpoint(path, { model: model2, generator: generator2, holder: holder2 });
    expect(result).toEqual({ metadata: { epoch: '3' }, unusedObjects: [] });
    for (const [name, t] of Object.entries(model.stateDict())) expect(bits(model2.stateDict()[name]!)).toEqual(bits(t));
    expect(rand([4], { generator: generator2 }).tolist()).toEqual(rand([4], { generator }).tolist());
    const state = holder2.state as { state: Record<string, Record<string, unknown>>; paramGroups: Record<string, unknown>[] };
    expect((state.state['0']!.expAvg as Tensor).dtype).toBe('float64');
    expect((state.state['0']!.expAvg as Tensor).tolist()).toEqual([0.1, -0.2]);
    expect((state.state['0']!.counts as Tensor).tolist()).toEqual([1, 2]);
    const group = state.paramGroups[0]!;
    expect(group.best).toBe(Infinity);
    expect(group.worst).toBe(-Infinity);
    expect(group.nan).toBeNaN();
    expect(Object.is(group.zero, -0)).toBe(true);
    expect('unset' in group && group.unset === undefined).toBe(true);
    expect(group.big).toBe(2n ** 70n);
    expect(group).toMatchObject({ lr: 0.01, betas: [0.9, 0.999], params: [0, 1], none: null, flag: true, name: 'x' });
  });

  it("stores the model's tensors under its state-dict names and the others under a prefix in snake_case", () => {
    const model = new Linear(2, 2);
    const holder = new Holder({ state: { 0: { expAvgSq: ones([2]) } } });
    const path = join(folder, 'run.safetensors');
    saveCheckpoint(path, { model, optimizer: holder });
    const parsed = parseSafetensors(readFileSync(path));
    expect(parsed.tensors.map((t) => t.name).sort()).toEqual(['bias', 'optimizer.state.0.exp_avg_sq', 'weight']);
    expect(parsed.metadata.format).toBe('pt');
    // Plain loadFile reads it as a state dict: the model part loads into a module directly.
    expect(new Linear(2, 2).loadStateDict(loadFile(path), { strict: false }).unexpectedKeys).toEqual(['optimizer.state.0.exp_avg_sq']);
  });

  it('a refused load leaves every object unchanged, those loaded before it included', () => {
    const path = join(folder, 'run.safetensors');
    saveCheckpoint(path, { model: new Linear(2, 2), a: new Holder({ v: 1 }), b: new Holder({ refuse: 'b refuses' }) });
    const model = new Linear(2, 2);
    const before = Object.fromEntries(Object.entries(model.stateDict()).map(([k, t]) => [k, bits(t)]));
    const a = new Holder({ v: 0 });
    const b = new Holder({ v: 0 });
    expect(() => loadCheckpoint(path, { model, a, b })).toThrow("loadCheckpoint: 'b' refused its saved state (b refuses); every object keeps its previous state");
    expect(Object.fromEntries(Object.entries(model.stateDict()).map(([k, t]) => [k, bits(t)]))).toEqual(before);
    expect(a.state).toEqual({ v: 0 });
    expect(b.state).toEqual({ v: 0 });
  });

  it('refuses a checkpoint that lacks an object, before changing anything', () => {
    const path = join(folder, 'run.safetensors');
    saveCheckpoint(path, { a: new Holder({ v: 1 }) });
    const a = new Holder({ v: 0 });
    expect(() => loadCheckpoint(path, { a, scheduler: new Holder({}) })).toThrow(`loadCheckpoint: '${path}' holds no state for 'scheduler' (it holds 'a')`);
    expect(a.state).toEqual({ v: 0 });
  });

  it('reports objects the file holds but nobody asked for', () => {
    const path = join(folder, 'run.safetensors');
    saveCheckpoint(path, { a: new Holder({ v: 1 }), b: new Holder({ v: 2 }) });
    expect(loadCheckpoint(path, { a: new Holder({}) }).unusedObjects).toEqual(['b']);
  });

  it('refuses a plain safetensors file as a checkpoint', () => {
    const path = join(folder, 'weights.safetensors');
    saveFile({ w: ones([1]) }, path);
    expect(() => loadCheckpoint(path, { a: new Holder({}) })).toThrow(`loadCheckpoint: '${path}' is a safetensors file but not a checkpoint (no 'descent.checkpoint' metadata); read it with loadFile`);
  });

  it.each<[string, () => unknown, ErrorConstructor, string | RegExp]>([
    ['objects null', () => saveCheckpoint(join(folder, 'x'), null as never), TypeError, "saveCheckpoint: argument 'objects' must be an object of named stateful objects ({ model, optimizer, … }), got null"],
    ['an object without loadStateDict', () => saveCheckpoint(join(folder, 'x'), { model: { stateDict: () => ({}) } as never }), TypeError, "saveCheckpoint: 'model' must have stateDict() and loadStateDict(), got an object"],
    ['a number as an object', () => saveCheckpoint(join(folder, 'x'), { model: 5 as never }), TypeError, "saveCheckpoint: 'model' must have stateDict() and loadStateDict(), got 5"],
    ['a function in a state dict', () => saveCheckpoint(join(folder, 'x'), { s: new Holder({ lrLambda: () => 1 }) }), TypeError, 's.lrLambda holds a function, which a checkpoint cannot store'],
    ['a Map in a state dict', () => saveCheckpoint(join(folder, 'x'), { s: new Holder({ m: new Map() }) }), TypeError, 's.m holds a Map'],
    ['a reserved metadata key', () => saveCheckpoint(join(folder, 'x'), { s: new Holder({}) }, { metadata: { 'descent.checkpoint': '' } }), TypeError, "saveCheckpoint: metadata key 'descent.checkpoint' is reserved"],
    ['a path of null', () => saveCheckpoint(null as never, { s: new Holder({}) }), TypeError, "saveCheckpoint: argument 'path' must be a non-empty string, got object"],
    ['a missing file', () => loadCheckpoint(join(folder, 'missing'), { s: new Holder({}) }), Error, /^loadCheckpoint: cannot read '.*missing': ENOENT/],
    ['load objects as a string', () => loadCheckpoint(join(folder, 'x'), 'abc' as never), TypeError, `loadCheckpoint: argument 'objects' must be an object of named stateful objects ({ model, optimizer, … }), got string "abc"`],
  ])('refuses %s', (_label, run, cls, message) => {
    expect(run).toThrow(cls);
    expect(run).toThrow(message);
  });
});

