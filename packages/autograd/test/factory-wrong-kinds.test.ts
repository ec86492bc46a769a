/**
 * Every factory fed wrong-kind values at every argument: each is refused with an Error that names
 * the argument, never a TypeError from inside (`Cannot read properties of null`, `x is not a
 * function`) and never a tensor of NaN.
 */
import { describe, expect, it } from 'vitest';
import { arange, bernoulli, empty, emptyLike, eye, full, fullLike, linspace, ones, onesLike, rand, randint, randn, randperm, tensor, zeros, zerosLike } from '../src/index';

const WRONG: ReadonlyArray<[string, unknown]> = [
  ['null', null],
  ["'a'", 'a'],
  ['{}', {}],
  ['true', true],
  ['a function', () => 1],
  ['1n', 1n],
];
const SHAPE_WRONG: ReadonlyArray<[string, unknown]> = [...WRONG, ['[NaN]', [NaN]], ["[2, '3']", [2, '3']], ['[Infinity]', [Infinity]], ['[null]', [null]]];

type Factory = (...args: unknown[]) => unknown;
const f = (fn: unknown): Factory => fn as Factory;
const t = tensor([0.5, 0.5]);

/** [factory, valid arguments, the name each argument has in messages] */
const FACTORIES: ReadonlyArray<[string, Factory, unknown[], string[]]> = [
  ['tensor', f(tensor), [[1, 2], {}], ['data', 'options']],
  ['zeros', f(zeros), [[2], {}], ['shape', 'options']],
  ['ones', f(ones), [[2], {}], ['shape', 'options']],
  ['empty', f(empty), [[2], {}], ['shape', 'options']],
  ['full', f(full), [[2], 1, {}], ['shape', 'value', 'options']],
  ['zerosLike', f(zerosLike), [t], ['input']],
  ['onesLike', f(onesLike), [t], ['input']],
  ['emptyLike', f(emptyLike), [t], ['input']],
  ['fullLike', f(fullLike), [t, 1], ['input', 'value']],
  ['arange', f(arange), [0, 3, 1, {}], ['start', 'end', 'step', 'options']],
  ['linspace', f(linspace), [0, 1, 3, {}], ['start', 'end', 'steps', 'options']],
  ['eye', f(eye), [2, 2, {}], ['n', 'm', 'options']],
  ['rand', f(rand), [[2], {}], ['shape', 'options']],
  ['randn', f(randn), [[2], {}], ['shape', 'options']],
  ['randint', f(randint), [0, 3, [2], {}], ['low', 'high', 'shape', 'options']],
  ['randperm', f(randperm), [3, {}], ['n', 'options']],
  ['bernoulli', f(bernoulli), [t, {}], ['input', 'options']],
];

const INTERNAL = /Cannot read propert|is not a function|is not iterable|Cannot convert|undefined or null|Invalid typed array length/;

const cases = FACTORIES.flatMap(([name, fn, args, names]) =>
  args.flatMap((_, position) =>
    (names[position] === 'shape' ? SHAPE_WRONG : WRONG)
      // {} is a valid options object; a function or true as options, too, is refused
      .filter(([, value]) => !(names[position] === 'options' && typeof value === 'object' && value !== null))
      // arange(0, {}) is arange(0) with options, as torch.arange(0, dtype=…)
      .filter(([label]) => !(name === 'arange' && (names[position] === 'end' || names[position] === 'step') && label === '{}'))
      // tensor(true) is a 0-d bool tensor, as torch.tensor(True)
      .filter(([label]) => !(name === 'tensor' && names[position] === 'data' && label === 'true'))
      .map(([label, value]) => {
        const call = [...args];
        call[position] = value;
        return { label: `${name}(${names.map((n, i) => (i === position ? label : n)).join(', ')})`, fn, call, argument: names[position] as string };
      }),
  ),
);

describe('factories refuse wrong kinds at every argument', () => {
  it.each(cases)('$label', ({ fn, call, argument }) => {
    let error: unknown;
    try {
      fn(...call);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).not.toMatch(INTERNAL);
    // the message names the argument (data errors name the data's content instead)
    if (argument !== 'data') expect(message).toContain(argument === 'options' ? 'options' : `'${argument}'`);
  });
});
