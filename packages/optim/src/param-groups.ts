/**
 * Parameter groups: what the constructor and `addParamGroup` accept, and the checks PyTorch runs
 * on them (ordered collections of leaf tensors, no parameter twice) before anything is stored.
 */
import { Tensor } from '@descent/autograd';
import { checkKinds, checkNoNaN, copyOptions, describeValue, withDefaults } from './options';

/** A parameter group as the caller gives it: its params and any per-group options. */
export type ParamGroupInput<O> = { params: Iterable<Tensor> } & Partial<O>;

/** What an optimizer accepts: parameters, or groups of parameters with their own options. */
export type ParamsInput<O> = Iterable<Tensor> | Iterable<ParamGroupInput<O>>;

/** A parameter group after construction: every option filled in. */
export type ParamGroup<O> = O & { params: Tensor[]; [key: string]: unknown };

/** True for an autograd tensor. */
export function isTensor(x: unknown): x is Tensor {
  return x instanceof Tensor;
}

/** True for a non-null object that is not an array or a tensor (an options record or a group). */
export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof Tensor);
}

/**
 * The constructor's `params` as a list of groups, every group checked and no parameter in two of
 * them, so a bad group throws before anything is built.
 */
export function groupsOf<O>(params: ParamsInput<O>): ParamGroupInput<O>[] {
  const iterable = typeof params === 'object' && params !== null && typeof (params as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function';
  if (!iterable) {
    throw new TypeError(
      `params argument given to the optimizer should be an iterable of Tensors or dicts, but got ${describeValue(params)}`,
    );
  }
  if (params instanceof Set) {
    throw new TypeError(
      'params argument given to the optimizer should be an iterable of Tensors or dicts, but got Set (its order is not stable)',
    );
  }
  if (isTensor(params)) {
    throw new TypeError(
      'params argument given to the optimizer should be an iterable of Tensors or dicts, but got Tensor',
    );
  }
  const list = [...(params as Iterable<Tensor | ParamGroupInput<O>>)];
  if (list.length === 0) throw new RangeError('optimizer got an empty parameter list');
  // As PyTorch: a list whose first item is not a group (a dict) is a list of parameters.
  const groups: ParamGroupInput<O>[] = !isRecord(list[0])
    ? [{ params: list as Tensor[] } as unknown as ParamGroupInput<O>]
    : (list as ParamGroupInput<O>[]);
  const seen = new Set<Tensor>();
  for (const g of groups) {
    const groupParams = checkGroup(g);
    if (groupParams.some((p) => seen.has(p)))
      throw new Error('some parameters appear in more than one parameter group');
    for (const p of groupParams) seen.add(p);
  }
  return groups;
}

/** The parameters of one group, checked: an ordered collection of distinct leaf tensors. */
export function checkGroup<O>(group: ParamGroupInput<O>): Tensor[] {
  if (!isRecord(group))
    throw new TypeError(`param group must be an object { params, ...options }, got ${describeValue(group)}`);
  const given = group.params as unknown;
  const iterable = typeof given === 'object' && given !== null && typeof (given as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function';
  if (!isTensor(given) && !iterable)
    throw new TypeError(`param group's params must be a Tensor or an iterable of Tensors, got ${describeValue(given)}`);
  if (group.params instanceof Set) {
    throw new TypeError(
      'optimizer parameters need to be organized in ordered collections, but the ordering of tensors in sets will change between runs. Please use a list instead.',
    );
  }
  const params = isTensor(group.params) ? [group.params] : [...group.params];
  for (const p of params) {
    if (!isTensor(p))
      throw new TypeError(
        `optimizer can only optimize Tensors, but one of the params is ${p === null ? 'null' : typeof p}`,
      );
    if (!p.isLeaf) throw new Error("can't optimize a non-leaf Tensor");
  }
  // PyTorch 1.13 only warns ("in future, this will cause an error"): the parameter would be
  // stepped twice per step. We make it the error.
  if (new Set(params).size !== params.length)
    throw new Error('optimizer contains a parameter group with duplicate parameters');
  return params;
}

/**
 * A new group with its missing (or `undefined`) options taken from `defaults`, checked against
 * the existing groups and the defaults' kinds; `validate` runs the optimizer's own checks last.
 */
export function fillGroup<O extends object>(
  owner: string,
  defaults: Readonly<O>,
  existing: readonly ParamGroup<O>[],
  group: ParamGroupInput<O>,
  validate: (group: ParamGroup<O>) => void,
): ParamGroup<O> {
  const params = checkGroup(group);
  for (const g of existing) {
    for (const p of g.params) {
      if (params.includes(p))
        throw new Error('some parameters appear in more than one parameter group');
    }
  }
  const options = copyOptions(group);
  checkKinds(defaults, options, `${owner}: parameter group`);
  const filled = {
    ...withDefaults(defaults as O, options as Partial<O>),
    params,
  } as ParamGroup<O>;
  // A default left undefined is PyTorch's `required` (SGD's lr): the group must give it.
  for (const [key, value] of Object.entries(filled)) {
    if (value === undefined)
      throw new Error(
        `parameter group didn't specify a value of required optimization parameter ${key}`,
      );
  }
  validate(filled);
  checkNoNaN(filled, `${owner}: parameter group`);
  return filled;
}
