/**
 * The public constructors and entry points this package's hardening touched, fed wrong-kind
 * values: each must throw an Error naming the argument — never a TypeError from inside
 * (`Cannot read properties of null`, `x is not a function`), never a silent success.
 */
import { zeros } from '@descent/autograd';
import { describe, expect, it } from 'vitest';
import { Linear, Module, Parameter, deserialize } from '../src/index';
import { loadCheckpoint, loadFile, saveCheckpoint, saveFile } from '../src/node';

const WRONG: ReadonlyArray<[string, unknown]> = [
  ['null', null],
  ["'a'", 'a'],
  ['{}', {}],
  ['NaN', NaN],
  ['-Infinity', -Infinity],
  ['a function', () => 1],
  ['[1]', [1]],
];

const INTERNAL = /Cannot read propert|is not a function|is not iterable|Cannot convert|undefined or null|Invalid typed array length/;

/** [entry point, call with the wrong value, what the message must name] */
const ENTRIES: ReadonlyArray<[string, (v: unknown) => unknown, string, ReadonlyArray<unknown>]> = [
  ['new Linear(inFeatures)', (v) => new Linear(v as number, 2), 'in_features', []],
  ['new Linear(…, outFeatures)', (v) => new Linear(2, v as number), 'out_features', []],
  ['new Linear(…, options)', (v) => new Linear(2, 2, v as never), 'options', [{}]],
  ['new Linear(…, { bias })', (v) => new Linear(2, 2, { bias: v as boolean }), 'bias', []],
  ['new Linear(…, { dtype })', (v) => new Linear(2, 2, { dtype: v as 'float32' }), 'dtype', []],
  ['new Linear(…, { generator })', (v) => new Linear(2, 2, { generator: v as never }), 'generator', []],
  ['new Parameter(data)', (v) => new Parameter(v as never), "'data'", []],
  ['new Parameter(…, requiresGrad)', (v) => new Parameter(zeros([1]), v as boolean), "'requiresGrad'", []],
  ['registerBuffer(…, value)', (v) => new Module().registerBuffer('b', v as never), "buffer 'b'", [null]],
  ['registerParameter(…, value)', (v) => new Module().registerParameter('p', v as never), "parameter 'p'", [null]],
  ['registerModule(…, module)', (v) => new Module().registerModule('m', v as never), 'Module', [null]],
  ['module.train(mode)', (v) => new Module().train(v as boolean), 'training mode', []],
  ['deserialize(bytes)', (v) => deserialize(v as Uint8Array), "'bytes'", []],
  ['saveFile(…, path)', (v) => saveFile({}, v as string), "'path'", ['a']],
  ['saveCheckpoint(path)', (v) => saveCheckpoint(v as string, {}), "'path'", ['a']],
  ['saveCheckpoint(…, objects)', (v) => saveCheckpoint('/nonexistent/x', v as never), "'objects'", [{}]],
  ['saveCheckpoint(…, { model })', (v) => saveCheckpoint('/nonexistent/x', { model: v as never }), "'model'", []],
  ['loadCheckpoint(path)', (v) => loadCheckpoint(v as string, {}), 'path', ['a']],
  ['loadCheckpoint(…, objects)', (v) => loadCheckpoint('/nonexistent/x', v as never), "'objects'", [{}]],
  ['loadFile(path)', (v) => loadFile(v as string), 'path', ['a']],
];

const cases = ENTRIES.flatMap(([label, call, names, valid]) =>
  WRONG.filter(([, value]) => !valid.some((ok) => JSON.stringify(ok) === JSON.stringify(value) && typeof ok === typeof value)).map(([text, value]) => ({ name: `${label} ← ${text}`, call, names, value })),
);

describe('wrong kinds are refused with an Error naming the argument', () => {
  it.each(cases)('$name', ({ call, names, value }) => {
    let error: unknown;
    try {
      call(value);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).not.toMatch(INTERNAL);
    expect((error as Error).message).toContain(names);
  });
});
