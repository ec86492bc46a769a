/**
 * A value's type as error messages name it: the class name of an object (`Tensor`, `Array`),
 * otherwise `null` or the `typeof` word (`number`, `undefined`).
 *
 * @example
 * typeName(zeros([2])); // 'Tensor'
 */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return value.constructor?.name ?? 'Object';
  return typeof value;
}
