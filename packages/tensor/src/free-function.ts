/**
 * How a method becomes a free function (`torch.exp(x)` is `x.exp()`): the function takes exactly
 * the method's arguments after the tensor and returns what the method returns. The exported free
 * functions are generated from free-function-names.ts.
 */
/** The function `(input, ...args) => input.name(...args)` of a method. */
export type FreeForm<T, K extends keyof T> = T[K] extends (...args: infer A) => infer R ? (input: T, ...args: A) => R : never;

/**
 * Builds the free-function form of the method `name` of `T` (a Tensor class), typed from the
 * method (its last overload).
 *
 * @example
 * const exp = freeFunction<Tensor, 'exp'>('exp');
 * exp(tensor([0])); // tensor([1.])
 */
export function freeFunction<T extends object, K extends keyof T & string>(name: K): FreeForm<T, K> {
  const call = (input: T, ...args: unknown[]): unknown => {
    if (typeof input !== 'object' || input === null || typeof (input as Record<string, unknown>)[name] !== 'function') {
      throw new TypeError(`${name}(): argument 'input' (position 1) must be Tensor, not ${input === null ? 'null' : typeof input}`);
    }
    return ((input as Record<string, unknown>)[name] as (...a: unknown[]) => unknown).apply(input, args);
  };
  return call as FreeForm<T, K>;
}
